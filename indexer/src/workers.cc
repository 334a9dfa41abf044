#include "workers.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace protokoll::indexer {
namespace {

// A bounded queue from the workers to the writer.
class ResultQueue {
 public:
  explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(FileResult r) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(r));
    not_empty_.notify_one();
  }
  // False when the queue is closed and empty.
  bool Pop(FileResult* r) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || done_; });
    if (queue_.empty()) return false;
    *r = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<FileResult> queue_;
  std::size_t capacity_;
  bool done_ = false;
};

}  // namespace

int JobCount(const IndexOptions& options, std::size_t files) {
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min<int>(jobs, static_cast<int>(files)));
}

Status RunWorkers(const std::vector<const SourceFile*>& todo,
                  const std::vector<std::optional<FileState>>& old, bool build,
                  const IndexOptions& options, const ConsumeFn& consume,
                  const WorkerHook& in_worker, const std::string& vocabulary_db) {
  const int jobs = JobCount(options, todo.size());
  std::atomic<std::size_t> next{0};
  ResultQueue queue(static_cast<std::size_t>(jobs) * 4);
  std::atomic<int> running{jobs};
  std::atomic<bool> stop{false};
  Status open_status;
  std::mutex status_mu;
  // A word one worker analyzed is a lookup for the others (the analysis of a word is most of
  // the work of its first occurrence).
  stemming::SharedAnalyses shared;
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
    threads.emplace_back([&, t] {
      LazyAnalyzer analyzer(build, vocabulary_db, jobs > 1 ? &shared : nullptr);
      while (!stop) {
        std::size_t i = next++;
        if (i >= todo.size()) break;
        FileResult r;
        r.index = i;
        try {
          Status s = ProcessFile(*todo[i], old[i], build, options, &analyzer, &r);
          r.items = r.built.size();
          if (s.ok() && in_worker) s = in_worker(t, r);
          if (!s.ok()) {
            std::lock_guard<std::mutex> lock(status_mu);
            open_status = s;
            stop = true;
            break;
          }
        } catch (const std::exception& e) {
          r = FileResult();
          r.index = i;
          r.kind = FileResult::kFailed;
          r.reason = std::string("internal error: ") + e.what();
        }
        queue.Push(std::move(r));
      }
      if (--running == 0) queue.Close();
    });
  }
  // Results arrive out of order; hand them on in order so output and batches are stable.
  std::map<std::size_t, FileResult> pending;
  std::size_t expect = 0;
  FileResult r;
  Status consume_status;
  while (queue.Pop(&r)) {
    pending.emplace(r.index, std::move(r));
    while (!pending.empty() && pending.begin()->first == expect) {
      if (consume_status.ok()) consume_status = consume(pending.begin()->second);
      if (!consume_status.ok()) stop = true;
      pending.erase(pending.begin());
      ++expect;
    }
  }
  for (auto& th : threads) th.join();
  if (!open_status.ok()) return open_status;
  return consume_status;
}

}  // namespace protokoll::indexer
