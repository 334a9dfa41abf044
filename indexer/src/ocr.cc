#include "ocr.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <utility>

#ifdef PROTOKOLL_HAVE_OCR
#include <dlfcn.h>

#include <climits>
#include <cstring>
#endif

#include "ocr_engine.h"
#include "protokoll/indexer/indexer.h"
#include "readers.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

// Dots per inch the page is rendered at: Tesseract reads body text best at about 300.
constexpr double kDpi = 300;

using text::IsDigit;
using text::Trim;

// A word OCR makes of dot leaders: six or more of the letters dots are misread as, mostly s
// and r ("ssssrsrrsrr", "s..sssss", "=nmnsmsssssrsss").
bool LeaderWord(std::string_view w) {
  if (w.size() < 6) return false;
  std::size_t sr = 0;
  for (char c : w) {
    if (c == 's' || c == 'r' || c == '.') {
      ++sr;
    } else if (c != 'e' && c != 'a' && c != 'o' && c != 'n' && c != 'm' && c != ',' && c != '=') {
      return false;
    }
  }
  return sr * 10 >= w.size() * (w.size() >= 8 ? 5 : 6);
}

// Whether the rest of a line after its leader is residue of it: punctuation and ASCII
// letters, most of them the ones dots are misread as, and a page number at the end.
bool LeaderResidue(std::string_view rest) {
  std::size_t letters = 0, leader = 0;
  for (char c : rest) {
    if (IsDigit(c) || std::string_view(" .,:;'`-=").find(c) != std::string_view::npos) {
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    ++letters;
    leader += std::string_view("sSrReEaAkKoOnNmM").find(c) != std::string_view::npos;
  }
  return leader * 10 >= letters * 8;
}

// Where a tail of leader residue starts: the words at the line's end (a page number aside)
// made only of the letters OCR reads dots as, at least three of them and 12 characters, with
// s and r at least two fifths of their letters. npos if none.
std::size_t LeaderTail(std::string_view line) {
  std::size_t end = line.size();
  while (end > 0 && (line[end - 1] == ' ' || IsDigit(line[end - 1]))) --end;
  std::size_t start = end, words = 0, letters = 0, sr = 0;
  while (start > 0) {
    std::size_t b = start;
    while (b > 0 && line[b - 1] == ' ') --b;
    std::size_t a = b;
    while (a > 0 && line[a - 1] != ' ') --a;
    if (a == b) break;
    std::string_view w = line.substr(a, b - a);
    std::size_t l = 0, s = 0;
    bool residue = true;
    for (char c : w) {
      if (std::string_view(".,:;'`-=").find(c) != std::string_view::npos) {
        ++s;
        continue;
      }
      if (std::string_view("sSrReEaAkKoOnNmM").find(c) == std::string_view::npos) {
        residue = false;
        break;
      }
      ++l;
      s += c == 's' || c == 'r' || c == 'S' || c == 'R';
    }
    if (!residue) break;
    ++words;
    letters += l;
    sr += s;
    start = a;
  }
  if (words >= 3 && end - start >= 12 && sr * 5 >= letters * 2) return start;
  return std::string_view::npos;
}

std::string MendLine(std::string_view line) {
  std::string out;
  // The heading's "§": "& 21", "$ 22", and "8 23" before a case number.
  std::size_t indent = line.find_first_not_of(' ');
  if (indent != std::string_view::npos && indent + 2 < line.size() && line[indent + 1] == ' ' &&
      IsDigit(line[indent + 2])) {
    const char c = line[indent];
    std::size_t end = indent + 2;
    while (end < line.size() && IsDigit(line[end])) ++end;
    // An "8" is a "§" only before a case number or alone with its number ("8 24").
    const bool dnr =
        line.substr(end).find("Dnr") != std::string_view::npos || Trim(line.substr(end)).empty();
    if (end - indent - 2 <= 4 && (c == '&' || c == '$' || (c == '8' && dnr))) {
      out.append(line.substr(0, indent));
      out.append("\xC2\xA7");
      line.remove_prefix(indent + 1);
    }
  }
  // "8102 Dnr SN 2024/0290": the "§" read as an 8 glued to the number.
  if (out.empty() && indent != std::string_view::npos && line.substr(indent).starts_with("8")) {
    std::size_t end = indent + 1;
    while (end < line.size() && IsDigit(line[end])) ++end;
    if (end - indent >= 2 && end - indent <= 5 && line.substr(end).starts_with(" Dnr")) {
      out.append(line.substr(0, indent));
      out.append("\xC2\xA7 ");
      line.remove_prefix(indent + 1);
    }
  }
  // Dot leaders read as letters, from the first run of dots or leader word to the line's end,
  // or the words at the line's end made only of the letters dots are read as.
  std::size_t from = LeaderTail(line);
  std::size_t dots = line.find("...");
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t b = line.find_first_not_of(' ', pos);
    if (b == std::string_view::npos) break;
    std::size_t e = line.find(' ', b);
    if (e == std::string_view::npos) e = line.size();
    if (LeaderWord(line.substr(b, e - b))) {
      from = b;
      break;
    }
    pos = e;
  }
  if (dots != std::string_view::npos && (from == std::string_view::npos || dots < from))
    from = dots;
  if (from != std::string_view::npos && from > 0 && LeaderResidue(line.substr(from))) {
    std::string_view rest = line.substr(from);
    std::size_t digits = rest.size();
    while (digits > 0 && (IsDigit(rest[digits - 1]) || rest[digits - 1] == ' ')) --digits;
    std::string_view number = Trim(rest.substr(digits));
    out.append(line.substr(0, from));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out.append(" ..........");
    if (!number.empty() && number.size() <= 3) {
      out.push_back(' ');
      out.append(number);
    }
    return out;
  }
  out.append(line);
  return out;
}

}  // namespace

// Letters read in place of digits inside numbers ("2O25-05-l9"): a run of digits, letters O,
// o, l and I, and the separators of dates and case numbers, with at least four digits, has
// its letters read as the digits they stand for.
std::string MendDigits(std::string_view line) {
  std::string out(line);
  auto digit_like = [](char c) {
    return IsDigit(c) || c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '-' || c == '.' ||
           c == '/';
  };
  std::size_t i = 0;
  while (i < out.size()) {
    if (!digit_like(out[i]) || (i > 0 && std::isalpha(static_cast<unsigned char>(out[i - 1])))) {
      ++i;
      continue;
    }
    std::size_t j = i;
    int digits = 0;
    while (j < out.size() && digit_like(out[j])) digits += IsDigit(out[j++]);
    const bool word_after = j < out.size() && std::isalpha(static_cast<unsigned char>(out[j]));
    if (digits >= 4 && !word_after) {
      for (std::size_t k = i; k < j; ++k) {
        if (out[k] == 'O' || out[k] == 'o') out[k] = '0';
        if (out[k] == 'l' || out[k] == 'I') out[k] = '1';
      }
    }
    i = j;
  }
  return out;
}

std::string MendOcrText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    out += MendLine(MendDigits(text.substr(pos, nl - pos)));
    if (nl < text.size()) out.push_back('\n');
    pos = nl + 1;
  }
  return out;
}

namespace {

// A line starting with a number and a "§" after it as OCR reads it, before a title.
struct SignAfterNumber {
  std::size_t end = 0;     // where the title starts
  int number = 0;          // the item's number, without the sign
  int with_sign = 0;       // the number with a glued 8 ("168"); equal to number otherwise
  char sign = 0;           // '8', '$' or '&'
  int without_eight = -1;  // for "128&": the number without its last 8 (12), which may be
                           // the sign read twice
  std::size_t indent = 0;
  // OCR read the title's capital as a small letter ("1978 suomenkielinen", "2008 sÖFUK:s"):
  // a heading only where its number runs on, and the letter put back in capital at title.
  bool small_title = false;
  std::size_t title = 0;
};

bool StartsTitle(std::string_view rest) {
  if (rest.empty()) return false;
  auto c = static_cast<unsigned char>(rest[0]);
  // A speck read as a small letter before the capital ("pPersonalenkät"); before Å Ä Ö É
  // the letter is the capital read small ("sÖFUK:s"), which FindSignAfterNumber leaves to the
  // numbering.
  if (c >= 'a' && c <= 'z' && rest.size() > 1 && rest[1] >= 'A' && rest[1] <= 'Z') {
    c = static_cast<unsigned char>(rest[1]);
  }
  // A capital, Å Ä Ö É among them (UTF-8 C3 85/84/96/89), or a quotation mark.
  return (c >= 'A' && c <= 'Z') || c == '"' ||
         (c == 0xC3 && rest.size() > 1 &&
          std::string_view("\x85\x84\x96\x89").find(rest[1]) != std::string_view::npos);
}

bool FindSignAfterNumber(std::string_view line, SignAfterNumber* out) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || !IsDigit(line[i])) return false;
  out->indent = i;
  std::size_t d = i;
  while (d < line.size() && IsDigit(line[d])) ++d;
  if (d - i > 4) return false;
  std::string_view digits = line.substr(i, d - i);
  std::size_t after;  // past the sign
  if (d + 2 < line.size() && line[d] == ' ' &&
      std::string_view("8$&").find(line[d + 1]) != std::string_view::npos && line[d + 2] == ' ') {
    out->sign = line[d + 1];
    out->number = std::stoi(std::string(digits));
    out->with_sign = out->number * 10 + 8;  // the 8 read as a digit of the number
    after = d + 2;
  } else if (d < line.size() && (line[d] == '$' || line[d] == '&')) {
    out->sign = line[d];
    out->number = std::stoi(std::string(digits));
    out->with_sign = out->number;
    if (digits.size() >= 2 && digits.back() == '8') {  // "128&": the sign read twice?
      out->without_eight = std::stoi(std::string(digits.substr(0, digits.size() - 1)));
    }
    after = d + 1;
  } else if (digits.size() >= 2 && digits.back() == '8') {
    out->sign = '8';
    out->number = std::stoi(std::string(digits.substr(0, digits.size() - 1)));
    out->with_sign = std::stoi(std::string(digits));
    after = d;
  } else {
    return false;
  }
  if (after >= line.size() || line[after] != ' ') return false;
  // A dash OCR saw in the gap before the title ("68 — Det våras", "88 = Vårens") goes with
  // the sign.
  std::size_t title = line.find_first_not_of(' ', after);
  for (std::string_view dash : {"\xE2\x80\x94", "\xE2\x80\x93", "-", "="}) {
    if (title != std::string_view::npos && line.substr(title).starts_with(dash) &&
        title + dash.size() < line.size() && line[title + dash.size()] == ' ') {
      after = title + dash.size();
      title = line.find_first_not_of(' ', after);
    }
  }
  if (title == std::string_view::npos) return false;
  out->end = after;
  out->title = title;
  if (!StartsTitle(line.substr(title))) {
    // A small letter where the capital should be, after an 8 read for the sign: the
    // numbering decides (MendSignsAfterNumbers).
    if (out->sign != '8' || line[title] < 'a' || line[title] > 'z') return false;
    out->small_title = true;
    return true;
  }
  if (line[title] >= 'a' && line[title] <= 'z') out->end = title + 1;  // the speck goes too
  return true;
}

// A line of a text layer starting with an item's number and its "§" ("16 § Title").
bool NumberAndSign(std::string_view line, int* number) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || !IsDigit(line[i])) return false;
  std::size_t d = i;
  while (d < line.size() && IsDigit(line[d])) ++d;
  if (d - i > 4) return false;
  std::string_view rest = line.substr(d);
  if (rest.starts_with(' ')) rest.remove_prefix(1);
  if (!rest.starts_with("\xC2\xA7")) return false;
  *number = std::stoi(std::string(line.substr(i, d - i)));
  return true;
}

}  // namespace

void MendSignsAfterNumbers(const std::vector<std::string*>& pages,
                           const std::vector<bool>& by_ocr) {
  // The headings of the document in order: OCR's with a sign to mend, and the text layer's
  // "16 §", whose numbers the others must run on with.
  struct Heading {
    std::string* page = nullptr;  // null: a text layer's, left alone
    std::size_t line_start = 0;
    SignAfterNumber sign;
  };
  std::vector<Heading> headings;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::string* page = pages[p];
    const bool ocr = p < by_ocr.size() && by_ocr[p];
    std::size_t pos = 0;
    while (pos < page->size()) {
      std::size_t nl = page->find('\n', pos);
      if (nl == std::string::npos) nl = page->size();
      std::string_view line = std::string_view(*page).substr(pos, nl - pos);
      Heading h;
      if (ocr && FindSignAfterNumber(line, &h.sign)) {
        h.page = page;
        h.line_start = pos;
        headings.push_back(h);
      } else if (NumberAndSign(line, &h.sign.number)) {
        h.sign.with_sign = h.sign.number;
        headings.push_back(h);
      }
      pos = nl + 1;
    }
  }
  // An 8 is the sign where the number it leaves follows a heading before or leads to one
  // after, and the number with the 8 does neither. Not only the next ones: an appendix
  // between two items may number its own sections ("1 §", "2 §").
  auto fits = [&](std::size_t k, int n) {
    for (std::size_t j = 0; j < headings.size(); ++j) {
      if ((j < k && headings[j].sign.number + 1 == n) ||
          (j > k && headings[j].sign.number - 1 == n)) {
        return true;
      }
    }
    return false;
  };
  std::vector<bool> mend(headings.size(), false);
  for (std::size_t k = 0; k < headings.size(); ++k) {
    SignAfterNumber& sign = headings[k].sign;
    if (headings[k].page == nullptr) continue;
    if (sign.without_eight >= 0 && fits(k, sign.without_eight) && !fits(k, sign.number)) {
      sign.number = sign.without_eight;
    }
    mend[k] = (sign.sign != '8' && !sign.small_title) ||
              (fits(k, sign.number) && !fits(k, sign.with_sign));
  }
  // From the last line back, so that the offsets before stay right.
  for (std::size_t k = headings.size(); k-- > 0;) {
    if (!mend[k]) continue;
    const Heading& h = headings[k];
    if (h.sign.small_title) {
      char& first = (*h.page)[h.line_start + h.sign.title];
      first = static_cast<char>(first - 'a' + 'A');
    }
    std::string mended = std::to_string(h.sign.number) + " \xC2\xA7";
    const std::size_t after = h.line_start + h.sign.end;
    if (after < h.page->size() && (*h.page)[after] != ' ') mended += ' ';
    h.page->replace(h.line_start + h.sign.indent, h.sign.end - h.sign.indent, mended);
  }
}

bool NeedsOcr(std::string_view page_text) {
  constexpr int kMinLetters = 20;
  int letters = 0;
  for (unsigned char c : page_text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0) {
      if (++letters >= kMinLetters) return false;
    }
  }
  return true;
}

#ifdef PROTOKOLL_HAVE_OCR

bool OcrAvailable() { return true; }

void LimitOcrThreads() {
  // Tesseract threads through OpenMP, whose threads compete with the indexer's workers (the
  // parallelism already) and spin: a page took three times as long. OpenMP reads its thread
  // limit when it is loaded, which is when the OCR module is, after this.
  setenv("OMP_THREAD_LIMIT", "1", 0);
}

namespace {

// The OCR module's reading function, loaded the first time a page is read: from the folder
// of the running program, else from where the build put it. Sets *error when there is none.
ProtokollOcrRead LoadOcr(std::string* error) {
  static std::once_flag once;
  static ProtokollOcrRead read = nullptr;
  static std::string failure;
  std::call_once(once, [] {
    std::vector<std::string> paths;
    char exe[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
      std::string dir(exe, static_cast<std::size_t>(n));
      paths.push_back(dir.substr(0, dir.rfind('/') + 1) + PROTOKOLL_OCR_MODULE_NAME);
    }
    paths.push_back(PROTOKOLL_OCR_MODULE_PATH);
    for (const std::string& path : paths) {
      void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (module == nullptr) continue;
      read = reinterpret_cast<ProtokollOcrRead>(dlsym(module, PROTOKOLL_OCR_READ_SYMBOL));
      if (read != nullptr) return;
    }
    const char* why = dlerror();
    failure = std::string("cannot load the OCR module ") + PROTOKOLL_OCR_MODULE_NAME + " (" +
              (why ? why : "not found") + ")";
  });
  if (read == nullptr) *error = failure;
  return read;
}

// A page rendered for OCR: 8-bit gray, its rows bytes_per_row apart.
struct Image {
  std::vector<unsigned char> pixels;
  int width = 0, height = 0, bytes_per_row = 0;
};

Status Render(const poppler::document& pdf, int index, Image* out) {
  std::unique_ptr<poppler::page> page(pdf.create_page(index));
  if (!page) return Status::Corruption("the page could not be rendered for OCR");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), kDpi, kDpi);
  if (!image.is_valid() || image.width() <= 0 || image.height() <= 0) {
    return Status::Corruption("the page could not be rendered for OCR");
  }
  // A copy of its own: a poppler image shares its pixels without locking.
  const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
  out->pixels.assign(data, data + static_cast<std::size_t>(image.bytes_per_row()) *
                                      static_cast<std::size_t>(image.height()));
  out->width = image.width();
  out->height = image.height();
  out->bytes_per_row = image.bytes_per_row();
  return Status::OK();
}

Status Recognize(const Image& image, double max_seconds, std::string* text) {
  std::string error;
  ProtokollOcrRead read = LoadOcr(&error);
  if (read == nullptr) return Status::Unsupported(error);
  char* utf8 = nullptr;
  const int max_ms = static_cast<int>(std::clamp(max_seconds * 1000, 1.0, 2e9));
  switch (read(image.pixels.data(), image.width, image.height, image.bytes_per_row,
               static_cast<int>(kDpi), max_ms, &utf8)) {
    case kProtokollOcrRead:
      *text = ToNfc(utf8);
      std::free(utf8);
      return Status::OK();
    case kProtokollOcrNoModel:
      return Status::Unsupported("no Swedish OCR model (install tesseract-ocr-swe)");
    case kProtokollOcrTimedOut:
      return Status::LimitExceeded("OCR took over " +
                                   std::to_string(static_cast<int>(max_seconds)) + " s");
    default:
      return Status::Corruption("OCR failed on the page");
  }
}

// The process's OCR threads and the pages waiting for them, first come first read. It lives
// as long as the process: its threads hold Tesseract engines, which must not be torn down
// after Tesseract's own globals at exit.
class Pool {
 public:
  static Pool& Get() {
    static Pool* pool = new Pool;
    return *pool;
  }

  // Runs task on one of the threads, made up to `threads` of them.
  std::future<void> Run(int threads, std::function<void()> task) {
    std::packaged_task<void()> job(std::move(task));
    std::future<void> done = job.get_future();
    std::lock_guard<std::mutex> lock(mu_);
    while (static_cast<int>(threads_.size()) < std::max(1, threads)) {
      threads_.emplace_back([this] { Work(); });
      threads_.back().detach();
    }
    queue_.push_back(std::move(job));
    ready_.notify_one();
    return done;
  }

 private:
  void Work() {
    for (;;) {
      std::packaged_task<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty(); });
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      job();
    }
  }

  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::packaged_task<void()>> queue_;
  std::vector<std::thread> threads_;
};

}  // namespace

void OcrPages(const poppler::document& pdf, int threads, double max_seconds,
              std::vector<OcrPage>* pages) {
  threads = std::max(1, threads);
  // Rendered pages wait for a thread at most this many at a time (a page is about 9 MB).
  const std::size_t ahead = static_cast<std::size_t>(threads) + 1;
  std::vector<Image> images(pages->size());
  std::deque<std::pair<std::size_t, std::future<void>>> reading;
  auto finish_oldest = [&] {
    reading.front().second.wait();
    images[reading.front().first] = Image();
    reading.pop_front();
  };
  for (std::size_t i = 0; i < pages->size(); ++i) {
    OcrPage& page = (*pages)[i];
    if (reading.size() >= ahead) finish_oldest();
    try {
      page.status = Render(pdf, page.index, &images[i]);
    } catch (...) {  // pages already handed to the threads read into images and *pages
      page.status = Status::Corruption("the page could not be rendered for OCR");
    }
    if (!page.status.ok()) continue;
    const Image* image = &images[i];
    reading.emplace_back(i, Pool::Get().Run(threads, [image, max_seconds, &page] {
      page.status = Recognize(*image, max_seconds, &page.text);
    }));
  }
  while (!reading.empty()) finish_oldest();
}

#else  // !PROTOKOLL_HAVE_OCR

bool OcrAvailable() { return false; }

void LimitOcrThreads() {}

void OcrPages(const poppler::document&, int, double, std::vector<OcrPage>* pages) {
  for (OcrPage& page : *pages) {
    page.status =
        Status::Unsupported("this build reads no scanned pages (built without libtesseract)");
  }
}

#endif

}  // namespace protokoll::indexer
