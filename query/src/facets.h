// Facets: counts of municipalities, counties, bodies, topics and years over a match set.
// A schema 8 database keeps each field's values of an item in a value slot (schema.h), which
// Xapian's own ValueCountMatchSpy counts, also on remote shards (xapian-tcpsrv knows it); an
// older database has only the boolean terms, which FacetSpy reads from each match's term list.
#ifndef PROTOKOLL_QUERY_FACETS_H_
#define PROTOKOLL_QUERY_FACETS_H_

#include <xapian.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fields.h"
#include "item_store.h"

namespace protokoll::query {

struct FacetValue {
  std::string value;  // display form: "Berg", "Jämtlands län", "2020"
  Xapian::doccount count = 0;
};

struct Facet {
  std::string field;  // the query language's field name: kommun, län, organ, ämne, år
  std::vector<FacetValue> values;  // most frequent first
};

// The facet fields (fields.h) in output order, with their term prefixes and value slots.
struct FacetField {
  std::string_view name;
  std::string_view prefix;
  Xapian::valueno slot;
};
const std::array<FacetField, kFacetCount>& FacetFields();

// Whether db's items carry facet slots (schema 8).
bool HasFacetSlots(const Xapian::Database& db);

// Calls fn with each value (without prefix) of the prefix's terms in doc: from the field's
// slot when slots, else from doc's term list.
void ForEachPrefixed(const Xapian::Document& doc, std::string_view prefix, bool slots,
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

// Counts facet terms over the documents the matcher shows it (databases without slots).
class FacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // Up to top values a field, most frequent first, in display form.
  std::vector<Facet> Result(const Xapian::Database& db, const schema::ItemStore& items,
                            std::size_t top) const;
  Xapian::doccount seen() const { return seen_; }

 private:
  friend class FacetCounter;
  std::array<std::map<std::string, Xapian::doccount>, 5> counts_;
  Xapian::doccount seen_ = 0;
};

// Counts the facets of a search: with ValueCountMatchSpy on the facet slots (schema 8, any
// backend), else with FacetSpy.
class FacetCounter {
 public:
  explicit FacetCounter(bool slots);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  // Adds the spies to e; this counter must outlive e's get_mset.
  void AddTo(Xapian::Enquire* e);
  // As FacetSpy::Result.
  std::vector<Facet> Result(const Xapian::Database& db, const schema::ItemStore& items,
                            std::size_t top) const;

 private:
  bool slots_;
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // by FacetFields()
  FacetSpy terms_;
};

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_FACETS_H_
