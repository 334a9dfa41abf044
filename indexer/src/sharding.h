// A database sharded by county or year (IndexOptions::shard_by): a stub database (its folder's
// XAPIANDB file, in Xapian's format) that lists one shard a county or a year, each a database of
// its own in a folder of the stub's. Each shard commits on its own; a run killed between two
// shards' commits can leave a meeting in two shards (moved) or in none (removed from one), and
// the next run sees that in the shards' file states and mends it. The writer (writer.h) writes
// the shards; this keeps the stub and says which shard a meeting belongs in.
#ifndef PROTOKOLL_INDEXER_SHARDING_H_
#define PROTOKOLL_INDEXER_SHARDING_H_

#include <map>
#include <string>
#include <vector>

#include "process_file.h"
#include "protokoll/status.h"
#include "writer.h"

namespace protokoll::indexer {

// Whether db is a stub database (and not one database).
bool IsStub(const std::string& db);

class ShardedDb {
 public:
  // dir: the stub's folder; shards: where the open shards go (the writer's).
  ShardedDb(std::string dir, std::vector<ShardDb>* shards);

  // Opens the shards the stub lists (and any a crash left unlisted), sharded by want, or with
  // want empty, by the sharding the stub names.
  Status Open(const std::string& want);

  // The shard that the meeting r built belongs in, made when it is the first of its county or
  // year (*index: its place in the shards).
  Status ShardFor(const FileResult& r, std::size_t* index);

 private:
  std::string Path(const std::string& name) const { return dir_ + "/" + name; }
  Status WriteStub();

  std::string dir_, by_;
  std::vector<ShardDb>* shards_;
  std::map<std::string, std::size_t> by_key_;  // shard key -> index
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_SHARDING_H_
