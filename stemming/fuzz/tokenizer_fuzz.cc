// libFuzzer target for the analysis chain (tokenizer first): any bytes in, no crash, offsets
// inside the input, every term short enough for Xapian. Build with -DPROTOKOLL_FUZZ=ON and
// clang; run: tokenizer_fuzz -max_len=4096 corpus_dir/
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace {

protokoll::stemming::Analyzer* analyzer = nullptr;

}  // namespace

// The chain is opened, and loads its dictionaries (hunspell's, Apertium's transducer) with a
// first word, before the first input: the loading takes seconds under ASan on a busy machine,
// which libFuzzer would count against one input's -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using protokoll::stemming::Analyzer;
  std::unique_ptr<Analyzer> a;
  if (!Analyzer::Open({}, &a).ok()) std::abort();  // the fuzzer needs hunspell-sv
  std::vector<protokoll::stemming::Token> tokens;
  a->Analyze("sammanträdesprotokollet", &tokens);
  analyzer = a.release();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<protokoll::stemming::Token> tokens;
  analyzer->Analyze(text, &tokens);
  for (const auto& token : tokens) {
    if (token.begin > token.end || token.end > size || token.terms.empty()) std::abort();
    for (const auto& term : token.terms) {
      if (term.text.empty() || term.text.size() > 245) std::abort();
    }
  }
  (void)analyzer->Fold(text);
  return 0;
}
