#include "case_numbers.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "protokoll/case_number.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::IsDigit;

// Non-blank lines at an item's start that are its heading: the heading line, a "Dnr" or
// number line, the title (in either order).
constexpr std::size_t kHeadingLines = 3;
// More numbers than this are a list of references, not the matters one item handles.
constexpr std::size_t kMaxNumbers = 12;
// Letters of a series prefix: "KS", "BN", "KSN", "NKBY", "MBN".
constexpr std::size_t kMaxPrefixChars = 6;

// What labels a case number, lowercase; a longer label before its own beginning.
constexpr std::array<std::string_view, 11> kLabels = {
    "diarienummer", "ärendenummer", "diarie nr", "ärende nr", "diarienr", "ärendenr",
    "ärende-nr",    "d.nr",         "dnro",      "dnr",       "dno",
};
// LabelAt tests the first byte before it tries the labels.
static_assert(std::all_of(kLabels.begin(), kLabels.end(), [](std::string_view label) {
  return label[0] == 'd' || label.substr(0, 2) == "\xC3\xA4";  // ä
}));

// Series that are written like case numbers and are none: government reports, statutes,
// bills, directives, committee reports, communications; and words a number or a sum follows.
constexpr std::array<std::string_view, 19> kNotSeries = {
    "sou", "sfs", "prop", "ds",  "dir", "bet", "rskr", "skr", "kom", "com",
    "nr",  "tel", "kl",   "sid", "kr",  "tkr", "mkr",  "sek", "eur",
};

// Whether letters (lowercased) are a word of kNotSeries, no case number's series.
bool NotSeries(std::string_view letters) {
  return std::find(kNotSeries.begin(), kNotSeries.end(), letters) != kNotSeries.end();
}

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether the byte is part of a word: a letter (ASCII or a UTF-8 sequence) or a digit.
bool IsWordByte(unsigned char c) { return IsAsciiLetter(c) || IsDigit(c) || c >= 0x80; }

// The length of a separator inside a number at s[i]: - / . : and the en dash; 0 if none.
std::size_t SeparatorLength(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == '-' || c == '/' || c == '.' || c == ':') return 1;
  return s.substr(i, 3) == "\xE2\x80\x93" ? 3 : 0;
}

// Blanks between a label and its number: spaces, tabs, no-break spaces.
std::size_t SkipBlanks(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// The letters at s[i] (ASCII and Latin-1: Å Ä Ö É ...): their bytes, and into *chars and
// *upper how many and whether all are capitals.
std::size_t ReadLetters(std::string_view s, std::size_t i, std::size_t* chars, bool* upper) {
  const std::size_t start = i;
  *chars = 0;
  *upper = true;
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (IsAsciiLetter(c)) {
      *upper = *upper && c <= 'Z';
      ++i;
    } else if (c == 0xC3 && i + 1 < s.size()) {
      const unsigned char d = s[i + 1];
      if (d < 0x80 || d > 0xBF || d == 0x97 || d == 0xB7) break;  // × ÷ are no letters
      *upper = *upper && d <= 0x9E;
      i += 2;
    } else {
      break;
    }
    ++*chars;
  }
  return i - start;
}

bool IsYear(std::string_view digits) {
  return digits.size() == 4 && (digits.substr(0, 2) == "19" || digits.substr(0, 2) == "20");
}

// The value of a run of digits; a run longer than nine digits is worth its first nine.
int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits.substr(0, 9)) n = n * 10 + (c - '0');
  return n;
}

// Whether the number's digit groups (and the separators between them) have a case number's
// shape: year and serial, serial and year after a label, or the Finnish form.
// slashed: the series is joined to the year by a slash ("SBN/2025:74").
bool HasShape(const std::vector<std::string_view>& groups, const std::vector<char>& separators,
              bool prefix, bool labelled, bool slashed) {
  if (groups.size() == 2) {
    const std::string_view a = groups[0], b = groups[1];
    if (!prefix && !labelled) return false;
    if (b.size() > 7) return false;
    if (IsYear(a)) {
      if (labelled) return true;
      // "EU 2021-2027", "Plan 2024-2026": a span of years.
      const bool span = IsYear(b) && Number(b) > Number(a) && Number(b) - Number(a) <= 30;
      // Year, colon, serial is the state's form (reports, statutes, committees: "S 2019:04"),
      // written after a space; a municipality's series joins the year with a slash
      // ("SBN/2025:74", "KS KF/2022:7", "Bun/2022:1052").
      return !span && (separators[0] != ':' || slashed);
    }
    if (!labelled) return false;
    if (a.size() == 2 && prefix) return true;  // "Dnr KS 21/123": a two-digit year
    return IsYear(b) && a.size() <= 6;         // "Dnr 304/2014"
  }
  // "NKBY/302/00.01.03.01/2022": the series, the serial, the archive class and the year.
  if (groups.size() >= 3 && prefix && separators.front() == '/' && separators.back() == '/' &&
      IsYear(groups.back())) {
    return std::all_of(separators.begin() + 1, separators.end() - 1,
                       [](char c) { return c == '.'; });
  }
  return false;  // three groups and more: a date ("2025-05-19"), a bill ("2019/20:1")
}

// The length of a series in capitals after a year and its serial ("2026.113 KS",
// "2018.002 ÖN": the series last), from s[i], blanks before it included; 0 if none.
std::size_t SeriesAfter(std::string_view s, std::size_t i,
                        const std::vector<std::string_view>& groups,
                        const std::vector<char>& separators) {
  if (!IsYear(groups[0]) || groups[1].size() > 5 ||
      (separators[0] != '.' && separators[0] != '/')) {
    return 0;
  }
  const std::size_t start = SkipBlanks(s, i);
  if (start == i || start - i > 3) return 0;
  std::size_t chars = 0;
  bool upper = true;
  const std::size_t letters = ReadLetters(s, start, &chars, &upper);
  const std::size_t end = start + letters;
  if (!upper || chars < 2 || chars > kMaxPrefixChars) return 0;
  if (end < s.size() && (IsWordByte(s[end]) || s[end] == '-')) return 0;
  const std::string series = text::Lower(s.substr(start, letters));
  if (NotSeries(series)) return 0;
  return end - i;
}

// The label that starts at s[i], its length; 0 if none. "Ert dnr" (the addressee's number in a
// letter) is not this municipality's.
std::size_t LabelAt(std::string_view s, std::size_t i) {
  if (i > 0 && IsWordByte(s[i - 1])) return 0;
  // Every label starts with d or ä (0xC3 in UTF-8): asked at every byte of a text.
  const char first = s[i];
  if (first != 'd' && first != 'D' && first != '\xC3') return 0;
  for (std::string_view label : kLabels) {
    if (!text::StartsWithCI(s.substr(i), label)) continue;
    const std::size_t end = i + label.size();
    if (end < s.size() && IsWordByte(s[end])) return 0;
    std::size_t e = i;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    std::size_t w = e;
    while (w > 0 && IsAsciiLetter(s[w - 1])) --w;
    const std::string word = text::Lower(s.substr(w, e - w));
    if (word == "ert" || word == "er") return 0;
    return label.size();
  }
  return 0;
}

// Whether a label stands anywhere in the line.
bool HasLabel(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (LabelAt(line, i)) return true;
  }
  return false;
}

// Words that join the numbers of a list after one label: "Dnr KS 2021/12, KS 2021/13 och ...".
std::size_t ListJoint(std::string_view s, std::size_t i) {
  i = SkipBlanks(s, i);
  if (i < s.size() && (s[i] == ',' || s[i] == ';' || s[i] == '&')) return SkipBlanks(s, i + 1);
  for (std::string_view word : {"och", "samt"}) {
    if (text::StartsWithCI(s.substr(i), word) && i + word.size() < s.size() &&
        s[i + word.size()] == ' ') {
      return SkipBlanks(s, i + word.size());
    }
  }
  return std::string_view::npos;
}

// Collects numbers, one per key, as written with white space squeezed.
class Collector {
 public:
  void Add(std::string_view written) {
    if (numbers_.size() >= kMaxNumbers) return;
    std::string key = schema::CaseNumberKey(written);
    if (!keys_.insert(key).second) return;
    std::string out;
    for (char c : written) {
      const bool blank = c == ' ' || c == '\t';
      if (blank && !out.empty() && out.back() == ' ') continue;
      out += blank ? ' ' : c;
    }
    numbers_.push_back(std::move(out));
  }
  std::vector<std::string> Take() { return std::move(numbers_); }

 private:
  std::unordered_set<std::string> keys_;
  std::vector<std::string> numbers_;
};

// Whether the whole line (trimmed) is one unlabelled case number.
bool IsNumberLine(std::string_view line) {
  const std::string_view t = text::Trim(line);
  return !t.empty() && MatchCaseNumber(t, 0, false) == t.size();
}

// Adds the unlabelled numbers of a heading line.
void AddUnlabelled(std::string_view line, Collector* out) {
  for (std::size_t i = 0; i < line.size();) {
    if (const std::size_t n = MatchCaseNumber(line, i, false)) {
      out->Add(line.substr(i, n));
      i += n;
    } else {
      ++i;
    }
  }
}

// Adds the labelled numbers of lines[k]; a label at a line's end labels the next line's start.
void AddLabelled(const std::vector<std::string_view>& lines, std::size_t k, Collector* out) {
  const std::string_view line = lines[k];
  for (std::size_t i = 0; i < line.size(); ++i) {
    const std::size_t label = LabelAt(line, i);
    if (label == 0) continue;
    std::string_view s = line;
    std::size_t at = i + label;
    while (at < s.size() && (s[at] == '.' || s[at] == ':')) ++at;
    at = SkipBlanks(s, at);
    if (at == s.size()) {
      for (std::size_t next = k + 1; next < lines.size(); ++next) {
        if (text::Trim(lines[next]).empty()) continue;
        s = lines[next];
        at = SkipBlanks(s, 0);
        break;
      }
    }
    std::size_t end = at;  // after the last number read
    while (at < s.size()) {
      const std::size_t n = MatchCaseNumber(s, at, true);
      if (n == 0) break;
      out->Add(s.substr(at, n));
      end = at + n;
      at = ListJoint(s, end);
    }
    if (s.data() == line.data()) i = std::max(i, end - 1);
  }
}

}  // namespace

std::size_t MatchCaseNumber(std::string_view s, std::size_t at, bool labelled) {
  if (at >= s.size() || (at > 0 && IsWordByte(s[at - 1]))) return 0;
  // "§ 64/20", "§64": a paragraph and its year.
  std::size_t b = at;
  while (b > 0 && s[b - 1] == ' ') --b;
  if (b >= 2 && s.substr(b - 2, 2) == "§") return 0;
  std::size_t i = at;
  std::size_t chars = 0;
  bool upper = true;
  const std::size_t letters = ReadLetters(s, i, &chars, &upper);
  const bool prefix = letters > 0;
  bool slashed = false;
  if (prefix) {
    const bool capital = IsAsciiLetter(s[i]) ? s[i] <= 'Z' : upper;
    slashed = i + letters < s.size() && s[i + letters] == '/';
    // Without a label, a series is two capitals or more ("S 2019:04" is a committee), or a
    // capitalised word joined to the year by a slash ("Bun/2022:1052").
    if (chars > kMaxPrefixChars || (!labelled && chars < 2) ||
        (!labelled && !upper && !(slashed && capital))) {
      return 0;
    }
    const std::string series = text::Lower(s.substr(i, letters));
    if (NotSeries(series)) return 0;
    i += letters;
    // "KS 2021/123", "BN-2024-002359", "KSN2013:0674", "Ks. 2021/4".
    if (i < s.size() && s[i] == ' ') {
      ++i;
      // A series of two words, the second joined by a slash: "KS KF/2022:7".
      std::size_t second_chars = 0;
      bool second_upper = true;
      const std::size_t second = ReadLetters(s, i, &second_chars, &second_upper);
      if (upper && second_upper && second_chars >= 2 && second_chars <= kMaxPrefixChars &&
          i + second < s.size() && s[i + second] == '/') {
        i += second + 1;
        slashed = true;
      }
    } else if (const std::size_t sep = SeparatorLength(s, i)) {
      i += sep;
      if (s[i - 1] == '.' && i < s.size() && s[i] == ' ') ++i;
    }
  }
  std::vector<std::string_view> groups;
  std::vector<char> separators;
  while (i < s.size() && IsDigit(s[i])) {
    std::size_t j = i;
    while (j < s.size() && IsDigit(s[j])) ++j;
    groups.push_back(s.substr(i, j - i));
    i = j;
    const std::size_t sep = SeparatorLength(s, i);
    if (sep == 0 || i + sep >= s.size() || !IsDigit(s[i + sep])) break;
    separators.push_back(sep == 1 ? s[i] : '-');
    i += sep;
  }
  // A number ends where a word would: "2021/123abc" is something else.
  if (groups.empty() || (i < s.size() && IsWordByte(s[i]))) return 0;
  if (groups.front().size() > 7) return 0;
  if (!prefix && groups.size() == 2) {
    if (const std::size_t n = SeriesAfter(s, i, groups, separators)) return i + n - at;
  }
  return HasShape(groups, separators, prefix, labelled, slashed) ? i - at : 0;
}

std::vector<std::string> FindCaseNumbers(std::string_view item_text, std::string_view before) {
  Collector out;
  // Finnish minutes print the number on its own line just above the heading.
  std::vector<std::string_view> above = text::SplitLines(before);
  while (!above.empty() && text::Trim(above.back()).empty()) above.pop_back();
  if (!above.empty() && IsNumberLine(above.back())) out.Add(text::Trim(above.back()));

  const std::vector<std::string_view> lines = text::SplitLines(item_text);
  std::size_t last = lines.size();  // the last non-blank line
  while (last > 0 && text::Trim(lines[last - 1]).empty()) --last;
  // "§ 37 Dnr FG-2024-00843" below the item's own heading names § 37's case (a table of
  // contents, a list of the meeting's items), not this item's. Asked only of lines that matter.
  int own = -1;  // the item's § number (0 if none); -1 before its heading line
  auto section = [&](std::size_t k) {
    const text::Heading h = text::ClassifyHeading(lines[k]);
    return h.kind == text::HeadingKind::kSection ? h.number : 0;
  };
  auto other = [&](std::size_t k) {
    const int number = section(k);
    return number > 0 && number != own;
  };
  std::size_t seen = 0;
  for (std::size_t k = 0; k < lines.size() && seen < kHeadingLines; ++k) {
    if (text::Trim(lines[k]).empty()) continue;
    // A number alone on the item's last line, after its heading, heads the next item.
    if (seen > 0 && k + 1 == last && IsNumberLine(lines[k])) break;
    if (seen++ == 0) {
      own = section(k);
    } else if (other(k)) {
      continue;
    }
    AddLabelled(lines, k, &out);
    AddUnlabelled(lines[k], &out);
  }
  if (own < 0) return out.Take();  // no line but blanks
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (HasLabel(lines[k]) && !other(k)) AddLabelled(lines, k, &out);
  }
  return out.Take();
}

}  // namespace protokoll::indexer
