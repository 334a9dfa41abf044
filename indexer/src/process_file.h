// One file through the steps on a worker thread: read (format -> text), parse (cleaner,
// structure, metadata) and analyze (the item documents, built by document_writer). What comes
// out is a FileResult, which the writer (writer.h) takes on the run's one writing thread.
#ifndef PROTOKOLL_INDEXER_PROCESS_FILE_H_
#define PROTOKOLL_INDEXER_PROCESS_FILE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "document_writer.h"
#include "plan.h"
#include "protokoll/indexer/indexer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/status.h"
#include "protokoll/stemming/analyzer.h"
#include "walker.h"

namespace protokoll::stemming {
class MetadataVocabulary;
}

namespace protokoll::indexer {

// One file's outcome.
struct FileResult {
  std::size_t index = 0;  // in the plan's todo
  // indexed: built (or parsed, on a dry run); touched: a new mtime on the same content;
  // skipped: not indexable by design (format, limits); failed: could not be read.
  enum Kind { kIndexed, kTouched, kFailed, kSkipped } kind = kFailed;
  std::string reason;  // of a skip or a failure
  FileState state;
  BuiltMeeting built;
  std::size_t items = 0;  // documents built (they may be written by the worker already)
  nlohmann::json dry_json;
  std::vector<DroppedLine> dropped;
  std::vector<std::string> warnings;  // what could not be read (Meeting::warnings, OCR pages)
  int ocr_pages = 0;                  // pages read by OCR
  int ocr_cached_pages = 0;           // ... of them from the cache
};

// The analyzer of a worker thread, opened when its first file needs one: a run where
// nothing changed never pays for loading the dictionary.
class LazyAnalyzer {
 public:
  // record: keep the words analyzed for the database's vocabulary (not on a dry run).
  // vocabulary_db: a database whose stored vocabulary spares loading the dictionary for the
  // words it has (an update of an index), or empty.
  // shared: the word analyses of the run's other workers (not owned), or nullptr.
  LazyAnalyzer(bool record, const std::string& vocabulary_db,
               stemming::SharedAnalyses* shared = nullptr);
  ~LazyAnalyzer();

  Status Get(stemming::Analyzer** out);

 private:
  bool record_;
  std::string vocabulary_db_;
  stemming::SharedAnalyses* shared_;
  std::unique_ptr<stemming::MetadataVocabulary> vocabulary_;
  std::unique_ptr<stemming::Analyzer> analyzer_;
  Status status_;
};

// Reads, parses and (with build) builds the documents of file f, whose state in the database
// is old (if any). A failure to open the analyzer is returned; what is wrong with the file
// itself goes into r.
Status ProcessFile(const SourceFile& f, const std::optional<FileState>& old, bool build,
                   const IndexOptions& options, LazyAnalyzer* lazy, FileResult* r);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_PROCESS_FILE_H_
