// Report, what a run tells: the counts of its summary, file by file; its progress, to the
// callback of the tool (IndexOptions::progress); and its summary as JSON (--report FILE).
#ifndef PROTOKOLL_INDEXER_REPORT_H_
#define PROTOKOLL_INDEXER_REPORT_H_

#include <chrono>
#include <cstdint>

#include "process_file.h"
#include "protokoll/indexer/indexer.h"
#include "walker.h"

namespace protokoll::indexer {

// Adds what reading an indexed file met to the summary: its warnings and OCR'd pages.
void CountRead(const SourceFile& f, const FileResult& r, IndexSummary* summary);

// Adds a file's outcome, written, to the summary.
void CountFile(const SourceFile& f, const FileResult& r, IndexSummary* summary);

// Writes the summary as JSON to options.report.
void WriteReport(const IndexOptions& options, const IndexSummary& summary);

// Counts the files of a run done and tells options.progress (if set) after each.
class ProgressCounter {
 public:
  ProgressCounter(const IndexOptions& options, std::size_t total_files, std::uint64_t total_bytes);
  // A file of size bytes done; ocr_pages: the run's pages read by OCR so far.
  void FileDone(std::uint64_t bytes, std::uint64_t ocr_pages);
  // The run's last report.
  void Finish(std::uint64_t ocr_pages);

 private:
  void Tell(std::uint64_t ocr_pages, bool final);

  const IndexOptions& options_;
  IndexProgress progress_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_REPORT_H_
