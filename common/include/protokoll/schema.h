// The index layout: term prefixes, value slots and document data shared by the indexer (which
// writes them) and the query tools (which read them). One Xapian document is one agenda item.
// Prefixes follow Xapian's conventions (omega's termprefixes): single capitals for standard
// meanings, X-prefixed for our own. Boolean terms hold lowercase (case-folded) values.
#ifndef PROTOKOLL_SCHEMA_H_
#define PROTOKOLL_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::schema {

// Free-text terms. Item text terms carry no prefix; all text terms are analyzer output.
inline constexpr std::string_view kTitlePrefix = "S";      // item title (rubrik:)
inline constexpr std::string_view kDecisionPrefix = "XD";  // decision passage (beslut:)
// A multi-word expansion of the synonym table met in the item text: "XP" + its words
// (folded surfaces) joined by single spaces, so a query expanding "HVB" to "hem för vård
// eller boende" looks up one term instead of matching a phrase.
inline constexpr std::string_view kPhrasePrefix = "XP";

// Boolean filter terms (values case-folded with the analyzer's folding).
inline constexpr std::string_view kItemIdPrefix = "Q";         // unique item id
inline constexpr std::string_view kMeetingIdPrefix = "XM";     // meeting id: all items of a file
inline constexpr std::string_view kMunicipalityPrefix = "XK";  // canonical municipality name
inline constexpr std::string_view kCountyPrefix = "XL";        // county name ("jämtlands län")
inline constexpr std::string_view kBodyPrefix = "XO";          // body that met
inline constexpr std::string_view kTopicPrefix = "XT";         // topic of the item
// A case number of the item (dnr:): "XC" + CaseNumberKey (case_number.h), "XCks-2025-10".
inline constexpr std::string_view kCaseNumberPrefix = "XC";
inline constexpr std::string_view kYearPrefix = "Y";                // meeting year, "Y2020"
inline constexpr std::string_view kHasDecisionTerm = "XHdecision";  // item carries a decision
inline constexpr std::string_view kHeaderTerm = "XHheader";         // the meeting's header (item 0)

// Value slots.
enum Slot : unsigned {
  kDateSlot = 0,       // meeting date "YYYYMMDD" (string order = date order; "" if unknown)
  kMeetingIdSlot = 1,  // meeting id, for collapsing to one hit per meeting
  kItemOrdSlot = 2,    // item's ordinal within its meeting, Xapian::sortable_serialise
  kDayNumberSlot = 3,  // days since 1970-01-01 of the meeting date, sortable_serialise
  kDataSlot = 4,       // schema 5 only: the item's data, packed (now Xapian's document data)
  // Facet slots (schema 8): the values of a facet field's boolean terms in the item (without
  // the prefix), sorted and joined by kFacetSeparator, so that Xapian's own
  // ValueCountMatchSpy counts facets (each combination once; the query tool splits them), in
  // process and through xapian-tcpsrv alike.
  kMunicipalitiesSlot = 5,  // kMunicipalityPrefix's values
  kCountiesSlot = 6,        // kCountyPrefix's
  kBodiesSlot = 7,          // kBodyPrefix's
  kTopicsSlot = 8,          // kTopicPrefix's
  kYearsSlot = 9,           // kYearPrefix's
  // Schema 8: the meeting id, then kItemOrdSlot's value: orders hits of equal score the same
  // way in one database and in any sharding of it (Xapian would order them by docid, which
  // differs between the two).
  kItemKeySlot = 10,
  // The generation (see kGenerationKey) in which the item was added or its content last
  // changed, sortable_serialise; empty for items written before generations (read as 0).
  kGenerationSlot = 11,
  // The item's content: 16 hex digits of a 64-bit FNV-1a hash of its data without meeting_id,
  // item_id and file, and its text. An item re-indexed with the same keeps its generation.
  kContentHashSlot = 12,
};
inline constexpr char kFacetSeparator = '\x1f';

// Document data: a JSON object on one line with the keys of the search-hit JSON (see
// DESIGN.md) that come from the item and its meeting (meeting_id, item_id, file,
// meeting_date, date_inferred, body, county, municipalities, item {number, title}, topics,
// decision, dnr), then a newline and the item's cleaned text as it is (for snippets and KWIC),
// so a hit's metadata is read without parsing its text. Stored packed (doc_data.h) as Xapian's
// document data (schemas 8 and 9), so a remote shard (xapian-tcpsrv) serves it and a replica
// (xapian-replicate) has it; schemas 6 and 7 kept it in an item store (the query tools'
// item_store.h).
inline constexpr char kDocDataTextMark = '\n';

// The JSON and the text of a document's data.
inline void SplitDocData(std::string_view data, std::string_view* json, std::string_view* text) {
  const std::size_t mark = data.find(kDocDataTextMark);
  *json = data.substr(0, mark);
  *text = mark == std::string_view::npos ? std::string_view() : data.substr(mark + 1);
}

// The phrase term of a multi-word expansion's words (see kPhrasePrefix).
inline std::string PhraseTerm(const std::vector<std::string>& words) {
  std::string term(kPhrasePrefix);
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) term += ' ';
    term += words[i];
  }
  return term;
}

// Database metadata keys (Xapian::Database::get_metadata).
inline constexpr std::string_view kFileStatePrefix = "file:";  // + relative path -> file state
inline constexpr std::string_view kSchemaVersionKey = "protokoll:schema";
// corpus::SynonymsFingerprint() of the table the phrase terms were made with, or "mixed"
// when files were indexed with different tables (queries then match phrases instead).
inline constexpr std::string_view kSynonymsKey = "protokoll:synonyms";
// + folded word -> its analysis (stemming::EncodeTerms), for every word the index has seen:
// the query tools analyze known words without loading the dictionary.
inline constexpr std::string_view kVocabularyPrefix = "v:";
// 9: as 8, with each item's packed data scrambled (doc_data.h) so that Xapian stores it
// without zlib.
inline constexpr std::string_view kSchemaVersion = "9";
// A shard of a database split by protokoll-index --shard-by: "county" or "year", then a space
// and the shard's key (folded county, year, or "-" for items without one).
inline constexpr std::string_view kShardKey = "protokoll:shard";
// Generations: each protokoll-index run that adds, changes or removes items is one, numbered
// from 1. kGenerationKey holds the number of the last one committed, written in the run's
// last commit (items of a run that did not finish carry a higher number than it, so readers
// leave them out until it is committed); kGenerationTimePrefix + GenerationKey(n) holds the
// UTC time ("2026-12-04T14:20:00Z") of generation n. A database without them is at 0.
inline constexpr std::string_view kGenerationKey = "protokoll:generation";
inline constexpr std::string_view kGenerationTimePrefix = "protokoll:generation:";

// n as kGenerationKey and the time keys write it: decimal, ten digits with leading zeros.
inline std::string GenerationKey(unsigned long long n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 10 ? 10 - digits.size() : 0, '0') + digits;
}
// A generation written by GenerationKey (leading zeros or not); 0 if empty or not a number.
inline unsigned long long ParseGeneration(std::string_view v) {
  unsigned long long n = 0;
  if (v.empty() || v.size() > 18) return 0;
  for (char c : v) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + static_cast<unsigned long long>(c - '0');
  }
  return n;
}
// The oldest version the query tools read: 5 kept the items' data in kDataSlot; 5 and 6 have
// no case numbers (no "dnr" in the data, no kCaseNumberPrefix terms).
inline constexpr std::string_view kOldestReadableSchema = "5";

// Whether the query tools read a database of this schema version (kOldestReadableSchema to
// kSchemaVersion).
inline bool ReadableSchema(std::string_view version) {
  auto number = [](std::string_view v) {
    if (v.empty() || v.size() > 4) return -1;
    int n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  const int n = number(version);
  return n >= number(kOldestReadableSchema) && n <= number(kSchemaVersion);
}

// Free-text terms (item text, title, decision) carry a length-normalised wdf, so that ranking needs
// no document lengths (reading them is most of a query's cost on a large index). Each occurrence
// adds its term's weight (stemming::kFullWeight or kPartWeight); an item's sums are then scaled as
// BM25 would scale them for its length, where len is the item's total:
//   wdf = max(1, round(sum * kWdfScale / ((1 - kLengthB) + kLengthB * max(len / kNominalLength,
//   kMinNormLength))))
// Queries rank with BM25 at b = 0 and k1 times kWdfScale, which gives BM25's scores.
inline constexpr double kWdfScale = 8;
inline constexpr double kLengthB = 0.5;
inline constexpr double kNominalLength = 450;
inline constexpr double kMinNormLength = 0.5;
// An item text term also in the item's title or decision gets this many more occurrences'
// weight for each there (on top of the text's own: the text holds both), so that a match
// in the title or decision ranks higher without asking for the S and XD terms.
inline constexpr unsigned kTitleBonus = 3;
inline constexpr unsigned kDecisionBonus = 1;
// The meeting's header (item 0: who attended, their roles, the place) counts its words at
// this share of their weight: a word there is mostly a name or a title ("specialist
// internkontroll"), weaker evidence of what was discussed than the same word in an item.
inline constexpr double kHeaderWeight = 0.5;

}  // namespace protokoll::schema

#endif  // PROTOKOLL_SCHEMA_H_
