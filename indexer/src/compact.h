// Compact, the step after writing: a database built batch by batch is about 1.7 times its
// compact size, so a run that wrote much of it rewrites it compactly (full blocks, no free
// space) and swaps the copy in by two renames; RecoverCompaction mends a swap a crash cut.
#ifndef PROTOKOLL_INDEXER_COMPACT_H_
#define PROTOKOLL_INDEXER_COMPACT_H_

#include <string>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::indexer {

// Finishes or undoes a compaction that a crash interrupted at path (and removes the shards of
// a parallel build it left): at most one of the two renames can be missing.
void RecoverCompaction(const std::string& path);

// Rewrites the databases at sources compactly as one and puts it in the place of the database
// at path. The caller still holds path's write lock, so no other writer can start meanwhile.
Status CompactInto(const std::vector<std::string>& sources, const std::string& path);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_COMPACT_H_
