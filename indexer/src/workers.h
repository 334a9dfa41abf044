// The worker threads of a run: each takes the next file of the plan through ProcessFile (read,
// parse, analyze) and hands its FileResult to the one writing thread, in file order, through a
// bounded queue.
#ifndef PROTOKOLL_INDEXER_WORKERS_H_
#define PROTOKOLL_INDEXER_WORKERS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "plan.h"
#include "process_file.h"
#include "protokoll/indexer/indexer.h"
#include "protokoll/status.h"
#include "walker.h"

namespace protokoll::indexer {

// Takes each result on the calling thread, in file order; a status not ok stops the run.
using ConsumeFn = std::function<Status(FileResult& r)>;
// Sees each result on its worker's thread first (worker numbers 0..jobs-1).
using WorkerHook = std::function<Status(int worker, FileResult& r)>;

// The worker threads for files: options.jobs (0: one a core), no more than the files.
int JobCount(const IndexOptions& options, std::size_t files);

// Runs ProcessFile over todo (old: each file's state in the database) on worker threads,
// building documents with build, and hands the results to consume in file order. in_worker,
// if set, sees each result on its worker's thread first. vocabulary_db: see LazyAnalyzer.
Status RunWorkers(const std::vector<const SourceFile*>& todo,
                  const std::vector<std::optional<FileState>>& old, bool build,
                  const IndexOptions& options, const ConsumeFn& consume,
                  const WorkerHook& in_worker = nullptr, const std::string& vocabulary_db = "");

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_WORKERS_H_
