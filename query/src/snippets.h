// Snippets and matches: where in an item's text the query matched, found by running the
// analyzer on the text and comparing each token's terms with the query's (so "sprutbyte"
// marks "sprutbytesprogrammet", as it matched it), and a window of text around the best match.
#ifndef PROTOKOLL_QUERY_SNIPPETS_H_
#define PROTOKOLL_QUERY_SNIPPETS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "protokoll/stemming/analyzer.h"
#include "protokoll/string_hash.h"
#include "query_builder.h"

namespace protokoll::query {

// A byte span [begin, end) in a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The spans of text's words (and phrases) that match highlight, in text order.
std::vector<Span> FindMatches(stemming::Analyzer* analyzer, std::string_view text,
                              const Highlight& highlight);

struct Snippet {
  std::string text;           // one line: whitespace collapsed, "…" where cut
  std::vector<Span> matches;  // the matched words, as byte spans of text
};

// Makes the snippets of one query's hits: the needles to look for, and the matches in each
// distinct candidate word, are worked out once a query rather than once a hit. highlight
// must outlive the maker.
class SnippetMaker {
 public:
  SnippetMaker(stemming::Analyzer* analyzer, const Highlight& highlight);
  ~SnippetMaker();
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;

  // About max_bytes of text around its densest cluster of matches, cut at word boundaries;
  // the start of the text when nothing matches.
  Snippet Make(std::string_view text, std::size_t max_bytes = 240);

  struct Needle;

 private:
  // Distinct candidate regions remembered; the memo starts again when full.
  static constexpr std::size_t kMaxMemo = 4096;

  const std::vector<Span>& RegionMatches(std::string_view region);

  stemming::Analyzer* analyzer_;
  const Highlight& highlight_;
  std::vector<Needle> needles_;
  std::unordered_map<std::string, std::vector<Span>, StringHash, std::equal_to<>> memo_;
};

// SnippetMaker(analyzer, highlight).Make(text, max_bytes), for one text.
Snippet MakeSnippet(stemming::Analyzer* analyzer, std::string_view text, const Highlight& highlight,
                    std::size_t max_bytes = 240);

// text[begin, end) on one line: runs of whitespace as one space.
std::string OneLine(std::string_view text);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_SNIPPETS_H_
