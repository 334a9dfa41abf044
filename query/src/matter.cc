#include "matter.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "protokoll/schema.h"

namespace protokoll::query {

Status MatterQuery(std::string_view number, std::string* query) {
  const std::string given(number);
  bool digit = false, allowed = true;
  for (unsigned char c : number) {
    digit = digit || (c >= '0' && c <= '9');
    // Letters (Å Ä Ö in UTF-8 too), digits, spaces and the separators -/.: (– is UTF-8).
    allowed = allowed && (c >= 0x80 || std::isalnum(c) || c == ' ' || c == '-' || c == '/' ||
                          c == '.' || c == ':' || c == '_');
  }
  if (!digit || !allowed) {
    return Status::InvalidArgument(
        "matter needs a case number, like 'KS-2025-00010' or 'KS 2021/123'" +
        (given.empty() ? std::string() : " (not '" + given + "')"));
  }
  *query = "dnr:\"" + given + "\"";
  return Status::OK();
}

Status BuildMatter(Searcher* searcher, const QueryOptions& options, MatterResult* out) {
  *out = MatterResult();
  out->query = options.query;
  // (undated, date, meeting id, item ordinal): dated meetings first, oldest first.
  using Key = std::tuple<bool, std::string, std::string, std::string>;
  std::vector<std::pair<Key, nlohmann::ordered_json>> rows;
  Status s = searcher->ForEach(SortOrder::kRelevance, [&](const Match& m) {
    nlohmann::ordered_json data = HitData(searcher->items(), m, nullptr);
    const nlohmann::ordered_json& date = data["meeting_date"];
    Key key{!date.is_string(), date.is_string() ? date.get<std::string>() : "",
            m.doc.get_value(schema::kMeetingIdSlot), m.doc.get_value(schema::kItemOrdSlot)};
    rows.emplace_back(std::move(key), std::move(data));
    return true;
  });
  if (!s.ok()) return s;
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out->total = rows.size();
  const std::size_t from = std::min<std::size_t>(std::max(0, options.offset), rows.size());
  const std::size_t n = options.limit < 0 ? rows.size() : static_cast<std::size_t>(options.limit);
  for (std::size_t i = from; i < rows.size() && i - from < n; ++i)
    out->items.push_back(std::move(rows[i].second));
  return Status::OK();
}

}  // namespace protokoll::query
