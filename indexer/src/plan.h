// Plan, the first step of a run: what the database remembers of each file (FileState, by file
// key) against the files walked on disk gives the files to read (new or changed), those
// unchanged, and those gone from disk whose documents go too.
#ifndef PROTOKOLL_INDEXER_PLAN_H_
#define PROTOKOLL_INDEXER_PLAN_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "walker.h"

namespace protokoll::indexer {

// What the database remembers of a file: enough to tell whether it changed.
struct FileState {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t hash = 0;  // Hash64 of the content
  std::string meeting_id;

  std::string Encode() const;
  static bool Decode(const std::string& v, FileState* st);
};

// A fast 64-bit hash of a file's bytes (FNV-1a, 8 bytes at a time).
std::uint64_t Hash64(std::string_view bytes);

// A database (shard, 0 of one database) that holds a file, and the file's state there.
struct Holder {
  std::size_t shard = 0;
  FileState state;
};
// File key -> the databases that hold it: one, or two when a crash cut a move between shards.
using KnownFiles = std::map<std::string, std::vector<Holder>>;

struct Plan {
  std::vector<const SourceFile*> todo;  // new or changed (size or mtime): to read, in walk order
  // Per todo file: its state when one database holds it (an unchanged hash spares parsing).
  std::vector<std::optional<FileState>> old;
  std::uint64_t todo_bytes = 0;
  std::uint64_t unchanged = 0;    // same size and mtime: not read
  std::vector<std::string> gone;  // keys of known files in the walked scopes no longer there
};

Plan MakePlan(const WalkResult& walk, const KnownFiles& known);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_PLAN_H_
