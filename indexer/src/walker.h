// Walker: expands the paths given on the command line into the files to index, each with
// the key that names it in the database (root folder name + path relative to the root), so
// that ids survive moving the archive.
#ifndef PROTOKOLL_INDEXER_WALKER_H_
#define PROTOKOLL_INDEXER_WALKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "protokoll/indexer/indexer.h"
#include "protokoll/status.h"

namespace protokoll::indexer {

struct SourceFile {
  std::string path;  // as found: root path joined with the relative path
  std::string key;   // "<root name>/<relative path>", stable across moves
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

struct WalkResult {
  std::vector<SourceFile> files;        // supported files, in a stable (sorted) order
  std::vector<std::string> key_scopes;  // key prefixes the walk covered completely
  std::vector<FileFailure> skipped;     // unsupported or unreadable entries
};

// Walks paths (files or folders, recursively; hidden entries and symlink loops skipped).
// InvalidArgument if a path does not exist.
Status Walk(const std::vector<std::string>& paths, WalkResult* result);

// The meeting id for a file key: 16 hex digits of a 64-bit hash.
std::string MeetingIdForKey(const std::string& key);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_WALKER_H_
