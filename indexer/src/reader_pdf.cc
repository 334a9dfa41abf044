// PDF reader through poppler-cpp: one page of text per PDF page, so the cleaner can see the
// header and footer lines that repeat on every page. Layout: see ReadOptions::pdf_layout.
// Physical layout is what `pdftotext -layout` prints (the same poppler code), so the sample
// .txt files the other stages are tested on look like what this reader produces.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "ocr.h"
#include "protokoll/stemming/spelling.h"
#include "readers.h"

namespace protokoll::indexer {
namespace {

// poppler reports through one global callback; the message of the last error on this thread
// makes a better reason than "cannot parse".
thread_local std::string t_last_poppler_error;

void RememberPopplerError(const std::string& message, void* /*closure*/) {
  t_last_poppler_error = message;
}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&RememberPopplerError, nullptr); });
}

std::string ParseFailure(const char* what) {
  std::string reason = what;
  if (!t_last_poppler_error.empty()) {
    std::string msg = t_last_poppler_error;
    if (msg.size() > 120) msg.resize(120);
    for (char& c : msg) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    reason += " (" + msg + ")";
  }
  return reason;
}

// poppler::ustring is UTF-16; its to_utf8() stops at the first U+0000, and real minutes have
// NULs in their text layer (seen in Nykarleby's PDFs), so convert here and drop them. A page
// ends with a form feed that is not text.
std::string PageToUtf8(const poppler::ustring& text) {
  std::u16string units;
  units.reserve(text.size());
  for (auto c : text) {
    if (c != 0 && c != u'\f') units.push_back(static_cast<char16_t>(c));
  }
  icu::UnicodeString u(units.data(), static_cast<int32_t>(units.size()));
  std::string utf8;
  u.toUTF8String(utf8);
  return ToNfc(utf8);
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// poppler builds page::text() through a C string, so a U+0000 in the text layer (Nykarleby's
// minutes have them) cuts the page short; a whole page ends with a form feed. Such a page is
// laid out again from its words (text_list() keeps them), approximating the physical layout:
// words grouped into lines by their vertical position, placed at the column their x suggests.
bool IsTruncated(const poppler::ustring& text) { return text.empty() || text.back() != u'\f'; }

std::string PageFromWords(poppler::page& page) {
  struct Word {
    double x, y, height;
    std::string text;
    bool space_after;
  };
  std::vector<Word> words;
  double width = 0, chars = 0, left = 1e9;
  for (const poppler::text_box& box : page.text_list()) {
    poppler::rectf r = box.bbox();
    std::string text = PageToUtf8(box.text());
    if (text.empty()) continue;
    words.push_back({r.x(), r.y() + r.height() / 2, r.height(), text, box.has_space_after()});
    width += r.width();
    chars += static_cast<double>(CodePoints(text));
    left = std::min(left, r.x());
  }
  if (words.empty()) return {};
  double char_width = chars > 0 && width > 0 ? width / chars : 5.0;
  std::stable_sort(words.begin(), words.end(), [](const Word& a, const Word& b) {
    if (std::abs(a.y - b.y) > std::min(a.height, b.height) / 2) return a.y < b.y;
    return a.x < b.x;
  });
  std::string out, line;
  std::size_t line_chars = 0;
  double line_y = words[0].y;
  bool space = false;
  for (const Word& w : words) {
    if (std::abs(w.y - line_y) > w.height / 2) {
      out += line + "\n";
      if (w.y - line_y > 2 * w.height) out += "\n";  // a paragraph gap, as pdftotext shows it
      line.clear();
      line_chars = 0;
      line_y = w.y;
      space = false;
    }
    auto column = static_cast<std::size_t>(std::max(0.0, (w.x - left) / char_width + 0.5));
    if (line_chars > 0) {
      // Glued to the word before unless poppler saw a space; else at least one space apart.
      column = !space && column <= line_chars + 1 ? line_chars : std::max(column, line_chars + 1);
    }
    line.append(column - line_chars, ' ');
    line += w.text;
    line_chars = column + CodePoints(w.text);
    space = w.space_after;
  }
  return out + line + "\n";
}

bool IsBlankPage(const std::string& s) {
  return s.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

// The cache file of a page's OCR text.
std::string CachePath(const ReadOptions& options, int page) {
  return options.ocr_cache_dir + "/" + options.ocr_cache_key + "/" + std::to_string(page + 1) +
         ".txt";
}

bool ReadCached(const ReadOptions& options, int page, std::string* text) {
  if (options.ocr_cache_dir.empty() || options.ocr_cache_key.empty()) return false;
  std::ifstream in(CachePath(options, page), std::ios::binary);
  if (!in) return false;
  text->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

// Written under a temporary name and renamed, so a reader never sees half a page.
void WriteCached(const ReadOptions& options, int page, const std::string& text) {
  if (options.ocr_cache_dir.empty() || options.ocr_cache_key.empty() || !options.ocr_cache_write)
    return;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path = CachePath(options, page);
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return;
  }
  fs::rename(tmp, path, ec);
}

// The dictionary this thread checks text layers with; null when it cannot be read.
stemming::Spelling* ThreadSpelling(const std::string& dictionary_dir) {
  thread_local std::unique_ptr<stemming::Spelling> spelling;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    if (!stemming::Spelling::Open(dictionary_dir, &spelling).ok()) spelling.reset();
  }
  return spelling.get();
}

// A text layer broken by its font (letters mapped to the wrong characters: "protokojjet",
// "funktonshindrade"): Swedish by its function words or by its "å", but with many words the
// dictionary does not know. Typed Swedish minutes score 0.9 or more. A font may map the
// spaces to a letter too ("Tjänsteinnehavarnasnochnarbetstagarnas"), which leaves no
// function words, but the "å" stays (0.14-1.5% of the letters of such pages); a Finnish page
// has neither and is left alone.
constexpr int kMinBrokenWords = 10;
constexpr double kMaxBrokenKnown = 0.8;
constexpr double kMinFunctionWords = 0.08;
constexpr double kMinARing = 0.001;
// OCR's reading replaces a broken layer when the dictionary knows this much more of it.
constexpr double kBetterReading = 0.1;

// Reads the pages of pdf at `pages` by OCR, or from the cache: scanned pages, and pages
// whose text layer looks broken (`broken`: the layer's share of known words), whose OCR
// text replaces the layer only when it reads better. A page that cannot be read is named in
// doc->ocr_skipped and left as it was. Returns, by page, whether OCR's text is the page's.
std::vector<bool> ReadPagesByOcr(const poppler::document& pdf, const std::vector<int>& pages,
                                 const std::map<int, double>& broken, const ReadOptions& options,
                                 RawDocument* doc) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<OcrPage> to_read;
  std::map<int, std::string> skipped;  // by page, so they are named in order
  std::map<int, std::string> read;     // OCR's text by page, mended
  std::set<int> from_cache;
  int tried = 0;
  for (int index : pages) {
    const std::string name = "page " + std::to_string(index + 1);
    if (tried >= options.ocr_max_pages) {
      skipped[index] = name + ": not read by OCR, over " + std::to_string(options.ocr_max_pages) +
                       " pages a file (--ocr-max-pages)" +
                       (broken.contains(index) ? "; its text layer looks broken" : "");
      continue;
    }
    ++tried;
    std::string cached;
    if (ReadCached(options, index, &cached)) {
      read[index] = MendOcrText(cached);
      from_cache.insert(index);
    } else {
      to_read.push_back({index, Status::OK(), std::string()});
    }
  }
  OcrPages(pdf, options.ocr_threads, options.ocr_page_seconds, &to_read);
  for (OcrPage& page : to_read) {
    if (!page.status.ok()) {
      const std::string why = page.status.code() == Status::Code::kLimitExceeded
                                  ? page.status.message() + " (--ocr-page-seconds)"
                                  : page.status.message();
      skipped[page.index] = "page " + std::to_string(page.index + 1) + ": not read by OCR: " + why;
      continue;
    }
    WriteCached(options, page.index, page.text);
    read[page.index] = MendOcrText(page.text);
  }
  std::vector<bool> by_ocr(doc->pages.size(), false);
  for (auto& [index, text] : read) {
    auto layer = broken.find(index);
    if (layer != broken.end()) {
      stemming::Spelling* spelling = ThreadSpelling(options.dictionary_dir);
      if (spelling == nullptr || spelling->Check(text).known < layer->second + kBetterReading) {
        continue;  // the layer stays
      }
    }
    doc->pages[static_cast<std::size_t>(index)] = std::move(text);
    by_ocr[static_cast<std::size_t>(index)] = true;
    ++doc->ocr_pages;
    doc->ocr_cached_pages += from_cache.contains(index);
  }
  std::vector<std::string*> all;
  for (std::string& page : doc->pages) all.push_back(&page);
  MendSignsAfterNumbers(all, by_ocr);
  for (auto& [index, why] : skipped) doc->ocr_skipped.push_back(std::move(why));
  doc->ocr_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return by_ocr;
}

}  // namespace

bool LooksMultiColumn(std::string_view page_text) {
  // A column of running text is wider than a label or a name; two such runs on one line, the
  // second always at the same column, is a column layout (a table of short cells is not).
  constexpr std::size_t kMinRun = 20;         // code points in each run
  constexpr std::size_t kMinGap = 3;          // spaces between the runs
  constexpr std::size_t kMinLines = 6;        // lines with two runs at the same column
  constexpr double kMinShare = 0.3;           // of the page's non-blank lines
  std::map<std::size_t, std::size_t> starts;  // column where the second run starts → lines
  std::size_t lines = 0;
  std::size_t pos = 0;
  while (pos <= page_text.size()) {
    std::size_t nl = page_text.find('\n', pos);
    if (nl == std::string_view::npos) nl = page_text.size();
    std::string_view line = page_text.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t first = line.find_first_not_of(' ');
    if (first == std::string_view::npos) continue;
    ++lines;
    if (line.find(".....") != std::string_view::npos) continue;  // table of contents
    // Split the line at gaps of kMinGap spaces and look for two long runs side by side.
    std::vector<std::pair<std::size_t, std::size_t>> runs;  // byte offset, length
    std::size_t at = first;
    const std::string gap(kMinGap, ' ');
    while (at < line.size()) {
      std::size_t end = line.find(gap, at);
      if (end == std::string_view::npos) end = line.size();
      runs.emplace_back(at, end - at);
      at = line.find_first_not_of(' ', end);
      if (at == std::string_view::npos) break;
    }
    std::size_t second = std::string_view::npos;
    for (std::size_t r = 0; r + 1 < runs.size(); ++r) {
      if (CodePoints(line.substr(runs[r].first, runs[r].second)) >= kMinRun &&
          CodePoints(line.substr(runs[r + 1].first, runs[r + 1].second)) >= kMinRun) {
        second = runs[r + 1].first;
        break;
      }
    }
    if (second == std::string_view::npos) continue;
    ++starts[CodePoints(line.substr(0, second)) / 2];  // nearby columns count together
  }
  std::size_t best = 0;
  for (const auto& [column, count] : starts) {
    std::size_t near = count;
    auto next = starts.find(column + 1);
    if (next != starts.end()) near += next->second;
    best = std::max(best, near);
  }
  return best >= kMinLines && static_cast<double>(best) >= kMinShare * static_cast<double>(lines);
}

Status ReadPdf(std::string_view bytes, const ReadOptions& options, RawDocument* doc) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point start = Clock::now();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status::LimitExceeded("PDF over 2 GB");
  }
  SilencePoppler();
  t_last_poppler_error.clear();
  try {
    // load_from_raw_data does not copy: bytes outlive the document.
    std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) return Status::Corruption(ParseFailure("not a readable PDF"));
    if (pdf->is_locked()) return Status::Corruption("PDF is encrypted and needs a password");
    const int page_count = pdf->pages();
    if (page_count <= 0) return Status::Corruption(ParseFailure("PDF has no pages"));
    std::vector<int> scanned;      // pages for OCR
    std::map<int, double> broken;  // ... of them, pages with a broken text layer
    for (int i = 0; i < page_count; ++i) {
      double elapsed =
          std::chrono::duration<double>(Clock::now() - start).count() - doc->ocr_seconds;
      if (elapsed > options.max_seconds) {
        return Status::LimitExceeded("reading the PDF took over " +
                                     std::to_string(static_cast<int>(options.max_seconds)) +
                                     " s (stopped at page " + std::to_string(i + 1) + " of " +
                                     std::to_string(page_count) + ")");
      }
      std::unique_ptr<poppler::page> page(pdf->create_page(i));
      if (!page) {
        doc->pages.emplace_back();  // keep page numbers right
        continue;
      }
      auto layout = options.pdf_layout == ReadOptions::PdfLayout::kReadingOrder
                        ? poppler::page::non_raw_non_physical_layout
                        : poppler::page::physical_layout;
      poppler::ustring raw = page->text(poppler::rectf(), layout);
      std::string text = IsTruncated(raw) ? PageFromWords(*page) : PageToUtf8(raw);
      if (options.pdf_layout == ReadOptions::PdfLayout::kAuto && LooksMultiColumn(text)) {
        raw = page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout);
        if (!IsTruncated(raw)) text = PageToUtf8(raw);
      }
      if (options.ocr && NeedsOcr(text)) {
        scanned.push_back(i);
      } else if (options.ocr && options.ocr_broken_layers) {
        stemming::Spelling* spelling = ThreadSpelling(options.dictionary_dir);
        if (spelling != nullptr) {
          const stemming::Spelling::Score score = spelling->Check(text);
          if (score.words >= kMinBrokenWords && score.known < kMaxBrokenKnown &&
              (score.function_words >= kMinFunctionWords || score.a_ring >= kMinARing)) {
            broken[i] = score.known;
            scanned.push_back(i);
          }
        }
      }
      doc->pages.push_back(std::move(text));
    }
    std::vector<bool> by_ocr(doc->pages.size(), false);
    if (!scanned.empty()) by_ocr = ReadPagesByOcr(*pdf, scanned, broken, options, doc);
    // Word's Calibri draws "ti", "tt", "fi", "ft" as one glyph, and some PDFs give only its
    // first letter as text ("at" for "att", "fnskspråkig"): the text layers that stay get
    // the letters back. After OCR, which reads a page whole: it is asked for by the layer as
    // it came, and wins where the layer has more wrong than lost letters.
    stemming::Spelling* spelling =
        options.mend_ligatures ? ThreadSpelling(options.dictionary_dir) : nullptr;
    if (spelling != nullptr) {
      for (std::size_t k = 0; k < doc->pages.size(); ++k) {
        if (!by_ocr[k]) doc->mended_words += spelling->MendLigatures(&doc->pages[k]);
      }
    }
    if (std::all_of(doc->pages.begin(), doc->pages.end(), IsBlankPage)) {
      if (!doc->ocr_skipped.empty()) {
        return Status::Unsupported("PDF has no text layer and OCR read none of it (" +
                                   doc->ocr_skipped.front() + ")");
      }
      return Status::Unsupported(options.ocr ? "PDF has no text, not even by OCR"
                                             : "PDF has no text layer (scanned pages need OCR; "
                                               "--no-ocr is set)");
    }
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("cannot read PDF: ") + e.what());
  } catch (...) {
    return Status::Corruption("cannot read PDF");
  }
  return Status::OK();
}

}  // namespace protokoll::indexer
