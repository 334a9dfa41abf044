// A fresh database built on all cores: each worker writes the files it read into a shard of
// its own (through WriteMeeting, as the writer does), and the shards are merged into one
// compact database at the end. A crash leaves the real database empty and the shards aside;
// the next run removes them (RecoverCompaction) and starts over. Updates, which must see what
// the database holds, go through the one writer instead (writer.h).
#ifndef PROTOKOLL_INDEXER_PARALLEL_BUILD_H_
#define PROTOKOLL_INDEXER_PARALLEL_BUILD_H_

#include <cstdint>

#include "plan.h"
#include "protokoll/indexer/indexer.h"
#include "protokoll/status.h"

namespace protokoll::indexer {

// Indexes the plan's files into the fresh database options.db on jobs workers, every item
// of generation.
Status BuildInShards(const IndexOptions& options, const Plan& plan, int jobs,
                     std::uint64_t generation, IndexSummary* summary);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_PARALLEL_BUILD_H_
