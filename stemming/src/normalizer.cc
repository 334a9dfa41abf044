#include "normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/unistr.h>

namespace protokoll::stemming {

std::size_t IgnorableLength(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (i + 1 < s.size() && at(i) == 0xC2 && at(i + 1) == 0xAD) return 2;  // U+00AD soft hyphen
  if (i + 2 < s.size()) {
    if (at(i) == 0xE2 && at(i + 1) == 0x80 && at(i + 2) >= 0x8B && at(i + 2) <= 0x8D) {
      return 3;  // U+200B..U+200D zero-width space, non-joiner, joiner
    }
    if (at(i) == 0xE2 && at(i + 1) == 0x81 && at(i + 2) == 0xA0) return 3;  // U+2060
    if (at(i) == 0xEF && at(i + 1) == 0xBB && at(i + 2) == 0xBF) return 3;  // U+FEFF
  }
  return 0;
}

namespace {

// True when text is ASCII plus precomposed Latin-1 letters (U+00C0..U+00FF without U+00DF,
// whose folding is "ss"): such text is already NFC and folds byte by byte.
bool IsSimpleLatin(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) continue;
    if (c != 0xC3 || i + 1 >= text.size()) return false;
    unsigned char d = static_cast<unsigned char>(text[i + 1]);
    if (d < 0x80 || d > 0xBF || d == 0x9F) return false;
    ++i;
  }
  return true;
}

}  // namespace

void Normalizer::Fold(std::string_view text, std::string* out) const {
  out->clear();
  if (IsSimpleLatin(text)) {
    out->reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      } else if (static_cast<unsigned char>(c) == 0xC3) {
        out->push_back(c);
        unsigned char d = static_cast<unsigned char>(text[++i]);
        // U+00C0..U+00DE fold to +0x20, except U+00D7 (multiplication sign).
        if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
        c = static_cast<char>(d);
      }
      out->push_back(c);
    }
    return;
  }
  // Slow path: strip ignorables, then ICU full case folding and NFC. ICU reports errors by
  // status codes, never by exceptions.
  std::string clean;
  clean.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t skip = IgnorableLength(text, i);
    if (skip != 0) {
      i += skip;
      continue;
    }
    clean.push_back(text[i++]);
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())));
  u.foldCase();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) {
      n.toUTF8String(*out);
      return;
    }
  }
  u.toUTF8String(*out);
}

}  // namespace protokoll::stemming
