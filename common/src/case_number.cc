#include "protokoll/case_number.h"

namespace protokoll::schema {
namespace {

bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Bytes of the UTF-8 sequence at s[i] when it is a letter (Å, Ä, Ö, É ... and other scripts'),
// 0 otherwise: C2 (NBSP, ·) and E2 (dashes, quotes, spaces) lead punctuation, which separates.
std::size_t LetterLength(std::string_view s, std::size_t i) {
  const unsigned char c = s[i];
  if (c < 0xC3 || c == 0xE2 || c > 0xF4) return 0;
  std::size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return i + n <= s.size() ? n : 0;
}

}  // namespace

std::string CaseNumberKey(std::string_view number) {
  enum class Run { kNone, kLetters, kDigits };
  std::string key;
  Run run = Run::kNone;
  std::size_t digits_start = 0;  // where the current digit run starts in key
  auto start = [&](Run next) {
    if (!key.empty()) key += '-';
    run = next;
    digits_start = key.size();
  };
  for (std::size_t i = 0; i < number.size(); ++i) {
    const unsigned char c = number[i];
    if (IsAsciiDigit(c)) {
      if (run != Run::kDigits) start(Run::kDigits);
      // Zero-padding says nothing: a leading zero is replaced by the digit after it.
      if (key.size() == digits_start + 1 && key.back() == '0') key.pop_back();
      key += static_cast<char>(c);
    } else if (IsAsciiLetter(c)) {
      if (run != Run::kLetters) start(Run::kLetters);
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (const std::size_t n = LetterLength(number, i)) {
      if (run != Run::kLetters) start(Run::kLetters);
      key.append(number.substr(i, n));
      // Latin-1 capitals (Å Ä Ö É ...): 0xC3 then 0x80..0x9E but not 0x97 (×).
      const unsigned char d = number[i + 1];
      if (c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97)
        key.back() = static_cast<char>(d + 0x20);
      i += n - 1;
    } else {
      run = Run::kNone;
    }
  }
  return key;
}

bool HasDigit(std::string_view number) {
  for (unsigned char c : number) {
    if (IsAsciiDigit(c)) return true;
  }
  return false;
}

bool WrittenAsCaseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 40) return false;
  std::size_t series = 0, digit_groups = 0, i = 0;
  bool digits_started = false;
  while (i < text.size()) {
    const unsigned char c = text[i];
    if (IsAsciiDigit(c)) {
      while (i < text.size() && IsAsciiDigit(static_cast<unsigned char>(text[i]))) ++i;
      ++digit_groups;
      digits_started = true;
    } else if (IsAsciiLetter(c) || LetterLength(text, i)) {
      if (digits_started) return false;  // letters after the digits: words, not a number
      std::size_t letters = 0;
      while (i < text.size()) {
        if (IsAsciiLetter(static_cast<unsigned char>(text[i]))) {
          ++i;
        } else if (const std::size_t n = LetterLength(text, i)) {
          i += n;
        } else {
          break;
        }
        ++letters;
      }
      if (letters > 6) return false;  // a series is short: "KS", "SBN", "Bun", "NKBY"
      ++series;
    } else if (c == ' ' || c == '-' || c == '/' || c == '.' || c == ':') {
      if (digits_started && c == ' ') return false;  // "2025 74" is two numbers
      ++i;
    } else {
      return false;
    }
  }
  return series >= 1 && series <= 2 && digit_groups >= 2;
}

}  // namespace protokoll::schema
