// Write, the step where a meeting goes into the database: the one writer of a run, on one
// thread, for one database or for each shard of a sharded one (a stub database, --shard-by).
// It holds the write lock (a pid file names the holder), reads what the database knows of the
// files (for the plan), and writes each file's outcome in transactions of a batch of files: a
// killed run leaves each database as after its last whole batch, and a rerun completes it.
// WriteMeeting is the one function that adds a meeting's documents to a database, also for
// the shards of a parallel build (parallel_build.h).
#ifndef PROTOKOLL_INDEXER_WRITER_H_
#define PROTOKOLL_INDEXER_WRITER_H_

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "db_layout.h"
#include "plan.h"
#include "process_file.h"
#include "protokoll/indexer/indexer.h"
#include "protokoll/status.h"

namespace protokoll::indexer {

class ShardedDb;

// Opens the database at path for writing (created if missing), after mending a compaction a
// crash cut short; Locked when another run holds it.
Status OpenWritable(const std::string& path, Xapian::WritableDatabase* db);

// Records generation as committed (with its time) in db's next commit.
void SetGeneration(Xapian::WritableDatabase* db, std::uint64_t generation);

// Content hash of an item -> the generation (sortable_serialise) it keeps.
using CarriedGenerations = std::unordered_map<std::string, std::string>;

// Writes one built file's documents (freed as they go), spellings, vocabulary and its state
// under state_key. Each item gets generation (sortable_serialise), or the one carried for its
// content. Throws Xapian::Error.
void WriteMeeting(Xapian::WritableDatabase* db, const std::string& state_key, FileResult& r,
                  const std::string& generation, const CarriedGenerations& carried);

// A database written: the one database, or a shard of a sharded one.
struct ShardDb {
  std::string name;  // a shard's folder, in the stub's folder (empty for one database)
  std::string path;
  Xapian::WritableDatabase db;
  bool in_txn = false;
  std::uint64_t items = 0;  // item documents written to it this run
  bool mixed = false;       // its documents were made with another synonym table
  bool made = false;        // made by this run
};

class IndexWriter {
 public:
  IndexWriter();
  ~IndexWriter();

  // Opens options.db, taking its lock: one database, or with options.shard_by (or a stub
  // database there) the shards it lists; and reads what it knows of the files (known()).
  Status Open(const IndexOptions& options);

  const KnownFiles& known() const { return known_; }
  // This run's generation: the one after the last committed.
  std::uint64_t generation() const { return generation_; }
  // One database with nothing in it yet: it may be built in parallel (parallel_build.h).
  bool fresh() const { return fresh_; }

  // Files the plan found gone: a changed file with the content of one keeps its items'
  // generations (a move or a rename).
  void LendGenerations(const std::vector<std::string>& gone);

  // One file's outcome, in file order: its documents (indexed) or its new state (touched)
  // written, or what the database held of it removed (skipped, failed).
  Status Apply(const std::string& file_key, FileResult& r);
  // Removes what the database holds of a file (gone from disk, or no longer readable).
  Status Remove(const std::string& file_key);
  // Ends a file of size bytes: a full batch is committed.
  Status EndFile(std::uint64_t bytes);

  // Records the schema, the synonym table and the generation (if anything changed), commits,
  // releases the locks and, with options.compact, rewrites compactly a database this run wrote
  // much of.
  Status Finish(const IndexOptions& options);
  // Drops the uncommitted batch (after a failure).
  void Cancel();
  // Releases the locks, writing nothing more.
  void Close();

 private:
  Status OpenOne(const std::string& path);
  Status OpenSharded(const IndexOptions& options);
  // Writes r into shard target, after removing the file from the others.
  Status Write(const std::string& file_key, FileResult& r);
  // Takes file_key's documents and state out of every database that holds it, but the
  // state in keep (if any).
  void RemoveFile(const std::string& file_key, std::optional<std::size_t> keep);
  void Begin(std::size_t shard);
  void CommitBatch();

  std::string db_;
  std::vector<ShardDb> shards_;
  std::unique_ptr<ShardedDb> sharded_;  // of a stub database
  KnownFiles known_;
  std::uint64_t generation_ = 1;
  std::string generation_value_;  // sortable_serialise(generation_)
  // Items a killed run left carry this run's generation already: commit it even if nothing
  // more changes.
  bool pending_ = false;
  bool fresh_ = false;
  bool changed_ = false;  // items were added, changed or removed: a new generation
  std::size_t batch_files_ = 200;
  Batch batch_;
  std::unordered_map<std::uint64_t, std::string> meeting_of_content_;  // of gone files
  CarriedGenerations carried_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_WRITER_H_
