// The query language's fields: one table of each field's names (Swedish, English, and one
// more such as a spelling without Swedish letters), its term prefix (schema.h), its kind, its
// facet slot and its lines in --help. The parser reads the names, the query builder the
// prefixes and kinds, the filters, facets and stats the prefixes and slots, QueryHelp the
// help. A new field is an enumerator and a row here (and its value's rules, if it is a
// filter, in QueryBuilder::Filter).
#ifndef PROTOKOLL_QUERY_FIELDS_H_
#define PROTOKOLL_QUERY_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "protokoll/schema.h"

namespace protokoll::query {

enum class Field : uint8_t {
  kText,          // no field: the item's text
  kMunicipality,  // kommun: municipality:
  kCounty,        // län: county:
  kBody,          // organ: body:
  kTopic,         // ämne: topic:
  kYear,          // år: year:
  kDate,          // datum: date:
  kDecision,      // beslut: decision:
  kTitle,         // rubrik: title:
  kCaseNumber,    // dnr: case: (diarienummer:)
};

enum class FieldKind : uint8_t {
  kText,    // free text: the analyzer's terms, under the field's prefix
  kFilter,  // boolean terms: the prefix and the value (folded, or a key)
  kRange,   // a range of a value slot
};

// No facet: the field's values are not counted.
inline constexpr unsigned kNoFacet = ~0u;

struct FieldDef {
  Field field;
  std::string_view name;   // Swedish, as queries and messages write it ("kommun")
  std::string_view alias;  // English ("municipality")
  std::string_view other;  // another accepted name (without Swedish letters), or ""
  std::string_view prefix;
  FieldKind kind;
  unsigned facet_slot;    // the value slot of its facet (schema.h), or kNoFacet
  std::string_view help;  // QueryHelp's examples (a second line after a newline)
};

// In the order the help and error messages list them; the facets (in this order) are also in
// the order of their prefixes, so one pass over a term list visits them all.
inline constexpr FieldDef kFields[] = {
    {Field::kMunicipality, "kommun", "municipality", "", schema::kMunicipalityPrefix,
     FieldKind::kFilter, schema::kMunicipalitiesSlot,
     R"(kommun:Bräcke, kommun:"Upplands Väsby", kommun:(Berg OR Åre))"},
    {Field::kCounty, "län", "county", "lan", schema::kCountyPrefix, FieldKind::kFilter,
     schema::kCountiesSlot, R"(län:jämtland, län:"Västra Götalands län")"},
    {Field::kBody, "organ", "body", "", schema::kBodyPrefix, FieldKind::kFilter,
     schema::kBodiesSlot, "organ:socialpresidiet (part of a name finds all that have it)"},
    {Field::kTopic, "ämne", "topic", "amne", schema::kTopicPrefix, FieldKind::kFilter,
     schema::kTopicsSlot, "ämne:missbruk (a topic of the taxonomy)"},
    {Field::kYear, "år", "year", "ar", schema::kYearPrefix, FieldKind::kFilter, schema::kYearsSlot,
     "år:2020, år:2019..2021"},
    {Field::kDate, "datum", "date", "", "", FieldKind::kRange, kNoFacet,
     "datum:2019..2021, datum:2020-09.., datum:..2020-06-30"},
    {Field::kDecision, "beslut", "decision", "", schema::kDecisionPrefix, FieldKind::kText,
     kNoFacet, "words in decisions only: beslut:familjehem"},
    {Field::kTitle, "rubrik", "title", "", schema::kTitlePrefix, FieldKind::kText, kNoFacet,
     "words in item titles only: rubrik:sprutbyte"},
    {Field::kCaseNumber, "dnr", "case", "diarienummer", schema::kCaseNumberPrefix,
     FieldKind::kFilter, kNoFacet,
     "case number (diarienummer), however written: dnr:KS-2025-00010,\n"
     R"(dnr:"KS 2021/123" (quoted when it has a space); dnr:KS-2025* a series;)"
     "\na case number alone as the query (SBN 2025:74) puts its items first"},
};

// How many fields have a facet.
inline constexpr std::size_t kFacetCount = [] {
  std::size_t n = 0;
  for (const FieldDef& f : kFields) n += f.facet_slot != kNoFacet;
  return n;
}();

// The field's row; nullptr for kText (the item's text: no name, no prefix).
const FieldDef* FieldDefOf(Field field);
// The field a name denotes, Swedish or English, any case ("Kommun" -> kMunicipality).
bool FieldByName(std::string_view name, Field* field);
// The Swedish name of a field, without the colon ("kommun"); "text" for kText.
std::string_view FieldName(Field field);
// The prefix of the field's terms ("" for the item's text and for ranges).
std::string_view FieldPrefix(Field field);
// True for fields that filter (boolean terms, date ranges) rather than match free text.
bool IsFilterField(Field field);
// "kommun: (municipality:), län: (county:), ..." for error messages and help.
std::string FieldList();
// QueryHelp's lines of the fields: "  kommun: municipality:  kommun:Bräcke, ...".
std::string FieldHelp();

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_FIELDS_H_
