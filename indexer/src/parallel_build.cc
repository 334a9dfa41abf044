#include "parallel_build.h"

#include <xapian.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "compact.h"
#include "db_layout.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/schema.h"
#include "protokoll/xapian_status.h"
#include "raw_tables.h"
#include "report.h"
#include "workers.h"
#include "writer.h"

namespace protokoll::indexer {
namespace {

// The shards of a parallel build, one a worker, removed when done.
class BuildShards {
 public:
  // generation: the run's (see schema::kGenerationKey), which every item gets.
  BuildShards(std::string db, int count, std::size_t batch_files, std::uint64_t generation)
      : db_(std::move(db)),
        batch_files_(batch_files),
        generation_(generation),
        generation_value_(Xapian::sortable_serialise(static_cast<double>(generation))),
        shards_(count) {}

  ~BuildShards() {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      std::error_code ec;
      std::filesystem::remove_all(BuildShardPath(db_, static_cast<int>(k)), ec);
    }
  }

  Status Open() {
    try {
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        const std::string path = BuildShardPath(db_, static_cast<int>(k));
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
        // Not synced to disk: a shard that a crash leaves half written is thrown away.
        shards_[k].db =
            OpenWritableRaw(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC, kBlockSize);
      }
    } catch (const Xapian::Error& e) {
      return FromXapian(e, Status::Code::kIOError, "cannot create " + BuildShardPath(db_, 0));
    }
    return Status::OK();
  }

  // Writes a built file into worker's shard (on that worker's thread).
  Status Write(int worker, const std::string& state_key, FileResult& r) {
    Shard& shard = shards_[worker];
    try {
      if (r.kind == FileResult::kIndexed) {
        WriteMeeting(&shard.db, state_key, r, generation_value_, {});
        r.built = BuiltMeeting();  // the documents are written; free them now
      }
      ++shard.batch.files;
      shard.batch.items += r.items;
      if (shard.batch.Full(batch_files_)) {
        shard.db.commit();
        shard.batch = Batch();
      }
    } catch (const Xapian::Error& e) {
      return FromXapian(e, Status::Code::kIOError, "cannot write " + BuildShardPath(db_, worker));
    }
    return Status::OK();
  }

  // Merges the shards into one compact database in the place of db.
  Status Merge() {
    std::vector<std::string> paths;
    try {
      shards_[0].db.set_metadata(std::string(schema::kSchemaVersionKey),
                                 std::string(schema::kSchemaVersion));
      shards_[0].db.set_metadata(std::string(schema::kSynonymsKey), corpus::SynonymsFingerprint());
      SetGeneration(&shards_[0].db, generation_);
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        shards_[k].db.commit();
        shards_[k].db.close();
        paths.push_back(BuildShardPath(db_, static_cast<int>(k)));
      }
    } catch (const Xapian::Error& e) {
      return FromXapian(e, Status::Code::kIOError, "cannot write the shards of " + db_);
    }
    return CompactInto(paths, db_);
  }

 private:
  struct Shard {
    Xapian::WritableDatabase db;
    Batch batch;  // (the files' bytes are not counted: a shard commits by files and items)
  };
  std::string db_;
  std::size_t batch_files_;
  std::uint64_t generation_;
  std::string generation_value_;
  std::vector<Shard> shards_;
};

}  // namespace

Status BuildInShards(const IndexOptions& options, const Plan& plan, int jobs,
                     std::uint64_t generation, IndexSummary* summary) {
  BuildShards shards(options.db, jobs, static_cast<std::size_t>(options.batch_files), generation);
  Status s = shards.Open();
  if (!s.ok()) return s;
  ProgressCounter progress(options, plan.todo.size(), plan.todo_bytes);
  std::vector<std::optional<FileState>> old(plan.todo.size());
  s = RunWorkers(
      plan.todo, old, true, options,
      [&](FileResult& r) -> Status {
        const SourceFile& f = *plan.todo[r.index];
        CountFile(f, r, summary);
        progress.FileDone(f.size, summary->ocr_pages);
        return Status::OK();
      },
      [&](int worker, FileResult& r) {
        return shards.Write(worker, std::string(schema::kFileStatePrefix) + plan.todo[r.index]->key,
                            r);
      });
  if (!s.ok()) return s;
  s = shards.Merge();
  if (!s.ok()) return s;
  std::remove(PidFile(options.db).c_str());
  progress.Finish(summary->ocr_pages);
  return Status::OK();
}

}  // namespace protokoll::indexer
