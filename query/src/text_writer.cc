// Text for a terminal: one block per hit (rank, date, body, item; municipalities; snippet
// with matches marked) or per item of a matter, tables for stats, aligned columns for KWIC.
#include <cstdio>
#include <string>

#include "protokoll/item_record.h"
#include "writers.h"

namespace protokoll::query {
namespace {

using ojson = nlohmann::ordered_json;

using K = record::Key;

// The item record's field (item_record.h) in d; null when d lacks it.
const ojson& At(const ojson& d, K key) {
  static const ojson kNull;
  const ojson* v = record::Find(d, key);
  return v ? *v : kNull;
}

std::string Str(const ojson& v, const std::string& missing = "") {
  return v.is_string() ? v.get<std::string>() : missing;
}

// The order of a page of hits other than by relevance, after "showing 1–10" (a search of
// filters alone comes newest first, as there are no words to rank by).
const char* OrderNote(SortOrder order) {
  switch (order) {
    case SortOrder::kRelevance:
      return "";
    case SortOrder::kDate:
      return ", newest first";
    case SortOrder::kDateAsc:
      return ", oldest first";
    case SortOrder::kAdded:
      return ", newest in the archive first";
  }
  return "";
}

std::size_t Width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& s, std::size_t width, bool right_align = false) {
  std::size_t w = Width(s);
  if (w >= width) return s;
  std::string fill(width - w, ' ');
  return right_align ? fill + s : s + fill;
}

std::string Date(const ojson& d) {
  std::string date = Str(At(d, K::kMeetingDate), "(no date) ");
  if (At(d, K::kDateInferred).is_boolean() && At(d, K::kDateInferred).get<bool>()) date += "~";
  return date;
}

std::string ItemLabel(const ojson& d) {
  std::string number = Str(At(d, K::kItemNumber));
  std::string title = Str(At(d, K::kItemTitle));
  std::string out = number.empty() ? "" : "§ " + number;
  if (!title.empty()) out += (out.empty() ? "" : " ") + title;
  return out.empty() ? "(meeting header)" : out;
}

std::string List(const ojson& v, std::size_t max) {
  std::string out;
  std::size_t n = 0;
  if (!v.is_array()) return out;
  for (const auto& e : v) {
    if (n++ == max) {
      out += ", … (" + std::to_string(v.size()) + ")";
      break;
    }
    out += (out.empty() ? "" : ", ") + Str(e);
  }
  return out;
}

std::string Shorten(const std::string& s, std::size_t max_chars) {
  if (Width(s) <= max_chars) return s;
  std::size_t i = 0, n = 0;
  while (i < s.size() && n < max_chars) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  std::size_t space = s.rfind(' ', i);
  if (space != std::string::npos && space > i / 2) i = space;
  return s.substr(0, i) + " …";
}

class TextWriter final : public Writer {
 public:
  explicit TextWriter(bool color)
      : open_(color ? "\033[1m" : "[["), close_(color ? "\033[0m" : "]]") {}

  void Search(const SearchResult& r, std::ostream& out) override {
    // A phrase query is quoted already: "ekonomisk uppföljning", not ""ekonomisk uppföljning"".
    const bool quoted = r.query.size() >= 2 && r.query.front() == '"' && r.query.back() == '"';
    const std::string query = quoted ? r.query : "\"" + r.query + "\"";
    if (r.total == 0) {
      out << "No items match " << query << ".\n";
    } else if (r.hits.empty()) {  // --limit 0, or --offset past the last hit
      out << (r.total_exact ? "" : "about ") << r.total
          << (r.total == 1 ? " item matches " : " items match ") << query
          << "; none on this page.\n";
    } else {
      out << (r.total_exact ? "" : "about ") << r.total
          << (r.total == 1 ? " item matches" : " items match") << " " << query << "; showing "
          << r.hits.front().rank << "–" << r.hits.back().rank << OrderNote(r.sort) << ".\n";
    }
    if (r.suggestion) out << "Did you mean: " << *r.suggestion << "\n";
    bool inferred = false;  // a date marked "~", explained below the hits
    for (const Hit& h : r.hits) {
      const ojson d = MetaJson(h.meta);
      inferred = inferred || Date(d).ends_with('~');
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", h.score);
      out << "\n"
          << Pad(std::to_string(h.rank) + ".", 4, true) << " " << Date(d) << "  "
          << Str(At(d, K::kBody), "(unknown body)") << " — " << ItemLabel(d) << "  [" << score
          << "]\n";
      std::string places = List(At(d, K::kMunicipalities), 6);
      std::string county = Str(At(d, K::kCounty));
      if (!places.empty() || !county.empty()) {
        out << "     " << places << (county.empty() ? "" : (places.empty() ? "" : " · ") + county)
            << "\n";
      }
      out << "     " << Str(At(d, K::kFile)) << "\n";
      if (!At(d, K::kDnr).empty()) out << "     Dnr " << List(At(d, K::kDnr), 6) << "\n";
      out << "     " << Marked(h.snippet) << "\n";
      if (At(d, K::kDecision).is_string()) {
        out << "     Beslut: " << Shorten(OneLine(At(d, K::kDecision).get<std::string>()), 160)
            << "\n";
      }
    }
    if (inferred) out << "\n(~ after a date: the minutes do not write its year; it is inferred)\n";
    for (const Facet& f : r.facets) {
      out << "\n" << f.field << ":";
      for (const FacetValue& v : f.values) out << "  " << v.value << " (" << v.count << ")";
      out << "\n";
    }
  }

  void Timeline(const TimelineResult& r, std::ostream& out) override {
    if (r.rows.empty()) {
      out << "No decisions or positions found for \"" << r.query << "\".\n";
      return;
    }
    out << r.total << " decisions and positions on \"" << r.query << "\", in date order.\n";
    for (const TimelineRow& row : r.rows) {
      const ojson& d = row.data;
      out << "\n"
          << Date(d) << "  " << Str(At(d, K::kBody), "(unknown body)") << " — " << ItemLabel(d)
          << "\n";
      std::string places = List(At(d, K::kMunicipalities), 6);
      if (!places.empty()) out << "    " << places << "\n";
      out << "    " << (row.kind == "decision" ? "Beslut: " : "Ställningstagande: ")
          << Shorten(row.statement, 400) << "\n";
    }
  }

  void Matter(const MatterResult& r, std::ostream& out) override {
    if (r.items.empty()) {
      out << (r.total == 0 ? "No item carries case " : "No more items of case ") << r.query
          << ".\n";
      return;
    }
    out << r.total << (r.total == 1 ? " item carries" : " items carry") << " case " << r.query
        << ", oldest first.\n";
    for (const ojson& d : r.items) {
      out << "\n"
          << Date(d) << "  " << Str(At(d, K::kBody), "(unknown body)") << " — " << ItemLabel(d)
          << "\n";
      out << "    Dnr " << List(At(d, K::kDnr), 6) << "\n";
      out << "    "
          << (At(d, K::kDecision).is_string()
                  ? "Beslut: " + Shorten(OneLine(Str(At(d, K::kDecision))), 400)
                  : std::string("(no decision)"))
          << "\n";
      out << "    " << Str(At(d, K::kFile)) << "\n";
    }
  }

  void Stats(const StatsResult& r, std::ostream& out) override {
    out << r.items << " matching items in " << r.meetings << " meetings for \"" << r.query
        << "\", by " << r.by << ".\n\n";
    std::size_t w = r.by.size();
    for (const StatsRow& row : r.rows) w = std::max(w, Width(row.bucket));
    out << Pad(r.by, w) << "  " << Pad("items", 7, true) << "  " << Pad("meetings", 8, true) << "  "
        << Pad("of all", 7, true) << "  " << Pad("share", 7, true) << "\n";
    for (const StatsRow& row : r.rows) {
      char share[16] = "";
      if (row.share) std::snprintf(share, sizeof share, "%.1f%%", *row.share * 100);
      out << Pad(row.bucket, w) << "  " << Pad(std::to_string(row.items), 7, true) << "  "
          << Pad(std::to_string(row.meetings), 8, true) << "  "
          << Pad(row.all_items ? std::to_string(*row.all_items) : "", 7, true) << "  "
          << Pad(share, 7, true) << "\n";
    }
  }

  void Kwic(const KwicResult& r, std::ostream& out) override {
    if (r.lines.empty()) {
      out << "No occurrences of \"" << r.query << "\".\n";
      return;
    }
    std::size_t w = 0;
    for (const KwicLine& l : r.lines) w = std::max(w, Width(l.left));
    for (const KwicLine& l : r.lines) {
      const ojson& d = l.data;
      std::string number = Str(At(d, K::kItemNumber));
      out << Pad(l.left, w, true) << open_ << l.match << close_ << l.right << "  | " << Date(d)
          << " " << Str(At(d, K::kBody)) << (number.empty() ? "" : " § " + number) << " "
          << Str(At(d, K::kFile)) << "\n";
    }
  }

 private:
  std::string Marked(const Snippet& s) const {
    std::string out;
    std::size_t at = 0;
    for (const Span& m : s.matches) {
      out += s.text.substr(at, m.begin - at) + open_ + s.text.substr(m.begin, m.end - m.begin) +
             close_;
      at = m.end;
    }
    return out + s.text.substr(at);
  }

  std::string open_, close_;
};

}  // namespace

std::unique_ptr<Writer> MakeTextWriter(bool color) { return std::make_unique<TextWriter>(color); }

}  // namespace protokoll::query
