#include <nlohmann/json.hpp>

#include "writers.h"

namespace protokoll::query {
namespace {

using ojson = nlohmann::ordered_json;

void Emit(const ojson& j, std::ostream& out) {
  out << j.dump(-1, ' ', false, ojson::error_handler_t::replace) << "\n";
}

class JsonWriter final : public Writer {
 public:
  void Search(const SearchResult& r, std::ostream& out) override {
    ojson hits = ojson::array();
    for (const Hit& h : r.hits) hits.push_back(HitJson(h));
    ojson facets = ojson::object();
    for (const Facet& f : r.facets) {
      ojson values = ojson::array();
      for (const FacetValue& v : f.values)
        values.push_back({{"value", v.value}, {"count", v.count}});
      facets[f.field] = values;
    }
    ojson j = {{"query", r.query},
               {"total", r.total},
               {"total_exact", r.total_exact},
               {"hits", hits},
               {"facets", facets},
               {"suggestion", r.suggestion ? ojson(*r.suggestion) : ojson(nullptr)}};
    Emit(j, out);
  }

  void Timeline(const TimelineResult& r, std::ostream& out) override {
    ojson rows = ojson::array();
    for (const TimelineRow& row : r.rows) {
      ojson j = row.data;
      j["kind"] = row.kind;
      j["statement"] = row.statement;
      j["score"] = row.score;
      rows.push_back(j);
    }
    Emit({{"query", r.query}, {"total", r.total}, {"rows", rows}}, out);
  }

  void Stats(const StatsResult& r, std::ostream& out) override {
    ojson buckets = ojson::array();
    for (const StatsRow& row : r.rows) {
      buckets.push_back({{"bucket", row.bucket},
                         {"items", row.items},
                         {"meetings", row.meetings},
                         {"all_items", row.all_items ? ojson(*row.all_items) : ojson(nullptr)},
                         {"share", row.share ? ojson(*row.share) : ojson(nullptr)}});
    }
    Emit({{"query", r.query},
          {"by", r.by},
          {"items", r.items},
          {"meetings", r.meetings},
          {"buckets", buckets}},
         out);
  }

  void Kwic(const KwicResult& r, std::ostream& out) override {
    ojson lines = ojson::array();
    for (const KwicLine& l : r.lines) {
      ojson j = {{"left", l.left}, {"match", l.match}, {"right", l.right}};
      for (const char* key : {"meeting_date", "body", "file", "item", "meeting_id", "item_id"}) {
        j[key] = l.data.contains(key) ? l.data[key] : ojson(nullptr);
      }
      lines.push_back(j);
    }
    Emit({{"query", r.query}, {"total", r.total}, {"lines", lines}}, out);
  }
};

}  // namespace

ojson HitJson(const Hit& hit) {
  ojson j = {{"rank", hit.rank}, {"score", hit.score}};
  for (const auto& [key, value] : hit.data.items()) j[key] = value;
  j["snippet"] = hit.snippet.text;
  ojson offsets = ojson::array();
  for (const Span& s : hit.snippet.matches) offsets.push_back({s.begin, s.end});
  j["match_offsets"] = offsets;
  return j;
}

std::unique_ptr<Writer> MakeJsonWriter() { return std::make_unique<JsonWriter>(); }

}  // namespace protokoll::query
