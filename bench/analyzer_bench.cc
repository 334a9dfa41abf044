// Analysis throughput of Protokoll's Swedish analyzer next to Xapian's TermGenerator with
// Snowball on the same text. Text: the *.txt files of $PROTOKOLL_BENCH_TEXT, else of
// corpus/minutes/, else generated minutes-like text (Zipf-distributed vocabulary of board
// minutes with section marks, dates and numbers). Cold = a fresh analyzer (empty cache) per
// pass; warm = one analyzer reused, as the indexer does per thread.
#include <benchmark/benchmark.h>
#include <xapian.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace {

using protokoll::stemming::Analyzer;
using protokoll::stemming::Token;

std::string Generate(std::size_t bytes) {
  static const char* const kWords[] = {"och",
                                       "att",
                                       "i",
                                       "som",
                                       "för",
                                       "på",
                                       "det",
                                       "med",
                                       "om",
                                       "av",
                                       "kommunerna",
                                       "socialchefsnätverket",
                                       "beslut",
                                       "beslutar",
                                       "förslaget",
                                       "nätverket",
                                       "information",
                                       "diskussion",
                                       "ordförande",
                                       "sprutbytesprogrammet",
                                       "familjehemsplaceringar",
                                       "hemsjukvårdsavtalet",
                                       "socialtjänstlagen",
                                       "vårdavgifterna",
                                       "samverkan",
                                       "överenskommelsen",
                                       "länsstyrelsen",
                                       "utredningen",
                                       "minnesanteckningar",
                                       "referensgruppen",
                                       "äldreomsorgen",
                                       "ensamkommande",
                                       "barn",
                                       "unga",
                                       "missbruksvården",
                                       "ekonomiska",
                                       "förutsättningar",
                                       "uppföljning",
                                       "handlingsplan",
                                       "regionen",
                                       "vården",
                                       "arbetet",
                                       "samordning",
                                       "möjlighet",
                                       "tillsammans",
                                       "kommer",
                                       "behöver",
                                       "finns",
                                       "gjorde",
                                       "redogjorde",
                                       "informerar",
                                       "godkänns",
                                       "anteckningarna",
                                       "ledamöter",
                                       "verksamheten",
                                       "placeringar",
                                       "hälso-",
                                       "sjukvård",
                                       "omställningen",
                                       "nära",
                                       "vård",
                                       "psykisk",
                                       "hälsa",
                                       "socialnämnden",
                                       "budget",
                                       "prognos",
                                       "underskott",
                                       "medarbetare",
                                       "rekommendationer",
                                       "säkerställa",
                                       "tjänstepersoner",
                                       "stimulansmedel",
                                       "avvikelser"};
  constexpr std::size_t n = sizeof(kWords) / sizeof(kWords[0]);
  std::vector<double> w(n);
  for (std::size_t i = 0; i < n; ++i) w[i] = 1.0 / std::pow(i + 1.0, 0.9);
  std::discrete_distribution<std::size_t> pick(w.begin(), w.end());
  std::mt19937 rng(42);
  std::string text;
  int sentence = 0;
  while (text.size() < bytes) {
    if (sentence % 12 == 0) {
      text += "\n§ " + std::to_string(sentence / 12 + 1) + " Beslut 2020-09-" +
              std::to_string(10 + sentence % 20) + "\n";
    }
    int len = 6 + static_cast<int>(rng() % 14);
    for (int i = 0; i < len; ++i) {
      std::string word = kWords[pick(rng)];
      if (i == 0) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      text += word;
      text += i + 1 == len ? ". " : " ";
    }
    ++sentence;
  }
  return text;
}

const std::string& Text() {
  static const std::string text = [] {
    namespace fs = std::filesystem;
    std::vector<fs::path> dirs;
    if (const char* env = std::getenv("PROTOKOLL_BENCH_TEXT")) dirs.emplace_back(env);
    dirs.emplace_back(std::string(PROTOKOLL_SOURCE_DIR) + "/corpus/minutes");
    for (const fs::path& dir : dirs) {
      std::error_code ec;
      std::string all;
      for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        all += ss.str();
        all += "\n";
      }
      if (all.size() > 10000) return all;
    }
    return Generate(1 << 20);
  }();
  return text;
}

void SetBytes(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(Text().size()));
}

void BM_XapianTermGenerator(benchmark::State& state) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("swedish"));
  for (auto _ : state) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(Text());
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  SetBytes(state);
}
BENCHMARK(BM_XapianTermGenerator)->Unit(benchmark::kMillisecond);

void BM_AnalyzerWarm(benchmark::State& state) {
  std::unique_ptr<Analyzer> analyzer;
  if (!Analyzer::Open({}, &analyzer).ok()) {
    state.SkipWithError("cannot open analyzer (hunspell-sv missing?)");
    return;
  }
  std::vector<Token> tokens;
  analyzer->Analyze(Text(), &tokens);  // fill the cache
  for (auto _ : state) {
    analyzer->Analyze(Text(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  SetBytes(state);
}
BENCHMARK(BM_AnalyzerWarm)->Unit(benchmark::kMillisecond);

void BM_AnalyzerCold(benchmark::State& state) {
  std::vector<Token> tokens;
  for (auto _ : state) {
    state.PauseTiming();  // opening (loading hunspell) is not analysis
    std::unique_ptr<Analyzer> analyzer;
    if (!Analyzer::Open({}, &analyzer).ok()) {
      state.SkipWithError("cannot open analyzer (hunspell-sv missing?)");
      return;
    }
    state.ResumeTiming();
    analyzer->Analyze(Text(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
    state.PauseTiming();
    analyzer.reset();
    state.ResumeTiming();
  }
  SetBytes(state);
}
BENCHMARK(BM_AnalyzerCold)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
