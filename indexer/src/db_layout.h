// The files of a database folder that protokoll-index writes beside Xapian's, and the
// constants of the databases it writes: shared by the writer, compaction and the OCR cache.
#ifndef PROTOKOLL_INDEXER_DB_LAYOUT_H_
#define PROTOKOLL_INDEXER_DB_LAYOUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace protokoll::indexer {

// The folder inside a database where pages read by OCR are kept (see ReadOptions).
inline constexpr std::string_view kOcrCacheDir = "ocr-cache";

// Xapian's limit on metadata key length.
inline constexpr std::size_t kMaxMetadataKey = 200;

// The B-tree block size of the databases written: twice Xapian's default, so that a query
// reads about half as many blocks (6 instead of 10 a query at 2,000 files, measured with
// strace), in no more room.
inline constexpr int kBlockSize = 16384;

// Item documents a batch holds at most before it is committed. Until the commit Xapian keeps a
// batch's postings in a tree per term, which it walks down for every posting; in batches of
// 500 items instead of 200 files (1,900 items) 1,500 generated minutes were indexed in about a
// tenth less time on two cores.
inline constexpr std::size_t kBatchItems = 500;

// What a batch of files holds so far, and whether it is to be committed: after max_files
// files, kBatchItems items or 64 MB of files.
struct Batch {
  std::size_t files = 0;
  std::size_t items = 0;
  std::uint64_t bytes = 0;
  bool Full(std::size_t max_files) const {
    return files >= max_files || items >= kBatchItems || bytes >= (64u << 20);
  }
};

// The pid of the run holding a database's write lock, for the message of one that waits.
inline std::string PidFile(const std::string& db) { return db + "/protokoll-index.pid"; }
// A compaction's copy, and the database it replaces until the copy is in place.
inline std::string CompactTmp(const std::string& db) { return db + ".compact-new"; }
inline std::string CompactOld(const std::string& db) { return db + ".compact-old"; }
// Shard k of a parallel build of db.
inline std::string BuildShardPath(const std::string& db, int k) {
  return db + ".shard-" + std::to_string(k);
}

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DB_LAYOUT_H_
