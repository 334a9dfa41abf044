// Structure parser: splits cleaned minutes into the meeting header and agenda items, and
// reads each item's decision. Items are headed "§ 48 Title" / "48 § Title" (protocols),
// "4) Title" or "3. Title" (notes), or, in notes without numbers, by a title that was bold.
// Numbered notes also hold numbered lists that are not items (a list of documents under
// "Information och delgivningar"); which numbered lines are items is decided over the whole
// file at once, as the cheapest reading of the numbers as one agenda with nested lists.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "decisions.h"
#include "protokoll/indexer/parser.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::Heading;
using text::HeadingKind;
using text::Trim;

struct LineInfo {
  std::string_view text;
  std::size_t begin = 0;
  Heading heading;
};

// ---------------------------------------------------------------- choosing item lines

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

// Chooses which of the numbered candidate lines are agenda items. Lines whose number fits
// neither the agenda's sequence nor a nested list's are plain text.
std::vector<std::size_t> ChooseNumberedItems(const std::vector<LineInfo>& lines,
                                             const std::vector<std::size_t>& candidates) {
  std::vector<std::vector<Reading>> trellis;
  trellis.push_back({Reading{}});
  for (std::size_t c : candidates) {
    int k = lines[c].heading.number;
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
      }
      if (r.top > 0) {
        if (k == 1) add({r.top, 1, r.cost + kNewList, i, false});
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
  // "§" marks items and nothing else, so every § line is one (numbers may jump back).
  if (section.size() >= 2 || (!section.empty() && paren.empty() && dot.empty())) return section;
  const auto& numbered = paren.size() >= dot.size() ? paren : dot;
  if (!numbered.empty()) {
    auto items = ChooseNumberedItems(lines, numbered);
    if (!items.empty()) return items;
  }
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
  title = Trim(title);
  while (!title.empty() && (title.back() == '.' || title.back() == ' ')) title.remove_suffix(1);
  if (title.size() > 120) {
    std::size_t end = title.find(". ");
    if (end != std::string_view::npos && end <= 160) {
      title = title.substr(0, end);
    } else {
      std::size_t cut = title.rfind(' ', 120);
      title = title.substr(0, cut == std::string_view::npos ? 120 : cut);
    }
  }
  return std::string(title);
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
    lines.push_back(info);
    pos = nl + 1;
  }
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
  if (item.title.empty()) {  // "§ 12" alone: the title is on the next line
    for (std::string_view b : body) {
      if (!Trim(b).empty()) {
        item.title = MakeTitle(b);
        break;
      }
    }
  }
  std::size_t stop = end < lines.size() ? lines[end].begin : text.size();
  item.text = std::string(text.substr(head.begin, stop - head.begin));
  item.decision = ExtractDecision(body);
  return item;
}

Structure Parse(std::string_view text, const std::vector<std::size_t>& bold) {
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
  return out;
}

}  // namespace

Structure ParseStructure(const std::string& text) { return Parse(text, {}); }

Structure ParseStructure(const CleanedText& cleaned) {
  return Parse(cleaned.text, cleaned.bold_lines);
}

}  // namespace protokoll::indexer
