// protokoll-analyze: shows how the analyzer turns text into index terms.
#include <boost/program_options.hpp>
#include <cstdint>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace po = boost::program_options;
using protokoll::stemming::Analyzer;
using protokoll::stemming::Term;
using protokoll::stemming::Token;

namespace {

// What a term is: the token's surface form, a lemma (with its part of speech when the
// analyser knew it: "lemma:n"), or a part: a compound's, or the verb of a participle or a
// passive ("part:v").
std::string Kind(const Term& term) {
  if (term.positional) return "surface";
  const bool part = !term.text.empty() && term.text[0] == protokoll::stemming::kPartMark;
  std::size_t mark = term.text.find(protokoll::stemming::kPosMark);
  const std::string kind = part ? "part" : "lemma";
  return mark == std::string::npos ? kind : kind + ":" + term.text.substr(mark + 1);
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description visible(
      "Usage: protokoll-analyze [--json] [TEXT...]\n"
      "Shows, per token, the index terms the Swedish analyzer makes, their weights and kinds\n"
      "(surface form, lemma with its part of speech when known, compound part, the verb of a\n"
      "participle or passive as a part with its part of speech).\n"
      "Without TEXT the text is read from standard input (one word a line works too).\n"
      "Options");
  visible.add_options()("help,h", "show this help")(
      "json",
      "print one JSON object a token: {\"token\", \"type\", \"terms\", \"weights\", "
      "\"kinds\"} (kinds: surface, lemma, lemma:POS, part, part:v)")(
      "no-modifier-parts",
      "index only compound heads as parts, not modifiers (\"program\" but "
      "not \"sprutbyte\" for \"sprutbytesprogrammet\")")("dictionary", po::value<std::string>(),
                                                         "folder with sv_SE.aff/sv_SE.dic (default "
                                                         "/usr/share/hunspell)");
  po::options_description all;
  all.add(visible).add_options()("text", po::value<std::vector<std::string>>(), "text");
  po::positional_options_description pos;
  pos.add("text", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
  } catch (const po::error& e) {
    std::cerr << "protokoll-analyze: " << e.what() << " (see --help)\n";
    return 1;
  }
  if (vm.count("help")) {
    std::cout << visible << "\n";
    return 0;
  }
  protokoll::stemming::AnalyzerOptions options;
  if (vm.count("no-modifier-parts")) options.modifier_parts = false;
  if (vm.count("dictionary")) options.hunspell_dir = vm["dictionary"].as<std::string>();
  std::unique_ptr<Analyzer> analyzer;
  protokoll::Status s = Analyzer::Open(options, &analyzer);
  if (!s.ok()) {
    std::cerr << "protokoll-analyze: " << s.message() << "\n";
    return 2;
  }
  std::string text;
  if (vm.count("text")) {
    for (const auto& t : vm["text"].as<std::vector<std::string>>()) text += t + " ";
  } else {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::vector<Token> tokens;
  analyzer->Analyze(text, &tokens);
  const bool json = vm.count("json") > 0;
  for (const Token& token : tokens) {
    if (json) {
      nlohmann::json terms = nlohmann::json::array(), weights = nlohmann::json::array(),
                     kinds = nlohmann::json::array();
      for (const auto& term : token.terms) {
        terms.push_back(term.text);
        weights.push_back(term.weight);
        kinds.push_back(Kind(term));
      }
      static constexpr const char* kTypes[] = {"word", "number", "code"};
      nlohmann::json o = {{"token", token.text},
                          {"type", kTypes[static_cast<int>(token.type)]},
                          {"terms", terms},
                          {"weights", weights},
                          {"kinds", kinds}};
      std::cout << o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << token.text;
      for (const auto& term : token.terms) {
        std::cout << "\t" << term.text << ":" << term.weight << " (" << Kind(term) << ")";
      }
      std::cout << "\n";
    }
  }
  return 0;
}
