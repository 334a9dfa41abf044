// The page's views, in Swedish, rendered on the server from the JSON answers the API gives
// (search, timeline, stats, kwic, item), so the page shows exactly what the API and
// protokoll-query answer. Every state is in the URL: query, filters, dates, sort, page.
#ifndef PROTOKOLL_SERVER_PAGES_H_
#define PROTOKOLL_SERVER_PAGES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "params.h"

namespace protokoll::server {

// What every view shows besides its answer.
struct PageContext {
  Params params;                   // the request's parameters
  std::string last_indexed;        // when the database was last committed, "" if unknown
  std::vector<std::string> notes;  // the query tools' notes (relaxed query, unknown names)
  std::string error;               // a bad query's message, shown in place of an answer
};

// "/": the search box, and the hits and facets of answer when it is an object.
std::string SearchPage(const PageContext& c, const nlohmann::json& answer);
// "/item/<id>": the item whole with the query's matches marked, and its meeting.
std::string ItemPage(const PageContext& c, const nlohmann::json& item);
// "/tidslinje": decisions and positions in date order, over a chart of items per year.
std::string TimelinePage(const PageContext& c, const nlohmann::json& timeline,
                         const nlohmann::json& per_year);
// "/statistik": counts per bucket as a table and a bar chart, with a CSV link.
std::string StatsPage(const PageContext& c, const nlohmann::json& stats);
// "/kwic": keyword-in-context lines, with a CSV link.
std::string KwicPage(const PageContext& c, const nlohmann::json& kwic);
// "/hjalp": the query language, in Swedish.
std::string HelpPage(const PageContext& c);
// A page for an error status (404, 503 ...).
std::string ErrorPage(const PageContext& c, int status, const std::string& message);
// An Atom feed of a search answer (JSON, its hits newest in the archive first); base is the
// server's URL ("http://host:port"), self the feed's own.
std::string AtomFeed(const Params& params, const std::string& answer, const std::string& base,
                     const std::string& self, const std::string& updated);
// The style sheet the views link to.
const std::string& StyleSheet();

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_PAGES_H_
