// Saved searches ("watches") that report what is new: each remembers a query, its filters
// and the last generation of the database (see schema.h) it was reported at; a run prints,
// per watch, every matching item added or changed since then and records the generation it
// read, only once its report was written. They are kept in a small SQLite file beside the
// database folder (WatchFile), not inside it, as protokoll-index replaces that folder
// whole when it rewrites the database compactly.
#ifndef PROTOKOLL_QUERY_WATCH_H_
#define PROTOKOLL_QUERY_WATCH_H_

#include <ostream>
#include <string>
#include <vector>

#include "protokoll/query/options.h"
#include "protokoll/status.h"

namespace protokoll::query {

enum class WatchFormat { kText, kJson, kAtom };

struct WatchRunOptions {
  std::string db = "./protokoll-db";  // database folder
  std::vector<std::string> names;     // the watches to run, in this order; empty: all of them
  WatchFormat format = WatchFormat::kText;
  bool dry_run = false;  // report, but record nothing: the next run reports the same
};

// The file the watches of the database at db are kept in: "DIR.watches.sqlite" beside it.
std::string WatchFile(const std::string& db);

// Saves search (its db, query, kommun, county, topic, body, from and to) as watch name, starting
// at the database's current generation: what it finds now is not new. Writes a line saying
// so to out. InvalidArgument for a name taken, an empty name or a bad query.
Status AddWatch(const QueryOptions& search, const std::string& name, std::ostream& out);
// Lists the watches of db: text (name, generation last reported, query and filters) or, with
// json, one object a line: {"name", "query", "filters", "generation", "created",
// "reported"}.
Status ListWatches(const std::string& db, bool json, std::ostream& out);
// Removes watch name of db; InvalidArgument if there is none.
Status RemoveWatch(const std::string& db, const std::string& name, std::ostream& out);
// Reports what is new for each watch on out (text: only the watches with something new, so
// that cron mails nothing on a quiet day; json: one object a line a watch, {"name", "query",
// "since_generation", "generation", "hits"} with hits as the search JSON gives them; atom:
// one feed, an entry an item, its category the watch). Then, unless dry_run and only when
// out took the whole report, records the generation read. Concurrent runs take turns.
Status RunWatches(const WatchRunOptions& options, std::ostream& out, std::ostream& err);

bool WatchFormatNamed(const std::string& name, WatchFormat* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_WATCH_H_
