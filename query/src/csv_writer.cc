#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/item_record.h"
#include "writers.h"

namespace protokoll::query {
namespace {

using ojson = nlohmann::ordered_json;

// A JSON value as a CSV cell: strings as they are, lists joined with "; ", null empty.
std::string Cell(const ojson& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) out += (out.empty() ? "" : "; ") + Cell(e);
    return out;
  }
  return v.dump();
}

// A column: a field of the item record (item_record.h), under its CSV name, or one the
// command adds (rank, snippet, ...), which it fills itself.
struct Column {
  constexpr Column(record::Key key) : name(record::Get(key).csv), field(key), extra(false) {}
  constexpr Column(const char* added) : name(added), field(), extra(true) {}
  std::string_view name;
  record::Key field;
  bool extra;
};
using K = record::Key;

void Row(const std::vector<std::string>& cells, std::ostream& out) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out << ',';
    const std::string& c = cells[i];
    if (c.find_first_of(",\"\r\n") == std::string::npos) {
      out << c;
      continue;
    }
    out << '"';
    for (char ch : c) out << (ch == '"' ? "\"\"" : std::string(1, ch));
    out << '"';
  }
  out << "\r\n";
}

std::string Number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}

// A header row of the columns, then a row for each of rows: the record's fields from
// data_of(row), the others from added(row, column name).
template <typename Rows, typename DataOf, typename Added>
void Table(std::span<const Column> columns, const Rows& rows, DataOf data_of, Added added,
           std::ostream& out) {
  std::vector<std::string> cells;
  for (const Column& c : columns) cells.emplace_back(c.name);
  Row(cells, out);
  for (const auto& row : rows) {
    const ojson& data = data_of(row);
    cells.clear();
    for (const Column& c : columns) {
      if (c.extra) {
        cells.push_back(added(row, c.name));
      } else {
        const ojson* v = record::Find(data, c.field);
        cells.push_back(v ? Cell(*v) : "");
      }
    }
    Row(cells, out);
  }
}

// The commands' columns.
constexpr Column kSearchColumns[] = {
    "rank",        "score",       K::kMeetingDate,    K::kDateInferred,
    K::kBody,      K::kCounty,    K::kMunicipalities, K::kItemNumber,
    K::kItemTitle, K::kTopics,    K::kDecision,       "snippet",
    K::kFile,      K::kMeetingId, K::kItemId,         K::kDnr};
constexpr Column kTimelineColumns[] = {
    K::kMeetingDate, K::kDateInferred, K::kBody,    K::kCounty, K::kMunicipalities, K::kItemNumber,
    K::kItemTitle,   "kind",           "statement", K::kFile,   K::kMeetingId,      K::kItemId};
constexpr Column kMatterColumns[] = {
    K::kMeetingDate, K::kDateInferred, K::kBody,     K::kCounty, K::kMunicipalities, K::kItemNumber,
    K::kItemTitle,   K::kDnr,          K::kDecision, K::kFile,   K::kMeetingId,      K::kItemId};
constexpr Column kKwicColumns[] = {"left",   "match",        "right",       K::kMeetingDate,
                                   K::kBody, K::kItemNumber, K::kItemTitle, K::kFile};

class CsvWriter final : public Writer {
 public:
  void Search(const SearchResult& r, std::ostream& out) override {
    Table(
        kSearchColumns, r.hits, [](const Hit& h) { return MetaJson(h.meta); },
        [](const Hit& h, std::string_view c) {
          return c == "rank"    ? std::to_string(h.rank)
                 : c == "score" ? Number(h.score)
                                : h.snippet.text;
        },
        out);
  }

  void Timeline(const TimelineResult& r, std::ostream& out) override {
    Table(
        kTimelineColumns, r.rows, [](const TimelineRow& row) -> const ojson& { return row.data; },
        [](const TimelineRow& row, std::string_view c) {
          return c == "kind" ? row.kind : row.statement;
        },
        out);
  }

  void Matter(const MatterResult& r, std::ostream& out) override {
    Table(
        kMatterColumns, r.items, [](const ojson& d) -> const ojson& { return d; },
        [](const ojson&, std::string_view) { return std::string(); }, out);
  }

  void Stats(const StatsResult& r, std::ostream& out) override {
    Row({r.by, "items", "meetings", "all_items", "share"}, out);
    for (const StatsRow& row : r.rows) {
      Row({row.bucket, std::to_string(row.items), std::to_string(row.meetings),
           row.all_items ? std::to_string(*row.all_items) : "",
           row.share ? Number(*row.share) : ""},
          out);
    }
  }

  void Kwic(const KwicResult& r, std::ostream& out) override {
    Table(
        kKwicColumns, r.lines, [](const KwicLine& l) -> const ojson& { return l.data; },
        [](const KwicLine& l, std::string_view c) {
          return c == "left" ? l.left : c == "match" ? l.match : l.right;
        },
        out);
  }
};

}  // namespace

std::unique_ptr<Writer> MakeCsvWriter() { return std::make_unique<CsvWriter>(); }

}  // namespace protokoll::query
