#include <string>
#include <vector>

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

std::string Field(const ojson& data, const char* key) {
  return data.contains(key) ? Cell(data[key]) : "";
}

std::string ItemField(const ojson& data, const char* key) {
  return data.contains("item") && data["item"].is_object() && data["item"].contains(key)
             ? Cell(data["item"][key])
             : "";
}

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

class CsvWriter final : public Writer {
 public:
  void Search(const SearchResult& r, std::ostream& out) override {
    Row({"rank", "score", "meeting_date", "date_inferred", "body", "county", "municipalities",
         "item_number", "item_title", "topics", "decision", "snippet", "file", "meeting_id",
         "item_id", "dnr"},
        out);
    for (const Hit& h : r.hits) {
      const ojson d = MetaJson(h.meta);
      Row({std::to_string(h.rank), Number(h.score), Field(d, "meeting_date"),
           Field(d, "date_inferred"), Field(d, "body"), Field(d, "county"),
           Field(d, "municipalities"), ItemField(d, "number"), ItemField(d, "title"),
           Field(d, "topics"), Field(d, "decision"), h.snippet.text, Field(d, "file"),
           Field(d, "meeting_id"), Field(d, "item_id"), Field(d, "dnr")},
          out);
    }
  }

  void Timeline(const TimelineResult& r, std::ostream& out) override {
    Row({"meeting_date", "date_inferred", "body", "county", "municipalities", "item_number",
         "item_title", "kind", "statement", "file", "meeting_id", "item_id"},
        out);
    for (const TimelineRow& row : r.rows) {
      const ojson& d = row.data;
      Row({Field(d, "meeting_date"), Field(d, "date_inferred"), Field(d, "body"),
           Field(d, "county"), Field(d, "municipalities"), ItemField(d, "number"),
           ItemField(d, "title"), row.kind, row.statement, Field(d, "file"), Field(d, "meeting_id"),
           Field(d, "item_id")},
          out);
    }
  }

  void Matter(const MatterResult& r, std::ostream& out) override {
    Row({"meeting_date", "date_inferred", "body", "county", "municipalities", "item_number",
         "item_title", "dnr", "decision", "file", "meeting_id", "item_id"},
        out);
    for (const ojson& d : r.items) {
      Row({Field(d, "meeting_date"), Field(d, "date_inferred"), Field(d, "body"),
           Field(d, "county"), Field(d, "municipalities"), ItemField(d, "number"),
           ItemField(d, "title"), Field(d, "dnr"), Field(d, "decision"), Field(d, "file"),
           Field(d, "meeting_id"), Field(d, "item_id")},
          out);
    }
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
    Row({"left", "match", "right", "meeting_date", "body", "item_number", "item_title", "file"},
        out);
    for (const KwicLine& l : r.lines) {
      const ojson& d = l.data;
      Row({l.left, l.match, l.right, Field(d, "meeting_date"), Field(d, "body"),
           ItemField(d, "number"), ItemField(d, "title"), Field(d, "file")},
          out);
    }
  }
};

}  // namespace

std::unique_ptr<Writer> MakeCsvWriter() { return std::make_unique<CsvWriter>(); }

}  // namespace protokoll::query
