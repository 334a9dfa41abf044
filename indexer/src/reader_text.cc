// Plain-text reader: detects the encoding (BOM, UTF-16 by its zero bytes, valid UTF-8, else
// Windows-1252), decodes to UTF-8 and normalizes to NFC. Rules rather than ICU's statistical
// charset detector: minutes are Swedish, and for Swedish text "valid UTF-8, else cp1252" is
// right far more often than a detector that guesses among dozens of charsets from a few
// hundred bytes (it likes to call short Swedish cp1252 text ISO-8859-9 or IBM424).
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstddef>
#include <string>

#include "protokoll/utf8.h"
#include "readers.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

// How much of a file the sniffing rules look at.
constexpr std::size_t kSniffBytes = 8192;
// Above this share of control bytes in the sniffed prefix a file is binary, not text.
constexpr double kMaxControlShare = 0.10;

// UTF-16 without a BOM: text in Latin script has a zero byte in nearly every other position.
// Returns "UTF-16LE", "UTF-16BE" or nullptr.
const char* SniffUtf16(std::string_view s) {
  std::size_t n = std::min(s.size(), kSniffBytes) & ~std::size_t{1};
  if (n < 4) return nullptr;
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    if (s[i] == '\0') ++even_zero;
    if (s[i + 1] == '\0') ++odd_zero;
  }
  std::size_t pairs = n / 2;
  if (odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs) return "UTF-16LE";
  if (even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs) return "UTF-16BE";
  return nullptr;
}

bool LooksBinary(std::string_view s) {
  std::size_t n = std::min(s.size(), kSniffBytes);
  if (n == 0) return false;
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char c = s[i];
    bool text_control = c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x1A;
    if ((c < 0x20 && !text_control) || c == 0x7F) ++control;
  }
  return static_cast<double>(control) > kMaxControlShare * static_cast<double>(n);
}

// What CleanControls drops or changes: NUL, the DOS end-of-file mark, CR.
constexpr std::string_view kControls("\0\x1A\r", 3);

// NUL characters, and CR or CRLF line ends as LF, so later stages see one kind of line end.
void CleanControls(icu::UnicodeString* u) {
  const char16_t* in = u->getBuffer();
  const int32_t n = u->length();
  std::u16string out;
  out.reserve(static_cast<std::size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    const char16_t c = in[i];
    if (c == 0 || c == 0x1A) continue;  // NUL, and the DOS end-of-file mark
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < n && in[i + 1] == '\n') ++i;
      continue;
    }
    out.push_back(c);
  }
  *u = icu::UnicodeString(out.data(), static_cast<int32_t>(out.size()));
}

// Whether UTF-8 text is in NFC already (most is).
bool IsNfc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const bool yes = nfc->isNormalizedUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && yes;
}

std::string NormalizeToUtf8(icu::UnicodeString* u) {
  CleanControls(u);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(*u, status);
    if (U_SUCCESS(status)) *u = n;
  }
  std::string out;
  u->toUTF8String(out);
  return out;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  // Most text is already NFC; skip the copy when ICU can tell quickly.
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) {
    std::string out;
    u.toUTF8String(out);
    return out;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, status);
  std::string out;
  (U_SUCCESS(status) ? n : u).toUTF8String(out);
  return out;
}

Status DecodeText(std::string_view bytes, std::string* utf8, std::string* encoding) {
  icu::UnicodeString u;
  const char* utf16 = nullptr;
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    utf16 = "UTF-16LE";
    bytes.remove_prefix(2);
  } else if (bytes.substr(0, 2) == "\xFE\xFF") {
    utf16 = "UTF-16BE";
    bytes.remove_prefix(2);
  } else {
    utf16 = SniffUtf16(bytes);
  }
  // UTF-8 is checked once, after a BOM (which may stand before bytes that are no UTF-8).
  const bool bom = utf16 == nullptr && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) bytes.remove_prefix(3);
  const bool valid = utf16 == nullptr && IsValidUtf8(bytes);
  if (utf16 != nullptr) {
    *encoding = utf16;
    // ICU substitutes U+FFFD for unpaired surrogates and a dangling odd byte.
    u = icu::UnicodeString(bytes.data(), static_cast<int32_t>(bytes.size()), utf16);
  } else if (bom || valid) {
    if (LooksBinary(bytes)) return Status::Unsupported("binary file, not text");
    *encoding = "UTF-8";
    // Most files need nothing: valid, NFC already, LF line ends, no NUL.
    if (valid && bytes.find_first_of(kControls) == std::string_view::npos && IsNfc(bytes)) {
      utf8->assign(bytes);
      return Status::OK();
    }
    u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(bytes.data(), static_cast<int32_t>(bytes.size())));
  } else {
    if (LooksBinary(bytes)) return Status::Unsupported("binary file, not text");
    // ISO-8859-1 text is Windows-1252 text too, apart from C1 controls nobody writes.
    *encoding = "windows-1252";
    u = icu::UnicodeString(bytes.data(), static_cast<int32_t>(bytes.size()), "windows-1252");
  }
  if (u.isBogus()) return Status::Corruption("cannot decode text as " + *encoding);
  *utf8 = NormalizeToUtf8(&u);
  return Status::OK();
}

namespace {

// A line that is only an HTML comment naming a page: "<!-- sida 3 -->", "<!-- Page 12 -->",
// "<!-- pagebreak -->".
bool IsPageMark(std::string_view line) {
  std::string_view t = text::Trim(line);
  if (!text::StartsWith(t, "<!--") || !text::EndsWith(t, "-->")) return false;
  std::string inner = text::Lower(text::Trim(t.substr(4, t.size() - 7)));
  for (std::string_view word : {"sida", "page", "sivu"}) {
    if (text::StartsWith(inner, word)) return true;
  }
  return false;
}

}  // namespace

Status ReadText(std::string_view bytes, const ReadOptions& /*options*/, RawDocument* doc) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    return Status::LimitExceeded("text file over 2 GB");
  }
  std::string text;
  Status s = DecodeText(bytes, &text, &doc->encoding);
  if (!s.ok()) return s;
  // Form feeds separate pages in text exported from paged documents (pdftotext ends every
  // page with one, so a last empty page is not a page); so do the page marks that converters
  // of PDF to Markdown leave on lines of their own ("<!-- sida 3 -->", "<!-- page 3 -->").
  std::string page;
  auto blank = [](std::string_view p) {
    return p.find_first_not_of(" \t\r\n") == std::string_view::npos;
  };
  auto end_page = [&] {
    if (!doc->pages.empty() || !blank(page)) doc->pages.push_back(std::move(page));
    page.clear();
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string_view line(text.data() + pos, end - pos);
    pos = end;
    if (IsPageMark(line.substr(0, nl == std::string::npos ? line.size() : line.size() - 1))) {
      end_page();
      continue;
    }
    for (std::size_t ff; (ff = line.find('\f')) != std::string_view::npos;) {
      page.append(line.substr(0, ff));
      end_page();
      line.remove_prefix(ff + 1);
    }
    page.append(line);
  }
  if (!blank(page) || doc->pages.empty()) doc->pages.push_back(std::move(page));
  return Status::OK();
}

}  // namespace protokoll::indexer
