// Matter: the history of one case. Every item, in any meeting, that carries a case number
// (diarienummer), oldest meeting first, with its decision: what was decided on the matter,
// where and when. The number may be written any way minutes write it (schema::CaseNumberKey).
#ifndef PROTOKOLL_QUERY_MATTER_H_
#define PROTOKOLL_QUERY_MATTER_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"
#include "searcher.h"

namespace protokoll::query {

struct MatterResult {
  std::string query;                          // the case number as given
  std::size_t total = 0;                      // items before offset/limit
  std::vector<nlohmann::ordered_json> items;  // each item's hit data (item, decision, dnr ...)
};

// The query that finds the items of the case number: dnr:"number". InvalidArgument when number
// is none (no digit, or characters no case number has).
Status MatterQuery(std::string_view number, std::string* query);

// The items of options.query's case number (searcher opened on MatterQuery's query): dated
// meetings oldest first (items in their meeting's order), undated ones last.
Status BuildMatter(Searcher* searcher, const QueryOptions& options, MatterResult* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_MATTER_H_
