#include "session_pool.h"

#include <sys/stat.h>

#include <utility>

namespace protokoll::server {
namespace {

// Tries of one request while the database changes under it: a reader's revision can be
// overwritten by the writer's second commit after it, and a compaction swaps the folder.
constexpr int kTries = 3;
// How long a request waits for a free session before it is told the server is busy: a bound
// on its time in the queue when long exports hold every session.
constexpr std::chrono::seconds kMaxWait(15);

// "inode:mtime:size" of a file, "-" when it is not there.
std::string FileIdentity(const std::string& path, std::int64_t* mtime = nullptr) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "-";
  if (mtime) *mtime = st.st_mtim.tv_sec;
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":" + std::to_string(st.st_size);
}

}  // namespace

SessionPool::SessionPool(std::string db, int max_sessions, std::chrono::milliseconds reload)
    : db_(std::move(db)), max_sessions_(max_sessions < 1 ? 1 : max_sessions), reload_(reload) {}

std::string SessionPool::Fingerprint() const {
  // Xapian's glass backend rewrites its version file (iamglass) by a rename at each commit;
  // the folder itself changes when protokoll-index swaps a compacted copy in.
  return FileIdentity(db_) + " " + FileIdentity(db_ + "/iamglass") + " " +
         FileIdentity(db_ + "/XAPIANDB");
}

void SessionPool::Refresh(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && !fingerprint_.empty() && now - checked_ < reload_) return;
  checked_ = now;
  std::string fingerprint = Fingerprint();
  if (fingerprint == fingerprint_) return;
  fingerprint_ = std::move(fingerprint);
  FileIdentity(db_ + "/iamglass", &commit_time_);
  ++generation_;
}

std::int64_t SessionPool::LastCommit() {
  std::lock_guard<std::mutex> lock(mutex_);
  Refresh(false);
  return commit_time_;
}

Status SessionPool::Acquire(Entry* out) {
  std::unique_lock<std::mutex> lock(mutex_);
  Refresh(false);
  if (!idle_cv_.wait_for(lock, kMaxWait, [&] { return !idle_.empty() || open_ < max_sessions_; })) {
    return Status::Locked("the server is busy: every query session was taken for " +
                          std::to_string(kMaxWait.count()) + " s; try again");
  }
  for (std::size_t k = 0; k < idle_.size(); ++k) {
    if (idle_[k].generation == generation_) {
      *out = std::move(idle_[k]);
      idle_.erase(idle_.begin() + k);
      return Status::OK();
    }
  }
  // A session of an older database is kept until a new one is open: while protokoll-index
  // swaps folders the database can be missing for a moment, and the old one still answers.
  Entry stale;
  if (!idle_.empty()) {
    stale = std::move(idle_.back());
    idle_.pop_back();
  } else {
    ++open_;
  }
  const std::uint64_t generation = generation_;
  lock.unlock();
  std::unique_ptr<query::Session> fresh;
  Status s = query::Session::Open(db_, &fresh);
  if (s.ok()) {
    out->session = std::move(fresh);
    out->generation = generation;
    // The other idle sessions of older databases go too: they hold the files of a replaced
    // database open, and its room on disk with them.
    std::vector<Entry> dropped;
    lock.lock();
    for (auto it = idle_.begin(); it != idle_.end();) {
      if (it->generation < generation) {
        dropped.push_back(std::move(*it));
        it = idle_.erase(it);
        --open_;
      } else {
        ++it;
      }
    }
    if (!dropped.empty()) idle_cv_.notify_all();
    lock.unlock();
    return Status::OK();
  }
  if (stale.session) {
    *out = std::move(stale);
    return Status::OK();
  }
  lock.lock();
  --open_;
  idle_cv_.notify_one();
  return s;
}

void SessionPool::Release(Entry entry, bool keep) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (keep && entry.generation == generation_) {
      idle_.push_back(std::move(entry));
    } else {
      --open_;
    }
    idle_cv_.notify_one();
  }
  // A dropped session closes its database here, outside the lock.
}

Status SessionPool::With(const std::function<Status(query::Session*)>& fn) {
  for (int attempt = 1;; ++attempt) {
    Entry entry;
    Status s = Acquire(&entry);
    if (!s.ok()) return s;
    s = fn(entry.session.get());
    const bool database_trouble =
        s.code() == Status::Code::kCorruption || s.code() == Status::Code::kIOError;
    Release(std::move(entry), !database_trouble);
    if (!database_trouble || attempt == kTries) return s;
    std::lock_guard<std::mutex> lock(mutex_);
    Refresh(true);
  }
}

}  // namespace protokoll::server
