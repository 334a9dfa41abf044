#include "params.h"

#include <charconv>
#include <vector>

#include "protokoll/query/query.h"
#include "protokoll/utf8.h"

namespace protokoll::server {
namespace {

std::vector<std::string> All(const Params& params, const std::string& name) {
  std::vector<std::string> values;
  auto [begin, end] = params.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    if (!it->second.empty()) values.push_back(it->second);
  }
  return values;
}

// A whole decimal number from 0 to max (a negative limit is no default here, as -1 is for
// the command line).
Status Integer(const Params& params, const std::string& name, int max, int* out) {
  const std::string text = Param(params, name);
  if (text.empty()) return Status::OK();
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(name + " takes a whole number (got '" + text + "')");
  }
  if (value < 0) {
    return Status::InvalidArgument("limit, offset and width take numbers of 0 or more (got " +
                                   name + "=" + text + ")");
  }
  if (value > max) {
    return Status::InvalidArgument(name + " takes numbers up to " + std::to_string(max));
  }
  *out = value;
  return Status::OK();
}

Status Flag(const Params& params, const std::string& name, bool* out) {
  if (params.find(name) == params.end()) return Status::OK();
  const std::string v = Param(params, name);
  if (v.empty() || v == "1" || v == "true" || v == "on" || v == "ja") {
    *out = true;
  } else if (v == "0" || v == "false" || v == "off" || v == "nej") {
    *out = false;
  } else {
    return Status::InvalidArgument(name + " takes 1 or 0 (got '" + v + "')");
  }
  return Status::OK();
}

}  // namespace

std::string Param(const Params& params, const std::string& name, const std::string& fallback) {
  auto it = params.find(name);
  return it == params.end() ? fallback : it->second;
}

Status CheckParams(const Params& params) {
  for (const auto& [name, value] : params) {
    if (!IsValidUtf8(name) || !IsValidUtf8(value)) {
      return Status::InvalidArgument("parameter values must be UTF-8 text");
    }
    if (value.size() > kMaxQueryBytes) {
      return Status::InvalidArgument(name + " is longer than " + std::to_string(kMaxQueryBytes) +
                                     " bytes");
    }
  }
  return Status::OK();
}

Status ParseOptions(const Params& params, query::Command command, query::QueryOptions* out) {
  Status s = CheckParams(params);
  if (!s.ok()) return s;
  query::QueryOptions o;
  o.command = command;
  o.format = query::Format::kJson;
  o.query = Param(params, "q");
  o.kommun = All(params, "kommun");
  o.county = All(params, "county");
  o.topic = All(params, "topic");
  o.body = All(params, "body");
  o.prefer = All(params, "prefer");
  o.from = Param(params, "from");
  o.to = Param(params, "to");
  const std::string sort = Param(params, "sort", "relevance");
  const std::string format = Param(params, "format", "json");
  const std::string by = Param(params, "by", "year");
  if (!query::SortOrderNamed(sort, &o.sort) || !query::FormatNamed(format, &o.format) ||
      !query::StatsByNamed(by, &o.by)) {
    return Status::InvalidArgument(
        "bad sort, format or by value (sort: relevance, date, "
        "date-asc, added; format: json, csv, text; by: year, municipality, "
        "county, topic, body)");
  }
  for (const auto& [name, field, max] :
       {std::tuple{"limit", &o.limit, kMaxRows}, std::tuple{"offset", &o.offset, 1000000},
        std::tuple{"width", &o.width, 1000}}) {
    s = Integer(params, name, max, field);
    if (!s.ok()) return s;
  }
  for (const auto& [name, field] :
       {std::pair{"facets", &o.facets}, std::pair{"collapse", &o.collapse},
        std::pair{"recent", &o.recent}}) {
    s = Flag(params, name, field);
    if (!s.ok()) return s;
  }
  // Timeline and KWIC give every row unless told otherwise; a server gives kMaxRows at most
  // an answer (offset pages on), so one request cannot ask for hundreds of megabytes.
  if (o.limit < 0 && (command == query::Command::kTimeline || command == query::Command::kKwic)) {
    o.limit = kMaxRows;
  }
  *out = std::move(o);
  return Status::OK();
}

}  // namespace protokoll::server
