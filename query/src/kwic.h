// KWIC: keyword in context, one line per occurrence of a query match in the matching items'
// text, with width characters of context each side and the meeting's metadata, for reading
// down a column or exporting to R or Python.
#ifndef PROTOKOLL_QUERY_KWIC_H_
#define PROTOKOLL_QUERY_KWIC_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"
#include "searcher.h"

namespace protokoll::query {

struct KwicLine {
  std::string left;             // width characters before the match, on one line
  std::string match;            // the matched word or phrase as written
  std::string right;            // width characters after it
  nlohmann::ordered_json data;  // the item's hit data (meeting_date, body, file, item ...)
};

struct KwicResult {
  std::string query;
  std::size_t total = 0;  // lines found (all of them unless a limit stopped the walk)
  std::vector<KwicLine> lines;
};

// The line for the match text[span] with width characters (code points) each side.
KwicLine MakeKwicLine(std::string_view text, Span span, int width);

Status BuildKwic(Searcher* searcher, const QueryOptions& options, KwicResult* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_KWIC_H_
