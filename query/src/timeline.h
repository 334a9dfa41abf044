// Timeline: the decisions and stated positions on a topic in date order, one row per
// meeting item: the item's decision, or else the sentence of its text that states a position
// ("ställer sig bakom", "rekommenderar", "tillstyrker", "avstyrker" ...).
#ifndef PROTOKOLL_QUERY_TIMELINE_H_
#define PROTOKOLL_QUERY_TIMELINE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"
#include "searcher.h"

namespace protokoll::query {

struct TimelineRow {
  nlohmann::ordered_json data;  // the item's hit data (meeting_date, body, item, ...)
  std::string kind;             // "decision" or "position"
  std::string statement;        // the decision text or the position sentence, on one line
  double score = 0;
};

struct TimelineResult {
  std::string query;
  std::size_t total = 0;  // rows before offset/limit
  std::vector<TimelineRow> rows;
};

// The sentence of text that states a position (preferring one with a match); "" if none.
std::string PositionSentence(std::string_view text, const std::vector<Span>& matches);

Status BuildTimeline(Searcher* searcher, const QueryOptions& options, TimelineResult* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_TIMELINE_H_
