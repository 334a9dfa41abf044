// The indexing run: walk the given paths, read and parse each file on all cores, and write
// one Xapian document per agenda item through a single writer. Incremental: a file whose size
// and mtime (or, failing those, content hash) are unchanged is not re-read; documents of
// deleted files are removed. Batches are committed in transactions, so a killed run leaves
// the database as it was after its last whole batch, and a rerun completes it.
#ifndef PROTOKOLL_INDEXER_INDEXER_H_
#define PROTOKOLL_INDEXER_INDEXER_H_

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "protokoll/indexer/reader.h"
#include "protokoll/status.h"

namespace protokoll::indexer {

// How far a run's reading and writing is, for a progress display (IndexOptions::progress).
struct IndexProgress {
  std::size_t files = 0;          // files read and written ...
  std::size_t total_files = 0;    // ... of those the run reads (new or changed)
  std::uint64_t bytes = 0;        // their bytes ...
  std::uint64_t total_bytes = 0;  // ... of all to read
  std::uint64_t ocr_pages = 0;    // scanned pages read by OCR so far (they are slow)
  double seconds = 0;             // since reading began
  bool final = false;             // the run's last report
};

struct IndexOptions {
  std::string db;                  // the database folder; created if missing
  std::vector<std::string> paths;  // files and folders (walked recursively)
  bool dry_run = false;            // parse and print, write nothing
  bool json = false;               // with dry_run: one JSON object a file on out
  bool explain = false;            // with dry_run: also show what the cleaner dropped
  std::string report;              // write the run's summary as JSON to this file, if set
  int jobs = 0;                    // parsing threads; 0 = one per core
  int batch_files = 200;           // files per committed transaction
  // Rewrite the database compactly after a run that wrote much of it (a fifth or more of
  // its documents): a database built batch by batch is about 1.7 times its compact size.
  bool compact = true;
  // Build a new database on all cores, each worker writing a shard of its own, merged at
  // the end; otherwise (and always for updates) one writer takes the workers' documents.
  bool parallel_build = true;
  // "county" or "year": db becomes a stub database (db/XAPIANDB, Xapian's format) of one shard
  // a county or a year (db/county-jämtlands-län, db/year-2020; "-none" for items without one),
  // each meeting written to its shard. Later runs on such a stub keep its sharding (empty
  // here is fine) and move a meeting whose county or year changed to its new shard.
  std::string shard_by;
  ReadOptions read;             // per-file limits
  std::ostream* out = nullptr;  // dry-run output (stdout)
  // Told after each file written and once at the end (final), on the thread of RunIndex; not
  // on a dry run. The tool draws it (the library prints nothing of its own).
  std::function<void(const IndexProgress&)> progress;
};

struct FileFailure {
  std::string file;
  std::string reason;
};

struct IndexSummary {
  std::uint64_t indexed = 0;    // new or changed files written
  std::uint64_t unchanged = 0;  // files skipped as unchanged
  std::uint64_t removed = 0;    // files gone from disk whose documents were removed
  std::uint64_t items = 0;      // item documents written
  std::uint64_t bytes = 0;      // bytes read
  double seconds = 0;
  std::vector<FileFailure> skipped;    // not indexable by design: unsupported format, limits
  std::vector<FileFailure> failed;     // could not be read or parsed
  std::vector<FileFailure> warned;     // indexed, with a field or a page that could not be read
  std::uint64_t ocr_files = 0;         // files with pages read by OCR
  std::uint64_t ocr_pages = 0;         // pages read by OCR ...
  std::uint64_t ocr_cached_pages = 0;  // ... of them from the cache
};

// Called first in a tool's main, before any thread starts: holds OCR to one thread a scanned
// page, as the workers are the parallelism (sets OMP_THREAD_LIMIT=1 unless it is set).
void LimitOcrThreads();

// Runs the indexing. A bad file is recorded in the summary and the run goes on; a status
// that is not ok means the database itself could not be opened or written (Locked when
// another writer holds it).
Status RunIndex(const IndexOptions& options, IndexSummary* summary);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_INDEXER_H_
