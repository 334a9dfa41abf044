#include "kwic.h"

#include <algorithm>

namespace protokoll::query {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The last n code points of s (after collapsing whitespace).
std::string Tail(std::string s, int n) {
  std::size_t i = s.size();
  for (int k = 0; k < n && i > 0; ++k) {
    --i;
    while (i > 0 && IsContinuation(s[i])) --i;
  }
  return s.substr(i);
}

// The first n code points of s.
std::string Head(std::string s, int n) {
  std::size_t i = 0;
  for (int k = 0; k < n && i < s.size(); ++k) {
    ++i;
    while (i < s.size() && IsContinuation(s[i])) ++i;
  }
  return s.substr(0, i);
}

}  // namespace

KwicLine MakeKwicLine(std::string_view text, Span span, int width) {
  KwicLine line;
  // Enough bytes for width characters even after whitespace collapsing.
  std::size_t reach = static_cast<std::size_t>(std::max(width, 0)) * 4 + 8;
  std::size_t lb = span.begin > reach ? span.begin - reach : 0;
  while (lb > 0 && IsContinuation(text[lb])) --lb;
  std::string left = OneLine(text.substr(lb, span.begin - lb));
  if (span.begin > 0 && (text[span.begin - 1] == ' ' || text[span.begin - 1] == '\n' ||
                         text[span.begin - 1] == '\t')) {
    left += ' ';
  }
  line.left = Tail(left, width);
  line.match = OneLine(text.substr(span.begin, span.end - span.begin));
  std::string_view after = text.substr(span.end, reach);
  std::string right = OneLine(after);
  if (!after.empty() && (after[0] == ' ' || after[0] == '\n' || after[0] == '\t'))
    right = " " + right;
  line.right = Head(right, width);
  return line;
}

Status BuildKwic(Searcher* searcher, const QueryOptions& options, KwicResult* out) {
  *out = KwicResult();
  out->query = options.query;
  const std::size_t from = std::max(0, options.offset);
  const std::size_t want = options.limit < 0 ? SIZE_MAX : from + options.limit;
  SortOrder order = options.sort == SortOrder::kRelevance ? SortOrder::kDateAsc : options.sort;
  std::string text;
  Status s = searcher->ForEach(order, [&](const Match& m) {
    nlohmann::ordered_json data = HitData(searcher->items(), m, &text);
    for (const Span& span : FindMatches(searcher->analyzer(), text, searcher->highlight())) {
      if (out->total++ < from) continue;
      KwicLine line = MakeKwicLine(text, span, options.width);
      line.data = data;
      out->lines.push_back(std::move(line));
      if (out->total >= want) return false;
    }
    return true;
  });
  return s;
}

}  // namespace protokoll::query
