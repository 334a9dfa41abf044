// Cleaner: turns a read document into the minutes' text. It removes what repeats on every
// page (headers, footers, signature boxes), tables of contents, and the residue of the
// formats the text came through (Markdown headings, bold and italics, HTML tags, Word
// bookmarks, signature rules), and joins words hyphenated across PDF line ends. Page
// furniture is found from repetition and layout, not from a list of known strings, so unseen
// templates are handled too. Every removed line is reported in CleanedText::dropped with the
// reason.
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "decisions.h"
#include "protokoll/indexer/parser.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::StartsWith;
using text::Trim;

struct Line {
  std::string text;
  std::size_t page = 0;
  bool bold = false;           // the whole line was bold in the source ("**Title**")
  const char* drop = nullptr;  // reason, when the line is removed
};

// ---------------------------------------------------------------- markup residue

// Removes "[bookmark: …]", HTML comments and HTML-like tags ("<i>", "</i>", "<br/>").
bool StripTags(std::string* s) {
  bool changed = false;
  for (std::size_t pos = s->find("<!--"); pos != std::string::npos; pos = s->find("<!--", pos)) {
    std::size_t end = s->find("-->", pos + 4);
    if (end == std::string::npos) break;
    s->erase(pos, end + 3 - pos);
    changed = true;
  }
  for (std::size_t pos = s->find("[bookmark:"); pos != std::string::npos;
       pos = s->find("[bookmark:", pos)) {
    std::size_t end = s->find(']', pos);
    if (end == std::string::npos) break;
    s->erase(pos, end - pos + 1);
    changed = true;
  }
  std::size_t pos = 0;
  while ((pos = s->find('<', pos)) != std::string::npos) {
    std::size_t end = s->find('>', pos);
    if (end == std::string::npos || end - pos > 40) {
      ++pos;
      continue;
    }
    std::string_view tag(s->data() + pos + 1, end - pos - 1);
    if (!tag.empty() && tag[0] == '/') tag.remove_prefix(1);
    bool is_tag =
        !tag.empty() && ((tag[0] >= 'a' && tag[0] <= 'z') || (tag[0] >= 'A' && tag[0] <= 'Z'));
    // "<https://…>" autolinks keep their address.
    if (is_tag && (StartsWith(tag, "http") || StartsWith(tag, "mailto"))) {
      s->erase(end, 1);
      s->erase(pos, 1);
      changed = true;
      continue;
    }
    if (!is_tag ||
        (tag.find(' ') != std::string_view::npos && tag.find('=') == std::string_view::npos)) {
      ++pos;
      continue;
    }
    bool br = text::StartsWithCI(tag, "br");
    s->replace(pos, end - pos + 1, br ? 1 : 0, ' ');
    changed = true;
  }
  return changed;
}

// Removes Markdown emphasis: "**bold**", "__bold__" and "*italics*". An italic span glued
// to the text before it and running to the line end ("Title*Föredragande: X*") is moved to
// a line of its own, returned in *tail, so the title stays a title.
bool StripEmphasis(std::string* s, std::string* tail) {
  bool changed = false;
  for (const char* mark : {"**", "__"}) {
    std::size_t pos;
    while ((pos = s->find(mark)) != std::string::npos) {
      s->erase(pos, 2);
      changed = true;
    }
  }
  std::string t = *s;
  std::string out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '*') {
      out.push_back(t[i]);
      continue;
    }
    bool prev_space = i == 0 || t[i - 1] == ' ' || t[i - 1] == '\t';
    bool next_space = i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\t';
    std::size_t close = t.find('*', i + 1);
    if (!next_space && close != std::string::npos && close > i + 1 && t[close - 1] != ' ') {
      std::string span = t.substr(i + 1, close - i - 1);
      bool to_end = Trim(std::string_view(t).substr(close + 1)).empty();
      if (!prev_space && to_end && !out.empty()) {
        *tail = span;
        changed = true;
        break;
      }
      out += span;
      i = close;
      changed = true;
      continue;
    }
    if (prev_space && next_space) {  // a lone "*" used as a bullet or footnote mark
      out.push_back('*');
      continue;
    }
    changed = true;  // an unpaired emphasis mark
  }
  *s = std::move(out);
  return changed;
}

// Tab-aligned blocks: runs of tabs become one, signature rules ("_____") go.
bool TidyColumns(std::string* s) {
  bool changed = false;
  std::string out;
  out.reserve(s->size());
  for (std::size_t i = 0; i < s->size(); ++i) {
    char c = (*s)[i];
    if (c == '_' && i + 2 < s->size() && (*s)[i + 1] == '_' && (*s)[i + 2] == '_') {
      while (i < s->size() && (*s)[i] == '_') ++i;
      --i;
      changed = true;
      continue;
    }
    if (c == '\t' && !out.empty() && out.back() == '\t') {
      changed = true;
      continue;
    }
    out.push_back(c);
  }
  std::string_view trimmed = text::TrimRight(out);
  if (trimmed.size() != out.size()) out.resize(trimmed.size());
  *s = std::move(out);
  return changed;
}

bool WholeLineBold(std::string_view line) {
  std::string_view t = Trim(line);
  if (t.size() < 5 || !StartsWith(t, "**") || !text::EndsWith(t, "**")) return false;
  return t.substr(2, t.size() - 4).find("**") == std::string_view::npos;
}

// Markdown heading marks ("## 3. Budget"): the heading stays, as a title set apart like a
// bold one.
bool StripHeadingMark(std::string* s) {
  std::size_t n = 0;
  while (n < s->size() && n < 7 && (*s)[n] == '#') ++n;
  if (n == 0 || n > 6 || n >= s->size() || (*s)[n] != ' ') return false;
  s->erase(0, n + 1);
  return true;
}

// A Markdown table's row ("| Förskola 1-2 år | 120 427 |") becomes its cells in tab-aligned
// columns, as a table in a document reads; its delimiter row ("| --- | :--: |") goes.
bool StripTableRow(std::string* s) {
  const std::string_view t = Trim(*s);
  if (t.size() < 3 || t.front() != '|' || t.back() != '|') return false;
  if (t.find_first_not_of("|-: ") == std::string_view::npos) {
    if (t.find('-') == std::string_view::npos) return false;
    s->clear();
    return true;
  }
  std::string out;
  std::size_t cell = 1;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i] != '|' || t[i - 1] == '\\') continue;
    if (cell > 1) out += '\t';
    out += Trim(t.substr(cell, i - cell));
    cell = i + 1;
  }
  *s = out;
  return true;
}

void CleanMarkup(std::vector<Line>* lines, std::vector<DroppedLine>* dropped) {
  std::vector<Line> out;
  out.reserve(lines->size());
  for (Line& line : *lines) {
    std::string original = line.text;
    bool heading = StripHeadingMark(&line.text);
    line.bold = heading || WholeLineBold(line.text);
    std::string tail;
    bool changed = heading;
    changed |= StripTags(&line.text);
    changed |= StripTableRow(&line.text);
    changed |= TidyColumns(&line.text);
    changed |= StripEmphasis(&line.text, &tail);
    if (changed) {
      bool gone = Trim(line.text).empty() && tail.empty();
      dropped->push_back({line.page, original, gone ? "markup only" : "markup removed"});
      if (gone && !Trim(original).empty()) line.text.clear();
    }
    out.push_back(std::move(line));
    if (!tail.empty()) out.push_back({tail, out.back().page, false, nullptr});
  }
  *lines = std::move(out);
}

// ---------------------------------------------------------------- tables of contents

// Short, unpunctuated lines that may title a table of contents ("Ärendelista").
bool TitleLike(std::string_view t) {
  if (t.empty() || t.size() > 40) return false;
  char last = t.back();
  return last != '.' && last != ':' && last != ',' && text::StartsUpper(t);
}

// The page number a line ends in after a space ("… TE-2022-00650. 18"), or -1.
int TrailingPage(std::string_view line) {
  const std::string_view t = text::TrimRight(line);
  std::size_t i = t.size();
  while (i > 0 && text::IsDigit(t[i - 1])) --i;
  if (i == t.size() || t.size() - i > 3 || i < 2 || t[i - 1] != ' ') return -1;
  return std::stoi(std::string(t.substr(i)));
}

// Whether the next line that is not blank from k on opens an entry of a table of contents:
// its number without a title ("§ 13 Dnr TE-2023-00869"), or an entry whole.
bool EntryOpens(const std::vector<Line>& lines, std::size_t k) {
  for (; k < lines.size(); ++k) {
    std::string_view t = Trim(lines[k].text);
    if (t.empty()) continue;
    if (lines[k].drop) return false;
    if (text::LooksLikeTocEntry(t)) return true;
    const text::Heading h = text::ClassifyHeading(t);
    return h.kind != text::HeadingKind::kNone &&
           (h.title.empty() || text::LooksLikeReference(h.title));
  }
  return false;
}

// How many lines from j on lead to a table-of-contents entry (at most three short ones that
// are not blank, and blank ones): the parts of one entry spread over lines ("§ 95" / its
// title / the title's end and page number). 0 if they don't. After an entry on page
// last_page, an entry's last line may end in its page number with neither dot leaders nor a
// gap ("… sista svarsdag 2024-01-08. 18"), where the next entry opens after it.
std::size_t WrappedEntryLines(const std::vector<Line>& lines, std::size_t j, int last_page) {
  int parts = 0;
  for (std::size_t k = j; k + 1 < lines.size(); ++k) {
    std::string_view t = Trim(lines[k].text);
    if (lines[k].drop) return 0;
    if (!t.empty()) {
      if (t.size() >= 200 || ++parts > 3) return 0;
      // An item's heading with its title is the item, not a part of an entry.
      text::Heading h = text::ClassifyHeading(t);
      if (h.kind != text::HeadingKind::kNone && !h.title.empty() &&
          !text::LooksLikeReference(h.title)) {
        return 0;
      }
      const int page = TrailingPage(t);
      if (parts >= 2 && last_page > 0 && page >= last_page && page <= last_page + 30 &&
          EntryOpens(lines, k + 1)) {
        return k + 1 - j;
      }
    }
    if (!lines[k + 1].drop && text::LooksLikeTocEntry(lines[k + 1].text)) {
      return parts > 0 ? k + 1 - j : 0;
    }
  }
  return 0;
}

// The title of a table of contents or of the list of items ("Innehåll", "Ärendelista").
bool ContentsTitle(std::string_view t) {
  static constexpr std::array<std::string_view, 7> kTitles = {
      "innehåll",           "innehållsförteckning",    "ärendelista", "ärenden", "dagordning",
      "föredragningslista", "förteckning över ärenden"};
  std::string l = text::Lower(t);
  while (!l.empty() && l.back() == ':') l.pop_back();
  return std::find(kTitles.begin(), kTitles.end(), l) != kTitles.end();
}

void DropTablesOfContents(std::vector<Line>* lines) {
  const std::size_t n = lines->size();
  std::size_t i = 0;
  while (i < n) {
    if ((*lines)[i].drop || !text::LooksLikeTocEntry((*lines)[i].text)) {
      ++i;
      continue;
    }
    // Extend the run: entries, blank lines, and single wrapped lines between entries.
    std::vector<std::size_t> run = {i};
    std::size_t j = i + 1, entries = 1;
    int last_page = TrailingPage((*lines)[i].text);
    while (j < n) {
      std::string_view t = Trim((*lines)[j].text);
      if ((*lines)[j].drop) break;
      if (text::LooksLikeTocEntry((*lines)[j].text)) {
        last_page = std::max(last_page, TrailingPage((*lines)[j].text));
        run.push_back(j++);
        ++entries;
      } else if (t.empty()) {
        ++j;
      } else if (const std::size_t parts = WrappedEntryLines(*lines, j, last_page); parts > 0) {
        // An entry's number on a line of its own ("§ 95") and its title wrapped over lines
        // before the page number.
        for (std::size_t k = 0; k < parts; ++k) run.push_back(j++);
        last_page = std::max(last_page, TrailingPage((*lines)[j - 1].text));
      } else {
        break;
      }
    }
    // The first entry's number on a line of its own above it ("§ 93 Dnr IF-2023-00055"),
    // with the start of a title wrapped onto the entry's line.
    std::size_t first = i;
    for (std::size_t k = i, parts = 0; k > 0 && parts < 3;) {
      --k;
      std::string_view t = Trim((*lines)[k].text);
      if (t.empty()) continue;
      if ((*lines)[k].drop || t.size() >= 200) break;
      ++parts;
      text::Heading h = text::ClassifyHeading(t);
      if (h.kind == text::HeadingKind::kNone) continue;
      if (h.title.empty() || text::LooksLikeReference(h.title)) first = k;
      break;
    }
    // Its title and column heads: up to two short lines just above.
    std::vector<std::size_t> titles;
    bool named = false;  // titled as a table of contents ("Innehåll")
    for (std::size_t k = first; k > 0 && titles.size() < 2;) {
      --k;
      std::string_view t = Trim((*lines)[k].text);
      if (t.empty()) continue;
      if ((*lines)[k].drop || !TitleLike(t) ||
          text::ClassifyHeading(t).kind != text::HeadingKind::kNone) {
        break;
      }
      titles.push_back(k);
      named = named || ContentsTitle(t);
    }
    // Three entries make a table; fewer do under a title that says it is one.
    if (entries >= 3 || named) {
      for (std::size_t k : run) (*lines)[k].drop = "table of contents";
      for (std::size_t k = first; k < i; ++k) (*lines)[k].drop = "table of contents";
      for (std::size_t k : titles) (*lines)[k].drop = "table of contents";
    }
    i = j;
  }
}

// ---------------------------------------------------------------- page furniture

// The key two lines share when they are the same page furniture: digits folded (page and
// section numbers change from page to page), white space collapsed.
std::string FurnitureKey(std::string_view line, bool fold_digits) {
  std::string key;
  bool space = false;
  for (char c : Trim(line)) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !key.empty()) key.push_back(' ');
    space = false;
    if (fold_digits && text::IsDigit(c)) {
      if (key.empty() || key.back() != '#') key.push_back('#');
      continue;
    }
    key.push_back(c);
  }
  return key;
}

// Lines that carry the minutes' structure are never furniture, however often they repeat.
bool Protected(std::string_view t) {
  return text::ClassifyHeading(t).kind != text::HeadingKind::kNone ||
         ClassifyDecisionLabel(t).kind != LabelKind::kNone || IsProposal(t);
}

// Could the line be page furniture by its shape: short, not a sentence, not a label.
bool FurnitureShape(std::string_view t) {
  if (t.empty() || t.size() > 70 || Protected(t)) return false;
  if (StartsWith(t, "- ")) return false;
  char last = t.back();
  return last != '.' && last != ':' && last != ',' && last != ';' && last != '?' && last != '!';
}

// Documents with pages: lines near the top or bottom of pages that recur there (digits
// folded) and hardly anywhere else are headers and footers. They need not be on most pages:
// minutes with long appendices carry the protocol's header ("Protokoll 25 § 29.05.2023
// Sida") on the protocol's pages only, the appendices' own on theirs. The first page's
// header stays: it is the meeting's header, often the only place that names the body and
// the date ("Socialnämnden   2023-04-18").
void DropRepeatedPageEdges(std::vector<Line>* lines, std::size_t pages) {
  constexpr std::size_t kEdge = 4;
  std::vector<std::vector<std::size_t>> by_page(pages);
  for (std::size_t i = 0; i < lines->size(); ++i) {
    if (!Trim((*lines)[i].text).empty()) by_page[(*lines)[i].page].push_back(i);
  }
  std::unordered_map<std::string, std::size_t> seen_pages;  // pages with the key at an edge
  std::unordered_map<std::string, std::size_t> outer;       // ... on its first or last 2 lines
  std::unordered_map<std::string, std::size_t> inside;      // occurrences away from the edges
  std::vector<std::pair<std::size_t, std::string>> edge_lines;
  std::unordered_set<std::size_t> first_header;  // top lines of the first page with text
  for (const auto& idx : by_page) {
    std::unordered_set<std::string> on_page, outer_on_page;
    bool first_page = first_header.empty() && !idx.empty();
    for (std::size_t k = 0; k < idx.size(); ++k) {
      // A cover of a few lines ("1" / "Protokoll" / "Överförmyndarnämnden" / "2018-02-13")
      // is header throughout; a fuller page's lower lines are its footer.
      if (first_page && k < kEdge && (idx.size() <= kEdge || k <= idx.size() - 1 - k)) {
        first_header.insert(idx[k]);
      }
      const Line& line = (*lines)[idx[k]];
      std::string_view t = Trim(line.text);
      if (t.size() > 160 || Protected(t)) continue;
      std::string key = FurnitureKey(t, true);
      if (!FurnitureShape(key)) continue;
      std::size_t depth = std::min(k, idx.size() - 1 - k);
      if (depth >= kEdge) {
        ++inside[key];
        continue;
      }
      edge_lines.emplace_back(idx[k], key);
      if (on_page.insert(key).second) ++seen_pages[key];
      if (depth < 2 && outer_on_page.insert(key).second) ++outer[key];
    }
  }
  // On half the pages, or at the very edge of at least an eighth of them and seldom inside
  // pages (a case's diary number under the header recurs too, but is the case's).
  const std::size_t most = std::max<std::size_t>(3, (pages + 1) / 2);
  const std::size_t some = std::max<std::size_t>(3, (pages + 7) / 8);
  for (const auto& [i, key] : edge_lines) {
    std::size_t seen = seen_pages[key];
    auto in = inside.find(key);
    std::size_t elsewhere = in == inside.end() ? 0 : in->second;
    bool furniture = seen >= most || (outer[key] >= some && elsewhere * 4 <= seen);
    if (furniture && !(*lines)[i].drop && !first_header.count(i)) {
      (*lines)[i].drop = "repeated page header";
    }
  }
}

// Text without page breaks: blocks of short lines that recur together through the text
// ("Justerandes sign" / "Utdragsbestyrkande" / a template date; "Minnesanteckningar" /
// "Datum: …"). A line counts when it and a neighbouring furniture-shaped line occur next to
// each other at least twice; then every occurrence of that line is dropped.
void DropRepeatedBlocks(std::vector<Line>* lines) {
  std::vector<std::size_t> cand;  // indices of furniture-shaped, non-dropped lines
  std::unordered_map<std::string, std::size_t> count;
  std::vector<std::string> keys(lines->size());
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const Line& line = (*lines)[i];
    if (line.drop) continue;
    std::string_view t = Trim(line.text);
    if (t.empty()) continue;
    keys[i] = FurnitureKey(t, false);
    if (!FurnitureShape(t)) {
      cand.push_back(SIZE_MAX);  // a barrier between blocks
      continue;
    }
    cand.push_back(i);
    ++count[keys[i]];
  }
  std::unordered_map<std::string, std::size_t> pairs;
  auto pair_key = [&](std::size_t a, std::size_t b) { return keys[a] + "\n" + keys[b]; };
  for (std::size_t k = 0; k + 1 < cand.size(); ++k) {
    std::size_t a = cand[k], b = cand[k + 1];
    if (a == SIZE_MAX || b == SIZE_MAX || count[keys[a]] < 2 || count[keys[b]] < 2) continue;
    ++pairs[pair_key(a, b)];
  }
  // A line is furniture when three in four of its occurrences stand in such pairs: a section
  // heading ("Sammanfattning") that three times follows the same case number
  // ("Bun/2022:1052", on 5 items) heads other items' sections too, and both are text.
  std::unordered_map<std::string, std::size_t> paired;  // occurrences next to a pair partner
  auto in_pair = [&](std::size_t k) {
    if (k + 1 >= cand.size() || cand[k] == SIZE_MAX || cand[k + 1] == SIZE_MAX) return false;
    auto it = pairs.find(pair_key(cand[k], cand[k + 1]));
    return it != pairs.end() && it->second >= 2;
  };
  for (std::size_t k = 0; k < cand.size(); ++k) {
    if (cand[k] == SIZE_MAX) continue;
    if ((k > 0 && in_pair(k - 1)) || in_pair(k)) ++paired[keys[cand[k]]];
  }
  std::unordered_set<std::string> furniture;
  for (const auto& [key, n] : paired) {
    if (n * 4 >= count[key] * 3) furniture.insert(key);
  }
  if (furniture.empty()) return;
  // A block at the very top of the text (on its first or second line) is the meeting's
  // header, which later pages repeat: its first copy stays ("Kommunstyrelsen" / "Datum" /
  // "2025-10-14" under the letterhead).
  std::unordered_set<std::size_t> head;
  {
    int nonblank = 0;
    bool open = false;
    for (std::size_t i = 0; i < lines->size() && nonblank < 8; ++i) {
      if (keys[i].empty()) continue;
      ++nonblank;
      bool is_furniture = furniture.count(keys[i]) > 0;
      if (is_furniture && (open || nonblank <= 2)) {
        open = true;
        head.insert(i);
      } else if (open) {
        break;
      }
    }
  }
  for (std::size_t i = 0; i < lines->size(); ++i) {
    if (head.count(i)) continue;
    if (!(*lines)[i].drop && !keys[i].empty() && furniture.count(keys[i]) &&
        FurnitureShape(Trim((*lines)[i].text))) {
      (*lines)[i].drop = "repeated page header";
    }
  }
}

// Front matter a converter wrote before the text ("---" / "datum: \"2021-01-25\"" / "---"):
// what the converter knew of the file, not what the minutes say (its date may be the file
// name's, and wrong). Lines of "key: value" between two "---" at the top, at most 40.
void DropFrontMatter(std::vector<Line>* lines) {
  std::size_t open = 0;
  while (open < lines->size() && Trim((*lines)[open].text).empty()) ++open;
  if (open >= lines->size() || Trim((*lines)[open].text) != "---") return;
  for (std::size_t i = open + 1; i < lines->size() && i <= open + 40; ++i) {
    const std::string_view t = Trim((*lines)[i].text);
    if (t == "---") {
      for (std::size_t k = open; k <= i; ++k) (*lines)[k].drop = "front matter";
      return;
    }
    const std::size_t colon = t.find(':');
    if (!t.empty() && (colon == std::string_view::npos || colon == 0 ||
                       t.substr(0, colon).find(' ') != std::string_view::npos)) {
      return;
    }
  }
}

// ---------------------------------------------------------------- assembly

// Splits pages into lines; a form feed inside a page also starts a new page.
std::vector<Line> ToLines(const RawDocument& doc, std::size_t* pages) {
  std::vector<Line> lines;
  std::size_t page = 0;
  for (std::size_t p = 0; p < doc.pages.size(); ++p) {
    if (p > 0) ++page;
    for (std::string_view line : text::SplitLines(doc.pages[p])) {
      std::size_t ff;
      while ((ff = line.find('\f')) != std::string_view::npos) {
        if (ff > 0) lines.push_back({std::string(line.substr(0, ff)), page, false, nullptr});
        ++page;
        line.remove_prefix(ff + 1);
      }
      lines.push_back({std::string(line), page, false, nullptr});
    }
  }
  *pages = page + 1;
  return lines;
}

// PDF text breaks words at line ends ("hän-" / "syn"): join them.
void JoinHyphenated(std::vector<Line>* lines) {
  for (std::size_t i = 0; i + 1 < lines->size(); ++i) {
    std::string& a = (*lines)[i].text;
    std::string_view ta = text::TrimRight(a);
    if (ta.size() < 3 || ta.back() != '-' || !text::IsLetterByte(ta[ta.size() - 2]) ||
        ta[ta.size() - 2] == ' ') {
      continue;
    }
    std::string& b = (*lines)[i + 1].text;
    std::string_view tb = text::TrimLeft(b);
    if (tb.empty() ||
        (!(tb[0] >= 'a' && tb[0] <= 'z') && static_cast<unsigned char>(tb[0]) < 0x80)) {
      continue;
    }
    if (text::StartsUpper(tb)) continue;
    std::size_t word_end = 0;
    while (word_end < tb.size() && tb[word_end] != ' ') ++word_end;
    a = std::string(ta.substr(0, ta.size() - 1)) + std::string(tb.substr(0, word_end));
    b = std::string(text::TrimLeft(tb.substr(word_end)));
  }
}

}  // namespace

CleanedText Clean(const RawDocument& doc) {
  CleanedText out;
  std::size_t pages = 1;
  std::vector<Line> lines = ToLines(doc, &pages);
  if (doc.format == "pdf") JoinHyphenated(&lines);
  DropFrontMatter(&lines);
  CleanMarkup(&lines, &out.dropped);
  // With real pages, furniture is what recurs at their edges; text without page breaks
  // shows it only as blocks of short lines that recur.
  if (pages >= 3) DropRepeatedPageEdges(&lines, pages);
  DropTablesOfContents(&lines);
  if (pages < 3) DropRepeatedBlocks(&lines);

  out.text.reserve(doc.pages.empty() ? 0 : doc.pages[0].size());
  bool blank = true;  // collapse runs of blank lines, and leading ones
  for (const Line& line : lines) {
    if (line.drop) {
      out.dropped.push_back({line.page, line.text, line.drop});
      continue;
    }
    bool is_blank = Trim(line.text).empty();
    if (is_blank) {
      if (!blank) out.text.push_back('\n');
      blank = true;
      continue;
    }
    blank = false;
    if (line.bold) out.bold_lines.push_back(out.text.size());
    out.text += line.text;
    out.text.push_back('\n');
  }
  return out;
}

}  // namespace protokoll::indexer
