#include "item_view.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "protokoll/item_record.h"
#include "protokoll/schema.h"
#include "searcher.h"

namespace protokoll::query {
namespace {

using ojson = nlohmann::ordered_json;

// Ids are made of hex digits and a dash; anything longer than this is no id of ours, and
// Xapian refuses terms over 245 bytes.
constexpr std::size_t kMaxIdBytes = 200;

// The first document indexed by term, or 0.
Xapian::docid FirstWith(const Xapian::Database& db, const std::string& term) {
  Xapian::PostingIterator it = db.postlist_begin(term);
  return it == db.postlist_end(term) ? 0 : *it;
}

// The query's matches in text; none when the query is empty or does not parse.
std::vector<Span> QueryMatches(const Xapian::Database& db, const schema::ItemStore& items,
                               stemming::Analyzer* analyzer, stemming::Vocabulary* vocabulary,
                               bool phrase_terms, const std::string& query, std::string_view text) {
  if (query.find_first_not_of(" \t\r\n") == std::string::npos) return {};
  QueryOptions options;
  options.query = query;
  std::unique_ptr<Searcher> searcher;
  if (!Searcher::Open(options, db, items, analyzer, vocabulary, phrase_terms, &searcher).ok())
    return {};
  return FindMatches(analyzer, text, searcher->highlight());
}

}  // namespace

Status WriteItem(const Xapian::Database& db, const schema::ItemStore& items,
                 stemming::Analyzer* analyzer, stemming::Vocabulary* vocabulary, bool phrase_terms,
                 const std::string& item_id, const std::string& query, std::ostream& out) {
  return Guard([&] {
    const Xapian::docid did = item_id.size() > kMaxIdBytes
                                  ? 0
                                  : FirstWith(db, std::string(schema::kItemIdPrefix) + item_id);
    if (did == 0) return Status::NotFound("no item '" + item_id + "' in the database");
    std::string text;
    ojson item = HitData(items, did, &text);
    ojson offsets = ojson::array();
    for (const Span& s : QueryMatches(db, items, analyzer, vocabulary, phrase_terms, query, text)) {
      offsets.push_back({s.begin, s.end});
    }
    item["text"] = text;
    item["match_offsets"] = offsets;

    // The meeting's items in their order in the minutes.
    std::vector<std::pair<double, Match>> ordered;
    const std::string meeting_term =
        std::string(schema::kMeetingIdPrefix) +
        record::Find(item, record::Key::kMeetingId)->get<std::string>();
    for (auto it = db.postlist_begin(meeting_term); it != db.postlist_end(meeting_term); ++it) {
      Xapian::Document doc = db.get_document(*it, Xapian::DOC_ASSUME_VALID);
      ordered.push_back(
          {Xapian::sortable_unserialise(doc.get_value(schema::kItemOrdSlot)), Match{*it, doc, 0}});
    }
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
      return a.first < b.first || (a.first == b.first && a.second.did < b.second.did);
    });
    ojson meeting_items = ojson::array();
    for (const auto& [ordinal, other] : ordered) {
      const ojson data = HitData(items, other, nullptr);
      ojson entry = ojson::object();
      for (record::Key key : {record::Key::kItemId, record::Key::kItemNumber,
                              record::Key::kItemTitle, record::Key::kDecision}) {
        entry[std::string(record::Get(key).json)] = *record::Find(data, key);
      }
      meeting_items.push_back(std::move(entry));
    }
    ojson answer = {{"item", item}, {"meeting_items", meeting_items}};
    out << answer.dump(-1, ' ', false, ojson::error_handler_t::replace) << "\n";
    out.flush();
    if (!out) return Status::IOError("cannot write the answer");
    return Status::OK();
  });
}

Status MeetingFile(const Xapian::Database& db, const schema::ItemStore& items,
                   const std::string& meeting_id, std::string* file) {
  return Guard([&] {
    const Xapian::docid did =
        meeting_id.size() > kMaxIdBytes
            ? 0
            : FirstWith(db, std::string(schema::kMeetingIdPrefix) + meeting_id);
    if (did == 0) return Status::NotFound("no meeting '" + meeting_id + "' in the database");
    const ojson data = HitData(items, did, nullptr);
    const ojson* stored = record::Find(data, record::Key::kFile);
    if (!stored->is_string()) return Status::NotFound("meeting '" + meeting_id + "' names no file");
    *file = stored->get<std::string>();
    return Status::OK();
  });
}

}  // namespace protokoll::query
