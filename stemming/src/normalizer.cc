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

// Latin-1 lower-case letters (UTF-8 C3 A0..C3 BF, by their second byte) with marks Swedish
// does not write fold to the letter it writes instead: "Škorić" and "Skoric", "Bjørn" and
// "Björn", "Müller" and "Muller" are one word. Å, ä and ö are letters of their own, and é
// marks a word of its own ("idé", "armén"). 0: the letter stays; else its one ASCII
// letter, or 0xA4 / 0xB6 for ä / ö.
constexpr unsigned char kLatin1Fold[32] = {'a', 'a', 'a',  'a', 0,   0,   0xA4, 'c', 'e', 0,   'e',
                                           'e', 'i', 'i',  'i', 'i', 'd', 'n',  'o', 'o', 'o', 'o',
                                           0,   0,   0xB6, 'u', 'u', 'u', 'u',  'y', 0,   'y'};

// Appends the Latin-1 lower-case letter C3 d to out, folded as kLatin1Fold says.
void AppendLatin1(unsigned char d, std::string* out) {
  const unsigned char f = d >= 0xA0 ? kLatin1Fold[d - 0xA0] : 0;
  if (f == 0 || f >= 0x80) {
    out->push_back(static_cast<char>(0xC3));
    out->push_back(static_cast<char>(f ? f : d));
  } else {
    out->push_back(static_cast<char>(f));
  }
}

// The marks Swedish writes: the ring and the dots of å, ä, ö and the acute of é.
bool SwedishMark(UChar32 base, UChar32 mark) {
  return (base == 'a' && (mark == 0x030A || mark == 0x0308)) || (base == 'o' && mark == 0x0308) ||
         (base == 'e' && mark == 0x0301);
}

// Folds the marks of folded, NFC text as kLatin1Fold does the Latin-1 letters': a combining
// mark goes unless Swedish writes it, and letters that do not decompose take their Swedish
// or plain form ("ø", "æ", "đ", "ł").
void FoldMarks(std::string* text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text->data(), static_cast<int32_t>(text->size())));
  icu::UnicodeString d = nfd->normalize(u, status);
  if (U_FAILURE(status)) return;
  icu::UnicodeString out;
  UChar32 base = 0;
  for (int32_t i = 0; i < d.length(); i = d.moveIndex32(i, 1)) {
    UChar32 c = d.char32At(i);
    if (c >= 0x0300 && c <= 0x036F) {
      if (SwedishMark(base, c)) out.append(c);
      continue;
    }
    switch (c) {
      case 0x00F8:
        out.append(UChar32{'o'}).append(UChar32{0x0308});
        break;  // ø: ö
      case 0x00E6:
        out.append(UChar32{'a'}).append(UChar32{0x0308});
        break;  // æ: ä
      case 0x00F0:
      case 0x0111:
        out.append(UChar32{'d'});
        break;  // ð, đ
      case 0x0142:
        out.append(UChar32{'l'});
        break;  // ł
      case 0x0131:
        out.append(UChar32{'i'});
        break;  // ı
      default:
        out.append(c);
    }
    base = c;
  }
  icu::UnicodeString n = nfc->normalize(out, status);
  if (U_FAILURE(status)) return;
  text->clear();
  n.toUTF8String(*text);
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
        unsigned char d = static_cast<unsigned char>(text[++i]);
        // U+00C0..U+00DE fold to +0x20, except U+00D7 (multiplication sign).
        if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
        AppendLatin1(d, out);
        continue;
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
      FoldMarks(out);
      return;
    }
  }
  u.toUTF8String(*out);
  FoldMarks(out);
}

}  // namespace protokoll::stemming
