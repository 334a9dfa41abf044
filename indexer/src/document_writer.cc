#include "document_writer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <utility>

#include "protokoll/case_number.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/doc_data.h"
#include "protokoll/item_record.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/analyzer.h"

namespace protokoll::indexer {
namespace {

using nlohmann::json;
namespace schema = protokoll::schema;
using stemming::Token;

json OrNull(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// Days since 1970-01-01 of "YYYY-MM-DD", for recency weighting.
double DayNumber(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return 0;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return 0;
  return static_cast<double>(sys_days(ymd).time_since_epoch().count());
}

// Adds the positions of analyzed text's terms with prefix (continuing from *position, so
// fields do not overlap) and sums their weights for AddNormalisedWdf; text_bonus times a
// term's weight is added to its unprefixed item text term too (title, decision).
void IndexText(const std::vector<Token>& tokens, std::string_view prefix, unsigned text_bonus,
               Xapian::Document* doc, Xapian::termpos* position,
               std::unordered_map<std::string, unsigned>* words,
               std::unordered_map<std::string, unsigned>* sums) {
  std::string term(prefix);
  Xapian::termpos base = *position;
  for (const Token& token : tokens) {
    Xapian::termpos pos = base + token.position;
    for (const auto& t : token.terms) {
      if (text_bonus && t.text.size() <= 240) (*sums)[t.text] += text_bonus * t.weight;
      term.resize(prefix.size());
      term += t.text;
      if (term.size() > 240) continue;  // Xapian's term length limit
      (*sums)[term] += t.weight;
      if (t.positional) doc->add_posting(term, pos, 0);
    }
    if (words && token.type == stemming::TokenType::kWord && !token.stopword &&
        token.text.size() > 3 && token.text.size() < 40) {
      ++(*words)[token.text];
    }
  }
  if (!tokens.empty()) *position = base + tokens.back().position + 100;
}

// Adds the summed wdf of an item's text, title and decision terms, normalised for the
// item's length (see schema::kWdfScale).
// share: of the weight, for the meeting's header (schema::kHeaderWeight).
void AddNormalisedWdf(const std::unordered_map<std::string, unsigned>& sums, double share,
                      Xapian::Document* doc) {
  double length = 0;
  for (const auto& [term, sum] : sums) length += sum;
  const double norm =
      (1 - schema::kLengthB) +
      schema::kLengthB * std::max(length / schema::kNominalLength, schema::kMinNormLength);
  for (const auto& [term, sum] : sums) {
    const double wdf = std::round(sum * share * schema::kWdfScale / norm);
    doc->add_term(term, static_cast<Xapian::termcount>(std::max(1.0, wdf)));
  }
}

// The multi-word expansions of the synonym table as the analyzer reads them, by first word;
// one set per analyzer (per worker thread).
class SynonymPhrases {
 public:
  explicit SynonymPhrases(stemming::Analyzer* analyzer) {
    std::vector<Token> tokens;
    for (const corpus::Synonym& s : corpus::Synonyms()) {
      for (const std::string& e : s.expansions) {
        analyzer->Analyze(e, &tokens);
        if (tokens.size() < 2) continue;
        std::vector<std::string> words;
        for (const Token& t : tokens) words.push_back(t.text);
        auto& list = by_first_[words[0]];
        if (std::find(list.begin(), list.end(), words) == list.end()) list.push_back(words);
      }
    }
  }

  static const SynonymPhrases& For(stemming::Analyzer* analyzer) {
    thread_local std::map<stemming::Analyzer*, std::unique_ptr<SynonymPhrases>> sets;
    auto& set = sets[analyzer];
    if (!set) set = std::make_unique<SynonymPhrases>(analyzer);
    return *set;
  }

  // Adds the phrase terms (schema::kPhrasePrefix) of the phrases in tokens to sums.
  void Add(const std::vector<Token>& tokens,
           std::unordered_map<std::string, unsigned>* sums) const {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      auto it = by_first_.find(tokens[i].text);
      if (it == by_first_.end()) continue;
      for (const std::vector<std::string>& words : it->second) {
        if (i + words.size() > tokens.size()) continue;
        bool same = true;
        for (std::size_t k = 1; k < words.size() && same; ++k)
          same = tokens[i + k].text == words[k];
        if (same) (*sums)[schema::PhraseTerm(words)] += stemming::kFullWeight;
      }
    }
  }

 private:
  std::unordered_map<std::string, std::vector<std::vector<std::string>>> by_first_;
};

// The facet fields (schema.h): their term prefixes and value slots, in one order.
constexpr std::pair<std::string_view, schema::Slot> kFacets[] = {
    {schema::kMunicipalityPrefix, schema::kMunicipalitiesSlot},
    {schema::kCountyPrefix, schema::kCountiesSlot},
    {schema::kBodyPrefix, schema::kBodiesSlot},
    {schema::kTopicPrefix, schema::kTopicsSlot},
    {schema::kYearPrefix, schema::kYearsSlot}};
constexpr std::size_t kFacetCount = std::size(kFacets);
enum Facet : std::size_t { kMunicipalities, kCounties, kBodies, kTopics, kYears };
static_assert(kYears + 1 == kFacetCount, "one Facet for each entry of kFacets, in its order");

// The values of an item's facet terms, by facet.
using FacetValues = std::array<std::vector<std::string>, kFacetCount>;

// Adds the boolean term of a facet's value, folded, and keeps the value for AddFacetValues.
void AddFacetTerm(Xapian::Document* doc, Facet facet, std::string value, FacetValues* values) {
  if (value.empty()) return;
  const std::string_view prefix = kFacets[facet].first;
  if (prefix.size() + value.size() > 240) return;  // Xapian's term length limit
  doc->add_boolean_term(std::string(prefix) + value);
  (*values)[facet].push_back(std::move(value));
}

// Sets the facet slots of doc: each facet's values sorted, once each, joined.
void AddFacetValues(FacetValues* values, Xapian::Document* doc) {
  for (std::size_t f = 0; f < kFacetCount; ++f) {
    std::vector<std::string>& v = (*values)[f];
    if (v.empty()) continue;
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    std::string joined;
    for (const std::string& value : v) {
      if (!joined.empty()) joined += schema::kFacetSeparator;
      joined += value;
    }
    doc->add_value(kFacets[f].second, joined);
  }
}

}  // namespace

json MeetingJson(const Meeting& meeting) {
  json items = json::array();
  for (const Item& item : meeting.items) {
    items.push_back({{"number", item.number.empty() ? json(nullptr) : json(item.number)},
                     {"title", item.title},
                     {"decision", OrNull(item.decision)},
                     {"topics", item.topics},
                     {"dnr", item.dnr}});
  }
  return {{"file", meeting.file},
          {"meeting_id", meeting.meeting_id},
          {"meeting_date", OrNull(meeting.meeting_date)},
          {"date_inferred", meeting.date_inferred},
          {"body", OrNull(meeting.body)},
          {"county", OrNull(meeting.county)},
          {"municipalities", meeting.municipalities},
          {"topics", meeting.topics},
          {"items", items}};
}

namespace {

// The item record (protokoll/item_record.h) of item as one line of JSON, its fields in order;
// content_only: only those of its content.
std::string ItemRecordJson(const Meeting& meeting, const Item& item, const std::string& item_id,
                           const std::vector<std::string>& topics, bool content_only) {
  nlohmann::ordered_json data = nlohmann::ordered_json::object();
  for (const record::Field& f : record::kFields) {
    if (content_only && !f.content) continue;
    json value;
    switch (f.key) {
      case record::Key::kMeetingId:
        value = meeting.meeting_id;
        break;
      case record::Key::kItemId:
        value = item_id;
        break;
      case record::Key::kFile:
        value = meeting.file;
        break;
      case record::Key::kMeetingDate:
        value = OrNull(meeting.meeting_date);
        break;
      case record::Key::kDateInferred:
        value = meeting.date_inferred;
        break;
      case record::Key::kBody:
        value = OrNull(meeting.body);
        break;
      case record::Key::kCounty:
        value = OrNull(meeting.county);
        break;
      case record::Key::kMunicipalities:
        value = meeting.municipalities;
        break;
      case record::Key::kItemNumber:
        value = item.number.empty() ? json(nullptr) : json(item.number);
        break;
      case record::Key::kItemTitle:
        value = item.title;
        break;
      case record::Key::kTopics:
        value = topics;
        break;
      case record::Key::kDecision:
        value = OrNull(item.decision);
        break;
      case record::Key::kDnr:
        value = item.dnr;
        break;
    }
    if (f.parent.empty()) {
      data[std::string(f.json)] = std::move(value);
    } else {
      data[std::string(f.parent)][std::string(f.json)] = std::move(value);
    }
  }
  return data.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// 64-bit FNV-1a of bytes as 16 hex digits: stable across builds and platforms, as it is stored.
std::string ContentHash(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

}  // namespace

Xapian::Document BuiltMeeting::Take(std::size_t k) {
  if (k < held.size()) return std::exchange(held[k], Xapian::Document());
  std::string& s = serialised[k - held.size()];
  Xapian::Document doc = Xapian::Document::unserialise(s);
  std::string().swap(s);
  return doc;
}

bool BuildDocuments(const Meeting& meeting, stemming::Analyzer* analyzer, TopicMatcher* topics,
                    const std::function<bool()>& over_time, BuiltMeeting* out) {
  const SynonymPhrases& phrases = SynonymPhrases::For(analyzer);
  std::vector<Token> text_tokens, title_tokens, tokens;
  std::vector<std::string> matched_topics;
  std::string date = meeting.meeting_date.value_or("");
  std::string date_value;
  for (char c : date) {
    if (c != '-') date_value += c;
  }
  // The header (participants, place) is searchable as item 0; items follow from 1.
  std::vector<const Item*> units;
  Item header_item;
  if (!meeting.header.empty()) {
    header_item.title = "";
    header_item.text = meeting.header;
    units.push_back(&header_item);
  }
  for (const Item& item : meeting.items) units.push_back(&item);
  unsigned ordinal = meeting.header.empty() ? 1 : 0;
  std::size_t held_text = 0;
  for (const Item* item : units) {
    if (over_time && over_time()) return false;
    Xapian::Document doc;
    std::string item_id = meeting.meeting_id + "-" + std::to_string(ordinal);
    Xapian::termpos position = 0;
    // One analysis of each field serves both the topics and the terms.
    analyzer->Analyze(item->text, &text_tokens);
    analyzer->Analyze(item->title, &title_tokens);
    // The item's topics: matched here on the same tokens, or as the parser found them.
    const std::vector<std::string>* topics_of = &item->topics;
    if (topics) {
      matched_topics.clear();
      for (const TopicScore& t :
           topics->Match(item->title, title_tokens, item->text, text_tokens)) {
        matched_topics.push_back(t.topic);
      }
      topics_of = &matched_topics;
    }
    const std::vector<std::string>& item_topics = *topics_of;
    thread_local std::unordered_map<std::string, unsigned> sums;
    sums.clear();
    IndexText(text_tokens, "", 0, &doc, &position, &out->words, &sums);
    phrases.Add(text_tokens, &sums);
    if (!item->title.empty()) {
      IndexText(title_tokens, schema::kTitlePrefix, schema::kTitleBonus, &doc, &position, nullptr,
                &sums);
    }
    if (item->decision) {
      analyzer->Analyze(*item->decision, &tokens);
      IndexText(tokens, schema::kDecisionPrefix, schema::kDecisionBonus, &doc, &position, nullptr,
                &sums);
      doc.add_boolean_term(std::string(schema::kHasDecisionTerm));
    }
    AddNormalisedWdf(sums, item == &header_item ? schema::kHeaderWeight : 1.0, &doc);
    if (item == &header_item) doc.add_boolean_term(std::string(schema::kHeaderTerm));
    doc.add_boolean_term(std::string(schema::kItemIdPrefix) + item_id);
    doc.add_boolean_term(std::string(schema::kMeetingIdPrefix) + meeting.meeting_id);
    FacetValues facets;
    for (const auto& m : meeting.municipalities) {
      AddFacetTerm(&doc, kMunicipalities, analyzer->Fold(m), &facets);
    }
    if (meeting.county) AddFacetTerm(&doc, kCounties, analyzer->Fold(*meeting.county), &facets);
    if (meeting.body) AddFacetTerm(&doc, kBodies, analyzer->Fold(*meeting.body), &facets);
    for (const auto& t : item_topics) AddFacetTerm(&doc, kTopics, analyzer->Fold(t), &facets);
    for (const auto& number : item->dnr) {
      const std::string term =
          std::string(schema::kCaseNumberPrefix) + schema::CaseNumberKey(number);
      if (term.size() <= 240) doc.add_boolean_term(term);
    }
    if (date.size() >= 4) AddFacetTerm(&doc, kYears, date.substr(0, 4), &facets);
    doc.add_value(schema::kDateSlot, date_value);
    doc.add_value(schema::kMeetingIdSlot, meeting.meeting_id);
    doc.add_value(schema::kItemOrdSlot, Xapian::sortable_serialise(ordinal));
    doc.add_value(schema::kItemKeySlot, meeting.meeting_id + Xapian::sortable_serialise(ordinal));
    if (!date.empty()) {
      doc.add_value(schema::kDayNumberSlot, Xapian::sortable_serialise(DayNumber(date)));
    }
    // The item record, which the query tool copies into its answers.
    std::string serialized = ItemRecordJson(meeting, *item, item_id, item_topics, false);
    serialized += schema::kDocDataTextMark;
    serialized += item->text;
    // What a reader sees of the item, without where the file is: a file moved or touched,
    // or an item that moved up a place, is not new content (its generation is kept).
    doc.add_value(schema::kContentHashSlot,
                  ContentHash(ItemRecordJson(meeting, *item, item_id, item_topics, true) +
                              schema::kDocDataTextMark + item->text));
    doc.set_data(schema::PackDocData(serialized));
    AddFacetValues(&facets, &doc);
    held_text += item->text.size();
    if (out->serialised.empty() && held_text <= BuiltMeeting::kHeldTextBytes) {
      out->held.push_back(std::move(doc));
    } else {
      out->serialised.push_back(doc.serialise());
    }
    ++ordinal;
  }
  return true;
}

}  // namespace protokoll::indexer
