// Facets: counts of municipalities, counties, bodies, topics and years over a match set.
// These are boolean terms, not values, so a match spy reads each matching document's
// term list (skip_to each prefix); a value slot per facet would let ValueCountMatchSpy do it.
#ifndef PROTOKOLL_QUERY_FACETS_H_
#define PROTOKOLL_QUERY_FACETS_H_

#include <xapian.h>

#include <array>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/item_store.h"

namespace protokoll::query {

struct FacetValue {
  std::string value;  // display form: "Berg", "Jämtlands län", "2020"
  Xapian::doccount count = 0;
};

struct Facet {
  std::string field;  // the query language's field name: kommun, län, organ, ämne, år
  std::vector<FacetValue> values;  // most frequent first
};

// The facet fields in output order, with their term prefixes.
struct FacetField {
  std::string_view name;
  std::string_view prefix;
};
const std::array<FacetField, 5>& FacetFields();

// Calls fn with each value (without prefix) of the prefix's terms in doc.
void ForEachPrefixed(const Xapian::Document& doc, std::string_view prefix,
                     const std::function<void(const std::string&)>& fn);

// The display form of a folded term value: canonical municipality and county names, a body's
// name as the minutes write it; topics and years as they are.
class DisplayNames {
 public:
  DisplayNames(const Xapian::Database& db, const schema::ItemStore& items)
      : db_(db), items_(items) {}
  std::string Get(std::string_view prefix, const std::string& folded);

 private:
  const Xapian::Database& db_;
  const schema::ItemStore& items_;
  std::map<std::string, std::string> cache_;
};

// Counts facet terms over the documents the matcher shows it.
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Up to top values a field, most frequent first, in display form.
  std::vector<Facet> Result(const Xapian::Database& db, const schema::ItemStore& items,
                            std::size_t top) const;
  Xapian::doccount seen() const { return seen_; }

 private:
  std::array<std::map<std::string, Xapian::doccount>, 5> counts_;
  Xapian::doccount seen_ = 0;
};

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_FACETS_H_
