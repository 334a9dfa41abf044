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

// Whether the rest of text from its blanks at i is one word of letters (a series last).
bool SeriesFollows(std::string_view text, std::size_t i) {
  while (i < text.size() && text[i] == ' ') ++i;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    const unsigned char c = text[i];
    if (IsAsciiLetter(c)) continue;
    const std::size_t n = LetterLength(text, i);
    if (n == 0) return false;
    i += n - 1;
  }
  return true;
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
  // A series written last ("2026.113 KS") is the series of "KS 2026.113": it leads the key.
  const std::size_t last = key.rfind('-');
  if (!key.empty() && IsAsciiDigit(key[0]) && last != std::string::npos &&
      !IsAsciiDigit(key[last + 1]) && key.find_first_not_of("0123456789-") == last + 1) {
    key = key.substr(last + 1) + "-" + key.substr(0, last);
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
  bool digits_started = false, trailing = false;
  while (i < text.size()) {
    const unsigned char c = text[i];
    if (IsAsciiDigit(c)) {
      while (i < text.size() && IsAsciiDigit(static_cast<unsigned char>(text[i]))) ++i;
      ++digit_groups;
      digits_started = true;
    } else if (IsAsciiLetter(c) || LetterLength(text, i)) {
      // Letters after the digits are words, not a number, but for one series written last
      // ("2026.113 KS").
      if (digits_started && (series > 0 || trailing)) return false;
      trailing = digits_started;
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
      // "2025 74" is two numbers.
      if (digits_started && c == ' ' && !SeriesFollows(text, i)) return false;
      ++i;
    } else {
      return false;
    }
  }
  return series >= 1 && series <= 2 && digit_groups >= 2;
}

}  // namespace protokoll::schema
