// Structure parser: splits cleaned minutes into the meeting header and agenda items, and
// reads each item's decision. Items are headed "§ 48 Title" / "48 § Title" (protocols),
// "4) Title" or "3. Title" (notes), or, in notes without numbers, by a title that was bold.
// Minutes also hold numbered lines that are not items: lists inside an item ("1." under
// "4. Information"), protocols attached as appendices with their own "1 §", "2 §", an
// agenda that lists the titles before the items follow. Which numbered lines are items is
// decided over the whole file at once, as the cheapest reading of the numbers as one agenda
// with nested lists; the style of numbering whose items span the file is the agenda's.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "case_numbers.h"
#include "decisions.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::Heading;
using text::HeadingKind;
using text::Trim;
using text::TrimRight;

struct LineInfo {
  std::string_view text;
  std::size_t begin = 0;
  Heading heading;
};

// ---------------------------------------------------------------- title similarity

// Lowercase letters and digits of a title, as code points, for comparing titles that went
// through different fonts or typists ("beslutfrhet" / "beslutförhet").
std::u32string TitleLetters(std::string_view title) {
  std::u32string out;
  const std::string lower = text::Lower(title);
  for (const text::Word& w : text::Words(lower)) {
    std::u32string cps = corpus::DecodeUtf8(w.text);
    for (char32_t c : cps) {
      if (c != '-' && c != '\'') out.push_back(c);
    }
  }
  return out;
}

// Dice coefficient of the titles' letter bigrams: 1 for the same letters, about 0.5 for a
// title whose every other word is garbled by a broken font.
double TitleSimilarity(std::string_view a, std::string_view b) {
  std::u32string x = TitleLetters(a), y = TitleLetters(b);
  if (x.size() < 2 || y.size() < 2) return x == y ? 1.0 : 0.0;
  std::vector<std::uint64_t> bx, by;
  for (std::size_t i = 0; i + 1 < x.size(); ++i)
    bx.push_back((std::uint64_t{x[i]} << 32) | x[i + 1]);
  for (std::size_t i = 0; i + 1 < y.size(); ++i)
    by.push_back((std::uint64_t{y[i]} << 32) | y[i + 1]);
  std::sort(bx.begin(), bx.end());
  std::sort(by.begin(), by.end());
  std::size_t common = 0, i = 0, j = 0;
  while (i < bx.size() && j < by.size()) {
    if (bx[i] == by[j]) {
      ++common;
      ++i;
      ++j;
    } else if (bx[i] < by[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(bx.size() + by.size());
}

// ---------------------------------------------------------------- choosing item lines

// The title of the heading at lines[c]: as the heading writes it, or else the next line with
// text, as lists and protocols set it ("§ 38   SBN/2025:74" / "Beslut om …"); within limit.
std::string_view TitleAt(const std::vector<LineInfo>& lines, std::size_t c, std::size_t limit) {
  if (!lines[c].heading.title.empty()) return lines[c].heading.title;
  for (std::size_t i = c + 1; i < limit && i < lines.size(); ++i) {
    if (lines[i].heading.kind != HeadingKind::kNone) break;
    const std::string_view t = Trim(lines[i].text);
    if (!t.empty()) return text::LooksLikeReference(t) ? std::string_view() : t;
  }
  return {};
}

// Whether a title ends in a page number after its words ("Informationsärenden 4"), as an
// entry of a table of contents does.
bool EndsInPageNumber(std::string_view title) {
  const std::vector<text::Word> words = text::Words(title);
  if (words.size() < 2) return false;
  const std::string_view last = words.back().text;
  return last.size() <= 3 && std::all_of(last.begin(), last.end(), text::IsDigit) &&
         words.back().begin + last.size() == TrimRight(title).size();
}

// An agenda written out before the items ("Dagordning" / "1. Öppnande" / "2. Val av
// justerare" …, "Ärendelista" / "§ 38   SBN/2025:74" / "Beslut om …" …, and then the items
// with the same numbers and titles) is part of the header. Such a list is a run of headings
// with little between them: blank lines, or a line or two of title (no sentence). A run whose
// § numbers all come again later is dropped from the candidates; else a heading of the run whose
// number and title come again later, two such at least, or one whose title ends in its page
// number ("§ 1 Informationsärenden 4").
void DropListedAgenda(const std::vector<LineInfo>& lines, bool section,
                      std::vector<std::size_t>* candidates) {
  const std::vector<std::size_t>& c = *candidates;
  // At most this many short lines of title between two headings of a list.
  constexpr std::size_t kListGapLines = 2;
  constexpr std::size_t kListLineChars = 120;
  auto limit = [&](std::size_t k) { return k + 1 < c.size() ? c[k + 1] : lines.size(); };
  std::vector<bool> drop(c.size(), false);
  std::size_t dropped = 0;
  for (std::size_t a = 0; a < c.size();) {
    std::size_t b = a;  // the run is c[a..b]
    while (b + 1 < c.size()) {
      // A list's numbers rise; where they start again, the items (or another list) begin.
      if (lines[c[b + 1]].heading.number <= lines[c[b]].heading.number) break;
      std::size_t text_lines = 0;
      bool short_lines = true;
      for (std::size_t i = c[b] + 1; i < c[b + 1] && short_lines; ++i) {
        const std::string_view t = Trim(lines[i].text);
        if (t.empty()) continue;
        short_lines = ++text_lines <= kListGapLines && t.size() <= kListLineChars &&
                      t.back() != '.' && ClassifyDecisionLabel(t).kind == LabelKind::kNone;
      }
      if (!short_lines) break;
      ++b;
    }
    // A run of § whose every number comes again later, in order, lists the items however its
    // titles are laid out (columns of numbers and titles the text layer put out of step).
    // Numbers without § come again in the lists inside items.
    bool all_again = section && b - a >= 2;
    for (std::size_t k = a, from = b + 1; k <= b && all_again; ++k, ++from) {
      while (from < c.size() && lines[c[from]].heading.number != lines[c[k]].heading.number) {
        ++from;
      }
      all_again = from < c.size();
    }
    if (all_again) {
      for (std::size_t k = a; k <= b; ++k) drop[k] = true;
      dropped += b - a + 1;
      a = b + 1;
      continue;
    }
    std::vector<std::size_t> repeated;
    bool paged = false;
    for (std::size_t k = a; k <= b; ++k) {
      const std::string_view title = TitleAt(lines, c[k], limit(k));
      if (title.empty()) continue;
      for (std::size_t later = b + 1; later < c.size(); ++later) {
        if (lines[c[later]].heading.number != lines[c[k]].heading.number) continue;
        if (TitleSimilarity(TitleAt(lines, c[later], limit(later)), title) >= 0.6) {
          repeated.push_back(k);
          paged = paged || EndsInPageNumber(title);
          break;
        }
      }
    }
    if (repeated.size() >= 2 || (repeated.size() == 1 && paged)) {
      for (std::size_t k : repeated) drop[k] = true;
      dropped += repeated.size();
    }
    a = b + 1;
  }
  if (dropped == 0) return;
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < c.size(); ++k) {
    if (!drop[k]) kept.push_back(c[k]);
  }
  *candidates = std::move(kept);
}

// One reading of the numbered lines seen so far: the last agenda number, the last number of
// the nested list currently open (0: none), and the cost of the reading.
struct Reading {
  int top = 0;
  int nested = 0;
  double cost = 0;
  int back = -1;  // index of the previous node in the trellis
  bool is_item = false;
};

constexpr double kAsText = 3.0;     // a numbered line that is neither item nor list entry
constexpr double kNewList = 0.5;    // a nested list starts ("1." after item 4)
constexpr double kRepeat = 1.0;     // a list number written twice
constexpr double kFirstNot1 = 1.0;  // the agenda starts at another number than 1
constexpr double kSkip = 1.5;       // the agenda skips numbers
// A § item out of order (§ 33 between § 50 and § 51: a matter carried over). Only §
// numbers do that, on a line after a blank one; a number already used, or one without a
// title, is rather text.
constexpr double kJumpBack = 2.0;
constexpr double kJumpBackBare = 3.5;
// Under § items a nested "1 §" is the first item of a protocol attached to the item: such a
// list runs on ("1 §", "2 §" …), a lone "§ 1" between § 55 and § 56 is an item out of order.
constexpr double kNewSectionList = 2.5;

// Chooses which of the numbered candidate lines are agenda items. Lines whose number fits
// neither the agenda's sequence nor a nested list's are plain text. With § headings
// (section), an isolated number out of order is an item too.
std::vector<std::size_t> ChooseNumberedItems(const std::vector<LineInfo>& lines,
                                             const std::vector<std::size_t>& candidates,
                                             bool section) {
  std::vector<std::vector<Reading>> trellis;
  trellis.push_back({Reading{}});
  for (std::size_t c : candidates) {
    int k = lines[c].heading.number;
    bool titled = !lines[c].heading.title.empty();
    // A number out of order inside a paragraph quotes another protocol's item ("Vård och
    // omsorg, VO" / "§ 109 Patientsäkerhetsberättelse …" among the decisions reported).
    const bool in_paragraph = c > 0 && !Trim(lines[c - 1].text).empty();
    const auto& prev = trellis.back();
    std::vector<Reading> next;
    auto add = [&next](Reading r) {
      for (Reading& o : next) {
        if (o.top == r.top && o.nested == r.nested) {
          if (r.cost < o.cost) o = r;
          return;
        }
      }
      next.push_back(r);
    };
    for (int i = 0; i < static_cast<int>(prev.size()); ++i) {
      const Reading& r = prev[i];
      add({r.top, r.nested, r.cost + kAsText, i, false});
      if (r.top == 0) {
        add({k, 0, r.cost + (k == 1 ? 0 : kFirstNot1), i, true});
      } else if (k == r.top + 1) {
        add({k, 0, r.cost, i, true});
      } else if (k > r.top + 1) {
        add({k, 0, r.cost + kSkip + 0.1 * (k - r.top - 2), i, true});
      } else if (section && !in_paragraph) {
        add({r.top, 0, r.cost + (titled && k != r.top ? kJumpBack : kJumpBackBare), i, true});
      }
      if (r.top > 0) {
        if (k == 1) add({r.top, 1, r.cost + (section ? kNewSectionList : kNewList), i, false});
        if (r.nested > 0 && k == r.nested + 1) add({r.top, k, r.cost, i, false});
        if (r.nested > 0 && k == r.nested) add({r.top, k, r.cost + kRepeat, i, false});
      }
    }
    std::sort(next.begin(), next.end(),
              [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
    if (next.size() > 64) next.resize(64);
    trellis.push_back(std::move(next));
  }
  // Back-track from the cheapest final reading.
  const auto& last = trellis.back();
  int best = 0;
  for (int i = 1; i < static_cast<int>(last.size()); ++i) {
    if (last[i].cost < last[best].cost) best = i;
  }
  std::vector<std::size_t> items;
  for (std::size_t step = candidates.size(); step > 0; --step) {
    const Reading& r = trellis[step][best];
    if (r.is_item) items.push_back(candidates[step - 1]);
    best = r.back;
  }
  std::reverse(items.begin(), items.end());
  return items;
}

// The items of one numbering style, agenda lists and nested lists left out.
std::vector<std::size_t> ItemsOfStyle(const std::vector<LineInfo>& lines,
                                      std::vector<std::size_t> candidates, bool section) {
  if (candidates.empty()) return candidates;
  DropListedAgenda(lines, section, &candidates);
  return ChooseNumberedItems(lines, candidates, section);
}

// Whether lines[i] was bold as a whole in the source.
bool IsBold(const std::vector<LineInfo>& lines, const std::vector<std::size_t>& bold,
            std::size_t i) {
  return std::binary_search(bold.begin(), bold.end(), lines[i].begin);
}

// The items of one numbering style without §. Where the items' headings are set bold (or as
// headings) and the lists inside them are not, the bold lines are the items whatever their
// numbers say: text converted from Word restarts a list's numbering after sub-points ("3.
// Budget" / "1. drift" / "2. investering" / "1. Övrigt"), and "1. Övrigt" is the next item.
std::vector<std::size_t> ItemsOfBoldStyle(const std::vector<LineInfo>& lines,
                                          const std::vector<std::size_t>& candidates,
                                          const std::vector<std::size_t>& bold) {
  std::vector<std::size_t> set_bold;
  for (std::size_t c : candidates) {
    if (IsBold(lines, bold, c)) set_bold.push_back(c);
  }
  if (set_bold.size() >= 2 && set_bold.size() < candidates.size()) {
    DropListedAgenda(lines, false, &set_bold);
    return set_bold;
  }
  return ItemsOfStyle(lines, candidates, false);
}

// The § numbers the cover says the protocol holds ("Paragrafer §§ 291-303", "Paragrafer § 13",
// "Paragrafer §§ 98, 104, 116-120", the numbers perhaps on the line above or below the label):
// the least and the greatest, or {0, 0}.
std::pair<int, int> StatedRange(const std::vector<LineInfo>& lines) {
  auto numbers = [](std::string_view t, std::vector<int>* out) {
    for (std::size_t i = 0; i < t.size();) {
      if (!text::IsDigit(t[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < t.size() && text::IsDigit(t[j])) ++j;
      if (j - i <= 4) out->push_back(std::stoi(std::string(t.substr(i, j - i))));
      i = j;
    }
  };
  for (std::size_t i = 0; i < lines.size() && i < 150; ++i) {
    const std::string_view t = lines[i].text;
    const std::size_t at = text::Lower(t).find("paragrafer");
    if (at == std::string::npos) continue;
    std::vector<int> found;
    numbers(t.substr(at), &found);
    // The label alone: its numbers after a "§" on a line next to it.
    for (std::size_t k : {i + 1, i - 1}) {
      if (!found.empty() || k >= lines.size()) continue;
      const std::size_t sign = lines[k].text.find("§");
      if (sign != std::string_view::npos) numbers(lines[k].text.substr(sign), &found);
    }
    if (found.empty()) return {0, 0};
    return {*std::min_element(found.begin(), found.end()),
            *std::max_element(found.begin(), found.end())};
  }
  return {0, 0};
}

// Drops the § numbers out of the range the cover states that stand before the first one in
// it: a § of the list of who attended, wrapped onto a line of its own ("Veronica Löfqvist,
// dataskyddskontakt" / "§ 6" above "Paragrafer § 13").
void DropNumbersBeforeStatedRange(const std::vector<LineInfo>& lines,
                                  std::vector<std::size_t>* section) {
  const std::pair<int, int> range = StatedRange(lines);
  const int low = range.first, high = range.second;
  if (high == 0) return;
  auto in_range = [&](std::size_t c) {
    return lines[c].heading.number >= low && lines[c].heading.number <= high;
  };
  const auto first = std::find_if(section->begin(), section->end(), in_range);
  if (first == section->end()) return;
  section->erase(section->begin(), first);
}

// The lines that head items, in order.
std::vector<std::size_t> ChooseItemLines(const std::vector<LineInfo>& lines,
                                         const std::vector<std::size_t>& bold) {
  std::vector<std::size_t> section, paren, dot;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    switch (lines[i].heading.kind) {
      case HeadingKind::kSection:
        section.push_back(i);
        break;
      case HeadingKind::kParen:
        paren.push_back(i);
        break;
      case HeadingKind::kDot:
        dot.push_back(i);
        break;
      case HeadingKind::kNone:
        break;
    }
  }
  // "§" marks items (and the items of protocols attached to them), so with § headings a
  // "1." or "2)" is a list inside an item.
  if (section.size() >= 2 || (!section.empty() && paren.empty() && dot.empty())) {
    DropNumbersBeforeStatedRange(lines, &section);
    return ItemsOfStyle(lines, section, true);
  }
  // Of "4)" and "3.", the agenda's style is the one whose items run through the file; the
  // other numbers lists inside the items.
  std::vector<std::size_t> by_paren = ItemsOfBoldStyle(lines, paren, bold);
  std::vector<std::size_t> by_dot = ItemsOfBoldStyle(lines, dot, bold);
  auto span = [](const std::vector<std::size_t>& items) -> std::size_t {
    return items.empty() ? 0 : items.back() - items.front();
  };
  const auto& numbered = span(by_paren) != span(by_dot)
                             ? (span(by_paren) > span(by_dot) ? by_paren : by_dot)
                             : (by_paren.size() >= by_dot.size() ? by_paren : by_dot);
  if (!numbered.empty()) return numbered;
  // No numbers: titles that were bold on a line of their own.
  std::vector<std::size_t> items;
  std::size_t b = 0;
  for (std::size_t i = 0; i < lines.size() && b < bold.size(); ++i) {
    while (b < bold.size() && bold[b] < lines[i].begin) ++b;
    if (b >= bold.size() || bold[b] != lines[i].begin) continue;
    std::string_view t = Trim(lines[i].text);
    if (t.size() <= 120 && t.back() != ':' && ClassifyDecisionLabel(t).kind == LabelKind::kNone) {
      items.push_back(i);
    }
  }
  return items.size() >= 2 ? items : std::vector<std::size_t>{};
}

// ---------------------------------------------------------------- items

// A title as a reader wants it: without dot leaders or a closing period; a heading that is
// a whole paragraph ("1. Niklas hälsar alla välkomna och …") is titled by its first sentence.
std::string MakeTitle(std::string_view title) {
  title = Trim(text::WithoutPageColumn(title));
  // The case's number after the title on its line ("… för barn- och utbildningsnämnden
  // Bun/2016:136   041"): the item's, not its title's.
  const std::vector<text::Word> words = text::Words(title);
  for (std::size_t k = words.size() > 3 ? words.size() - 3 : 1; k < words.size(); ++k) {
    if (MatchCaseNumber(title, words[k].begin, false) == title.size() - words[k].begin) {
      title = Trim(title.substr(0, words[k].begin));
      while (!title.empty() &&
             (title.back() == '-' || title.back() == ',' || title.back() == ' ')) {
        title.remove_suffix(1);
      }
      if (text::EndsWith(title, "\u2013")) title = TrimRight(title.substr(0, title.size() - 3));
      break;
    }
  }
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.remove_suffix(1);
  if (title.size() > 120) {
    std::size_t end = title.find(". ");
    if (end != std::string_view::npos && end <= 160) {
      title = title.substr(0, end);
    } else if (title.size() > 240) {  // titles of protocols run to 200 ("Yttrande över …")
      std::size_t cut = title.rfind(' ', 240);
      title = title.substr(0, cut == std::string_view::npos ? 240 : cut);
    }
  }
  return std::string(title);
}

// Whether a title line cannot end there: it ends in a dash, a comma or a word that leads
// to another ("… ledamot i kommunfullmäktige -" / "Marita Ek (V)", "… friluftsliv i" /
// "Alingsås kommun"), so the next line goes on with it even in capitals.
bool Dangles(std::string_view title) {
  static constexpr std::string_view kLeading[] = {
      "i",    "för",  "av",   "och",    "om",       "till",     "med", "på",     "vid",     "från",
      "över", "inom", "samt", "mellan", "gällande", "avseende", "mot", "enligt", "angående"};
  title = TrimRight(title);
  if (title.empty()) return false;
  if (title.back() == '-' || title.back() == ',' || text::EndsWith(title, "\u2013")) return true;
  const std::size_t space = title.rfind(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view last = title.substr(space + 1);
  return std::find(std::begin(kLeading), std::end(kLeading), last) != std::end(kLeading);
}

// Notes without § may head an item by its number alone on a line, the title below it ("1" /
// "Mötets öppnande", "10." / "Övriga frågor"): a number after a blank line, before a line that
// starts like a title (upper case, no sentence), perhaps after one blank line. Such a number is a
// "1." heading without its title.
void MarkBareNumbers(std::vector<LineInfo>* lines) {
  for (std::size_t i = 0; i < lines->size(); ++i) {
    LineInfo& line = (*lines)[i];
    std::string_view t = Trim(line.text);
    if (!t.empty() && t.back() == '.') t.remove_suffix(1);  // "10."
    if (line.heading.kind != HeadingKind::kNone || t.empty() || t.size() > 3 ||
        !std::all_of(t.begin(), t.end(), [](char c) { return text::IsDigit(c); })) {
      continue;
    }
    if (i > 0 && !Trim((*lines)[i - 1].text).empty()) continue;
    std::size_t next = i + 1;
    if (next < lines->size() && Trim((*lines)[next].text).empty()) ++next;
    if (next >= lines->size()) continue;
    const std::string_view title = Trim((*lines)[next].text);
    if (title.empty() || title.size() > 120 || !text::StartsUpper(title) || title.back() == '.' ||
        (*lines)[next].heading.kind != HeadingKind::kNone) {
      continue;
    }
    const int number = std::stoi(std::string(t));
    if (number >= 1 && number <= 300) line.heading = {HeadingKind::kDot, number, {}};
  }
}

std::vector<LineInfo> Lines(std::string_view text) {
  std::vector<LineInfo> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    LineInfo info;
    info.text = text.substr(pos, nl - pos);
    info.begin = pos;
    info.heading = text::ClassifyHeading(info.text);
    // A number after a line that ends with a comma goes on with that line ("Emma Renström,
    // utvecklingsledare," / "§ 179" in a cover's list of who attended which items).
    if (info.heading.kind != HeadingKind::kNone && !lines.empty() &&
        text::EndsWith(text::TrimRight(lines.back().text), ",")) {
      info.heading = Heading();
    }
    lines.push_back(info);
    pos = nl + 1;
  }
  MarkBareNumbers(&lines);
  return lines;
}

Item MakeItem(std::string_view text, const std::vector<LineInfo>& lines, std::size_t first,
              std::size_t end, bool numbered) {
  Item item;
  const LineInfo& head = lines[first];
  if (numbered && head.heading.kind != HeadingKind::kNone) {
    item.number = std::to_string(head.heading.number);
    item.title = MakeTitle(head.heading.title);
  } else {
    item.title = MakeTitle(head.text);
  }
  std::vector<std::string_view> body;
  for (std::size_t i = first + 1; i < end; ++i) body.push_back(lines[i].text);
  if (item.title.empty() || text::LooksLikeReference(item.title)) {
    // "§ 12" or "§ 12  Dnr KS 2021/123" alone: the title is on the next line, and may wrap
    // onto lines that go on in lowercase or with a number ("… blocktider inom" /
    // "hemtjänsten").
    for (std::size_t b = 0; b < body.size(); ++b) {
      std::string_view t = Trim(body[b]);
      if (t.empty() || text::LooksLikeReference(t)) continue;
      std::string title(t);
      std::size_t c = b + 1;
      for (; c < body.size() && c <= b + 2; ++c) {
        std::string_view next = Trim(body[c]);
        if (next.empty() || title.size() + next.size() > 300 || title.back() == '.' ||
            ClassifyDecisionLabel(next).kind != LabelKind::kNone) {
          break;
        }
        unsigned char first = next[0];
        if (!((first >= 'a' && first <= 'z') || text::IsDigit(next[0]) ||
              (first == 0xC3 && next.size() > 1 && static_cast<unsigned char>(next[1]) >= 0xA0)) &&
            !Dangles(title)) {
          break;
        }
        title += " ";
        title += next;
      }
      item.title = MakeTitle(title);
      // The title is no label of the item's decision ("Beslut - Avfallstaxa för 2026").
      for (std::size_t k = b; k < c; ++k) body[k] = {};
      break;
    }
  }
  std::size_t stop = end < lines.size() ? lines[end].begin : text.size();
  item.text = std::string(text.substr(head.begin, stop - head.begin));
  item.decision = ExtractDecision(body);
  return item;
}

// ---------------------------------------------------------------- titles from the contents

// An entry of a table of contents: "33 § Ersättning för handledning ........ 59".
struct TocEntry {
  HeadingKind kind = HeadingKind::kNone;
  int number = 0;
  std::string title;
};

// Without the page number and the dot leaders or gap before it; *paged tells whether there
// was a page number (an entry without one goes on on the next line).
std::string_view StripPageNumber(std::string_view line, bool* paged) {
  std::string_view t = text::TrimRight(line);
  std::size_t digits = 0;
  while (digits < t.size() && text::IsDigit(t[t.size() - 1 - digits])) ++digits;
  *paged = false;
  if (digits > 0 && digits <= 3 && digits < t.size()) {
    char before = t[t.size() - 1 - digits];
    if (before == ' ' || before == '\t' || before == '.') {
      t.remove_suffix(digits);
      *paged = true;
    }
  }
  while (!t.empty() && (t.back() == '.' || t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  while (text::EndsWith(t, "\xE2\x80\xA6")) t = text::TrimRight(t.substr(0, t.size() - 3));  // …
  return t;
}

// The numbered entries of the tables of contents the cleaner dropped, a title wrapped onto
// the next line joined to its start.
std::vector<TocEntry> TocEntries(const std::vector<DroppedLine>& dropped) {
  std::vector<TocEntry> out;
  bool open = false;  // the last entry had no page number yet: its title goes on
  for (const DroppedLine& d : dropped) {
    if (d.reason != std::string_view("table of contents")) continue;
    bool paged = false;
    std::string_view t = Trim(StripPageNumber(d.text, &paged));
    Heading h = text::ClassifyHeading(t);
    if (h.kind != HeadingKind::kNone) {
      // "§ 43 Dnr SE-2025-00012": the case number is no part of the title.
      std::string_view title = text::LooksLikeReference(h.title) ? "" : h.title;
      out.push_back({h.kind, h.number, std::string(title)});
      open = !paged;
    } else if (open && !t.empty() && !text::StartsWith(t, "-")) {
      if (!out.back().title.empty()) out.back().title += " ";
      out.back().title += t;
      open = !paged;
    } else {
      open = false;
    }
  }
  return out;
}

// Counts of the words of the items' text outside their headings, lowercased, to see which
// spelling of a title the text itself uses.
class WordCounts {
 public:
  WordCounts(const std::vector<LineInfo>& lines, const std::vector<std::size_t>& heads)
      : lines_(lines), heads_(heads) {}
  int Count(const std::string& word) {
    if (!built_) {
      std::size_t h = 0;
      bool title_next = false;  // "188 §" alone: its title is the next line
      for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (h < heads_.size() && heads_[h] == i) {
          title_next = lines_[i].heading.title.empty();
          ++h;
          continue;
        }
        if (Trim(lines_[i].text).empty() || text::LooksLikeReference(lines_[i].text)) continue;
        if (title_next) {
          title_next = false;
          continue;
        }
        for (const text::Word& w : text::Words(lines_[i].text)) ++counts_[text::Lower(w.text)];
      }
      built_ = true;
    }
    auto it = counts_.find(word);
    return it == counts_.end() ? 0 : it->second;
  }

 private:
  const std::vector<LineInfo>& lines_;
  const std::vector<std::size_t>& heads_;
  bool built_ = false;
  std::unordered_map<std::string, int> counts_;
};

std::vector<std::string> LowerWords(std::string_view title) {
  std::vector<std::string> out;
  for (const text::Word& w : text::Words(title)) {
    std::string l = text::Lower(w.text);
    if (w.text.size() >= 4 && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

// The better of an item's title as its heading writes it and as the table of contents does.
// Text layers of PDFs lose ligatures and garble fonts ("beslutfrhet", "Ersättnitg för
// hantglegtnitg"), most often in the headings' font, and typists correct a heading after the
// contents were made. The spelling the rest of the text uses wins; else the contents' one,
// unless it is cut short.
std::string BetterTitle(const std::string& heading, const std::string& toc, WordCounts* counts) {
  if (toc.empty() || heading == toc) return heading;
  if (heading.empty()) return toc;
  if (TitleSimilarity(heading, toc) < 0.4) return heading;  // not the same title
  std::u32string hl = TitleLetters(heading), tl = TitleLetters(toc);
  if (hl == tl || (tl.size() < hl.size() && hl.compare(0, tl.size(), tl) == 0)) return heading;
  std::vector<std::string> hw = LowerWords(heading), tw = LowerWords(toc);
  int heading_support = 0, toc_support = 0;
  for (const auto& w : hw) {
    if (std::find(tw.begin(), tw.end(), w) == tw.end() && counts->Count(w) > 0) ++heading_support;
  }
  for (const auto& w : tw) {
    if (std::find(hw.begin(), hw.end(), w) == hw.end() && counts->Count(w) > 0) ++toc_support;
  }
  return heading_support > toc_support ? heading : toc;
}

void UseContentsTitles(const std::vector<TocEntry>& toc, const std::vector<LineInfo>& lines,
                       const std::vector<std::size_t>& heads, std::vector<Item>* items) {
  if (toc.empty()) return;
  WordCounts counts(lines, heads);
  for (std::size_t h = 0; h < heads.size(); ++h) {
    const Heading& heading = lines[heads[h]].heading;
    if (heading.kind == HeadingKind::kNone) continue;
    for (const TocEntry& e : toc) {
      if (e.kind == heading.kind && e.number == heading.number) {
        Item& item = (*items)[h];
        item.title = MakeTitle(BetterTitle(item.title, MakeTitle(e.title), &counts));
        break;
      }
    }
  }
}

Structure Parse(std::string_view text, const std::vector<std::size_t>& bold,
                const std::vector<DroppedLine>& dropped) {
  Structure out;
  std::vector<LineInfo> lines = Lines(text);
  std::vector<std::size_t> heads = ChooseItemLines(lines, bold);
  if (heads.empty()) {
    Item item;
    item.text = std::string(text);
    std::vector<std::string_view> all;
    for (const auto& l : lines) all.push_back(l.text);
    item.decision = ExtractDecision(all);
    out.items.push_back(std::move(item));
    return out;
  }
  bool numbered = lines[heads[0]].heading.kind != HeadingKind::kNone;
  out.header = std::string(text.substr(0, lines[heads[0]].begin));
  for (std::size_t h = 0; h < heads.size(); ++h) {
    std::size_t end = h + 1 < heads.size() ? heads[h + 1] : lines.size();
    out.items.push_back(MakeItem(text, lines, heads[h], end, numbered));
  }
  if (numbered) UseContentsTitles(TocEntries(dropped), lines, heads, &out.items);
  return out;
}

}  // namespace

Structure ParseStructure(const std::string& text) { return Parse(text, {}, {}); }

Structure ParseStructure(const CleanedText& cleaned) {
  return Parse(cleaned.text, cleaned.bold_lines, cleaned.dropped);
}

}  // namespace protokoll::indexer
