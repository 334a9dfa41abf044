#include "facets.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "protokoll/corpus/gazetteer.h"
#include "protokoll/schema.h"

namespace protokoll::query {

namespace schema = protokoll::schema;

const std::array<FacetField, kFacetCount>& FacetFields() {
  // The query language's fields that have a facet, in their order (which is term order, so
  // one pass of skip_to visits them all).
  static const std::array<FacetField, kFacetCount> kFacets = [] {
    std::array<FacetField, kFacetCount> out{};
    std::size_t n = 0;
    for (const FieldDef& f : kFields) {
      if (f.facet_slot != kNoFacet) out[n++] = {f.name, f.prefix, f.facet_slot};
    }
    return out;
  }();
  return kFacets;
}

bool HasFacetSlots(const Xapian::Database& db) {
  // Every dated item has a year, so a schema 8 database of dated minutes has this slot; one
  // without any date is looked at further.
  for (const FacetField& f : FacetFields()) {
    if (db.get_value_freq(f.slot) > 0) return true;
  }
  return false;
}

namespace {

// Calls fn with each value of a facet slot's joined values.
void ForEachJoined(std::string_view joined, const std::function<void(const std::string&)>& fn) {
  while (!joined.empty()) {
    const std::size_t end = joined.find(schema::kFacetSeparator);
    fn(std::string(joined.substr(0, end)));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
}

}  // namespace

void ForEachPrefixed(const Xapian::Document& doc, std::string_view prefix, bool slots,
                     const std::function<void(const std::string&)>& fn) {
  if (slots) {
    for (const FacetField& f : FacetFields()) {
      if (f.prefix == prefix) return ForEachJoined(doc.get_value(f.slot), fn);
    }
  }
  Xapian::TermIterator t = doc.termlist_begin();
  t.skip_to(std::string(prefix));
  for (; t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    if (term.compare(0, prefix.size(), prefix) != 0) break;
    fn(term.substr(prefix.size()));
  }
}

std::string DisplayNames::Get(std::string_view prefix, const std::string& folded) {
  std::string key = std::string(prefix) + folded;
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  std::string name = folded;
  const corpus::Gazetteer& g = corpus::Gazetteer::Default();
  if (prefix == schema::kMunicipalityPrefix) {
    if (const corpus::Municipality* m = g.FindMunicipality(folded)) name = m->name;
  } else if (prefix == schema::kCountyPrefix) {
    std::string c = g.CanonicalCounty(folded);
    if (!c.empty()) name = c;
  } else if (prefix == schema::kBodyPrefix) {
    // As the minutes write it: from the data of one item that has the term.
    Xapian::PostingIterator p = db_.postlist_begin(key);
    if (p != db_.postlist_end(key)) {
      std::string all;
      items_.Get(*p, &all);
      std::string_view json_part, text_part;
      schema::SplitDocData(all, &json_part, &text_part);
      auto data = nlohmann::json::parse(json_part, nullptr, false);
      if (data.is_object() && data.contains("body") && data["body"].is_string()) {
        name = data["body"].get<std::string>();
      }
    }
  }
  cache_[key] = name;
  return name;
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  Xapian::TermIterator t = doc.termlist_begin();
  for (std::size_t f = 0; f < FacetFields().size(); ++f) {
    const std::string prefix(FacetFields()[f].prefix);
    t.skip_to(prefix);
    for (; t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      if (term.compare(0, prefix.size(), prefix) != 0) break;
      ++counts_[f][term.substr(prefix.size())];
    }
    if (t == doc.termlist_end()) break;
  }
}

std::vector<Facet> FacetSpy::Result(const Xapian::Database& db, const schema::ItemStore& items,
                                    std::size_t top) const {
  DisplayNames names(db, items);
  std::vector<Facet> out;
  for (std::size_t f = 0; f < FacetFields().size(); ++f) {
    Facet facet;
    facet.field = FacetFields()[f].name;
    for (const auto& [value, count] : counts_[f]) {
      facet.values.push_back({names.Get(FacetFields()[f].prefix, value), count});
    }
    const bool by_value = FacetFields()[f].prefix == schema::kYearPrefix;
    std::stable_sort(facet.values.begin(), facet.values.end(),
                     [by_value](const FacetValue& a, const FacetValue& b) {
                       if (by_value) return a.value > b.value;
                       return a.count > b.count;
                     });
    if (facet.values.size() > top) facet.values.resize(top);
    out.push_back(std::move(facet));
  }
  return out;
}

FacetCounter::FacetCounter(bool slots) : slots_(slots) {
  if (!slots_) return;
  for (const FacetField& f : FacetFields()) {
    spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(f.slot));
  }
}

void FacetCounter::AddTo(Xapian::Enquire* e) {
  if (!slots_) {
    e->add_matchspy(&terms_);
    return;
  }
  for (const auto& spy : spies_) e->add_matchspy(spy.get());
}

std::vector<Facet> FacetCounter::Result(const Xapian::Database& db, const schema::ItemStore& items,
                                        std::size_t top) const {
  if (!slots_) return terms_.Result(db, items, top);
  // Each combination of values counted once: every value of it gets its count.
  FacetSpy counts;
  for (std::size_t f = 0; f < spies_.size(); ++f) {
    for (auto it = spies_[f]->values_begin(); it != spies_[f]->values_end(); ++it) {
      const Xapian::doccount n = it.get_termfreq();
      ForEachJoined(*it, [&](const std::string& value) { counts.counts_[f][value] += n; });
    }
  }
  return counts.Result(db, items, top);
}

}  // namespace protokoll::query
