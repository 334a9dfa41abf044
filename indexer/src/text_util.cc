#include "text_util.h"

#include <algorithm>
#include <cstdlib>

#include "protokoll/corpus/gazetteer.h"

namespace protokoll::indexer::text {
namespace {

constexpr std::string_view kSection = "\xC2\xA7";  // §

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }

// Length of a leading NBSP (U+00A0) or 0.
std::size_t NbspAt(std::string_view s, std::size_t i) {
  return i + 1 < s.size() && static_cast<unsigned char>(s[i]) == 0xC2 &&
                 static_cast<unsigned char>(s[i + 1]) == 0xA0
             ? 2
             : 0;
}

// Reads 1..max_digits digits at s[*i]; returns -1 if there are none or too many.
int ReadNumber(std::string_view s, std::size_t* i, int max_digits) {
  int value = 0, digits = 0;
  while (*i < s.size() && IsDigit(s[*i])) {
    // A long run of digits (a transaction id) is read past, not into an overflowing int.
    if (digits < 9) value = value * 10 + (s[*i] - '0');
    ++digits;
    ++*i;
  }
  return digits == 0 || digits > max_digits ? -1 : value;
}

std::size_t SkipSpaces(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (IsSpace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (std::size_t n = NbspAt(s, i)) {
      i += n;
    } else {
      break;
    }
  }
  return i;
}

// A title must start like a title: an uppercase letter, a digit or a quote.
bool TitleStart(std::string_view title) {
  if (title.empty()) return false;
  unsigned char c = title[0];
  return StartsUpper(title) || IsDigit(c) || c == '"' || c == '\'' ||
         StartsWith(title, "\xE2\x80\x9D") || StartsWith(title, "\xE2\x80\x9C");
}

// Whether a § number's "title" is the statute the section belongs to: a line of text that
// starts with a citation ("31 § PBL varför bygglov …", "§ 6 SoL eller 24 e § LSS …"), not
// an item. The abbreviation stands as a word of its own ("LSS-boende" may title an item),
// followed by punctuation or the sentence's next word.
bool CitedStatute(std::string_view title) {
  static constexpr std::string_view kStatutes[] = {
      "PBL", "PBF", "SoL", "SoF", "LSS", "KL",  "FL",  "OSL",   "MB",  "LOU", "LUF", "LOV",
      "LVU", "LVM", "HSL", "SFB", "BBR", "LAS", "MBL", "SkolL", "LPT", "ÄB",  "FB",  "JB"};
  for (std::string_view statute : kStatutes) {
    if (!StartsWith(title, statute)) continue;
    if (title.size() == statute.size()) return true;
    const char next = title[statute.size()];
    if (next == ',' || next == '.' || next == ')' || next == ';') return true;
    // The sentence goes on ("PBL varför", "SoL eller"); a title goes on otherwise ("LSS –
    // gemensam korttidsvistelse").
    const std::size_t after = SkipSpaces(title, statute.size());
    if (next != ' ' || after >= title.size()) continue;
    const unsigned char c = title[after];
    const unsigned char d = after + 1 < title.size() ? title[after + 1] : 0;
    if ((c >= 'a' && c <= 'z') || (c == 0xC3 && d >= 0xA0 && d != 0xB7)) return true;  // å ä ö
  }
  return false;
}

}  // namespace

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = nl + 1;
  }
  return lines;
}

std::string_view TrimLeft(std::string_view s) {
  std::size_t i = SkipSpaces(s, 0);
  return s.substr(i);
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty()) {
    if (IsSpace(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2 &&
               static_cast<unsigned char>(s.back()) == 0xA0) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

std::string Lower(std::string_view s) { return corpus::LowerName(s); }

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool StartsWithCI(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  // Byte by byte as Lower folds them, without a copy: this runs at every byte of a text.
  auto fold = [](std::string_view t, std::size_t i) {
    const unsigned char c = t[i];
    if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c + 32);
    if (i > 0 && static_cast<unsigned char>(t[i - 1]) == 0xC3 && corpus::IsLatin1CapitalTail(c))
      return static_cast<unsigned char>(c + 0x20);
    return c;
  };
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (fold(s, i) != fold(prefix, i)) return false;
  }
  return true;
}

bool EqualsCI(std::string_view a, std::string_view b) {
  return a.size() == b.size() && StartsWithCI(a, b);
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = s[0];
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC3 && s.size() > 1) {
    unsigned char d = s[1];
    return d >= 0x80 && d <= 0x9E && d != 0x97;
  }
  return false;
}

bool IsLetterByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int EditDistance(const std::u32string& a, const std::u32string& b, int limit) {
  const int la = static_cast<int>(a.size()), lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > limit) return limit + 1;
  // Three rows (this, the one before, the one before that for swaps); runs on every
  // capitalized word near a place, so no allocation for word-sized input.
  constexpr int kStack = 64;
  int stack[3][kStack];
  std::vector<int> heap;
  int* rows[3];
  if (lb + 1 <= kStack) {
    for (int r = 0; r < 3; ++r) rows[r] = stack[r];
  } else {
    heap.resize(3 * (lb + 1));
    for (int r = 0; r < 3; ++r) rows[r] = heap.data() + r * (lb + 1);
  }
  int* before = rows[0];  // row i - 2
  int* prev = rows[1];    // row i - 1
  int* cur = rows[2];     // row i
  for (int j = 0; j <= lb; ++j) prev[j] = j;
  for (int i = 1; i <= la; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= lb; ++j) {
      int cost = a[i - 1] != b[j - 1];
      int d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before[j - 2] + 1);
      }
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > limit) return limit + 1;
    int* t = before;
    before = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[lb], limit + 1);
}

bool AllCaps(std::string_view s) {
  bool letters = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c >= 'a' && c <= 'z') return false;
    if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = s[i + 1];
      if (d >= 0xA0 && d <= 0xBE) return false;  // a lowercase Latin-1 letter
      letters = true;
      ++i;
      continue;
    }
    if (c >= 'A' && c <= 'Z') letters = true;
  }
  return letters;
}

std::vector<Word> Words(std::string_view line) {
  std::vector<Word> words;
  std::size_t i = 0;
  auto in_word = [&](std::size_t k) {
    unsigned char c = line[k];
    if (c == 0xC2 && k + 1 < line.size()) {
      // NBSP, §, « » and other Latin-1 punctuation are not letters.
      return false;
    }
    if (c == 0xE2) return false;  // dashes, quotes, bullets
    return IsLetterByte(c) || IsDigit(static_cast<char>(c));
  };
  while (i < line.size()) {
    if (!in_word(i)) {
      unsigned char c = line[i];
      i += (c == 0xC2 || c == 0xE2) ? (c == 0xC2 ? 2 : 3) : 1;
      continue;
    }
    std::size_t begin = i;
    while (i < line.size()) {
      if (in_word(i)) {
        unsigned char c = line[i];
        i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
      } else if ((line[i] == '-' || line[i] == '\'') && i + 1 < line.size() && in_word(i + 1) &&
                 i > begin) {
        ++i;
      } else {
        break;
      }
    }
    if (i > line.size()) i = line.size();
    words.push_back({line.substr(begin, i - begin), begin});
  }
  return words;
}

bool HasPartyMark(std::string_view line) {
  static constexpr std::string_view kParties[] = {"(s)", "(m)",  "(c)",  "(l)",
                                                  "(v)", "(kd)", "(sd)", "(mp)"};
  for (std::size_t open = line.find('('); open != std::string_view::npos;
       open = line.find('(', open + 1)) {
    const std::size_t close = line.find(')', open);
    if (close == std::string_view::npos || close - open > 3) continue;
    const std::string mark = Lower(line.substr(open, close - open + 1));
    for (std::string_view party : kParties) {
      if (mark == party) return true;
    }
  }
  return false;
}

bool LooksLikeReference(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.empty() || t.size() > 60) return false;
  // "Dnr KS 2022/00045", "Dnr: 2021.123", "Diarienr 2020/12".
  if (StartsWithCI(t, "dnr") || StartsWithCI(t, "diarienr") || StartsWithCI(t, "diarienummer")) {
    std::size_t n = StartsWithCI(t, "dnr") ? 3 : StartsWithCI(t, "diarienr") ? 8 : 12;
    if (n == t.size() || t[n] == ' ' || t[n] == '.' || t[n] == ':') return true;
  }
  // "NKBY/497/12.03.01/2022", "KS 2020/123", "2026.030 BMN": digits joined by slashes or a
  // dot, no lowercase word.
  int slashes = 0, digits = 0, spaces = 0, dots = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    slashes += c == '/';
    digits += IsDigit(c);
    spaces += c == ' ';
    dots += c == '.' && i > 0 && IsDigit(t[i - 1]) && i + 1 < t.size() && IsDigit(t[i + 1]);
    if (c >= 'a' && c <= 'z') return false;
  }
  return (slashes >= 1 || dots >= 1) && digits >= 4 && spaces <= 1;
}

bool LooksLikeTocEntry(std::string_view line) {
  std::string_view t = TrimRight(line);
  std::size_t end = t.size();
  std::size_t i = end;
  while (i > 0 && IsDigit(t[i - 1])) --i;
  if (i == end) {
    // A title and its dot leader, the page number lost (as OCR loses it).
    std::size_t dots = 0;
    while (dots < t.size() && t[t.size() - 1 - dots] == '.') ++dots;
    return dots >= 5 && Trim(t.substr(0, t.size() - dots)).size() > 3;
  }
  if (end - i > 3 || i == 0) return false;
  std::string_view before = t.substr(0, i);
  if (before.back() == '\t') return true;
  // Dot leaders: "Title ........ 12" or "Title.....\t3", as short as two where the title
  // fills the line ("… 2026-2037 .. 3").
  std::string_view b = TrimRight(before);
  std::size_t dots = 0;
  while (dots < b.size() && b[b.size() - 1 - dots] == '.') ++dots;
  if (dots >= 3 || (dots == 2 && b.size() > 2 && b[b.size() - 3] == ' ')) return true;
  // A wide gap (pdftotext layout) before the page number.
  return before.size() >= 4 && EndsWith(before, "    ") && Trim(before).size() > 3;
}

bool IsPageMarker(std::string_view s) {
  s = Trim(s);
  if (StartsWithCI(s, "sida ")) s = TrimLeft(s.substr(5));
  std::size_t i = 0;
  auto number = [&] {
    const std::size_t from = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    return i > from && i - from <= 4;
  };
  if (!number()) return false;
  if (i == s.size()) return true;
  i = SkipSpaces(s, i);
  if (s.substr(i, 3) == "av ") {
    i = SkipSpaces(s, i + 3);
    return number() && i == s.size();
  }
  if (i < s.size() && (s[i] == '(' || s[i] == '/')) {
    const bool paren = s[i] == '(';
    ++i;
    if (!number()) return false;
    if (paren && i < s.size() && s[i] == ')') ++i;
    return i == s.size();
  }
  return false;
}

std::string_view WithoutPageColumn(std::string_view s) {
  s = TrimRight(s);
  std::size_t gap = s.rfind("   ");
  const std::size_t tab = s.rfind('\t');
  if (tab != std::string_view::npos && (gap == std::string_view::npos || tab > gap)) gap = tab;
  if (gap == std::string_view::npos) return s;
  const std::string_view head = TrimRight(s.substr(0, gap));
  const std::string_view last = Trim(s.substr(gap));
  if (head.empty()) return s;
  const bool date =
      last.size() == 10 && last[4] == '-' && last[7] == '-' &&
      std::all_of(last.begin(), last.end(), [](char c) { return IsDigit(c) || c == '-'; });
  // The label of the header's date column ("Sammanträdesdatum"), its date on the next line.
  const bool date_label = last.find(' ') == std::string_view::npos && last.size() >= 5 &&
                          EndsWith(Lower(last), "datum");
  return date || date_label || IsPageMarker(last) ? head : s;
}

Heading ClassifyHeading(std::string_view line) {
  Heading h;
  // Headings start at the margin; an indented number is a list inside the text.
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  std::string_view s = line.substr(i);
  if (s.empty()) return h;
  if (LooksLikeTocEntry(s)) return h;
  // "- § 147": a converter's list mark before a § heading (PDF to Markdown). A bullet the
  // document set itself ("•   § 42 Ekonomiuppföljning") lists the items an item speaks of.
  for (std::string_view bullet : {"- ", "* "}) {
    if (StartsWith(s, bullet) && StartsWith(s.substr(SkipSpaces(s, bullet.size())), kSection)) {
      s.remove_prefix(SkipSpaces(s, bullet.size()));
      break;
    }
  }
  std::size_t p = 0;
  // "KS § 45", "SN-AU § 12": Swedish municipal protocols put the body's abbreviation first.
  std::size_t abbreviation = 0;
  while (abbreviation < s.size() && abbreviation < 9 &&
         ((s[abbreviation] >= 'A' && s[abbreviation] <= 'Z') || s[abbreviation] == '-' ||
          (abbreviation > 0 && IsDigit(s[abbreviation])))) {
    ++abbreviation;
  }
  if (abbreviation >= 2 && abbreviation < 9 && s[abbreviation - 1] != '-') {
    std::size_t after = SkipSpaces(s, abbreviation);
    if (after > abbreviation && StartsWith(s.substr(after), kSection)) s.remove_prefix(after);
  }
  // OCR reads a "§" as "$" ("$ 48 Dnr KS 2022/00045").
  const bool ocr_sign = s.size() > 2 && s[0] == '$' && (s[1] == ' ' || IsDigit(s[1]));
  if (StartsWith(s, kSection) || ocr_sign) {  // "§ 48 Title"
    p = SkipSpaces(s, ocr_sign ? 1 : kSection.size());
    int n = ReadNumber(s, &p, 4);
    if (n < 0) return h;
    std::size_t q = SkipSpaces(s, p);
    if (q == p && q < s.size()) return h;
    std::string_view title = WithoutPageColumn(s.substr(q));
    if (IsPageMarker(title)) title = {};  // "SBN § 39        Sida 6 av 12"
    if (!title.empty() && (!TitleStart(title) || CitedStatute(title))) return h;
    // "§ 45   Dnr KS 2022/00045": the case's reference, the title follows on its own line.
    if (LooksLikeReference(title)) title = {};
    h = {HeadingKind::kSection, n, title};
    return h;
  }
  int n = ReadNumber(s, &p, 4);
  if (n < 0) return h;
  std::size_t q = SkipSpaces(s, p);
  if (StartsWith(s.substr(q), kSection)) {  // "48 § Title", "1§   Title", "188 §" alone
    std::size_t r = SkipSpaces(s, q + kSection.size());
    std::string_view title = TrimRight(s.substr(r));
    if (!title.empty() && (!TitleStart(title) || r == q + kSection.size() || CitedStatute(title))) {
      return h;
    }
    if (LooksLikeReference(title)) title = {};
    h = {HeadingKind::kSection, n, title};
    return h;
  }
  if (p >= s.size() || q != p || n > 300) return h;
  char mark = s[p];
  if (mark != '.' && mark != ')') return h;
  std::size_t r = SkipSpaces(s, p + 1);
  if (r == p + 1) return h;  // "15.9.2022", "3.1" are not headings
  std::string_view title = TrimRight(s.substr(r));
  if (!TitleStart(title)) return h;
  h = {mark == ')' ? HeadingKind::kParen : HeadingKind::kDot, n, title};
  return h;
}

}  // namespace protokoll::indexer::text
