#include "stopwords.h"

#include <cstddef>
#include <string>
#include <unordered_set>

#include "compound_lexicon.h"
#include "protokoll/data_lines.h"
#include "protokoll/string_hash.h"

extern const char* const kStopwordsTxt;
extern const std::size_t kStopwordsTxt_size;

namespace protokoll::stemming {
namespace {

using StopSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

StopSet* BuildStopwords() {
  auto* set = new StopSet;
  ForEachDataLine(std::string_view(kStopwordsTxt, kStopwordsTxt_size), [&](std::string_view line) {
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    set->emplace(line);
  });
  return set;
}

}  // namespace

bool IsStopword(std::string_view folded_word) {
  // Built on first use and never freed: no destruction-order issues at exit.
  static const StopSet* const stopwords = BuildStopwords();
  return stopwords->find(folded_word) != stopwords->end();
}

}  // namespace protokoll::stemming
