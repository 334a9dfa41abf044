// The indexing run, as its steps: walk -> plan (what changed) -> read, parse and analyze on
// worker threads (process_file.h, workers.h) -> write through the one writer (writer.h), or a
// fresh database in parallel shards (parallel_build.h) -> compact (compact.h) -> report
// (report.h). A dry run reads and parses and prints instead of writing (dry_run.h).
#include "protokoll/indexer/indexer.h"

#include <chrono>

#include "dry_run.h"
#include "parallel_build.h"
#include "plan.h"
#include "report.h"
#include "walker.h"
#include "workers.h"
#include "writer.h"

namespace protokoll::indexer {
namespace {

// Reads the plan's files on worker threads and writes each outcome through writer, in file
// order, then removes the files gone and finishes (commits, compacts).
Status WriteChanges(const IndexOptions& options, const Plan& plan, IndexWriter* writer,
                    IndexSummary* summary) {
  ProgressCounter progress(options, plan.todo.size(), plan.todo_bytes);
  writer->LendGenerations(plan.gone);
  Status s = RunWorkers(
      plan.todo, plan.old, true, options,
      [&](FileResult& r) -> Status {
        const SourceFile& f = *plan.todo[r.index];
        if (Status st = writer->Apply(f.key, r); !st.ok()) return st;
        CountFile(f, r, summary);
        if (Status st = writer->EndFile(f.size); !st.ok()) return st;
        progress.FileDone(f.size, summary->ocr_pages);
        return Status::OK();
      },
      nullptr, writer->known().empty() ? std::string() : options.db);
  for (std::size_t k = 0; s.ok() && k < plan.gone.size(); ++k) {
    s = writer->Remove(plan.gone[k]);
    ++summary->removed;
  }
  if (!s.ok()) {
    writer->Cancel();
    return s;
  }
  s = writer->Finish(options);
  if (s.ok()) progress.Finish(summary->ocr_pages);
  return s;
}

// Brings options.db up to date with the walked files.
Status Index(const IndexOptions& options, const WalkResult& walk, IndexSummary* summary) {
  IndexWriter writer;
  Status s = writer.Open(options);
  if (!s.ok()) return s;
  const Plan plan = MakePlan(walk, writer.known());
  summary->unchanged += plan.unchanged;
  const int jobs = JobCount(options, plan.todo.size());
  if (writer.fresh() && options.parallel_build && jobs > 1 &&
      plan.todo.size() >= 8 * static_cast<std::size_t>(jobs)) {
    s = BuildInShards(options, plan, jobs, writer.generation(), summary);
    writer.Close();
    return s;
  }
  return WriteChanges(options, plan, &writer, summary);
}

}  // namespace

Status RunIndex(const IndexOptions& options, IndexSummary* summary) {
  const auto start = std::chrono::steady_clock::now();
  *summary = IndexSummary();
  WalkResult walk;
  Status s = Walk(options.paths, &walk);
  if (!s.ok()) return s;
  summary->skipped = walk.skipped;
  s = options.dry_run ? DryRun(options, walk, summary) : Index(options, walk, summary);
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (s.ok() && !options.dry_run && !options.report.empty()) WriteReport(options, *summary);
  return s;
}

}  // namespace protokoll::indexer
