// QueryOptions: everything one run of protokoll-query needs, filled from the command line by
// the tool (or by tests and other front ends) and handed to protokoll::query::Run.
#ifndef PROTOKOLL_QUERY_OPTIONS_H_
#define PROTOKOLL_QUERY_OPTIONS_H_

#include <string>
#include <vector>

namespace protokoll::query {

enum class Command { kSearch, kTimeline, kStats, kKwic, kMatter };
enum class Format { kText, kJson, kCsv };
// kDate: newest first; kAdded: newest in the archive first (by generation, see schema.h,
// then by meeting date, newest first).
enum class SortOrder { kRelevance, kDate, kDateAsc, kAdded };
enum class StatsBy { kYear, kMunicipality, kCounty, kTopic, kBody };

struct QueryOptions {
  Command command = Command::kSearch;
  std::string db = "./protokoll-db";  // database folder
  std::string query;                  // the query, in the query language (see QueryHelp);
                                      // matter: the case number
  std::vector<std::string> kommun;    // --kommun: municipality filters (any of them)
  std::vector<std::string> county;    // --county: county filters (any of them)
  std::vector<std::string> topic;     // --topic: topic filters (any of them)
  std::vector<std::string> body;      // --body: bodies (any of them), each matched as the
                                      // query language's organ: (a part of a name finds all
                                      // bodies that have it)
  std::string from;                   // --from: first meeting date, YYYY[-MM[-DD]]
  std::string to;                     // --to: last meeting date, YYYY[-MM[-DD]]
  SortOrder sort = SortOrder::kRelevance;
  int limit = -1;  // rows to print; -1: 10 for search, all for the others
  int offset = 0;  // rows to skip (paging)
  Format format = Format::kText;
  bool facets = false;              // search: count kommun/län/organ/ämne/år over all matches
  bool collapse = false;            // search: one hit per meeting
  std::vector<std::string> prefer;  // "kommun:X", "län:X", "ämne:X": ranked first, not filtered
  bool recent = false;              // weigh newer meetings up
  StatsBy by = StatsBy::kYear;      // stats: the buckets
  int width = 40;                   // kwic: characters of context on each side
  bool color = false;               // text: mark matches in ANSI bold instead of [[ ]]
  // Only items added or changed in a generation after after_generation (-1: any) and not
  // after through_generation (-1: any), as protokoll-index numbers its runs (schema.h).
  long long after_generation = -1;
  long long through_generation = -1;
  // The query as written: with no item that has all the words, no items with some of them
  // instead, and no spelling suggestion (a saved search must not widen by itself).
  bool strict = false;
  // JSON: each hit also gives its "generation" and the UTC time it was committed ("added").
  bool generations = false;
  // Seconds a command may take before it stops with a kLimitExceeded status instead of an
  // answer; 0: no limit. A server sets one so that one broad export cannot hold it.
  double time_limit = 0;
  // --allow-partial: a stub database's shards that do not answer are left out (named on err)
  // instead of failing the query.
  bool allow_partial = false;
};

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_OPTIONS_H_
