// Query parsing, per query:
//   query_parse/protokoll_syntax  the query language's parser alone (text -> syntax tree)
//   query_parse/protokoll_build   parser + query builder (analysis, synonyms, field filters)
//                                 -> Xapian::Query, one builder per query as the searcher has
//   query_parse/xapian_queryparser  Xapian's QueryParser as Omega sets it up (Swedish stemmer,
//                                 STEM_SOME, default OR) with the same field prefixes
// The queries: $PROTOKOLL_BENCH_QUERIES (gen_corpus.py's TSV with a "query" column, or one
// query a line) when set, else the examples below, which use every construct of the language.
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench_text.h"
#include "protokoll/stemming/analyzer.h"
#include "query_builder.h"
#include "query_parser.h"

namespace {

using protokoll::bench::SetItems;
using protokoll::query::BuiltQuery;
using protokoll::query::Node;
using protokoll::query::ParseQuery;
using protokoll::query::QueryBuilder;
using protokoll::stemming::Analyzer;

const char* const kExamples[] = {
    "sprutbyte",
    "sprutbytesprogrammet",
    "familjehem kommun:Bräcke",
    "beslut:familjehem",
    "\"god och nära vård\"",
    "hemsjukvård AND avtal",
    "missbruk OR beroende",
    "placering NOT hvb",
    "psykisk NEAR/5 ohälsa",
    "äldreomsorg*",
    "(barn OR unga) AND socialtjänst",
    "rubrik:budget år:2020",
    "datum:2019-01-01..2020-12-31 ensamkommande",
    "län:jämtland ämne:missbruk",
    "organ:socialchefsnätverket samverkan",
    "+hemlöshet -bostad",
    "kompetensförsörjning socialsekreterare",
    "\"våld i nära relation\" kommun:Bergs",
    "försörjningsstöd arbetsmarknad",
    "LSS boende",
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  std::istringstream in(line);
  for (std::string cell; std::getline(in, cell, '\t');) cells.push_back(cell);
  return cells;
}

std::vector<std::string> LoadQueries() {
  std::vector<std::string> out;
  const char* env = std::getenv("PROTOKOLL_BENCH_QUERIES");
  std::ifstream in(env && *env ? env : "");
  std::size_t column = 0;  // of the "query" header, if the file is a TSV with one
  bool first = true;
  for (std::string line; std::getline(in, line); first = false) {
    std::vector<std::string> cells = SplitTabs(line);
    if (first) {
      auto it = std::find(cells.begin(), cells.end(), "query");
      if (it != cells.end()) {
        column = static_cast<std::size_t>(it - cells.begin());
        continue;
      }
    }
    if (column < cells.size() && !cells[column].empty() && cells[column][0] != '#') {
      out.push_back(cells[column]);
    }
  }
  if (out.empty()) out.assign(std::begin(kExamples), std::end(kExamples));
  return out;
}

const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = LoadQueries();
  return queries;
}

void ParseSyntax(benchmark::State& state) {
  std::size_t failed = 0;
  for (auto _ : state) {
    failed = 0;
    for (const std::string& q : Queries()) {
      Node root;
      failed += !ParseQuery(q, &root).ok();
      benchmark::DoNotOptimize(root.children.data());
    }
  }
  state.counters["queries"] = static_cast<double>(Queries().size());
  state.counters["failed"] = static_cast<double>(failed);
  SetItems(state, Queries().size());
}

void ParseBuild(benchmark::State& state) {
  std::unique_ptr<Analyzer> analyzer;
  if (!Analyzer::Open({}, &analyzer).ok()) {
    state.SkipWithError("cannot open the analyzer (hunspell-sv missing?)");
    return;
  }
  Xapian::Database db;  // empty: wildcards expand to nothing, which costs the same lookup
  auto pass = [&] {
    std::size_t failed = 0;
    const bool phrase_terms = QueryBuilder::PhraseTermsIndexed(db);  // once, as a session does
    for (const std::string& q : Queries()) {
      Node root;
      BuiltQuery built;
      QueryBuilder builder(analyzer.get(), db, phrase_terms);
      failed += !(ParseQuery(q, &root).ok() && builder.Build(root, false, &built).ok());
      benchmark::DoNotOptimize(built.query.get_length());
    }
    return failed;
  };
  std::size_t failed = 0;
  try {
    pass();  // warm: dictionary and cache, as a session after its first query
    for (auto _ : state) failed = pass();
  } catch (const Xapian::Error& e) {
    state.SkipWithError(e.get_description().c_str());
    return;
  }
  state.counters["queries"] = static_cast<double>(Queries().size());
  state.counters["failed"] = static_cast<double>(failed);
  SetItems(state, Queries().size());
}

void ParseXapian(benchmark::State& state) {
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("swedish"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  for (const char* name : {"kommun", "län", "organ", "ämne", "år", "datum"}) {
    parser.add_boolean_prefix(name, std::string("X") + name);
  }
  parser.add_prefix("beslut", "XD");
  parser.add_prefix("rubrik", "S");
  const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;
  std::size_t failed = 0;
  for (auto _ : state) {
    failed = 0;
    for (const std::string& q : Queries()) {
      try {
        Xapian::Query query = parser.parse_query(q, flags);
        benchmark::DoNotOptimize(query.get_length());
      } catch (const Xapian::Error&) {
        ++failed;
      }
    }
  }
  state.counters["queries"] = static_cast<double>(Queries().size());
  state.counters["failed"] = static_cast<double>(failed);
  SetItems(state, Queries().size());
}

}  // namespace

int main(int argc, char** argv) {
  using benchmark::RegisterBenchmark;
  RegisterBenchmark("query_parse/protokoll_syntax", ParseSyntax)->Unit(benchmark::kMicrosecond);
  RegisterBenchmark("query_parse/protokoll_build", ParseBuild)->Unit(benchmark::kMicrosecond);
  RegisterBenchmark("query_parse/xapian_queryparser", ParseXapian)->Unit(benchmark::kMicrosecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
