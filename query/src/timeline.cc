#include "timeline.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "protokoll/schema.h"

namespace protokoll::query {
namespace {

// Phrases that state a position, lowercase (the text is compared case-folded for ASCII and
// Å Ä Ö, which is all these need).
constexpr std::array<std::string_view, 14> kPositionMarkers = {
    "ställer sig bakom", "står bakom",   "ställer sig positiv", "ställer sig negativ",
    "rekommenderar",     "tillstyrker",  "avstyrker",           "beslutar",
    "beslutade",         "beslöt",       "enades om",           "ställningstagande",
    "ställer sig",       "föreslår att",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    if (c == 0xC3 && i + 1 < out.size()) {
      unsigned char d = static_cast<unsigned char>(out[i + 1]);
      if (d == 0x85 || d == 0x84 || d == 0x96) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

// Does the line break at text[i] only wrap a sentence: the next line starts with a small
// letter ("till den\nfristående verksamheten"), or this one ends in "&" or "," ("Förskola &\n
// Grundskola")?
bool WrapsASentence(std::string_view text, std::size_t i) {
  std::size_t before = i;
  while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\r')) --before;
  if (before > 0 && (text[before - 1] == '&' || text[before - 1] == ',')) return true;
  std::size_t next = i + 1;
  while (next < text.size() && text[next] == ' ') ++next;
  if (next >= text.size()) return false;
  const unsigned char c = static_cast<unsigned char>(text[next]);
  if (c >= 'a' && c <= 'z') return true;
  // å ä ö é, which are C3 A5, C3 A4, C3 B6 and C3 A9 in UTF-8.
  if (c == 0xC3 && next + 1 < text.size()) {
    const unsigned char d = static_cast<unsigned char>(text[next + 1]);
    return d == 0xA5 || d == 0xA4 || d == 0xB6 || d == 0xA9;
  }
  return false;
}

// Sentence spans: split at ". " / "! " / "? " and at line breaks that end a line of its own
// (not one that only wraps a sentence).
std::vector<Span> Sentences(std::string_view text) {
  std::vector<Span> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool end = (text[i] == '\n' && !WrapsASentence(text, i)) ||
               ((text[i] == '.' || text[i] == '!' || text[i] == '?') && i + 1 < text.size() &&
                (text[i + 1] == ' ' || text[i + 1] == '\n'));
    if (end) {
      if (i + 1 > start) out.push_back({start, text[i] == '\n' ? i : i + 1});
      start = i + 1;
    }
  }
  if (start < text.size()) out.push_back({start, text.size()});
  return out;
}

}  // namespace

std::string PositionSentence(std::string_view text, const std::vector<Span>& matches) {
  std::string best;
  int best_rank = -1;
  for (const Span& s : Sentences(text)) {
    std::string line = OneLine(text.substr(s.begin, s.end - s.begin));
    if (line.size() < 12) continue;
    std::string lower = Lower(line);
    std::size_t marker = kPositionMarkers.size();
    for (std::size_t k = 0; k < kPositionMarkers.size(); ++k) {
      if (lower.find(kPositionMarkers[k]) != std::string::npos) {
        marker = k;
        break;
      }
    }
    if (marker == kPositionMarkers.size()) continue;
    bool has_match = std::any_of(matches.begin(), matches.end(), [&](const Span& m) {
      return m.begin >= s.begin && m.end <= s.end;
    });
    int rank = (has_match ? 100 : 0) + static_cast<int>(kPositionMarkers.size() - marker);
    if (rank > best_rank) {
      best_rank = rank;
      best = line;
    }
  }
  // A heading like "Ställningstagande ...:" says nothing by itself: take what follows.
  if (!best.empty() && best.back() == ':') {
    std::size_t at = text.find(best.substr(0, std::min<std::size_t>(best.size(), 20)));
    if (at != std::string_view::npos) {
      std::size_t after = text.find(':', at);
      if (after != std::string_view::npos) {
        std::string rest = OneLine(text.substr(after + 1, 300));
        std::size_t cut = rest.find(". ");
        if (cut != std::string::npos) rest = rest.substr(0, cut + 1);
        if (!rest.empty()) best += " " + rest;
      }
    }
  }
  return best;
}

Status BuildTimeline(Searcher* searcher, const QueryOptions& options, TimelineResult* out) {
  *out = TimelineResult();
  out->query = options.query;
  std::vector<std::pair<std::string, double>> order;  // (date + item ordinal) per row
  std::vector<TimelineRow> rows;
  double top = 0;
  Status s = searcher->ForEach(SortOrder::kRelevance, [&](const Match& m) {
    top = std::max(top, m.score);
    std::string text;
    TimelineRow row;
    row.data = HitData(searcher->items(), m, &text);
    row.score = std::round(m.score * 1000) / 1000;
    std::vector<Span> matches = FindMatches(searcher->analyzer(), text, searcher->highlight());
    std::string title =
        row.data["item"]["title"].is_string() ? row.data["item"]["title"].get<std::string>() : "";
    bool in_title = !FindMatches(searcher->analyzer(), title, searcher->highlight()).empty();
    if (row.data["decision"].is_string()) {
      row.kind = "decision";
      row.statement = OneLine(row.data["decision"].get<std::string>());
    } else {
      row.kind = "position";
      row.statement = PositionSentence(text, matches);
    }
    if (row.statement.empty()) return true;
    // The item is about the topic: in its title, in its statement, or ranked near the top.
    bool in_statement =
        !FindMatches(searcher->analyzer(), row.statement, searcher->highlight()).empty();
    if (!in_title && !in_statement && m.score < 0.5 * top &&
        searcher->highlight().empty() == false) {
      return true;
    }
    std::string key =
        row.data["meeting_date"].is_string() ? row.data["meeting_date"].get<std::string>() : "";
    key += '\t' + m.doc.get_value(schema::kItemOrdSlot);
    order.push_back({key, 0});
    rows.push_back(std::move(row));
    return true;
  });
  if (!s.ok()) return s;
  std::vector<std::size_t> idx(rows.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  const bool newest_first = options.sort == SortOrder::kDate;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return newest_first ? order[a].first > order[b].first : order[a].first < order[b].first;
  });
  out->total = rows.size();
  std::size_t from = std::min<std::size_t>(std::max(0, options.offset), idx.size());
  std::size_t n = options.limit < 0 ? idx.size() : static_cast<std::size_t>(options.limit);
  for (std::size_t i = from; i < idx.size() && i - from < n; ++i)
    out->rows.push_back(std::move(rows[idx[i]]));
  return Status::OK();
}

}  // namespace protokoll::query
