// Throughput of the analysis chain on real minutes (bench_text.h), each next to a reference:
//   tokenize/  Protokoll's tokenizer alone vs the ICU word BreakIterator it is built on (the
//              floor) and Xapian's TermGenerator without a stemmer (Xapian's own tokenizing).
//   analyze/   the whole analyzer, warm (one analyzer reused, as the indexer does per thread)
//              and cold (a fresh analyzer, empty cache, dictionary loaded) vs Xapian's
//              TermGenerator with the Snowball Swedish stemmer.
// Names are group/system; bench/micro_report.py pairs the protokoll* rows of a group with the
// others as references and prints their ratios.
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "bench_text.h"
#include "protokoll/stemming/analyzer.h"
#include "tokenizer.h"

namespace {

using protokoll::bench::HaveText;
using protokoll::bench::SampleText;
using protokoll::bench::SetBytes;
using protokoll::stemming::Analyzer;
using protokoll::stemming::RawToken;
using protokoll::stemming::Token;
using protokoll::stemming::Tokenizer;

void TokenizeProtokoll(benchmark::State& state) {
  if (!HaveText(state)) return;
  std::unique_ptr<Tokenizer> tokenizer;
  if (!Tokenizer::Open(&tokenizer).ok()) {
    state.SkipWithError("cannot open the tokenizer");
    return;
  }
  std::vector<RawToken> tokens;
  std::size_t n = 0;
  for (auto _ : state) {
    n = tokenizer->Tokenize(SampleText(), &tokens);
    benchmark::DoNotOptimize(n);
  }
  state.counters["tokens"] = static_cast<double>(n);
  SetBytes(state, SampleText().size());
}

// The ICU pass alone: word boundaries over the same UTF-8 text, counting word segments.
void TokenizeIcu(benchmark::State& state) {
  if (!HaveText(state)) return;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale("sv", "SE"), status));
  if (U_FAILURE(status)) {
    state.SkipWithError("cannot open ICU word break iterator");
    return;
  }
  const std::string& text = SampleText();
  std::size_t n = 0;
  for (auto _ : state) {
    status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    words->setText(ut, status);
    n = 0;
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
      if (words->getRuleStatus() >= UBRK_WORD_NUMBER) ++n;
    }
    words->setText(icu::UnicodeString());
    utext_close(ut);
    benchmark::DoNotOptimize(n);
  }
  state.counters["tokens"] = static_cast<double>(n);
  SetBytes(state, text.size());
}

void XapianTermGenerator(benchmark::State& state, bool stem) {
  if (!HaveText(state)) return;
  Xapian::TermGenerator generator;
  if (stem) generator.set_stemmer(Xapian::Stem("swedish"));
  for (auto _ : state) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(SampleText());
    benchmark::DoNotOptimize(doc.termlist_count());
  }
  SetBytes(state, SampleText().size());
}

// Opens an analyzer with its dictionary loaded: the dictionary may be loaded lazily, by the
// first word that needs it, which is not analysis of the text. The word is not in the text.
bool OpenLoaded(benchmark::State& state, std::unique_ptr<Analyzer>* analyzer) {
  if (!Analyzer::Open({}, analyzer).ok()) {
    state.SkipWithError("cannot open the analyzer (hunspell-sv missing?)");
    return false;
  }
  std::vector<Token> tokens;
  (*analyzer)->Analyze("bänkprovningsordet", &tokens);
  return true;
}

void AnalyzeWarm(benchmark::State& state) {
  if (!HaveText(state)) return;
  std::unique_ptr<Analyzer> analyzer;
  if (!OpenLoaded(state, &analyzer)) return;
  std::vector<Token> tokens;
  analyzer->Analyze(SampleText(), &tokens);  // fill the cache
  for (auto _ : state) {
    analyzer->Analyze(SampleText(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.counters["tokens"] = static_cast<double>(tokens.size());
  SetBytes(state, SampleText().size());
}

void AnalyzeCold(benchmark::State& state) {
  if (!HaveText(state)) return;
  std::vector<Token> tokens;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Analyzer> analyzer;
    if (!OpenLoaded(state, &analyzer)) return;
    state.ResumeTiming();
    analyzer->Analyze(SampleText(), &tokens);
    benchmark::DoNotOptimize(tokens.data());
    state.PauseTiming();
    analyzer.reset();
    state.ResumeTiming();
  }
  state.counters["tokens"] = static_cast<double>(tokens.size());
  SetBytes(state, SampleText().size());
}

}  // namespace

int main(int argc, char** argv) {
  using benchmark::RegisterBenchmark;
  RegisterBenchmark("tokenize/protokoll", TokenizeProtokoll)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("tokenize/icu_word_breaks", TokenizeIcu)->Unit(benchmark::kMillisecond);
  RegisterBenchmark("tokenize/xapian_termgen_nostem", XapianTermGenerator, false)
      ->Unit(benchmark::kMillisecond);
  RegisterBenchmark("analyze/protokoll_warm", AnalyzeWarm)->Unit(benchmark::kMillisecond);
  // Each cold pass reloads the dictionary outside the timing, which takes long: few passes.
  RegisterBenchmark("analyze/protokoll_cold", AnalyzeCold)
      ->Unit(benchmark::kMillisecond)
      ->Iterations(5);
  RegisterBenchmark("analyze/xapian_termgen_snowball", XapianTermGenerator, true)
      ->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
