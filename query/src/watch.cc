// Watches: saved searches in SQLite beside the database, run through the query session (one
// database snapshot for the generation and the hits) and the JSON, text and Atom writers.
#include "protokoll/query/watch.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "protokoll/query/atom.h"
#include "protokoll/query/query.h"

namespace protokoll::query {
namespace {

namespace fs = std::filesystem;
using ojson = nlohmann::ordered_json;

// A report is made again from a fresh snapshot this many times when indexing moved the
// database on under it (Xapian's DatabaseModifiedError).
constexpr int kAttempts = 3;
// How long a run waits for another run (or an add or remove) to finish.
constexpr int kBusyMilliseconds = 60000;

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS watches("
    " name TEXT PRIMARY KEY,"
    " query TEXT NOT NULL,"
    " filters TEXT NOT NULL,"        // JSON: {"kommun", "county", "topic", "body", "from", "to"}
    " generation INTEGER NOT NULL,"  // the last generation reported (or current when added)
    " created TEXT NOT NULL,"        // UTC times
    " reported TEXT)";

std::string Now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// One watch as stored.
struct Watch {
  std::string name;
  std::string query;
  std::string filters;  // JSON
  long long generation = 0;
  std::string created;
  std::string reported;
};

// The filters of a search as stored, and back.
std::string FiltersJson(const QueryOptions& o) {
  ojson f = ojson::object();
  if (!o.kommun.empty()) f["kommun"] = o.kommun;
  if (!o.county.empty()) f["county"] = o.county;
  if (!o.topic.empty()) f["topic"] = o.topic;
  if (!o.body.empty()) f["body"] = o.body;
  if (!o.from.empty()) f["from"] = o.from;
  if (!o.to.empty()) f["to"] = o.to;
  return f.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

void ApplyFilters(const std::string& filters, QueryOptions* o) {
  const ojson f = ojson::parse(filters, nullptr, false);
  if (!f.is_object()) return;
  auto list = [&](const char* key, std::vector<std::string>* out) {
    if (f.contains(key) && f[key].is_array()) {
      for (const auto& v : f[key]) {
        if (v.is_string()) out->push_back(v.get<std::string>());
      }
    }
  };
  list("kommun", &o->kommun);
  list("county", &o->county);
  list("topic", &o->topic);
  list("body", &o->body);
  if (f.contains("from") && f["from"].is_string()) o->from = f["from"].get<std::string>();
  if (f.contains("to") && f["to"].is_string()) o->to = f["to"].get<std::string>();
}

// "--kommun Berg --from 2020" for people.
std::string FiltersText(const std::string& filters) {
  QueryOptions o;
  ApplyFilters(filters, &o);
  std::string out;
  for (const auto& [flag, values] : {std::pair{"kommun", &o.kommun}, std::pair{"county", &o.county},
                                     std::pair{"topic", &o.topic}, std::pair{"body", &o.body}}) {
    for (const std::string& v : *values) out += std::string(" --") + flag + " '" + v + "'";
  }
  if (!o.from.empty()) out += " --from " + o.from;
  if (!o.to.empty()) out += " --to " + o.to;
  return out;
}

// The watches' SQLite file, opened (and its table made) for one command.
class Store {
 public:
  ~Store() {
    if (db_) sqlite3_close(db_);
  }

  // create: make the file when it is not there; otherwise a missing file is an empty store.
  Status Open(const std::string& database, bool create) {
    std::error_code ec;
    if (!fs::is_directory(database, ec)) {
      return Status::NotFound("no database at '" + database +
                              "' (create one with: protokoll-index --db " + database +
                              " FOLDER, or give --db DIR or $PROTOKOLL_DB)");
    }
    path_ = WatchFile(database);
    if (!create && !fs::exists(path_, ec)) return Status::OK();
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      return Fail("cannot open");
    }
    sqlite3_busy_timeout(db_, kBusyMilliseconds);
    return Exec(kSchema);
  }

  bool empty() const { return db_ == nullptr; }

  Status Exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return Fail("cannot use");
    return Status::OK();
  }

  // The watches named (all of them, by name, when names is empty); InvalidArgument naming
  // the first unknown one.
  Status Load(const std::vector<std::string>& names, std::vector<Watch>* out) {
    out->clear();
    std::vector<Watch> all;
    if (db_) {
      Statement st(db_,
                   "SELECT name, query, filters, generation, created, reported FROM watches"
                   " ORDER BY name");
      if (!st) return Fail("cannot read");
      int rc;
      while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
        Watch w;
        w.name = Column(st.get(), 0);
        w.query = Column(st.get(), 1);
        w.filters = Column(st.get(), 2);
        w.generation = sqlite3_column_int64(st.get(), 3);
        w.created = Column(st.get(), 4);
        w.reported = Column(st.get(), 5);
        all.push_back(std::move(w));
      }
      if (rc != SQLITE_DONE) return Fail("cannot read");
    }
    if (names.empty()) {
      *out = std::move(all);
      return Status::OK();
    }
    for (const std::string& name : names) {
      auto it =
          std::find_if(all.begin(), all.end(), [&](const Watch& w) { return w.name == name; });
      if (it == all.end()) return Unknown(name);
      out->push_back(*it);
    }
    return Status::OK();
  }

  // Runs sql with text parameters; *changed: the rows it changed.
  Status Run(const char* sql, const std::vector<std::string>& params, int* changed = nullptr) {
    Statement st(db_, sql);
    if (!st) return Fail("cannot write");
    for (std::size_t k = 0; k < params.size(); ++k) {
      sqlite3_bind_text(st.get(), static_cast<int>(k) + 1, params[k].c_str(),
                        static_cast<int>(params[k].size()), SQLITE_TRANSIENT);
    }
    const int rc = sqlite3_step(st.get());
    if (rc == SQLITE_CONSTRAINT) return Status::InvalidArgument("constraint");
    if (rc != SQLITE_DONE) return Fail("cannot write");
    if (changed) *changed = sqlite3_changes(db_);
    return Status::OK();
  }

  static Status Unknown(const std::string& name) {
    return Status::InvalidArgument("no watch named '" + name +
                                   "' (see protokoll-query watch list)");
  }

 private:
  class Statement {
   public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &st_, nullptr); }
    ~Statement() { sqlite3_finalize(st_); }
    explicit operator bool() const { return st_ != nullptr; }
    sqlite3_stmt* get() const { return st_; }

   private:
    sqlite3_stmt* st_ = nullptr;
  };

  static std::string Column(sqlite3_stmt* st, int k) {
    const unsigned char* text = sqlite3_column_text(st, k);
    return text ? reinterpret_cast<const char*>(text) : "";
  }

  Status Fail(const std::string& what) {
    return Status::IOError(what + " the watches file " + path_ + ": " +
                           (db_ ? sqlite3_errmsg(db_) : "out of memory"));
  }

  std::string path_;
  sqlite3* db_ = nullptr;
};

// A query session's search of watch w for items of generations after since through
// generation, in meeting date order, every one, as format's writer gives it.
QueryOptions WatchSearch(const std::string& db, const Watch& w, long long since,
                         long long generation, Format format, bool generations) {
  QueryOptions o;
  o.db = db;
  o.query = w.query;
  ApplyFilters(w.filters, &o);
  o.sort = SortOrder::kDateAsc;
  o.limit = std::numeric_limits<int>::max();
  o.format = format;
  o.after_generation = since;
  o.through_generation = generation;
  o.strict = true;
  o.generations = generations;
  return o;
}

bool Modified(const Status& s) {
  return s.message().find("DatabaseModifiedError") != std::string::npos;
}

// The report of watches, from one snapshot of the database, into *report; *generation: the
// generation it was read at.
Status Report(const WatchRunOptions& options, const std::vector<Watch>& watches,
              std::string* report, long long* generation, std::ostream& err) {
  std::unique_ptr<Session> session;
  Status s = Session::Open(options.db, &session);
  if (!s.ok()) return s;
  std::string time;
  s = session->Generation(generation, &time);
  if (!s.ok()) return s;
  std::ostringstream out;
  std::vector<FeedSection> sections;
  for (const Watch& w : watches) {
    long long since = w.generation;
    if (since > *generation) {
      // The database was made again from nothing: its generations started over.
      err << "protokoll-query: note: watch '" << w.name << "' was last reported at generation "
          << since << ", but the database is at " << *generation
          << " (indexed again from nothing?): reporting from now on\n";
      since = *generation;
    }
    QueryOptions o = WatchSearch(options.db, w, since, *generation, Format::kJson,
                                 options.format == WatchFormat::kAtom);
    std::ostringstream answer, notes;
    s = session->Run(o, answer, notes);
    if (s.ok() && options.format == WatchFormat::kText) {
      // Nothing for a watch with nothing new: a quiet day mails nothing from cron.
      const ojson parsed = ojson::parse(answer.str(), nullptr, false);
      if (!parsed.is_object() || parsed["hits"].empty()) continue;
      o.format = Format::kText;
      answer.str("");
      s = session->Run(o, answer, notes);
    }
    if (!s.ok()) {
      if (Modified(s) || s.code() != Status::Code::kInvalidArgument) return s;
      return Status::InvalidArgument("watch '" + w.name + "': " + s.message());
    }
    err << notes.str();
    switch (options.format) {
      case WatchFormat::kText:
        out << "== " << w.name << ": " << w.query << FiltersText(w.filters)
            << " — new since generation " << since << ", now " << *generation
            << (time.empty() ? "" : " (" + time + ")") << "\n"
            << answer.str() << "\n";
        break;
      case WatchFormat::kJson: {
        const ojson parsed = ojson::parse(answer.str(), nullptr, false);
        ojson line = {{"name", w.name},
                      {"query", w.query},
                      {"since_generation", since},
                      {"generation", *generation},
                      {"hits", parsed.is_object() ? parsed["hits"] : ojson::array()}};
        out << line.dump(-1, ' ', false, ojson::error_handler_t::replace) << "\n";
        break;
      }
      case WatchFormat::kAtom:
        sections.push_back({w.name, answer.str()});
        break;
    }
  }
  if (options.format == WatchFormat::kAtom) {
    FeedHead head;
    head.title = watches.size() == 1 ? "Protokoll: " + watches[0].name : "Protokoll: bevakningar";
    head.id = "urn:protokoll:watches:" + fs::absolute(options.db).lexically_normal().string() +
              ":" + std::to_string(*generation);
    head.updated = time.empty() ? Now() : time;
    out << AtomFeed(head, sections);
  }
  *report = out.str();
  return Status::OK();
}

}  // namespace

std::string WatchFile(const std::string& db) {
  std::error_code ec;
  fs::path p = fs::absolute(db, ec).lexically_normal();
  if (ec) p = fs::path(db).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "arkiv/"
  return p.string() + ".watches.sqlite";
}

bool WatchFormatNamed(const std::string& name, WatchFormat* out) {
  if (name == "text")
    *out = WatchFormat::kText;
  else if (name == "json")
    *out = WatchFormat::kJson;
  else if (name == "atom")
    *out = WatchFormat::kAtom;
  else
    return false;
  return true;
}

Status AddWatch(const QueryOptions& search, const std::string& name, std::ostream& out) {
  if (name.empty() || name.find_first_of("\n\r\t") != std::string::npos) {
    return Status::InvalidArgument("a watch needs a name (one line, not empty)");
  }
  if (search.query.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("watch '" + name + "' needs a query: watch add NAME QUERY");
  }
  // The query is checked on the database, and the watch starts at its generation.
  std::unique_ptr<Session> session;
  Status s = Session::Open(search.db, &session);
  if (!s.ok()) return s;
  long long generation = 0;
  std::string time;
  s = session->Generation(&generation, &time);
  if (!s.ok()) return s;
  Watch w;
  w.name = name;
  w.query = search.query;
  w.filters = FiltersJson(search);
  std::ostringstream answer, notes;
  s = session->Run(WatchSearch(search.db, w, generation, generation, Format::kJson, false), answer,
                   notes);
  if (!s.ok()) return s;
  Store store;
  s = store.Open(search.db, true);
  if (!s.ok()) return s;
  s = store.Run(
      "INSERT INTO watches(name, query, filters, generation, created) VALUES(?, ?, ?, ?, ?)",
      {w.name, w.query, w.filters, std::to_string(generation), Now()});
  if (s.code() == Status::Code::kInvalidArgument) {
    return Status::InvalidArgument(
        "a watch named '" + name +
        "' already exists (watch remove it first, or pick another name)");
  }
  if (!s.ok()) return s;
  out << "watch '" << name << "' added: it reports items added or changed after generation "
      << generation << " (now) that match " << w.query << FiltersText(w.filters) << "\n";
  return Status::OK();
}

Status ListWatches(const std::string& db, bool json, std::ostream& out) {
  Store store;
  Status s = store.Open(db, false);
  if (!s.ok()) return s;
  std::vector<Watch> watches;
  s = store.Load({}, &watches);
  if (!s.ok()) return s;
  if (!json && watches.empty()) {
    out << "No watches (add one with: protokoll-query watch add NAME QUERY).\n";
  }
  for (const Watch& w : watches) {
    if (json) {
      ojson line = {{"name", w.name},
                    {"query", w.query},
                    {"filters", ojson::parse(w.filters, nullptr, false)},
                    {"generation", w.generation},
                    {"created", w.created},
                    {"reported", w.reported.empty() ? ojson(nullptr) : ojson(w.reported)}};
      out << line.dump(-1, ' ', false, ojson::error_handler_t::replace) << "\n";
    } else {
      out << w.name << "\t" << w.query << FiltersText(w.filters) << "\tgeneration " << w.generation
          << "\t" << (w.reported.empty() ? "added " + w.created : "reported " + w.reported) << "\n";
    }
  }
  out.flush();
  return out ? Status::OK() : Status::IOError("cannot write the list");
}

Status RemoveWatch(const std::string& db, const std::string& name, std::ostream& out) {
  Store store;
  Status s = store.Open(db, false);
  if (!s.ok()) return s;
  if (store.empty()) return Store::Unknown(name);
  int changed = 0;
  s = store.Run("DELETE FROM watches WHERE name = ?", {name}, &changed);
  if (!s.ok()) return s;
  if (changed == 0) return Store::Unknown(name);
  out << "watch '" << name << "' removed\n";
  return Status::OK();
}

Status RunWatches(const WatchRunOptions& options, std::ostream& out, std::ostream& err) {
  Store store;
  Status s = store.Open(options.db, false);
  if (!s.ok()) return s;
  if (store.empty()) {
    if (!options.names.empty()) return Store::Unknown(options.names[0]);
    err << "protokoll-query: note: no watches (add one with: protokoll-query watch add NAME "
           "QUERY)\n";
    return Status::OK();
  }
  // One run at a time records: another waits here, then reads what this one recorded.
  if (!options.dry_run) {
    s = store.Exec("BEGIN IMMEDIATE");
    if (!s.ok()) return s;
  }
  std::vector<Watch> watches;
  s = store.Load(options.names, &watches);
  if (!s.ok()) return s;
  std::string report;
  long long generation = 0;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    s = Report(options, watches, &report, &generation, err);
    if (s.ok() || !Modified(s)) break;
  }
  if (!s.ok()) return s;
  out << report;
  out.flush();
  if (!out) {
    return Status::IOError(
        "cannot write the report; nothing was recorded, so the next run "
        "reports the same items");
  }
  if (options.dry_run) return Status::OK();
  const std::string now = Now();
  for (const Watch& w : watches) {
    s = store.Run("UPDATE watches SET generation = ?, reported = ? WHERE name = ?",
                  {std::to_string(generation), now, w.name});
    if (!s.ok()) return s;
  }
  return store.Exec("COMMIT");
}

}  // namespace protokoll::query
