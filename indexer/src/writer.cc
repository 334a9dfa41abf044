#include "writer.h"

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>

#include "compact.h"
#include "db_layout.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "protokoll/xapian_status.h"
#include "raw_tables.h"
#include "sharding.h"

namespace protokoll::indexer {
namespace {

std::string StateKey(const std::string& file_key) {
  return std::string(schema::kFileStatePrefix) + file_key;
}

// The states of the files db holds, as held by shard, into *known. Throws Xapian::Error.
void ReadFileStates(const Xapian::Database& db, std::size_t shard, KnownFiles* known) {
  const std::string prefix(schema::kFileStatePrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    FileState st;
    if (FileState::Decode(db.get_metadata(*it), &st)) {
      (*known)[(*it).substr(prefix.size())].push_back({shard, st});
    }
  }
}

// The generations of meeting_id's items in db, by their content hash, into *carried.
void CarryGenerations(const Xapian::Database& db, const std::string& meeting_id,
                      CarriedGenerations* carried) {
  const std::string term = std::string(schema::kMeetingIdPrefix) + meeting_id;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string hash = doc.get_value(schema::kContentHashSlot);
    std::string generation = doc.get_value(schema::kGenerationSlot);
    if (!hash.empty() && !generation.empty()) carried->emplace(std::move(hash), generation);
  }
}

// Each word's analysis, for query tools that need no dictionary.
void WriteVocabulary(Xapian::WritableDatabase* db, const std::vector<stemming::WordEntry>& words) {
  for (const auto& w : words) {
    std::string vkey = std::string(schema::kVocabularyPrefix) + w.word;
    if (vkey.size() <= kMaxMetadataKey) db->set_metadata(vkey, stemming::EncodeTerms(w.terms));
  }
}

}  // namespace

Status OpenWritable(const std::string& path, Xapian::WritableDatabase* db) {
  RecoverCompaction(path);
  try {
    *db = OpenWritableRaw(path, Xapian::DB_CREATE_OR_OPEN, kBlockSize);
  } catch (const Xapian::DatabaseLockError&) {
    std::string pid;
    std::ifstream in(PidFile(path));
    if (in) std::getline(in, pid);
    return Status::Locked("database " + path + " is locked by another protokoll-index" +
                          (pid.empty() ? "" : " (pid " + pid + ")"));
  } catch (const Xapian::DatabaseCorruptError& e) {
    return FromXapian(e, Status::Code::kCorruption, "database " + path + " is corrupt");
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot open database " + path);
  }
  std::ofstream(PidFile(path)) << ::getpid() << "\n";
  return Status::OK();
}

void SetGeneration(Xapian::WritableDatabase* db, std::uint64_t generation) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char time[32];
  std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%SZ", &tm);
  db->set_metadata(std::string(schema::kGenerationKey), schema::GenerationKey(generation));
  db->set_metadata(std::string(schema::kGenerationTimePrefix) + schema::GenerationKey(generation),
                   time);
}

void WriteMeeting(Xapian::WritableDatabase* db, const std::string& state_key, FileResult& r,
                  const std::string& generation, const CarriedGenerations& carried) {
  // Freed as they go, so a long file's documents and Xapian's buffer of them do not add up.
  for (std::size_t k = 0; k < r.built.size(); ++k) {
    Xapian::Document doc = r.built.Take(k);
    auto old = carried.find(doc.get_value(schema::kContentHashSlot));
    doc.add_value(schema::kGenerationSlot, old == carried.end() ? generation : old->second);
    db->add_document(doc);
  }
  for (const auto& [word, n] : r.built.words) db->add_spelling(word, n);
  WriteVocabulary(db, r.built.vocabulary);
  db->set_metadata(state_key, r.state.Encode());
}

IndexWriter::IndexWriter() = default;
IndexWriter::~IndexWriter() = default;

Status IndexWriter::Open(const IndexOptions& options) {
  db_ = options.db;
  batch_files_ = static_cast<std::size_t>(options.batch_files);
  Status s =
      !options.shard_by.empty() || IsStub(options.db) ? OpenSharded(options) : OpenOne(options.db);
  generation_value_ = Xapian::sortable_serialise(static_cast<double>(generation_));
  return s;
}

Status IndexWriter::OpenOne(const std::string& path) {
  ShardDb shard;
  shard.path = path;
  Status s = OpenWritable(path, &shard.db);
  if (!s.ok()) return s;
  try {
    // The phrase terms of documents already there were made with this table, or not.
    shard.mixed =
        shard.db.get_doccount() > 0 &&
        shard.db.get_metadata(std::string(schema::kSynonymsKey)) != corpus::SynonymsFingerprint();
    // Terms of another schema would mix with this one's and answer queries wrongly.
    const std::string version = shard.db.get_metadata(std::string(schema::kSchemaVersionKey));
    if (!version.empty() && version != schema::kSchemaVersion) {
      return Status::InvalidArgument(
          "database " + path + " was written with schema version " + version +
          "; this protokoll-index writes version " + std::string(schema::kSchemaVersion) +
          ": index into a new folder (or delete " + path + " and index again)");
    }
    generation_ =
        schema::ParseGeneration(shard.db.get_metadata(std::string(schema::kGenerationKey))) + 1;
    const std::string newest = shard.db.get_value_upper_bound(schema::kGenerationSlot);
    pending_ = !newest.empty() && Xapian::sortable_unserialise(newest) >= generation_;
    ReadFileStates(shard.db, 0, &known_);
    fresh_ = known_.empty() && shard.db.get_doccount() == 0;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kCorruption, "cannot read database " + path);
  }
  shards_.push_back(std::move(shard));
  return Status::OK();
}

Status IndexWriter::OpenSharded(const IndexOptions& options) {
  sharded_ = std::make_unique<ShardedDb>(options.db, &shards_);
  Status s = sharded_->Open(options.shard_by);
  if (!s.ok()) return s;
  try {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      const std::string version =
          shards_[k].db.get_metadata(std::string(schema::kSchemaVersionKey));
      if (!version.empty() && version != schema::kSchemaVersion) {
        return Status::InvalidArgument("the shard " + shards_[k].path +
                                       " was written with schema version " + version +
                                       ": index into a new folder");
      }
      ReadFileStates(shards_[k].db, k, &known_);
    }
    // The run's generation, kept by the first shard (a stub's metadata is its first shard's).
    // Items of a changed file all get it: generations are not carried across shards.
    generation_ = 1 + (shards_.empty() ? 0
                                       : schema::ParseGeneration(shards_[0].db.get_metadata(
                                             std::string(schema::kGenerationKey))));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kCorruption, "cannot read database " + options.db);
  }
  return Status::OK();
}

void IndexWriter::LendGenerations(const std::vector<std::string>& gone) {
  if (sharded_) return;
  for (const std::string& key : gone) {
    for (const Holder& h : known_[key])
      meeting_of_content_.emplace(h.state.hash, h.state.meeting_id);
  }
}

void IndexWriter::Begin(std::size_t shard) {
  if (!shards_[shard].in_txn) {
    shards_[shard].db.begin_transaction(true);
    shards_[shard].in_txn = true;
  }
}

void IndexWriter::CommitBatch() {
  for (ShardDb& shard : shards_) {
    if (shard.in_txn) shard.db.commit_transaction();
    shard.in_txn = false;
  }
  batch_ = Batch();
}

void IndexWriter::RemoveFile(const std::string& file_key, std::optional<std::size_t> keep) {
  auto it = known_.find(file_key);
  if (it == known_.end()) return;
  // A sharded database counts any known file rewritten or removed as a change.
  if (sharded_) changed_ = true;
  for (const Holder& h : it->second) {
    Begin(h.shard);
    Xapian::WritableDatabase& db = shards_[h.shard].db;
    const std::string term = std::string(schema::kMeetingIdPrefix) + h.state.meeting_id;
    if (db.get_termfreq(term) > 0) changed_ = true;
    db.delete_document(term);
    if (h.shard != keep) db.set_metadata(StateKey(file_key), "");
  }
}

Status IndexWriter::Write(const std::string& file_key, FileResult& r) {
  std::size_t target = 0;
  if (sharded_) {
    Status s = sharded_->ShardFor(r, &target);
    if (!s.ok()) return s;
  }
  carried_.clear();
  if (!sharded_) {
    // The items of the file's earlier version, or of a file gone with the same content (moved
    // or renamed), lend their generations to items of the same content.
    auto it = known_.find(file_key);
    if (it != known_.end())
      CarryGenerations(shards_[0].db, it->second[0].state.meeting_id, &carried_);
    auto same = meeting_of_content_.find(r.state.hash);
    if (same != meeting_of_content_.end()) CarryGenerations(shards_[0].db, same->second, &carried_);
  }
  RemoveFile(file_key, target);
  Begin(target);
  WriteMeeting(&shards_[target].db, StateKey(file_key), r, generation_value_, carried_);
  if (sharded_ || r.items > 0) changed_ = true;
  if (target != 0) {
    // The first shard keeps every word's analysis: queries read a stub's metadata from its
    // first shard.
    Begin(0);
    WriteVocabulary(&shards_[0].db, r.built.vocabulary);
  }
  shards_[target].items += r.items;
  batch_.items += r.items;
  return Status::OK();
}

Status IndexWriter::Apply(const std::string& file_key, FileResult& r) {
  try {
    switch (r.kind) {
      case FileResult::kTouched:
        for (const Holder& h : known_[file_key]) {
          Begin(h.shard);
          shards_[h.shard].db.set_metadata(StateKey(file_key), r.state.Encode());
        }
        break;
      case FileResult::kIndexed:
        return Write(file_key, r);
      case FileResult::kSkipped:
      case FileResult::kFailed:
        // A file that no longer reads loses its old documents, and is retried next run.
        RemoveFile(file_key, std::nullopt);
        break;
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot write database " + db_);
  }
  return Status::OK();
}

Status IndexWriter::Remove(const std::string& file_key) {
  try {
    RemoveFile(file_key, std::nullopt);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot write database " + db_);
  }
  return Status::OK();
}

Status IndexWriter::EndFile(std::uint64_t bytes) {
  ++batch_.files;
  batch_.bytes += bytes;
  if (!batch_.Full(batch_files_)) return Status::OK();
  try {
    CommitBatch();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot write database " + db_);
  }
  return Status::OK();
}

Status IndexWriter::Finish(const IndexOptions& options) {
  try {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      Begin(k);
      shards_[k].db.set_metadata(std::string(schema::kSchemaVersionKey),
                                 std::string(schema::kSchemaVersion));
      shards_[k].db.set_metadata(std::string(schema::kSynonymsKey),
                                 shards_[k].mixed ? "mixed" : corpus::SynonymsFingerprint());
    }
    if ((changed_ || pending_) && !shards_.empty()) SetGeneration(&shards_[0].db, generation_);
    CommitBatch();
    for (ShardDb& shard : shards_) {
      shard.db.commit();
      const Xapian::doccount total = shard.db.get_doccount();
      std::remove(PidFile(shard.path).c_str());
      // One database is rewritten compactly when this run wrote a fifth of it or more. Of a
      // sharded one, only a shard made by this run: compacting swaps its folder, so an
      // xapian-tcpsrv serving it would go on with the old one (it reopens by path), and
      // xapian-replicate would copy it whole.
      const bool much = sharded_ ? shard.made : shard.items * 5 >= total;
      if (options.compact && shard.items > 0 && much) {
        // Still holding the lock: the compact copy is made from a reader of the committed state.
        Status s = CompactInto({shard.path}, shard.path);
        if (!s.ok()) return s;
      }
      shard.db.close();
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot write database " + db_);
  }
  return Status::OK();
}

void IndexWriter::Cancel() {
  for (ShardDb& shard : shards_) {
    try {
      if (shard.in_txn) shard.db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // The run fails with the error that stopped it.
    }
    shard.in_txn = false;
  }
}

void IndexWriter::Close() {
  for (ShardDb& shard : shards_) {
    try {
      shard.db.close();
    } catch (const Xapian::Error&) {
      // Nothing was written to it.
    }
  }
}

}  // namespace protokoll::indexer
