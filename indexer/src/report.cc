#include "report.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace protokoll::indexer {

using nlohmann::json;

void CountRead(const SourceFile& f, const FileResult& r, IndexSummary* summary) {
  for (const auto& w : r.warnings) summary->warned.push_back({f.path, w});
  if (r.ocr_pages > 0) {
    ++summary->ocr_files;
    summary->ocr_pages += static_cast<std::uint64_t>(r.ocr_pages);
    summary->ocr_cached_pages += static_cast<std::uint64_t>(r.ocr_cached_pages);
  }
}

void CountFile(const SourceFile& f, const FileResult& r, IndexSummary* summary) {
  switch (r.kind) {
    case FileResult::kTouched:
      ++summary->unchanged;
      break;
    case FileResult::kIndexed:
      ++summary->indexed;
      CountRead(f, r, summary);
      summary->items += r.items;
      break;
    case FileResult::kSkipped:
    case FileResult::kFailed:
      (r.kind == FileResult::kSkipped ? summary->skipped : summary->failed)
          .push_back({f.path, r.reason});
      break;
  }
  summary->bytes += f.size;
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

ProgressCounter::ProgressCounter(const IndexOptions& options, std::size_t total_files,
                                 std::uint64_t total_bytes)
    : options_(options), start_(std::chrono::steady_clock::now()) {
  progress_.total_files = total_files;
  progress_.total_bytes = total_bytes;
}

void ProgressCounter::FileDone(std::uint64_t bytes, std::uint64_t ocr_pages) {
  ++progress_.files;
  progress_.bytes += bytes;
  Tell(ocr_pages, false);
}

void ProgressCounter::Finish(std::uint64_t ocr_pages) { Tell(ocr_pages, true); }

void ProgressCounter::Tell(std::uint64_t ocr_pages, bool final) {
  if (!options_.progress) return;
  progress_.ocr_pages = ocr_pages;
  progress_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  progress_.final = final;
  options_.progress(progress_);
}

}  // namespace protokoll::indexer
