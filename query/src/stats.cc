#include "stats.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "fields.h"
#include "protokoll/schema.h"

namespace protokoll::query {
namespace {

namespace schema = protokoll::schema;

// The field (fields.h) whose terms make the buckets.
Field FieldOf(StatsBy by) {
  switch (by) {
    case StatsBy::kYear:
      return Field::kYear;
    case StatsBy::kMunicipality:
      return Field::kMunicipality;
    case StatsBy::kCounty:
      return Field::kCounty;
    case StatsBy::kTopic:
      return Field::kTopic;
    case StatsBy::kBody:
      return Field::kBody;
  }
  return Field::kYear;
}

// Agenda items carrying term: its documents less the meeting headers among them.
Xapian::doccount ItemsWith(const Xapian::Database& db, const std::string& term) {
  const Xapian::doccount all = db.get_termfreq(term);
  Xapian::Enquire headers(db);
  headers.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(term),
                                  Xapian::Query(std::string(schema::kHeaderTerm))));
  headers.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet m = headers.get_mset(0, 0, db.get_doccount());
  return all - std::min(all, m.get_matches_estimated());
}

}  // namespace

std::string StatsByName(StatsBy by) {
  switch (by) {
    case StatsBy::kYear:
      return "year";
    case StatsBy::kMunicipality:
      return "municipality";
    case StatsBy::kCounty:
      return "county";
    case StatsBy::kTopic:
      return "topic";
    case StatsBy::kBody:
      return "body";
  }
  return "year";
}

Status BuildStats(Searcher* searcher, const QueryOptions& options, StatsResult* out) {
  *out = StatsResult();
  out->query = options.query;
  out->by = StatsByName(options.by);
  const std::string prefix(FieldPrefix(FieldOf(options.by)));
  const std::string kNone = "(none)";
  struct Bucket {
    std::uint64_t items = 0;
    std::set<std::string> meetings;
  };
  std::map<std::string, Bucket> buckets;  // folded value -> counts
  std::set<std::string> meetings;
  // The header (participants, place) is searchable, but it is no agenda item: not counted.
  const std::string header_ordinal = Xapian::sortable_serialise(0);
  bool slots = false;
  if (Status st = Guard([&] {
        slots = searcher->FacetSlots();
        return Status::OK();
      });
      !st.ok()) {
    return st;
  }
  Status s = searcher->ForEach(SortOrder::kRelevance, [&](const Match& m) {
    if (m.doc.get_value(schema::kItemOrdSlot) == header_ordinal) return true;
    ++out->items;
    std::string meeting = m.doc.get_value(schema::kMeetingIdSlot);
    meetings.insert(meeting);
    bool any = false;
    ForEachPrefixed(m.doc, prefix, slots, [&](const std::string& value) {
      Bucket& b = buckets[value];
      ++b.items;
      b.meetings.insert(meeting);
      any = true;
    });
    if (!any) {
      Bucket& b = buckets[kNone];
      ++b.items;
      b.meetings.insert(meeting);
    }
    return true;
  });
  if (!s.ok()) return s;
  out->meetings = meetings.size();
  return Guard([&] {
    DisplayNames names(searcher->db(), searcher->items());
    for (const auto& [value, b] : buckets) {
      StatsRow row;
      row.items = b.items;
      row.meetings = b.meetings.size();
      if (value == kNone) {
        row.bucket = kNone;
      } else {
        row.bucket = names.Get(prefix, value);
        row.all_items = ItemsWith(searcher->db(), prefix + value);
        if (*row.all_items > 0) row.share = static_cast<double>(b.items) / *row.all_items;
      }
      out->rows.push_back(std::move(row));
    }
    if (options.by != StatsBy::kYear) {
      std::stable_sort(out->rows.begin(), out->rows.end(),
                       [](const StatsRow& a, const StatsRow& b) { return a.items > b.items; });
    }
    std::size_t from = std::min<std::size_t>(std::max(0, options.offset), out->rows.size());
    out->rows.erase(out->rows.begin(), out->rows.begin() + from);
    if (options.limit >= 0 && out->rows.size() > static_cast<std::size_t>(options.limit)) {
      out->rows.resize(options.limit);
    }
    return Status::OK();
  });
}

}  // namespace protokoll::query
