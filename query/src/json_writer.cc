#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "protokoll/item_record.h"
#include "protokoll/query/query.h"
#include "protokoll/utf8.h"
#include "writers.h"

namespace protokoll::query {
namespace {

using ojson = nlohmann::ordered_json;

std::string Dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

void Emit(const ojson& j, std::ostream& out) { out << Dump(j) << "\n"; }

// Does one of the eight bytes at p need escaping in a JSON string: a control character, a
// quote or a backslash? (Exact: the byte tricks below have no false answers for "any".)
bool NeedsEscape8(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  auto has_zero = [&](std::uint64_t x) { return ((x - kOnes) & ~x & kHighs) != 0; };
  const bool below_space = ((w - kOnes * 0x20) & ~w & kHighs) != 0;
  return below_space || has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\'));
}

// s as a JSON string, as Dump writes it, without building a JSON value.
void AppendString(std::string_view s, std::string* out) {
  if (!IsValidUtf8(s)) {
    *out += Dump(ojson(std::string(s)));  // invalid bytes become U+FFFD
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  *out += '"';
  std::size_t plain = 0;  // start of the run not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none of them needs escaping.
    while (i + 8 <= s.size() && !NeedsEscape8(s.data() + i)) i += 8;
    if (i >= s.size()) break;
    const unsigned char c = s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        *out += "\\u00";
        *out += kHex[c >> 4];
        *out += kHex[c & 15];
    }
  }
  out->append(s.substr(plain));
  *out += '"';
}

// x as Dump writes it: the shortest digits that read back as x, with ".0" when there is no
// fraction; Dump itself for the numbers it would write with an exponent.
void AppendNumber(double x, std::string* out) {
  const double magnitude = std::fabs(x);
  if (!(magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e15))) {
    *out += Dump(x);
    return;
  }
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::fixed);
  if (ec != std::errc()) {
    *out += Dump(x);
    return;
  }
  out->append(buffer, end);
  if (std::find(buffer, end, '.') == end) *out += ".0";
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The end of the JSON value that starts at s[i], or npos if it is not one. Only as strict
// as reading back what the indexer wrote needs.
std::size_t ValueEnd(std::string_view s, std::size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  int depth = 0;
  for (std::size_t j = i; j < s.size(); ++j) {
    char c = s[j];
    if (c == '"') {
      // The closing quote: the next one not escaped by an odd run of backslashes.
      const std::size_t open = j + 1;
      for (++j;; ++j) {
        const void* q = j < s.size() ? std::memchr(s.data() + j, '"', s.size() - j) : nullptr;
        if (q == nullptr) return std::string_view::npos;
        j = static_cast<const char*>(q) - s.data();
        std::size_t b = j;
        while (b > open && s[b - 1] == '\\') --b;
        if ((j - b) % 2 == 0) break;
      }
      if (depth == 0) return j + 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return j == i ? std::string_view::npos : j;  // a scalar's end
      if (--depth == 0) return j + 1;
    } else if (depth == 0 && (c == ',' || IsBlank(c))) {
      return j == i ? std::string_view::npos : j;
    }
  }
  return depth == 0 && s.size() > i ? s.size() : std::string_view::npos;
}

// The members of a JSON object as raw key and value text; false if obj is not an object.
bool Members(std::string_view obj,
             std::vector<std::pair<std::string_view, std::string_view>>* out) {
  out->clear();
  std::size_t i = 0;
  auto skip = [&] {
    while (i < obj.size() && IsBlank(obj[i])) ++i;
  };
  skip();
  if (i >= obj.size() || obj[i++] != '{') return false;
  skip();
  if (i < obj.size() && obj[i] == '}') return true;
  while (i < obj.size()) {
    skip();
    if (i >= obj.size() || obj[i] != '"') return false;
    std::size_t key_end = ValueEnd(obj, i);
    if (key_end == std::string_view::npos) return false;
    std::string_view key = obj.substr(i + 1, key_end - i - 2);
    i = key_end;
    skip();
    if (i >= obj.size() || obj[i++] != ':') return false;
    skip();
    std::size_t value_end = ValueEnd(obj, i);
    if (value_end == std::string_view::npos) return false;
    out->push_back({key, obj.substr(i, value_end - i)});
    i = value_end;
    skip();
    if (i >= obj.size()) return false;
    if (obj[i] == '}') return true;
    if (obj[i++] != ',') return false;
  }
  return false;
}

// How many top-level members of the item record (item_record.h) meta holds in that order, from
// the first, as the indexer writes them (0 when it does not start so). Each is looked for as
// `,"name":` after the one before (a parent's with its first field: `,"item":{"number":`): a
// quote inside a JSON string is escaped, so that text cannot be part of a value.
std::size_t MembersInRecordOrder(std::string_view meta) {
  static const std::vector<std::string> patterns = [] {
    std::vector<std::string> p;
    for (std::size_t i = 0; i < record::kFieldCount; ++i) {
      if (!record::StartsTop(i)) continue;
      const record::Field& f = record::kFields[i];
      p.push_back((p.empty() ? "{\"" : ",\"") + std::string(record::TopName(f)) + "\":");
      if (!f.parent.empty()) p.back() += "{\"" + std::string(f.json) + "\":";
    }
    return p;
  }();
  if (meta.size() < 2 || meta.back() != '}' || meta.compare(0, patterns[0].size(), patterns[0])) {
    return 0;
  }
  const char* at = meta.data() + patterns[0].size();
  const char* end = meta.data() + meta.size();
  for (std::size_t k = 1; k < patterns.size(); ++k) {
    // Each pattern starts with a comma, and values hold few: each comma is tried in turn.
    const std::string& p = patterns[k];
    while (true) {
      at = static_cast<const char*>(std::memchr(at, ',', end - at));
      if (at == nullptr || static_cast<std::size_t>(end - at) < p.size()) return k;
      if (std::memcmp(at, p.data(), p.size()) == 0) break;
      ++at;
    }
    at += p.size();
  }
  return patterns.size();
}

// A hit's metadata members in record order, copied as stored (no parse and re-print); false
// when the metadata is not what the indexer writes.
bool AppendStoredMembers(std::string_view meta, std::string* out) {
  // The indexer writes the members in record order (earlier ones sorted them by key): then
  // they are copied whole. Data from before the record's last field (dnr, schema 7) has all
  // the others in order: the last is added as the record has it when absent.
  const record::Field& last = record::kFields[record::kFieldCount - 1];
  static_assert(record::kFields[record::kFieldCount - 1].parent.empty());
  const std::size_t in_order = MembersInRecordOrder(meta);
  if (in_order == record::kTopCount ||
      (in_order == record::kTopCount - 1 && last.absent != "null")) {
    out->append(meta.substr(1, meta.size() - 2));
    if (in_order < record::kTopCount) {
      *out += ",\"";
      out->append(last.json);
      *out += "\":";
      out->append(last.absent);
    }
    *out += ',';
    return true;
  }
  thread_local std::vector<std::pair<std::string_view, std::string_view>> members, inner;
  if (!Members(meta, &members)) return false;
  for (std::size_t i = 0; i < record::kFieldCount; ++i) {
    if (!record::StartsTop(i)) continue;
    const record::Field& f = record::kFields[i];
    const std::string_view name = record::TopName(f);
    std::string_view value = f.parent.empty() ? f.absent : "null";
    for (const auto& [k, v] : members) {
      if (k == name) value = v;
    }
    if (!f.parent.empty()) {
      // A parent (the item) always has its fields, in order, null if unknown.
      if (!Members(value, &inner)) return false;
      std::size_t n = 0;
      for (std::size_t j = i; j < record::kFieldCount && !(j > i && record::StartsTop(j)); ++j) {
        if (n >= inner.size() || inner[n].first != record::kFields[j].json) return false;
        ++n;
      }
      if (n != inner.size()) return false;
    }
    *out += '"';
    out->append(name);
    *out += "\":";
    out->append(value);
    *out += ',';
  }
  return true;
}

// The search-hit JSON of DESIGN.md (plus match_offsets: byte spans of matches in snippet).
void AppendHit(const Hit& hit, std::string* out) {
  const std::size_t start = out->size();
  *out += "{\"rank\":";
  *out += std::to_string(hit.rank);
  *out += ",\"score\":";
  AppendNumber(hit.score, out);
  *out += ',';
  if (!AppendStoredMembers(hit.meta, out)) {
    out->resize(start);
    ojson j = {{"rank", hit.rank}, {"score", hit.score}};
    const ojson meta = MetaJson(hit.meta);
    for (const auto& [key, value] : meta.items()) j[key] = value;
    std::string all = Dump(j);
    all.back() = ',';  // reopened for the snippet
    *out += all;
  }
  *out += "\"snippet\":";
  AppendString(hit.snippet.text, out);
  *out += ",\"match_offsets\":[";
  for (std::size_t k = 0; k < hit.snippet.matches.size(); ++k) {
    const Span& s = hit.snippet.matches[k];
    if (k) *out += ',';
    *out += '[' + std::to_string(s.begin) + ',' + std::to_string(s.end) + ']';
  }
  *out += ']';
  if (hit.generation >= 0) {
    *out += ",\"generation\":" + std::to_string(hit.generation) + ",\"added\":";
    *out += hit.added.empty() ? std::string("null") : Dump(hit.added);
  }
  *out += '}';
}

class JsonWriter final : public Writer {
 public:
  void Search(const SearchResult& r, std::ostream& out) override {
    // Written piece by piece: hits copy their stored metadata rather than parse it.
    std::string text = "{\"query\":" + Dump(r.query) + ",\"total\":" + std::to_string(r.total) +
                       ",\"total_exact\":" + (r.total_exact ? "true" : "false") +
                       ",\"sort\":" + Dump(SortOrderName(r.sort)) + ",\"hits\":[";
    for (std::size_t k = 0; k < r.hits.size(); ++k) {
      if (k) text += ',';
      AppendHit(r.hits[k], &text);
    }
    ojson facets = ojson::object();
    for (const Facet& f : r.facets) {
      ojson values = ojson::array();
      for (const FacetValue& v : f.values)
        values.push_back({{"value", v.value}, {"count", v.count}});
      facets[f.field] = values;
    }
    text += "],\"facets\":" + Dump(facets) +
            ",\"suggestion\":" + (r.suggestion ? Dump(*r.suggestion) : "null") + "}\n";
    out << text;
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
      // The record's fields a line tells of (the item whole: its number and title).
      using K = record::Key;
      for (K key :
           {K::kMeetingDate, K::kBody, K::kFile, K::kItemNumber, K::kMeetingId, K::kItemId}) {
        const std::string name(record::TopName(record::Get(key)));
        j[name] = l.data.contains(name) ? l.data[name] : ojson(nullptr);
      }
      lines.push_back(j);
    }
    Emit({{"query", r.query}, {"total", r.total}, {"lines", lines}}, out);
  }

  void Matter(const MatterResult& r, std::ostream& out) override {
    Emit({{"query", r.query}, {"total", r.total}, {"hits", r.items}}, out);
  }
};

}  // namespace

std::unique_ptr<Writer> MakeJsonWriter() { return std::make_unique<JsonWriter>(); }

}  // namespace protokoll::query
