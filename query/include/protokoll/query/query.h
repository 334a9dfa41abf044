// The query tools' one entry point: run a command (search, timeline, stats, kwic, matter)
// against a Protokoll database and write its answer. Errors come back as a Status, never as
// exceptions.
#ifndef PROTOKOLL_QUERY_QUERY_H_
#define PROTOKOLL_QUERY_QUERY_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"

namespace protokoll::query {

// Runs options.command, writing the answer to out and notes (relaxed queries, unknown
// names) to err.
Status Run(const QueryOptions& options, std::ostream& out, std::ostream& err);

// How a session opens its database.
struct SessionOptions {
  // A stub database's shards that do not answer (a remote one down) are left out instead of
  // failing the open; Session::missing_shards() names them.
  bool allow_partial = false;
};

// A database and analyzer opened once for many queries (benchmarks, long-running front ends).
// A stub database of shards (local, remote through xapian-tcpsrv, or a mix) is searched as
// one database; its shards are reopened before each query, so new commits are seen.
class Session {
 public:
  // Opens the database at db_path and the analyzer.
  static Status Open(const std::string& db_path, std::unique_ptr<Session>* session);
  static Status Open(const std::string& db_path, const SessionOptions& options,
                     std::unique_ptr<Session>* session);
  virtual ~Session() = default;
  // As Run(), on this session's database; options.db is ignored.
  virtual Status Run(const QueryOptions& options, std::ostream& out, std::ostream& err) = 0;
  // Writes item item_id whole as JSON: {"item": {a search hit's keys, "text",
  // "match_offsets" of query's matches in the text}, "meeting_items": [{"item_id", "number",
  // "title", "decision"}] of its meeting in order}. NotFound for an unknown id.
  virtual Status Item(const std::string& item_id, const std::string& query, std::ostream& out) = 0;
  // The file the indexer read for meeting_id, as the database stores it; NotFound if none.
  virtual Status MeetingFile(const std::string& meeting_id, std::string* file) = 0;
  // The last generation committed in the session's database, as Run sees it (the same
  // snapshot), and its UTC time ("" for 0, a database indexed before generations).
  virtual Status Generation(long long* generation, std::string* time) = 0;
  // The stub's shard lines left out (SessionOptions::allow_partial).
  virtual const std::vector<std::string>& missing_shards() const = 0;
};

// The options' values by name, as the tools take them ("date-asc", "json", "kommun");
// false for an unknown name.
bool SortOrderNamed(const std::string& name, SortOrder* out);
// The name of a sort order, as SortOrderNamed takes it.
std::string SortOrderName(SortOrder order);
bool FormatNamed(const std::string& name, Format* out);
bool StatsByNamed(const std::string& name, StatsBy* out);

// The process exit code for a status: 0 ok, 1 bad usage or query, 2 database trouble.
int ExitCode(const Status& status);

// A short description of the query language, for --help.
std::string_view QueryHelp();

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_QUERY_H_
