#include "dates.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::IsDigit;

constexpr std::array<std::string_view, 12> kMonths = {
    "januari", "februari", "mars",      "april",   "maj",      "juni",
    "juli",    "augusti",  "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {"måndag", "tisdag", "onsdag", "torsdag",
                                                       "fredag", "lördag", "söndag"};

bool Valid(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (y > 0 && m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

bool PlausibleYear(int y) { return y >= 1990 && y <= 2099; }

// Month number (1-12) of a month name or abbreviation ("sep", "okt."), else 0.
int MonthOf(std::string_view word) {
  std::string w = text::Lower(word);
  if (!w.empty() && w.back() == '.') w.pop_back();
  for (int m = 0; m < 12; ++m) {
    if (w == kMonths[m]) return m + 1;
  }
  static constexpr std::array<std::string_view, 13> kShort = {
      "jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "okt", "nov", "dec", "sept"};
  for (int m = 0; m < 13; ++m) {
    if (!kShort[m].empty() && w == kShort[m]) return m == 12 ? 9 : m + 1;
  }
  return 0;
}

int WeekdayOf(std::string_view word) {
  std::string w = text::Lower(word);
  if (text::EndsWith(w, "en")) w.resize(w.size() - 2);  // "torsdagen"
  for (int d = 0; d < 7; ++d) {
    if (w == kWeekdays[d]) return d;
  }
  return -1;
}

// Reads a run of digits at s[*i]; its value and length.
int Digits(std::string_view s, std::size_t* i, int* len) {
  int v = 0;
  *len = 0;
  while (*i < s.size() && IsDigit(s[*i]) && *len < 9) {
    v = v * 10 + (s[*i] - '0');
    ++*len;
    ++*i;
  }
  return v;
}

// The word ending just before offset `end` (skipping spaces), and where it starts.
std::string_view WordBefore(std::string_view s, std::size_t end, std::size_t* start) {
  std::size_t e = end;
  while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == ',')) --e;
  std::size_t b = e;
  while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\t' && s[b - 1] != ',' && s[b - 1] != '(') --b;
  *start = b;
  return s.substr(b, e - b);
}

// Fills weekday/after_den from the words before a day number at `begin`.
void ReadContext(std::string_view line, std::size_t begin, DateMention* m) {
  std::size_t start;
  std::string_view w = WordBefore(line, begin, &start);
  if (text::Lower(w) == "den") {
    m->after_den = true;
    w = WordBefore(line, start, &start);
  }
  m->weekday = WeekdayOf(w);
}

// A long date at `i` (day digits already read, ending at `j`): "8 oktober [2021]".
bool LongDate(std::string_view line, std::size_t begin, std::size_t j, int day, DateMention* m) {
  std::size_t k = j;
  while (k < line.size() && line[k] == ' ') ++k;
  if (k == j) return false;
  std::size_t e = k;
  while (e < line.size() && (text::IsLetterByte(line[e]) || line[e] == '.')) ++e;
  int month = MonthOf(line.substr(k, e - k));
  if (month == 0 || !Valid(0, month, day)) return false;
  m->month = month;
  m->day = day;
  m->long_form = true;
  m->offset = begin;
  std::size_t y = e;
  while (y < line.size() && line[y] == ' ') ++y;
  std::size_t p = y;
  int len;
  int year = Digits(line, &p, &len);
  if (len == 4 && PlausibleYear(year) && (p >= line.size() || !IsDigit(line[p]))) m->year = year;
  ReadContext(line, begin, m);
  return true;
}

std::size_t FindDigitsEnd(std::string_view s, std::size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  return i;
}

}  // namespace

int Weekday(int y, int m, int d) {
  // Days from 1970-01-01 (Howard Hinnant's days_from_civil); 1970-01-01 was a Thursday.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long days = era * 146097L + static_cast<long>(doe) - 719468L;
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::vector<DateMention> FindDates(std::string_view line) {
  std::vector<DateMention> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (!IsDigit(line[i]) || (i > 0 && (IsDigit(line[i - 1]) || text::IsLetterByte(line[i - 1])))) {
      ++i;
      continue;
    }
    std::size_t begin = i;
    int la;
    int a = Digits(line, &i, &la);
    DateMention m;
    m.offset = begin;
    auto next_is = [&](std::size_t k, char c) { return k < line.size() && line[k] == c; };
    auto ends_clean = [&](std::size_t k) {
      return k >= line.size() || (!IsDigit(line[k]) &&
                                  !(line[k] == '-' && k + 1 < line.size() && IsDigit(line[k + 1])));
    };
    if (la == 4 && (next_is(i, '-') || next_is(i, '.'))) {  // 2021-10-08, 2021.10.08
      const char sep = line[i];
      std::size_t j = i + 1;
      int lb, lc;
      int b = Digits(line, &j, &lb);
      if (lb >= 1 && lb <= 2 && next_is(j, sep)) {
        ++j;
        int c = Digits(line, &j, &lc);
        if (lc >= 1 && lc <= 2 && ends_clean(j) && PlausibleYear(a) && Valid(a, b, c)) {
          m.year = a;
          m.month = b;
          m.day = c;
          ReadContext(line, begin, &m);
          out.push_back(m);
          i = j;
          continue;
        }
      }
      i = FindDigitsEnd(line, j);
      continue;
    }
    if (la <= 2 && next_is(i, '.')) {  // 15.9.2022, 28.03.2023
      std::size_t j = i + 1;
      int lb, lc;
      int b = Digits(line, &j, &lb);
      if (lb >= 1 && lb <= 2 && next_is(j, '.')) {
        ++j;
        int c = Digits(line, &j, &lc);
        if (lc == 4 && ends_clean(j) && PlausibleYear(c) && Valid(c, b, a)) {
          m.year = c;
          m.month = b;
          m.day = a;
          ReadContext(line, begin, &m);
          out.push_back(m);
          i = j;
          continue;
        }
      }
    }
    if (la <= 2 && next_is(i, '/')) {  // 24/5, and with its year: 3/3 2021, 3/3-2021, 3/3/2021
      std::size_t j = i + 1;
      int lb;
      int b = Digits(line, &j, &lb);
      int year = 0;
      if (j + 1 < line.size() && (line[j] == ' ' || line[j] == '-' || line[j] == '/') &&
          IsDigit(line[j + 1])) {
        std::size_t k = j + 1;
        int ly;
        int y = Digits(line, &k, &ly);
        if (ly == 4 && PlausibleYear(y) && ends_clean(k) && (k >= line.size() || line[k] != '/')) {
          year = y;
          j = k;
        }
      }
      bool clean = j >= line.size() || (line[j] != '/' && !IsDigit(line[j]));
      bool prev_clean = begin == 0 || line[begin - 1] != '/';
      if (lb >= 1 && lb <= 2 && clean && prev_clean && Valid(year, b, a)) {
        m.year = year;
        m.month = b;
        m.day = a;
        m.slash = year == 0;
        ReadContext(line, begin, &m);
        out.push_back(m);
        i = j;
        continue;
      }
      i = j;
      continue;
    }
    if (la == 6 && ends_clean(i) && (begin == 0 || line[begin - 1] != '-')) {  // 200828
      int yy = a / 10000, mm = a / 100 % 100, dd = a % 100;
      if (yy >= 10 && yy <= 39 && Valid(2000 + yy, mm, dd)) {
        m.year = 2000 + yy;
        m.month = mm;
        m.day = dd;
        m.compact = true;
        out.push_back(m);
      }
      continue;
    }
    if (la <= 2 && LongDate(line, begin, i, a, &m)) {
      out.push_back(m);
      continue;
    }
  }
  return out;
}

namespace {

struct Candidate {
  DateMention date;
  double score = 0;
  std::size_t order = 0;
};

// Words that mark a line's date as some other event's: the next or previous meeting, when
// the minutes were checked, signed or published, a document's or an earlier decision's date.
bool OtherEventLine(const std::string& lower) {
  static constexpr std::array<std::string_view, 22> kOther = {
      "nästa",     "föregående", "juster",   "publicer",   "anslag",    "intygar",
      "underteck", "skickades",  "tidigare", "kallelse",   "bilaga",    "senast",
      "kommande",  "beslutade",  "daterad",  "inkom",      "skrivelse", "utlåtande",
      "signer",    "expedier",   "överklag", "protokollet"};
  for (auto w : kOther) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

// A paragraph reference beside a date ("KF 2023-03-16 § 56", "§ 64/20"): an earlier decision.
bool ParagraphReference(std::string_view lower) {
  for (std::size_t at = lower.find("\xC2\xA7"); at != std::string_view::npos;
       at = lower.find("\xC2\xA7", at + 1)) {
    std::size_t k = at + 2;
    while (k < lower.size() && lower[k] == ' ') ++k;
    if (k < lower.size() && IsDigit(lower[k])) return true;
  }
  return false;
}

// Labels of the line that gives the meeting's time or date ("Tid:", "Sammanträdestid"), and
// how much they say it is the meeting's. A plain "Datum" is often the notes' writing date.
double LabelScore(std::string_view lower, std::string* label) {
  static constexpr std::array<std::string_view, 11> kTime = {
      "tid",           "sammanträdestid", "sammanträdesdatum",
      "mötesdatum",    "mötestid",        "dag:",
      "datum och tid", "tid och plats",   "plats och tid",
      "när:",          "sammanträdesdag"};
  for (auto w : kTime) {
    if (text::StartsWith(lower, w)) {
      std::size_t n = w.size();
      if (n >= lower.size() || !text::IsLetterByte(lower[n]) || w == "tid och plats" ||
          w == "plats och tid") {
        *label = std::string(w);
        return 5;
      }
    }
  }
  if (text::StartsWith(lower, "datum") && (lower.size() == 5 || !text::IsLetterByte(lower[5]))) {
    *label = "datum";
    return 1;
  }
  return 0;
}

// A line that is only a label of the meeting's date or time, its value on the next line
// ("Datum" / "2025-05-19", as covers laid out in two columns come out of PDFs).
bool LabelAlone(std::string_view lower) {
  std::string label;
  if (LabelScore(lower, &label) <= 0) return false;
  // A sentence that a line break began with the word ("tid, vilket bör utredas …") is none.
  if (lower.back() == '.' || lower.back() == ',' || lower.find(", ") != std::string_view::npos) {
    return false;
  }
  // The label, or labels of a row of columns ("Sammanträdesdatum      Sida"), no value.
  return std::none_of(lower.begin(), lower.end(), [](char c) { return IsDigit(c); });
}

std::string Iso(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The year of a date written without one: the mentioned year (or one next to it) on which
// the date falls on its weekday; without a weekday, the year mentioned most.
int InferYear(const DateMention& d, const std::map<int, int>& years) {
  if (years.empty()) return 0;
  int most = years.begin()->first;
  for (const auto& [y, n] : years) {
    if (n > years.at(most)) most = y;
  }
  if (d.weekday < 0) return most;
  int best = 0, best_rank = 1 << 30;
  for (int y = years.begin()->first - 1; y <= years.rbegin()->first + 1; ++y) {
    if (!Valid(y, d.month, d.day) || Weekday(y, d.month, d.day) != d.weekday) continue;
    auto it = years.find(y);
    int rank = it != years.end() ? -it->second : 100 + std::abs(y - most);
    if (rank < best_rank) {
      best_rank = rank;
      best = y;
    }
  }
  return best ? best : most;
}

std::optional<MeetingDate> FromFileName(std::string_view name) {
  // 2020-09-25, 2020_09_25, 20200925, 25_09_2020 (the Finnish archives' style).
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (!IsDigit(name[i]) || (i > 0 && IsDigit(name[i - 1]))) continue;
    std::size_t j = i;
    int len;
    int a = Digits(name, &j, &len);
    auto sep = [&](std::size_t k) {
      return k < name.size() && (name[k] == '-' || name[k] == '_' || name[k] == '.');
    };
    if (len == 8 && PlausibleYear(a / 10000) && Valid(a / 10000, a / 100 % 100, a % 100)) {
      return MeetingDate{Iso(a / 10000, a / 100 % 100, a % 100), false, {}, {}};
    }
    if ((len == 4 || len <= 2) && sep(j)) {
      std::size_t k = j + 1;
      int lb, lc;
      int b = Digits(name, &k, &lb);
      if (lb < 1 || lb > 2 || !sep(k)) continue;
      ++k;
      int c = Digits(name, &k, &lc);
      if (len == 4 && lc <= 2 && lc >= 1 && PlausibleYear(a) && Valid(a, b, c)) {
        return MeetingDate{Iso(a, b, c), false, {}, {}};
      }
      if (len <= 2 && lc == 4 && PlausibleYear(c) && Valid(c, b, a)) {
        return MeetingDate{Iso(c, b, a), false, {}, {}};
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<MeetingDate> FindMeetingDate(std::string_view text, std::size_t header_end,
                                           std::string_view file_name) {
  struct Scored {
    Candidate c;
    std::string_view line;
    std::string evidence;
  };
  std::vector<Scored> cands;
  std::map<int, int> years;
  std::size_t pos = 0, order = 0;
  int nonblank = 0;
  std::string pending_label;  // a label alone on the line before
  bool other_above = false;   // the line before is a label of another event ("Justeringens")
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    bool in_header = pos < header_end;
    pos = nl + 1;
    std::string_view t = text::Trim(line);
    if (t.empty()) continue;
    ++nonblank;
    // Years the text mentions, for dates written without one.
    for (std::size_t i = 0; i + 4 <= line.size(); ++i) {
      if (IsDigit(line[i]) && (i == 0 || !IsDigit(line[i - 1]))) {
        std::size_t j = i;
        int len;
        int y = Digits(line, &j, &len);
        if (len == 4 && PlausibleYear(y)) ++years[y];
        i = j;
      }
    }
    std::string lower = text::Lower(t);
    std::string label_above = std::move(pending_label);
    pending_label.clear();
    const bool other_here = OtherEventLine(lower);
    const bool other_event = other_here || other_above;
    // A label broken over lines ("Justeringens" / "plats och tid   Stadshuset 2025-05-22").
    other_above = other_here && t.size() <= 30 &&
                  std::none_of(t.begin(), t.end(), [](char c) { return IsDigit(c); });
    if (LabelAlone(lower)) {
      LabelScore(lower, &pending_label);
      // "Justeringens plats och" / "tid" / its value: the label goes on, and so does its event.
      other_above = other_above || other_event;
      continue;
    }
    std::vector<DateMention> found = FindDates(line);
    if (found.empty()) continue;
    std::string label;
    double label_score = LabelScore(lower, &label);
    // A label opens its line in upper case or ends in a colon: "sammanträdestid den 11
    // december till klockan 13:00, och …" goes on with a sentence of an item's text.
    if (label_score > 0 && !text::StartsUpper(t) &&
        !text::StartsWith(lower.substr(label.size()), ":")) {
      label_score = 0;
      label.clear();
    }
    if (label_score == 0 && !label_above.empty()) label_score = LabelScore(label_above, &label);
    // Outside the header only a labelled line tells the meeting's date: the items' text
    // dates documents, decisions and events.
    if (!in_header && label_score == 0) continue;
    double base = (in_header ? 3 : 0) + (in_header && nonblank <= 3 ? 2 : 0) + label_score;
    if (other_event) base -= 5;
    if (label_score == 0 && ParagraphReference(lower)) base -= 3;
    bool alone = found.size() == 1 && t.size() <= 12;
    std::string evidence = !label.empty()  ? "labelled '" + label + "'"
                           : nonblank <= 3 ? "title line"
                                           : "header";
    for (const DateMention& d : found) {
      double s = base + (d.weekday >= 0 ? 2 : 0) + (d.after_den ? 1 : 0) + (d.long_form ? 1 : 0) +
                 (alone ? 1 : 0) - (d.compact ? 3 : 0) - (d.slash ? 1 : 0);
      cands.push_back({{d, s, order++}, t, evidence});
    }
  }
  auto from_name = [&]() -> std::optional<MeetingDate> {
    auto d = FromFileName(file_name);
    if (d) {
      d->line = std::string(file_name);
      d->evidence = "file name";
    }
    return d;
  };
  const Scored* best = nullptr;
  for (const Scored& c : cands) {
    if (c.c.score > 0 && (!best || c.c.score > best->c.score)) best = &c;
  }
  if (!best) return from_name();
  DateMention d = best->c.date;
  bool inferred = false;
  if (d.year == 0) {
    inferred = true;
    d.year = InferYear(d, years);
    if (d.year == 0) {
      auto named = FromFileName(file_name);
      if (named) d.year = std::stoi(named->iso.substr(0, 4));
    }
    if (d.year == 0 || !Valid(d.year, d.month, d.day)) return from_name();
  }
  return MeetingDate{Iso(d.year, d.month, d.day), inferred, std::string(best->line),
                     best->evidence};
}

}  // namespace protokoll::indexer
