// HTML building blocks for the page: escaping (every text from a document or a request goes
// through Escape or Marked), links that carry a search's state in their query string, and the
// bar charts drawn as SVG on the server (no script on the page).
#ifndef PROTOKOLL_SERVER_HTML_H_
#define PROTOKOLL_SERVER_HTML_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace protokoll::server {

// text with & < > " ' as character references, for element content and quoted attributes.
std::string Escape(std::string_view text);

// text escaped, with the byte spans [begin, end) of matches (a JSON array of pairs, as
// match_offsets) inside <mark>; spans out of order or out of range are skipped.
std::string Marked(std::string_view text, const nlohmann::json& spans);

// A query string component: everything but unreserved characters percent-encoded.
std::string UrlEncode(std::string_view text);

// "?a=1&b=2" of the pairs with a value, each encoded; "" when none has one.
std::string QueryString(const std::vector<std::pair<std::string, std::string>>& params);

struct Bar {
  std::string label;
  double value = 0;
};

// A horizontal bar chart as inline SVG, with title and a text alternative for screen readers.
std::string BarChart(const std::vector<Bar>& bars, std::string_view title);

// A column chart of counts per year, for the timeline.
std::string YearChart(const std::vector<Bar>& years, std::string_view title);

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_HTML_H_
