// The indexing run: walk -> plan (unchanged / changed / removed) -> parse on worker threads
// -> write on this thread in committed batches.
#include "protokoll/indexer/indexer.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "document_writer.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/analyzer.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "walker.h"

namespace protokoll::indexer {
namespace {

// The folder inside a database where pages read by OCR are kept (see ReadOptions).
constexpr std::string_view kOcrCacheDir = "ocr-cache";

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// What the database remembers of a file: enough to tell whether it changed.
struct FileState {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t hash = 0;
  std::string meeting_id;

  std::string Encode() const {
    std::ostringstream s;
    s << size << ' ' << mtime_ns << ' ' << hash << ' ' << meeting_id;
    return s.str();
  }
  static bool Decode(const std::string& v, FileState* st) {
    std::istringstream s(v);
    return static_cast<bool>(s >> st->size >> st->mtime_ns >> st->hash >> st->meeting_id);
  }
};

std::uint64_t Hash64(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a, 8 bytes at a time folded in
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * 1099511628211ull;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * 1099511628211ull;
  return h;
}

// One file's outcome from a worker.
struct Result {
  std::size_t index = 0;
  enum Kind { kIndexed, kTouched, kFailed, kSkipped } kind = kFailed;
  std::string reason;
  FileState state;
  BuiltMeeting built;
  std::size_t items = 0;  // documents built (they may be written by the worker already)
  json dry_json;
  std::vector<DroppedLine> dropped;
  std::vector<std::string> warnings;  // what could not be read (Meeting::warnings, OCR pages)
  int ocr_pages = 0;                  // pages read by OCR
  int ocr_cached_pages = 0;           // ... of them from the cache
};

// A bounded queue from the workers to the writer.
class ResultQueue {
 public:
  explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}
  void Push(Result r) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(r));
    not_empty_.notify_one();
  }
  bool Pop(Result* r, int producers_left_hint) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return !queue_.empty() || done_; });
    (void)producers_left_hint;
    if (queue_.empty()) return false;
    *r = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    done_ = true;
    not_empty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  std::deque<Result> queue_;
  std::size_t capacity_;
  bool done_ = false;
};

std::string StatusReason(const Status& s) { return s.message(); }

class Progress {
 public:
  Progress(const IndexOptions& o, std::size_t total_files, std::uint64_t total_bytes)
      : o_(o),
        total_files_(total_files),
        total_bytes_(total_bytes),
        start_(Clock::now()),
        last_(start_) {}
  // ocr_pages: scanned pages read by OCR so far (they are slow: the line says so).
  void Update(std::size_t files, std::uint64_t bytes, std::uint64_t ocr_pages, bool final = false) {
    if (o_.quiet || !o_.err || total_files_ == 0) return;
    auto now = Clock::now();
    double since = std::chrono::duration<double>(now - last_).count();
    if (!final && since < (o_.progress_bar ? 0.2 : 5.0)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = bytes / 1048576.0, rate = secs > 0 ? mb / secs : 0;
    double frac = total_bytes_ ? static_cast<double>(bytes) / total_bytes_ : 1.0;
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::ostringstream line;
    line << std::fixed << std::setprecision(1);
    if (o_.progress_bar) {
      int width = 30, filled = static_cast<int>(frac * width);
      line << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] ";
    } else {
      line << "progress: ";
    }
    line << files << "/" << total_files_ << " files, " << mb << " MB, " << rate << " MB/s, ";
    if (ocr_pages > 0) line << ocr_pages << " pages OCR'd, ";
    line << "ETA " << static_cast<int>(eta) << " s";
    *o_.err << line.str() << (o_.progress_bar ? (final ? "\n" : "") : "\n") << std::flush;
  }

 private:
  const IndexOptions& o_;
  std::size_t total_files_;
  std::uint64_t total_bytes_;
  Clock::time_point start_, last_;
};

// The analyzer of a worker thread, opened when its first file needs one: a run where
// nothing changed never pays for loading the dictionary.
class LazyAnalyzer {
 public:
  // record: keep the words analyzed for the database's vocabulary (not on a dry run).
  // vocabulary_db: a database whose stored vocabulary spares loading the dictionary for the
  // words it has (an update of an index), or empty.
  LazyAnalyzer(bool record, const std::string& vocabulary_db)
      : record_(record), vocabulary_db_(vocabulary_db) {}

  Status Get(stemming::Analyzer** out) {
    if (!analyzer_ && status_.ok()) {
      stemming::AnalyzerOptions options;
      options.record_new_words = record_;
      if (!vocabulary_db_.empty()) {
        try {
          vocabulary_ = std::make_unique<stemming::MetadataVocabulary>(
              [db = Xapian::Database(vocabulary_db_)](const std::string& key, std::string* value) {
                try {
                  *value = db.get_metadata(key);
                  return true;
                } catch (const Xapian::Error&) {
                  return false;
                }
              },
              schema::kVocabularyPrefix);
          options.vocabulary = vocabulary_.get();
        } catch (const Xapian::Error&) {
          // No stored vocabulary to read: the dictionary does all the work.
        }
      }
      status_ = stemming::Analyzer::Open(options, &analyzer_);
      if (status_.ok() && record_) {
        // The words queries expand to (synonyms) join the vocabulary too, so that a query
        // tool expanding "SoL" needs no dictionary either.
        std::vector<stemming::Token> tokens;
        for (const corpus::Synonym& s : corpus::Synonyms()) {
          analyzer_->Analyze(s.term, &tokens);
          for (const std::string& e : s.expansions) analyzer_->Analyze(e, &tokens);
        }
      }
    }
    *out = analyzer_.get();
    return status_;
  }

 private:
  bool record_;
  std::string vocabulary_db_;
  std::unique_ptr<stemming::MetadataVocabulary> vocabulary_;
  std::unique_ptr<stemming::Analyzer> analyzer_;
  Status status_;
};

// Reads, parses and builds one file. A failure to open the analyzer is returned; what is
// wrong with the file itself goes into r.
Status ProcessFile(const SourceFile& f, const std::optional<FileState>& old, bool build,
                   const IndexOptions& options, LazyAnalyzer* lazy, Result* r) {
  const auto started = Clock::now();
  r->state.size = f.size;
  r->state.mtime_ns = f.mtime_ns;
  r->state.meeting_id = MeetingIdForKey(f.key);
  RawDocument doc;
  std::string bytes;
  {
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      r->kind = Result::kFailed;
      r->reason = "cannot open file";
      return Status::OK();
    }
    if (f.size > options.read.max_file_bytes) {
      r->kind = Result::kSkipped;
      r->reason = "file is " + std::to_string(f.size >> 20) + " MB, over the limit of " +
                  std::to_string(options.read.max_file_bytes >> 20) + " MB (--max-file-mb)";
      return Status::OK();
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  r->state.hash = Hash64(bytes);
  if (old && old->hash == r->state.hash && old->meeting_id == r->state.meeting_id) {
    r->kind = Result::kTouched;
    return Status::OK();
  }
  ReadOptions read = options.read;
  if (read.ocr) {
    // Scanned pages read once are kept in the database's folder by the file's content.
    char key[40];
    std::snprintf(key, sizeof key, "%016llx-%llu", static_cast<unsigned long long>(r->state.hash),
                  static_cast<unsigned long long>(bytes.size()));
    read.ocr_cache_dir = options.db + "/" + std::string(kOcrCacheDir);
    read.ocr_cache_key = key;
    read.ocr_cache_write = !options.dry_run;
    // A file's scanned pages are read side by side, on as many threads as there are jobs.
    read.ocr_threads =
        options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  }
  Status s = ReadDocumentBytes(bytes, f.path, read, &doc);
  if (!s.ok()) {
    bool skip = s.code() == Status::Code::kUnsupported || s.code() == Status::Code::kLimitExceeded;
    r->kind = skip ? Result::kSkipped : Result::kFailed;
    r->reason = StatusReason(s);
    return Status::OK();
  }
  stemming::Analyzer* analyzer = nullptr;
  s = lazy->Get(&analyzer);
  if (!s.ok()) return s;
  Meeting meeting;
  meeting.file = f.path;
  meeting.meeting_id = r->state.meeting_id;
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  // Topics are matched while the documents are built, on the same analysis; a dry run has
  // no documents and matches them while parsing.
  ctx.analyzer = build ? nullptr : analyzer;
  ctx.file_name = f.path;
  CleanedText cleaned;
  ParseMeeting(doc, ctx, &meeting, options.explain ? &cleaned : nullptr);
  r->warnings = meeting.warnings;
  r->warnings.insert(r->warnings.end(), doc.ocr_skipped.begin(), doc.ocr_skipped.end());
  r->ocr_pages = doc.ocr_pages;
  r->ocr_cached_pages = doc.ocr_cached_pages;
  if (options.dry_run) {
    r->dry_json = MeetingJson(meeting);
    r->dropped = std::move(cleaned.dropped);
    if (options.explain) {
      json evidence = json::array();
      for (const Evidence& e : meeting.evidence) {
        evidence.push_back({{"field", e.field}, {"kind", e.kind}, {"line", e.line}});
      }
      r->dry_json["evidence"] = std::move(evidence);
      r->dry_json["header"] = meeting.header;
    }
    if (doc.ocr_pages > 0) r->dry_json["ocr_pages"] = doc.ocr_pages;
    if (!r->warnings.empty()) r->dry_json["warnings"] = r->warnings;
  }
  // The time limit of reading goes on through parsing and building, checked between items.
  auto over_time = [&] {
    // OCR has limits of its own (a page, pages a file).
    return std::chrono::duration<double>(Clock::now() - started).count() - doc.ocr_seconds >
           options.read.max_seconds;
  };
  if (build) {
    bool finished =
        BuildDocuments(meeting, analyzer, &TopicMatcher::For(analyzer), over_time, &r->built);
    analyzer->TakeNewWords(&r->built.vocabulary);
    if (!finished) {
      r->built = BuiltMeeting();
      r->kind = Result::kSkipped;
      r->reason = "took longer than " + std::to_string(static_cast<int>(options.read.max_seconds)) +
                  " s to index (time limit per file)";
      return Status::OK();
    }
  }
  r->kind = Result::kIndexed;
  return Status::OK();
}

// Runs ProcessFile over todo on worker threads, handing results to consume in file order.
// in_worker, if set, sees each result on its worker's thread first (worker numbers 0..jobs-1).
using WorkerHook = std::function<Status(int worker, Result& r)>;

int JobCount(const IndexOptions& options, std::size_t files) {
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, std::min<int>(jobs, static_cast<int>(files)));
}

template <typename Consume>
Status RunWorkers(const std::vector<const SourceFile*>& todo,
                  const std::vector<std::optional<FileState>>& old, bool build,
                  const IndexOptions& options, Consume consume,
                  const WorkerHook& in_worker = nullptr, const std::string& vocabulary_db = "") {
  const int jobs = JobCount(options, todo.size());
  std::atomic<std::size_t> next{0};
  ResultQueue queue(static_cast<std::size_t>(jobs) * 4);
  std::atomic<int> running{jobs};
  std::atomic<bool> stop{false};
  Status open_status;
  std::mutex status_mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
    threads.emplace_back([&, t] {
      LazyAnalyzer analyzer(build, vocabulary_db);
      while (!stop) {
        std::size_t i = next++;
        if (i >= todo.size()) break;
        Result r;
        r.index = i;
        try {
          Status s = ProcessFile(*todo[i], old[i], build, options, &analyzer, &r);
          r.items = r.built.documents.size();
          if (s.ok() && in_worker) s = in_worker(t, r);
          if (!s.ok()) {
            std::lock_guard<std::mutex> lock(status_mu);
            open_status = s;
            stop = true;
            break;
          }
        } catch (const std::exception& e) {
          r = Result();
          r.index = i;
          r.kind = Result::kFailed;
          r.reason = std::string("internal error: ") + e.what();
        }
        queue.Push(std::move(r));
      }
      if (--running == 0) queue.Close();
    });
  }
  // Results arrive out of order; hand them on in order so output and batches are stable.
  std::map<std::size_t, Result> pending;
  std::size_t expect = 0;
  Result r;
  Status consume_status;
  while (queue.Pop(&r, running)) {
    pending.emplace(r.index, std::move(r));
    while (!pending.empty() && pending.begin()->first == expect) {
      if (consume_status.ok()) consume_status = consume(pending.begin()->second);
      if (!consume_status.ok()) stop = true;
      pending.erase(pending.begin());
      ++expect;
    }
  }
  for (auto& th : threads) th.join();
  if (!open_status.ok()) return open_status;
  return consume_status;
}

// Xapian's limit on metadata key length.
constexpr std::size_t kMaxMetadataKey = 200;

// The B-tree block size of the databases written: twice Xapian's default, so that a query
// reads about half as many blocks (6 instead of 10 a query at 2,000 files, measured with
// strace), in no more room.
constexpr int kBlockSize = 16384;

std::string PidFile(const std::string& db) { return db + "/protokoll-index.pid"; }
std::string CompactTmp(const std::string& db) { return db + ".compact-new"; }
std::string CompactOld(const std::string& db) { return db + ".compact-old"; }

// Finishes or undoes a compaction that a crash interrupted: the compact copy replaces the
// database by two renames, so at most one of them can be missing.
void RecoverCompaction(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec) && fs::exists(CompactOld(path), ec)) {
    fs::rename(CompactOld(path), path, ec);
  }
  fs::remove_all(CompactOld(path), ec);
  fs::remove_all(CompactTmp(path), ec);
  for (int k = 0; fs::exists(path + ".shard-" + std::to_string(k), ec); ++k) {
    fs::remove_all(path + ".shard-" + std::to_string(k), ec);
  }
}

// Puts the complete database at fresh in the place of the one at path, by two renames.
Status ReplaceDatabase(const std::string& path, const std::string& fresh) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::rename(path, CompactOld(path), ec);
  if (!ec) {
    fs::rename(fresh, path, ec);
    if (ec) RecoverCompaction(path);
  }
  if (ec) {
    fs::remove_all(fresh, ec);
    return Status::IOError("cannot replace database " + path +
                           " by its compact copy: " + ec.message());
  }
  // The pages read by OCR stay with the database (a lost cache is only slower).
  const fs::path cache = fs::path(CompactOld(path)) / kOcrCacheDir;
  if (fs::exists(cache, ec)) fs::rename(cache, fs::path(path) / kOcrCacheDir, ec);
  fs::remove_all(CompactOld(path), ec);
  return Status::OK();
}

// Rewrites the databases at sources compactly as one (full blocks, no free space) and puts
// it in the place of the database at path. The caller still holds path's write lock, so no
// other writer can start meanwhile.
Status CompactInto(const std::vector<std::string>& sources, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::remove_all(CompactTmp(path), ec);
  try {
    Xapian::Database all;
    for (const std::string& source : sources) all.add_database(Xapian::Database(source));
    all.compact(CompactTmp(path), sources.size() == 1 ? Xapian::DBCOMPACT_NO_RENUMBER : 0,
                kBlockSize);
  } catch (const Xapian::Error& e) {
    fs::remove_all(CompactTmp(path), ec);
    return Status::IOError("cannot compact database " + path + ": " + e.get_msg());
  }
  return ReplaceDatabase(path, CompactTmp(path));
}

// Records generation as committed (with its time) in db's next commit.
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

// The generations of meeting_id's items in db, by their content hash, into *carried.
void CarryGenerations(const Xapian::Database& db, const std::string& meeting_id,
                      std::unordered_map<std::string, std::string>* carried) {
  const std::string term = std::string(schema::kMeetingIdPrefix) + meeting_id;
  for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string hash = doc.get_value(schema::kContentHashSlot);
    std::string generation = doc.get_value(schema::kGenerationSlot);
    if (!hash.empty() && !generation.empty()) carried->emplace(std::move(hash), generation);
  }
}

// A fresh database built on all cores: each worker writes a shard of its own, and the shards
// are merged into one compact database at the end. A crash leaves the real database empty
// and the shards aside; the next run removes them and starts over.
class Shards {
 public:
  // generation: the run's (see schema::kGenerationKey), which every item gets.
  Shards(std::string db, int count, std::size_t batch_files, std::uint64_t generation)
      : db_(std::move(db)), batch_files_(batch_files), generation_(generation), shards_(count) {}

  static std::string ShardPath(const std::string& db, int k) {
    return db + ".shard-" + std::to_string(k);
  }

  Status Open() {
    try {
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        std::error_code ec;
        std::filesystem::remove_all(ShardPath(db_, k), ec);
        // Not synced to disk: a shard that a crash leaves half written is thrown away.
        shards_[k].db = Xapian::WritableDatabase(
            ShardPath(db_, k), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC, kBlockSize);
      }
    } catch (const Xapian::Error& e) {
      return Status::IOError("cannot create " + ShardPath(db_, 0) + ": " + e.get_msg());
    }
    return Status::OK();
  }

  // Writes a built file into worker's shard (on that worker's thread).
  Status Write(int worker, const std::string& key, Result& r) {
    Shard& shard = shards_[worker];
    try {
      if (r.kind == Result::kIndexed) {
        Status s = WriteMeeting(&shard.db, key, r,
                                Xapian::sortable_serialise(static_cast<double>(generation_)), {});
        if (!s.ok()) return s;
        r.built = BuiltMeeting();  // the documents are written; free them now
      }
      if (++shard.files >= batch_files_) {
        shard.db.commit();
        shard.files = 0;
      }
    } catch (const Xapian::Error& e) {
      return Status::IOError("cannot write " + ShardPath(db_, worker) + ": " + e.get_msg());
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
        paths.push_back(ShardPath(db_, k));
      }
    } catch (const Xapian::Error& e) {
      return Status::IOError("cannot write the shards of " + db_ + ": " + e.get_msg());
    }
    return CompactInto(paths, db_);
  }

  ~Shards() {
    for (std::size_t k = 0; k < shards_.size(); ++k) {
      std::error_code ec;
      std::filesystem::remove_all(ShardPath(db_, k), ec);
    }
  }

  // Writes one file's documents (with their data), spellings, vocabulary and state. Each
  // item gets generation (sortable_serialise), or the one carried (by content hash) of an item
  // of the file's earlier version with the same content.
  static Status WriteMeeting(Xapian::WritableDatabase* db, const std::string& key, Result& r,
                             const std::string& generation,
                             const std::unordered_map<std::string, std::string>& carried) {
    for (std::size_t k = 0; k < r.built.documents.size(); ++k) {
      Xapian::Document doc = r.built.Document(k);
      auto old = carried.find(doc.get_value(schema::kContentHashSlot));
      doc.add_value(schema::kGenerationSlot, old == carried.end() ? generation : old->second);
      db->add_document(doc);
      // Freed as they go, so a long file's documents and Xapian's buffer of them do not add up.
      std::string().swap(r.built.documents[k]);
    }
    for (const auto& [word, n] : r.built.words) db->add_spelling(word, n);
    for (const auto& w : r.built.vocabulary) {
      std::string vkey = std::string(schema::kVocabularyPrefix) + w.word;
      if (vkey.size() <= kMaxMetadataKey) db->set_metadata(vkey, stemming::EncodeTerms(w.terms));
    }
    db->set_metadata(key, r.state.Encode());
    return Status::OK();
  }

 private:
  struct Shard {
    Xapian::WritableDatabase db;
    std::size_t files = 0;
  };
  std::string db_;
  std::size_t batch_files_;
  std::uint64_t generation_;
  std::vector<Shard> shards_;
};

Status OpenWritable(const std::string& path, Xapian::WritableDatabase* db) {
  RecoverCompaction(path);
  try {
    *db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN, kBlockSize);
  } catch (const Xapian::DatabaseLockError&) {
    std::string pid;
    std::ifstream in(PidFile(path));
    if (in) std::getline(in, pid);
    return Status::Locked("database " + path + " is locked by another protokoll-index" +
                          (pid.empty() ? "" : " (pid " + pid + ")"));
  } catch (const Xapian::DatabaseCorruptError& e) {
    return Status::Corruption("database " + path + " is corrupt: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open database " + path + ": " + e.get_msg());
  }
  std::ofstream(PidFile(path)) << ::getpid() << "\n";
  return Status::OK();
}

// Adds what reading an indexed file met to the summary: its warnings and OCR'd pages.
void CountRead(const SourceFile& f, const Result& r, IndexSummary* summary) {
  for (const auto& w : r.warnings) summary->warned.push_back({f.path, w});
  if (r.ocr_pages > 0) {
    ++summary->ocr_files;
    summary->ocr_pages += static_cast<std::uint64_t>(r.ocr_pages);
    summary->ocr_cached_pages += static_cast<std::uint64_t>(r.ocr_cached_pages);
  }
}

void WriteReport(const IndexOptions& options, const IndexSummary& sum) {
  auto list = [](const std::vector<FileFailure>& v) {
    json a = json::array();
    for (const auto& f : v) a.push_back({{"file", f.file}, {"reason", f.reason}});
    return a;
  };
  json report = {{"indexed", sum.indexed},
                 {"unchanged", sum.unchanged},
                 {"removed", sum.removed},
                 {"items", sum.items},
                 {"bytes", sum.bytes},
                 {"seconds", sum.seconds},
                 {"skipped", list(sum.skipped)},
                 {"failed", list(sum.failed)},
                 {"warnings", list(sum.warned)},
                 {"ocr",
                  {{"files", sum.ocr_files},
                   {"pages", sum.ocr_pages},
                   {"cached_pages", sum.ocr_cached_pages}}}};
  std::ofstream out(options.report);
  out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

Status DryRun(const IndexOptions& options, const WalkResult& walk, IndexSummary* summary) {
  std::vector<const SourceFile*> todo;
  for (const auto& f : walk.files) todo.push_back(&f);
  std::vector<std::optional<FileState>> old(todo.size());
  std::ostream& out = *options.out;
  return RunWorkers(todo, old, false, options, [&](Result& r) {
    const SourceFile& f = *todo[r.index];
    if (r.kind != Result::kIndexed) {
      auto& list = r.kind == Result::kSkipped ? summary->skipped : summary->failed;
      list.push_back({f.path, r.reason});
      if (options.json) {
        out << json({{"file", f.path}, {"error", r.reason}}).dump() << "\n";
      }
      return Status::OK();
    }
    ++summary->indexed;
    CountRead(f, r, summary);
    summary->items += r.dry_json["items"].size();
    summary->bytes += f.size;
    if (options.explain) {
      json dropped = json::array();
      for (const auto& d : r.dropped) {
        dropped.push_back({{"page", d.page + 1}, {"reason", d.reason}, {"text", d.text}});
      }
      r.dry_json["dropped"] = dropped;
    }
    if (options.json) {
      out << r.dry_json.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    } else {
      out << r.dry_json.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    }
    return Status::OK();
  });
}

// Indexes todo into a fresh database on all cores (see Shards).
Status BuildInShards(const IndexOptions& options, const std::vector<const SourceFile*>& todo,
                     int jobs, std::uint64_t generation, Progress* progress,
                     IndexSummary* summary) {
  Shards shards(options.db, jobs, static_cast<std::size_t>(options.batch_files), generation);
  Status s = shards.Open();
  if (!s.ok()) return s;
  std::vector<std::optional<FileState>> old(todo.size());
  std::size_t done_files = 0;
  std::uint64_t done_bytes = 0;
  s = RunWorkers(
      todo, old, true, options,
      [&](Result& r) -> Status {
        const SourceFile& f = *todo[r.index];
        if (r.kind == Result::kIndexed) {
          ++summary->indexed;
          CountRead(f, r, summary);
          summary->items += r.items;
        } else {
          (r.kind == Result::kSkipped ? summary->skipped : summary->failed)
              .push_back({f.path, r.reason});
        }
        summary->bytes += f.size;
        ++done_files;
        done_bytes += f.size;
        progress->Update(done_files, done_bytes, summary->ocr_pages);
        return Status::OK();
      },
      [&](int worker, Result& r) {
        return shards.Write(worker, std::string(schema::kFileStatePrefix) + todo[r.index]->key, r);
      });
  if (!s.ok()) return s;
  s = shards.Merge();
  if (!s.ok()) return s;
  std::remove(PidFile(options.db).c_str());
  progress->Update(done_files, done_bytes, summary->ocr_pages, true);
  return Status::OK();
}

// A database sharded by county or year (IndexOptions::shard_by): a stub database (its folder's
// XAPIANDB file, in Xapian's format) that lists one shard a county or a year, each a database of
// its own in a folder of the stub's. Each shard commits on its own; a run killed between two
// shards' commits can leave a meeting in two shards (moved) or in none (removed from one), and
// the next run sees that in the shards' file states and mends it.
std::string StubFile(const std::string& db) { return db + "/XAPIANDB"; }

// The stub's first line, a comment to Xapian, names its sharding: "# protokoll-index --shard-by
// county".
constexpr std::string_view kStubComment = "# protokoll-index --shard-by ";

bool IsStub(const std::string& db) {
  std::error_code ec;
  return !std::filesystem::exists(db + "/iamglass", ec) &&
         std::filesystem::exists(StubFile(db), ec);
}

struct ShardDb {
  std::string name;  // its folder, in the stub's folder
  Xapian::WritableDatabase db;
  bool in_txn = false;
  std::uint64_t items = 0;  // item documents written to it this run
  bool mixed = false;       // its documents were made with another synonym table
  bool made = false;        // made by this run
};

class ShardedDb {
 public:
  explicit ShardedDb(std::string dir) : dir_(std::move(dir)) {}

  // Opens the shards the stub lists (and any a crash left unlisted), with their sharding in
  // *by; with want not empty, that must be it.
  Status Open(const std::string& want, std::string* by) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(dir_ + "/iamglass", ec)) {
      return Status::InvalidArgument("database " + dir_ +
                                     " is one database, not sharded: give --shard-by a new folder");
    }
    fs::create_directories(dir_, ec);
    std::vector<std::string> names;
    std::string stub_by;  // the sharding the stub's comment names
    std::ifstream stub(StubFile(dir_));
    for (std::string line; std::getline(stub, line);) {
      if (line.rfind("auto ", 0) == 0) names.push_back(line.substr(5));
      if (line.rfind(kStubComment, 0) == 0) stub_by = line.substr(kStubComment.size());
    }
    std::vector<std::string> unlisted;
    for (const auto& e : fs::directory_iterator(dir_, ec)) {
      const std::string name = e.path().filename().string();
      if (fs::exists(e.path() / "iamglass", ec) &&
          std::find(names.begin(), names.end(), name) == names.end()) {
        unlisted.push_back(name);
      }
    }
    std::sort(unlisted.begin(), unlisted.end());
    names.insert(names.end(), unlisted.begin(), unlisted.end());
    by_ = want.empty() ? stub_by : want;
    if (!stub_by.empty() && stub_by != by_) {
      return Status::InvalidArgument("database " + dir_ + " is sharded by " + stub_by +
                                     ", not by " + by_ + ": index into a new folder");
    }
    for (const std::string& name : names) {
      ShardDb shard;
      shard.name = name;
      Status s = OpenWritable(Path(name), &shard.db);
      if (!s.ok()) return s;
      std::string key;
      try {
        key = shard.db.get_metadata(std::string(schema::kShardKey));
        shard.mixed = shard.db.get_doccount() > 0 &&
                      shard.db.get_metadata(std::string(schema::kSynonymsKey)) !=
                          corpus::SynonymsFingerprint();
      } catch (const Xapian::Error& e) {
        return Status::Corruption("cannot read the shard " + Path(name) + ": " + e.get_msg());
      }
      const std::string shard_by = key.substr(0, key.find(' '));
      if (shard_by.empty()) {
        return Status::InvalidArgument("database " + dir_ + " holds " + name +
                                       ", which is not a shard made by --shard-by");
      }
      if (by_.empty()) by_ = shard_by;
      if (shard_by != by_) {
        return Status::InvalidArgument("database " + dir_ + " is sharded by " + shard_by +
                                       ", not by " + by_ + ": index into a new folder");
      }
      by_key_[key.substr(key.find(' ') + 1)] = shards_.size();
      shards_.push_back(std::move(shard));
    }
    if (by_.empty()) {
      return Status::InvalidArgument("database " + dir_ +
                                     " is a stub database without shards of protokoll-index: "
                                     "give --shard-by county or year, or index into its shards");
    }
    *by = by_;
    // The sharding is remembered from the start, before a shard is made.
    if (!unlisted.empty() || stub_by.empty()) return WriteStub();
    return Status::OK();
  }

  std::vector<ShardDb>& shards() { return shards_; }

  // The shard that the meeting r built belongs in, made when it is the first of its county or
  // year (*index: its place in shards()).
  Status ShardFor(const Result& r, std::size_t* index) {
    std::string key;
    if (!r.built.documents.empty()) {
      key = r.built.Document(0).get_value(by_ == "county" ? schema::kCountiesSlot
                                                          : schema::kYearsSlot);
      key = key.substr(0, key.find(schema::kFacetSeparator));
    }
    if (key.empty()) key = "-";
    auto it = by_key_.find(key);
    if (it != by_key_.end()) {
      *index = it->second;
      return Status::OK();
    }
    std::string name = by_ + "-";
    for (char c : key == "-" ? std::string("none") : key) name += c == ' ' || c == '/' ? '-' : c;
    ShardDb shard;
    shard.name = name;
    shard.made = true;
    Status s = OpenWritable(Path(name), &shard.db);
    if (!s.ok()) return s;
    try {
      shard.db.set_metadata(std::string(schema::kShardKey), by_ + " " + key);
      shard.db.commit();
    } catch (const Xapian::Error& e) {
      return Status::IOError("cannot write the shard " + Path(name) + ": " + e.get_msg());
    }
    *index = by_key_[key] = shards_.size();
    shards_.push_back(std::move(shard));
    return WriteStub();
  }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

 private:
  // Lists the shards in XAPIANDB, the first made first (it keeps the vocabulary of all, as a
  // stub's metadata is its first shard's), replaced by a rename so readers see a whole file.
  Status WriteStub() {
    const std::string tmp = StubFile(dir_) + ".tmp";
    {
      std::ofstream out(tmp);
      out << kStubComment << by_ << "\n";
      for (const ShardDb& s : shards_) out << "auto " << s.name << "\n";
      if (!out) return Status::IOError("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), StubFile(dir_).c_str()) != 0) {
      return Status::IOError("cannot write " + StubFile(dir_));
    }
    return Status::OK();
  }

  std::string dir_, by_;
  std::vector<ShardDb> shards_;
  std::map<std::string, std::size_t> by_key_;  // shard key -> index
};

// RunIndex for a sharded database: as its one-writer update path, each file's documents
// written to the shard of its county or year.
Status RunSharded(const IndexOptions& options, const WalkResult& walk, Clock::time_point start,
                  IndexSummary* summary) {
  ShardedDb sharded(options.db);
  std::string by;
  Status s = sharded.Open(options.shard_by, &by);
  if (!s.ok()) return s;
  std::vector<ShardDb>& shards = sharded.shards();
  struct Holder {
    std::size_t shard;
    FileState state;
  };
  std::map<std::string, std::vector<Holder>> known;  // file key -> the shards that hold it
  const std::string prefix(schema::kFileStatePrefix);
  try {
    for (std::size_t k = 0; k < shards.size(); ++k) {
      Xapian::WritableDatabase& db = shards[k].db;
      const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
      if (!version.empty() && version != schema::kSchemaVersion) {
        return Status::InvalidArgument("the shard " + sharded.Path(shards[k].name) +
                                       " was written with schema version " + version +
                                       ": index into a new folder");
      }
      for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
        FileState st;
        if (FileState::Decode(db.get_metadata(*it), &st)) {
          known[(*it).substr(prefix.size())].push_back({k, st});
        }
      }
    }
  } catch (const Xapian::Error& e) {
    return Status::Corruption("cannot read database " + options.db + ": " + e.get_msg());
  }
  // The run's generation, kept by the first shard (a stub's metadata is its first shard's).
  // Items of a changed file all get it: generations are not carried across shards.
  const std::uint64_t generation =
      1 + (shards.empty() ? 0
                          : schema::ParseGeneration(
                                shards[0].db.get_metadata(std::string(schema::kGenerationKey))));
  const std::string generation_value = Xapian::sortable_serialise(static_cast<double>(generation));
  bool changed = false;
  std::vector<const SourceFile*> todo;
  std::vector<std::optional<FileState>> old;
  std::set<std::string> seen;
  std::uint64_t todo_bytes = 0;
  for (const auto& f : walk.files) {
    seen.insert(f.key);
    auto it = known.find(f.key);
    const bool one = it != known.end() && it->second.size() == 1;
    if (one && it->second[0].state.size == f.size && it->second[0].state.mtime_ns == f.mtime_ns) {
      ++summary->unchanged;
      continue;
    }
    todo.push_back(&f);
    // A file in two shards (a move that a crash cut short) is read again and written once.
    old.push_back(one ? std::optional<FileState>(it->second[0].state) : std::nullopt);
    todo_bytes += f.size;
  }
  Progress progress(options, todo.size(), todo_bytes);
  std::size_t done_files = 0, batch_files = 0;
  std::uint64_t done_bytes = 0, batch_bytes = 0;
  auto begin = [&](std::size_t k) {
    if (!shards[k].in_txn) {
      shards[k].db.begin_transaction(true);
      shards[k].in_txn = true;
    }
  };
  auto commit = [&] {
    for (ShardDb& shard : shards) {
      if (shard.in_txn) shard.db.commit_transaction();
      shard.in_txn = false;
    }
    batch_files = 0;
    batch_bytes = 0;
  };
  // Takes a file's documents and state out of every shard that holds it but keep.
  auto remove_file = [&](const std::string& file_key, std::size_t keep) {
    auto it = known.find(file_key);
    if (it == known.end()) return;
    changed = true;
    for (const Holder& h : it->second) {
      begin(h.shard);
      shards[h.shard].db.delete_document(std::string(schema::kMeetingIdPrefix) +
                                         h.state.meeting_id);
      if (h.shard != keep) shards[h.shard].db.set_metadata(prefix + file_key, "");
    }
  };
  try {
    s = RunWorkers(
        todo, old, true, options,
        [&](Result& r) -> Status {
          const SourceFile& f = *todo[r.index];
          const std::string key = prefix + f.key;
          const std::size_t none = shards.size() + 1;
          switch (r.kind) {
            case Result::kTouched:
              for (const Holder& h : known[f.key]) {
                begin(h.shard);
                shards[h.shard].db.set_metadata(key, r.state.Encode());
              }
              ++summary->unchanged;
              break;
            case Result::kIndexed: {
              std::size_t target = 0;
              if (Status st = sharded.ShardFor(r, &target); !st.ok()) return st;
              remove_file(f.key, target);
              begin(target);
              if (Status st =
                      Shards::WriteMeeting(&shards[target].db, key, r, generation_value, {});
                  !st.ok())
                return st;
              changed = true;
              if (target != 0) {
                // The first shard keeps every word's analysis: queries read a stub's metadata
                // from its first shard.
                begin(0);
                for (const auto& w : r.built.vocabulary) {
                  std::string vkey = std::string(schema::kVocabularyPrefix) + w.word;
                  if (vkey.size() <= kMaxMetadataKey) {
                    shards[0].db.set_metadata(vkey, stemming::EncodeTerms(w.terms));
                  }
                }
              }
              shards[target].items += r.items;
              ++summary->indexed;
              CountRead(f, r, summary);
              summary->items += r.items;
              break;
            }
            case Result::kSkipped:
            case Result::kFailed:
              remove_file(f.key, none);
              (r.kind == Result::kSkipped ? summary->skipped : summary->failed)
                  .push_back({f.path, r.reason});
              break;
          }
          summary->bytes += f.size;
          ++done_files;
          done_bytes += f.size;
          ++batch_files;
          batch_bytes += f.size;
          if (batch_files >= static_cast<std::size_t>(options.batch_files) ||
              batch_bytes >= (64u << 20)) {
            commit();
          }
          progress.Update(done_files, done_bytes, summary->ocr_pages);
          return Status::OK();
        },
        nullptr, known.empty() ? std::string() : options.db);
    if (!s.ok()) {
      for (ShardDb& shard : shards) {
        if (shard.in_txn) shard.db.cancel_transaction();
      }
      return s;
    }
    for (const auto& [file_key, holders] : known) {
      if (seen.count(file_key)) continue;
      for (const auto& scope : walk.key_scopes) {
        bool dir_scope = !scope.empty() && scope.back() == '/';
        if (dir_scope ? file_key.compare(0, scope.size(), scope) == 0 : file_key == scope) {
          remove_file(file_key, shards.size() + 1);
          ++summary->removed;
          break;
        }
      }
    }
    for (std::size_t k = 0; k < shards.size(); ++k) {
      begin(k);
      shards[k].db.set_metadata(std::string(schema::kSchemaVersionKey),
                                std::string(schema::kSchemaVersion));
      shards[k].db.set_metadata(std::string(schema::kSynonymsKey),
                                shards[k].mixed ? "mixed" : corpus::SynonymsFingerprint());
    }
    if (changed && !shards.empty()) SetGeneration(&shards[0].db, generation);
    commit();
    for (ShardDb& shard : shards) {
      shard.db.commit();
      std::remove(PidFile(sharded.Path(shard.name)).c_str());
      // Only a shard made by this run is rewritten compactly: compacting swaps its folder, so
      // an xapian-tcpsrv serving it would go on with the old one (it reopens by path), and
      // xapian-replicate would copy it whole.
      if (options.compact && shard.made && shard.items > 0) {
        s = CompactInto({sharded.Path(shard.name)}, sharded.Path(shard.name));
        if (!s.ok()) return s;
      }
      shard.db.close();
    }
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot write database " + options.db + ": " + e.get_msg());
  }
  progress.Update(done_files, done_bytes, summary->ocr_pages, true);
  summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!options.report.empty()) WriteReport(options, *summary);
  return Status::OK();
}

}  // namespace

Status RunIndex(const IndexOptions& options, IndexSummary* summary) {
  auto start = Clock::now();
  *summary = IndexSummary();
  WalkResult walk;
  Status s = Walk(options.paths, &walk);
  if (!s.ok()) return s;
  summary->skipped = walk.skipped;
  if (options.dry_run) {
    s = DryRun(options, walk, summary);
    summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return s;
  }
  if (!options.shard_by.empty() || IsStub(options.db)) {
    return RunSharded(options, walk, start, summary);
  }

  Xapian::WritableDatabase db;
  s = OpenWritable(options.db, &db);
  if (!s.ok()) return s;

  // Plan: which files changed, which are gone.
  std::map<std::string, FileState> known;
  // This run's generation follows the last one committed. Items a killed run left carry it
  // already (pending): this run commits it even if it changes nothing more.
  std::uint64_t generation = 1;
  bool pending = false;
  // The phrase terms of documents already there were made with this table, or not.
  std::string synonyms = corpus::SynonymsFingerprint();
  try {
    if (db.get_doccount() > 0 && db.get_metadata(std::string(schema::kSynonymsKey)) != synonyms) {
      synonyms = "mixed";
    }
    // Terms of another schema would mix with this one's and answer queries wrongly.
    const std::string version = db.get_metadata(std::string(schema::kSchemaVersionKey));
    if (!version.empty() && version != schema::kSchemaVersion) {
      return Status::InvalidArgument(
          "database " + options.db + " was written with schema version " + version +
          "; this protokoll-index writes version " + std::string(schema::kSchemaVersion) +
          ": index into a new folder (or delete " + options.db + " and index again)");
    }
    generation = schema::ParseGeneration(db.get_metadata(std::string(schema::kGenerationKey))) + 1;
    const std::string newest = db.get_value_upper_bound(schema::kGenerationSlot);
    pending = !newest.empty() && Xapian::sortable_unserialise(newest) >= generation;
    std::string prefix(schema::kFileStatePrefix);
    for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
      FileState st;
      if (FileState::Decode(db.get_metadata(*it), &st)) known[(*it).substr(prefix.size())] = st;
    }
  } catch (const Xapian::Error& e) {
    return Status::Corruption("cannot read database " + options.db + ": " + e.get_msg());
  }
  std::vector<const SourceFile*> todo;
  std::vector<std::optional<FileState>> old;
  std::set<std::string> seen;
  std::uint64_t todo_bytes = 0;
  for (const auto& f : walk.files) {
    seen.insert(f.key);
    auto it = known.find(f.key);
    if (it != known.end() && it->second.size == f.size && it->second.mtime_ns == f.mtime_ns) {
      ++summary->unchanged;
      continue;
    }
    todo.push_back(&f);
    old.push_back(it == known.end() ? std::nullopt : std::optional<FileState>(it->second));
    todo_bytes += f.size;
  }
  std::vector<std::pair<std::string, FileState>> gone;
  for (const auto& [key, st] : known) {
    if (seen.count(key)) continue;
    for (const auto& scope : walk.key_scopes) {
      bool dir_scope = !scope.empty() && scope.back() == '/';
      if (dir_scope ? key.compare(0, scope.size(), scope) == 0 : key == scope) {
        gone.emplace_back(key, st);
        break;
      }
    }
  }

  Progress progress(options, todo.size(), todo_bytes);
  const bool fresh = known.empty() && db.get_doccount() == 0;
  const int jobs = JobCount(options, todo.size());
  if (fresh && options.parallel_build && jobs > 1 &&
      todo.size() >= 8 * static_cast<std::size_t>(jobs)) {
    s = BuildInShards(options, todo, jobs, generation, &progress, summary);
    if (!s.ok()) return s;
    db.close();
    summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!options.report.empty()) WriteReport(options, *summary);
    return Status::OK();
  }
  std::size_t done_files = 0, batch_files = 0;
  std::uint64_t done_bytes = 0, batch_bytes = 0;
  bool in_txn = false;
  try {
    auto begin = [&] {
      if (!in_txn) {
        db.begin_transaction(true);
        in_txn = true;
      }
    };
    auto commit = [&]() -> Status {
      if (in_txn) {
        db.commit_transaction();
        in_txn = false;
      }
      batch_files = 0;
      batch_bytes = 0;
      return Status::OK();
    };
    bool changed = false;  // items were added, changed or removed: a new generation
    auto remove_meeting = [&](const std::string& meeting_id) {
      const std::string term = std::string(schema::kMeetingIdPrefix) + meeting_id;
      if (db.get_termfreq(term) > 0) changed = true;
      db.delete_document(term);
    };
    const std::string generation_value =
        Xapian::sortable_serialise(static_cast<double>(generation));
    // A file moved or renamed keeps its items' generations: the meeting of a file gone with
    // the same content lends them (its documents are removed at the end).
    std::unordered_map<std::uint64_t, std::string> meeting_of_content;
    for (const auto& [key, st] : gone) meeting_of_content.emplace(st.hash, st.meeting_id);
    std::unordered_map<std::string, std::string> carried;
    s = RunWorkers(
        todo, old, true, options,
        [&](Result& r) -> Status {
          const SourceFile& f = *todo[r.index];
          begin();
          std::string key = std::string(schema::kFileStatePrefix) + f.key;
          switch (r.kind) {
            case Result::kTouched:
              db.set_metadata(key, r.state.Encode());
              ++summary->unchanged;
              break;
            case Result::kIndexed: {
              carried.clear();
              if (old[r.index]) CarryGenerations(db, old[r.index]->meeting_id, &carried);
              auto same = meeting_of_content.find(r.state.hash);
              if (same != meeting_of_content.end()) CarryGenerations(db, same->second, &carried);
              if (old[r.index]) remove_meeting(old[r.index]->meeting_id);
              if (Status st = Shards::WriteMeeting(&db, key, r, generation_value, carried);
                  !st.ok())
                return st;
              if (r.items > 0) changed = true;
              ++summary->indexed;
              CountRead(f, r, summary);
              summary->items += r.items;
              break;
            }
            case Result::kSkipped:
            case Result::kFailed:
              // A file that no longer reads loses its old documents, and is retried next run.
              if (old[r.index]) remove_meeting(old[r.index]->meeting_id);
              db.set_metadata(key, "");
              (r.kind == Result::kSkipped ? summary->skipped : summary->failed)
                  .push_back({f.path, r.reason});
              break;
          }
          summary->bytes += f.size;
          ++done_files;
          done_bytes += f.size;
          ++batch_files;
          batch_bytes += f.size;
          if (batch_files >= static_cast<std::size_t>(options.batch_files) ||
              batch_bytes >= (64u << 20)) {
            if (Status st = commit(); !st.ok()) return st;
          }
          progress.Update(done_files, done_bytes, summary->ocr_pages);
          return Status::OK();
        },
        nullptr, known.empty() ? std::string() : options.db);
    if (!s.ok()) {
      if (in_txn) db.cancel_transaction();
      return s;
    }
    begin();
    for (const auto& [key, st] : gone) {
      remove_meeting(st.meeting_id);
      db.set_metadata(std::string(schema::kFileStatePrefix) + key, "");
      ++summary->removed;
    }
    db.set_metadata(std::string(schema::kSchemaVersionKey), std::string(schema::kSchemaVersion));
    db.set_metadata(std::string(schema::kSynonymsKey), synonyms);
    if (changed || pending) SetGeneration(&db, generation);
    s = commit();
    if (!s.ok()) {
      db.cancel_transaction();
      return s;
    }
    db.commit();
    const Xapian::doccount total = db.get_doccount();
    std::remove(PidFile(options.db).c_str());
    if (options.compact && summary->items > 0 && summary->items * 5 >= total) {
      // Still holding the lock: the compact copy is made from a reader of the committed state.
      s = CompactInto({options.db}, options.db);
      if (!s.ok()) return s;
    }
    db.close();
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot write database " + options.db + ": " + e.get_msg());
  }
  progress.Update(done_files, done_bytes, summary->ocr_pages, true);
  summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!options.report.empty()) WriteReport(options, *summary);
  return Status::OK();
}

}  // namespace protokoll::indexer
