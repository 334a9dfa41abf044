// Stats: matching items and meetings per bucket (year, municipality, county, topic, body) and
// the share of all items in that bucket, counted exactly over the whole match set.
#ifndef PROTOKOLL_QUERY_STATS_H_
#define PROTOKOLL_QUERY_STATS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"
#include "searcher.h"

namespace protokoll::query {

struct StatsRow {
  std::string bucket;                      // "2020", "Berg", "(none)" for items without one
  std::uint64_t items = 0;                 // matching items in the bucket
  std::uint64_t meetings = 0;              // meetings with a matching item in the bucket
  std::optional<std::uint64_t> all_items;  // all items in the bucket (unknown for "(none)")
  std::optional<double> share;             // items / all_items
};

struct StatsResult {
  std::string query;
  std::string by;              // "year", "municipality", ...
  std::uint64_t items = 0;     // matching items in all
  std::uint64_t meetings = 0;  // matching meetings in all
  std::vector<StatsRow> rows;  // years in order; other buckets most items first
};

// The name of a StatsBy for output ("year").
std::string StatsByName(StatsBy by);

Status BuildStats(Searcher* searcher, const QueryOptions& options, StatsResult* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_STATS_H_
