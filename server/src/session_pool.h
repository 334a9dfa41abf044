// SessionPool: query sessions (each an open database, item store and analyzer) shared by
// the server's threads, one thread at a time each, at most a fixed number at once. A session
// opened before the database's last commit is dropped and a new one opened, so a reader sees
// new minutes within reload_ms; while the new one cannot be opened (protokoll-index is
// swapping a compacted copy in) the old one goes on answering.
#ifndef PROTOKOLL_SERVER_SESSION_POOL_H_
#define PROTOKOLL_SERVER_SESSION_POOL_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "protokoll/query/query.h"
#include "protokoll/status.h"

namespace protokoll::server {

class SessionPool {
 public:
  SessionPool(std::string db, int max_sessions, std::chrono::milliseconds reload);

  // Runs fn on a session of the newest database; when fn fails with the database changing
  // under it (a revision overwritten, a segment removed) it runs again on a fresh session.
  // Status of opening the database (NotFound when missing) or fn's.
  Status With(const std::function<Status(query::Session*)>& fn);

  // When the database was last committed, in seconds since the epoch; 0 if unknown.
  std::int64_t LastCommit();

 private:
  struct Entry {
    std::unique_ptr<query::Session> session;
    std::uint64_t generation = 0;
  };
  // The database's files' identity: changes with each commit and with a swapped-in copy.
  std::string Fingerprint() const;
  // Checks for a commit (at most every reload_, or now when forced); mutex_ held.
  void Refresh(bool force);
  Status Acquire(Entry* out);
  void Release(Entry entry, bool keep);

  const std::string db_;
  const int max_sessions_;
  const std::chrono::milliseconds reload_;
  std::mutex mutex_;
  std::condition_variable idle_cv_;
  std::vector<Entry> idle_;
  int open_ = 0;  // sessions in use or idle
  std::uint64_t generation_ = 1;
  std::string fingerprint_;
  std::int64_t commit_time_ = 0;
  std::chrono::steady_clock::time_point checked_;
};

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_SESSION_POOL_H_
