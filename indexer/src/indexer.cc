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

#include "document_writer.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/item_store.h"
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
              Xapian::Database(vocabulary_db_), schema::kVocabularyPrefix);
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
  Status s = schema::CompactItems(sources, sources.size() > 1, CompactTmp(path));
  if (!s.ok()) {
    fs::remove_all(CompactTmp(path), ec);
    return s;
  }
  return ReplaceDatabase(path, CompactTmp(path));
}

// A fresh database built on all cores: each worker writes a shard of its own, and the shards
// are merged into one compact database at the end. A crash leaves the real database empty
// and the shards aside; the next run removes them and starts over.
class Shards {
 public:
  Shards(std::string db, int count, std::size_t batch_files)
      : db_(std::move(db)), batch_files_(batch_files), shards_(count) {}

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
        Status s = shards_[k].items.Open(ShardPath(db_, k), &shards_[k].db, false);
        if (!s.ok()) return s;
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
        Status s = WriteMeeting(&shard.db, &shard.items, key, r);
        if (!s.ok()) return s;
        r.built = BuiltMeeting();  // the documents are written; free them now
      }
      if (++shard.files >= batch_files_) {
        Status s = shard.items.Flush();
        if (!s.ok()) return s;
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
      for (std::size_t k = 0; k < shards_.size(); ++k) {
        Status s = shards_[k].items.Flush();
        if (!s.ok()) return s;
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

  // Writes one file's documents (their data into items), spellings, vocabulary and state.
  static Status WriteMeeting(Xapian::WritableDatabase* db, schema::ItemStoreWriter* items,
                             const std::string& key, Result& r) {
    for (std::size_t k = 0; k < r.built.documents.size(); ++k) {
      Status s = items->Add(db->add_document(r.built.Document(k)), r.built.data[k]);
      if (!s.ok()) return s;
      // Freed as they go, so a long file's documents and Xapian's buffer of them do not add up.
      std::string().swap(r.built.documents[k]);
      std::string().swap(r.built.data[k]);
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
    schema::ItemStoreWriter items;
    std::size_t files = 0;
  };
  std::string db_;
  std::size_t batch_files_;
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
                     int jobs, Progress* progress, IndexSummary* summary) {
  Shards shards(options.db, jobs, static_cast<std::size_t>(options.batch_files));
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

  Xapian::WritableDatabase db;
  s = OpenWritable(options.db, &db);
  if (!s.ok()) return s;

  // Plan: which files changed, which are gone.
  std::map<std::string, FileState> known;
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
    s = BuildInShards(options, todo, jobs, &progress, summary);
    if (!s.ok()) return s;
    db.close();
    summary->seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (!options.report.empty()) WriteReport(options, *summary);
    return Status::OK();
  }
  std::size_t done_files = 0, batch_files = 0;
  std::uint64_t done_bytes = 0, batch_bytes = 0;
  bool in_txn = false;
  schema::ItemStoreWriter items;
  s = items.Open(options.db, &db, true);
  if (!s.ok()) return s;
  try {
    auto begin = [&] {
      if (!in_txn) {
        db.begin_transaction(true);
        in_txn = true;
      }
    };
    // The batch's item data is written and named first, so the commit makes both visible.
    auto commit = [&]() -> Status {
      if (in_txn) {
        Status st = items.Flush();
        if (!st.ok()) return st;
        db.commit_transaction();
        in_txn = false;
      }
      batch_files = 0;
      batch_bytes = 0;
      return Status::OK();
    };
    auto remove_meeting = [&](const std::string& meeting_id) {
      db.delete_document(std::string(schema::kMeetingIdPrefix) + meeting_id);
    };
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
            case Result::kIndexed:
              if (old[r.index]) remove_meeting(old[r.index]->meeting_id);
              if (Status st = Shards::WriteMeeting(&db, &items, key, r); !st.ok()) return st;
              ++summary->indexed;
              CountRead(f, r, summary);
              summary->items += r.items;
              break;
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
