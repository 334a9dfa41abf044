// protokoll-index: indexes minutes into a Protokoll database.
#include <unistd.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "protokoll/default_db.h"
#include "protokoll/indexer/indexer.h"

namespace po = boost::program_options;
using protokoll::Status;
using protokoll::indexer::IndexOptions;
using protokoll::indexer::IndexProgress;
using protokoll::indexer::IndexSummary;

namespace {

// The progress of a run on stderr: one line redrawn (bar, a terminal), or a line every 5 s.
class ProgressLine {
 public:
  explicit ProgressLine(bool bar) : bar_(bar) {}
  void operator()(const IndexProgress& p) {
    if (p.total_files == 0) return;
    if (!p.final && p.seconds - last_ < (bar_ ? 0.2 : 5.0)) return;
    last_ = p.seconds;
    double mb = p.bytes / 1048576.0, rate = p.seconds > 0 ? mb / p.seconds : 0;
    double frac = p.total_bytes ? static_cast<double>(p.bytes) / p.total_bytes : 1.0;
    double eta = frac > 0 ? p.seconds * (1 - frac) / frac : 0;
    std::ostringstream line;
    line << std::fixed << std::setprecision(1);
    if (bar_) {
      int width = 30, filled = static_cast<int>(frac * width);
      line << "\r[" << std::string(filled, '#') << std::string(width - filled, ' ') << "] ";
    } else {
      line << "progress: ";
    }
    line << p.files << "/" << p.total_files << " files, " << mb << " MB, " << rate << " MB/s, ";
    if (p.ocr_pages > 0) line << p.ocr_pages << " pages OCR'd, ";
    line << "ETA " << static_cast<int>(eta) << " s";
    std::cerr << line.str() << (bar_ ? (p.final ? "\n" : "") : "\n") << std::flush;
  }

 private:
  bool bar_;
  double last_ = 0;  // seconds into the run of the last line
};

void PrintSummary(const IndexOptions& o, const IndexSummary& s) {
  if (o.dry_run) {
    std::cerr << "parsed " << s.indexed << " files (" << s.items << " items), skipped "
              << s.skipped.size() << ", failed " << s.failed.size() << " in " << s.seconds
              << " s; dry run: nothing written";
  } else {
    std::cerr << "indexed " << s.indexed << " files (" << s.items << " items), unchanged "
              << s.unchanged << ", removed " << s.removed << ", skipped " << s.skipped.size()
              << ", failed " << s.failed.size() << " in " << s.seconds << " s";
  }
  if (s.seconds > 0 && s.bytes > 0)
    std::cerr << " (" << s.bytes / 1048576.0 / s.seconds << " MB/s)";
  std::cerr << "\n";
  if (s.ocr_pages > 0) {
    std::cerr << "read by OCR: " << s.ocr_pages << " page" << (s.ocr_pages == 1 ? "" : "s")
              << " of " << s.ocr_files << " file" << (s.ocr_files == 1 ? "" : "s") << " ("
              << s.ocr_cached_pages << " from the cache)\n";
  }
  std::size_t shown = 0;
  for (const auto& f : s.failed) {
    if (++shown > 20) break;
    std::cerr << "  failed: " << f.file << ": " << f.reason << "\n";
  }
  // Files of other formats are many in an archive's folders: counted, by their extensions.
  std::size_t other = 0;
  std::vector<std::string> extensions;
  for (const auto& f : s.skipped) {
    if (f.reason == "unsupported format") {
      ++other;
      std::string ext = std::filesystem::path(f.file).extension().string();
      if (ext.empty()) ext = "no extension";
      if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
        extensions.push_back(std::move(ext));
      }
      continue;
    }
    if (++shown > 20) continue;
    std::cerr << "  skipped: " << f.file << ": " << f.reason << "\n";
  }
  if (other > 0) {
    std::sort(extensions.begin(), extensions.end());
    std::cerr << "  skipped " << other << " file" << (other == 1 ? "" : "s")
              << " of other formats (";
    for (std::size_t k = 0; k < extensions.size() && k < 6; ++k) {
      std::cerr << (k ? ", " : "") << extensions[k];
    }
    std::cerr << (extensions.size() > 6 ? ", ...)\n" : ")\n");
  }
  if (s.indexed == 0 && s.unchanged == 0 && s.removed == 0 && s.failed.empty() &&
      s.skipped.empty()) {
    std::cerr << "  no minutes found: the paths given hold no .txt, .md, .pdf, .docx or .odt "
                 "file\n";
  }
  if (!s.warned.empty()) {
    std::cerr << s.warned.size() << " file" << (s.warned.size() == 1 ? "" : "s")
              << " indexed with a warning:\n";
    std::size_t warned = 0;
    for (const auto& f : s.warned) {
      if (++warned > 10) break;
      std::cerr << "  warning: " << f.file << ": " << f.reason << "\n";
    }
    if (warned > 10) shown = 21;
  }
  if (shown > 20) std::cerr << "  ... (all of them with --report FILE)\n";
}

}  // namespace

int main(int argc, char** argv) {
  protokoll::indexer::LimitOcrThreads();
  IndexOptions o;
  double max_file_mb = 200;
  po::options_description visible(
      "Usage: protokoll-index [--db DIR] PATH...\n"
      "Indexes meeting minutes (.txt .md .pdf .docx .odt) in files and folders (recursively)\n"
      "into a Protokoll database. A second run redoes only new and changed files and removes\n"
      "the documents of files that were deleted. Ids are relative to each PATH given, so a\n"
      "moved archive is not re-indexed.\n\nOptions");
  visible.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(&o.db)->default_value(protokoll::DefaultDb()),
      protokoll::kDefaultDbHelp)("dry-run", "parse and print each file's metadata; write nothing")(
      "json", "with --dry-run: one JSON object a file")(
      "explain", "with --dry-run: also show what the cleaner dropped and why")(
      "report", po::value<std::string>(&o.report), "write the run's summary as JSON to FILE")(
      "jobs,j", po::value<int>(&o.jobs)->default_value(0), "parsing threads (0 = one per core)")(
      "batch", po::value<int>(&o.batch_files)->default_value(200),
      "files per committed batch (a batch also ends at 500 items or 64 MB)")(
      "max-file-mb", po::value<double>(&max_file_mb)->default_value(200),
      "skip files larger than this many MB")(
      "no-compact", "do not rewrite the database compactly after a large run")(
      "shard-by", po::value<std::string>(&o.shard_by),
      "county or year: DIR becomes a stub database of one shard a county or a year (later "
      "runs keep the sharding)")("no-ocr", "do not read scanned PDF pages (no text layer) by OCR")(
      "keep-text-layers",
      "do not read pages whose text layer looks broken (mostly words the dictionary does not "
      "know) by OCR")("ocr-max-pages", po::value<int>(&o.read.ocr_max_pages)->default_value(50),
                      "read at most this many scanned pages a file by OCR")(
      "ocr-page-seconds", po::value<double>(&o.read.ocr_page_seconds)->default_value(60),
      "give up OCR of a page after this many seconds")("quiet,q", "no progress and no summary");
  po::options_description all;
  all.add(visible).add_options()("path", po::value<std::vector<std::string>>(&o.paths), "path");
  po::positional_options_description pos;
  pos.add("path", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "protokoll-index: " << e.what() << " (see --help)\n";
    return 1;
  }
  if (vm.count("help")) {
    std::cout
        << visible << "\n"
        << "Scanned PDF pages are read by OCR (Tesseract, Swedish) and kept in DIR/ocr-cache,\n"
           "so no page is read twice; the summary says how many pages were read so. A page\n"
           "whose text layer is Swedish with many words the dictionary does not know (a font\n"
           "that maps its letters wrong: \"protokojjet\") is read by OCR too, and OCR's text\n"
           "kept when the dictionary knows clearly more of its words.\n";
    return 0;
  }
  o.read.ocr = vm.count("no-ocr") == 0;
  o.read.ocr_broken_layers = vm.count("keep-text-layers") == 0;
  if (o.read.ocr_max_pages < 0 || o.read.ocr_page_seconds <= 0) {
    std::cerr << "protokoll-index: --ocr-max-pages must be 0 or more and --ocr-page-seconds "
                 "positive\n";
    return 1;
  }
  if (o.paths.empty()) {
    std::cerr << "protokoll-index: name at least one file or folder to index (see --help)\n";
    return 1;
  }
  if (o.batch_files < 1 || max_file_mb <= 0) {
    std::cerr << "protokoll-index: --batch and --max-file-mb must be positive\n";
    return 1;
  }
  o.dry_run = vm.count("dry-run") > 0;
  o.json = vm.count("json") > 0;
  o.explain = vm.count("explain") > 0;
  const bool quiet = vm.count("quiet") > 0;
  o.compact = vm.count("no-compact") == 0;
  if (!o.shard_by.empty() && o.shard_by != "county" && o.shard_by != "year") {
    std::cerr << "protokoll-index: --shard-by takes county or year\n";
    return 1;
  }
  if ((o.json || o.explain) && !o.dry_run) {
    std::cerr << "protokoll-index: --json and --explain go with --dry-run\n";
    return 1;
  }
  o.read.max_file_bytes = static_cast<std::uint64_t>(max_file_mb * 1048576.0);
  o.out = &std::cout;
  if (!quiet) o.progress = ProgressLine(isatty(STDERR_FILENO));
  IndexSummary summary;
  Status s = protokoll::indexer::RunIndex(o, &summary);
  if (!s.ok()) {
    std::cerr << "protokoll-index: " << s.message() << "\n";
    return s.code() == Status::Code::kInvalidArgument ? 1 : 2;
  }
  if (!quiet) PrintSummary(o, summary);
  return 0;
}
