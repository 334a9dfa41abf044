#include "process_file.h"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>

#include "db_layout.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "protokoll/xapian_metadata.h"
#include "topics.h"

namespace protokoll::indexer {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

LazyAnalyzer::LazyAnalyzer(bool record, const std::string& vocabulary_db,
                           stemming::SharedAnalyses* shared)
    : record_(record), vocabulary_db_(vocabulary_db), shared_(shared) {}

LazyAnalyzer::~LazyAnalyzer() = default;

Status LazyAnalyzer::Get(stemming::Analyzer** out) {
  if (!analyzer_ && status_.ok()) {
    stemming::AnalyzerOptions options;
    options.record_new_words = record_;
    options.shared = shared_;
    if (!vocabulary_db_.empty()) {
      try {
        vocabulary_ = std::make_unique<stemming::MetadataVocabulary>(
            MetadataReader(Xapian::Database(vocabulary_db_)), schema::kVocabularyPrefix);
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

Status ProcessFile(const SourceFile& f, const std::optional<FileState>& old, bool build,
                   const IndexOptions& options, LazyAnalyzer* lazy, FileResult* r) {
  const auto started = Clock::now();
  r->state.size = f.size;
  r->state.mtime_ns = f.mtime_ns;
  r->state.meeting_id = MeetingIdForKey(f.key);

  // Read: the bytes, unless unchanged by their hash; then the format's text.
  std::string bytes;
  {
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      r->kind = FileResult::kFailed;
      r->reason = "cannot open file";
      return Status::OK();
    }
    if (f.size > options.read.max_file_bytes) {
      r->kind = FileResult::kSkipped;
      r->reason = "file is " + std::to_string(f.size >> 20) + " MB, over the limit of " +
                  std::to_string(options.read.max_file_bytes >> 20) + " MB (--max-file-mb)";
      return Status::OK();
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  r->state.hash = Hash64(bytes);
  if (old && old->hash == r->state.hash && old->meeting_id == r->state.meeting_id) {
    r->kind = FileResult::kTouched;
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
  RawDocument doc;
  Status s = ReadDocumentBytes(bytes, f.path, read, &doc);
  if (!s.ok()) {
    bool skip = s.code() == Status::Code::kUnsupported || s.code() == Status::Code::kLimitExceeded;
    r->kind = skip ? FileResult::kSkipped : FileResult::kFailed;
    r->reason = s.message();
    return Status::OK();
  }

  // Parse: cleaner, structure, metadata.
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
    if (doc.mended_words > 0) r->dry_json["mended_ligature_words"] = doc.mended_words;
    if (!r->warnings.empty()) r->dry_json["warnings"] = r->warnings;
  }

  // Analyze: the item documents, with their terms. The time limit of reading goes on through
  // parsing and building, checked between items.
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
      r->kind = FileResult::kSkipped;
      r->reason = "took longer than " + std::to_string(static_cast<int>(options.read.max_seconds)) +
                  " s to index (time limit per file)";
      return Status::OK();
    }
  }
  r->kind = FileResult::kIndexed;
  return Status::OK();
}

}  // namespace protokoll::indexer
