// The dry run (--dry-run): every walked file read and parsed on the workers, and its meeting
// printed (JSON, with --explain what the cleaner dropped and why) instead of written.
#ifndef PROTOKOLL_INDEXER_DRY_RUN_H_
#define PROTOKOLL_INDEXER_DRY_RUN_H_

#include "protokoll/indexer/indexer.h"
#include "protokoll/status.h"
#include "walker.h"

namespace protokoll::indexer {

Status DryRun(const IndexOptions& options, const WalkResult& walk, IndexSummary* summary);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DRY_RUN_H_
