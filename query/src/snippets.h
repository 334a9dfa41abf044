// Snippets and matches: where in an item's text the query matched, found by running the
// analyzer on the text and comparing each token's terms with the query's (so "sprutbyte"
// marks "sprutbytesprogrammet", as it matched it), and a window of text around the best match.
#ifndef PROTOKOLL_QUERY_SNIPPETS_H_
#define PROTOKOLL_QUERY_SNIPPETS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protokoll/stemming/analyzer.h"
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

// About max_bytes of text around its densest cluster of matches, cut at word boundaries;
// the start of the text when nothing matches.
Snippet MakeSnippet(stemming::Analyzer* analyzer, std::string_view text, const Highlight& highlight,
                    std::size_t max_bytes = 240);

// text[begin, end) on one line: runs of whitespace as one space.
std::string OneLine(std::string_view text);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_SNIPPETS_H_
