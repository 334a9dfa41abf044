#include "stopwords.h"

#include <cstddef>
#include <string>
#include <unordered_set>

#include "compound_lexicon.h"

extern const char* const kStopwordsTxt;
extern const std::size_t kStopwordsTxt_size;

namespace protokoll::stemming {
namespace {

using StopSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

StopSet* BuildStopwords() {
  auto* set = new StopSet;
  std::string_view data(kStopwordsTxt, kStopwordsTxt_size);
  while (!data.empty()) {
    std::size_t eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data = eol == std::string_view::npos ? std::string_view() : data.substr(eol + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    set->emplace(line);
  }
  return set;
}

}  // namespace

bool IsStopword(std::string_view folded_word) {
  // Built on first use and never freed: no destruction-order issues at exit.
  static const StopSet* const stopwords = BuildStopwords();
  return stopwords->find(folded_word) != stopwords->end();
}

}  // namespace protokoll::stemming
