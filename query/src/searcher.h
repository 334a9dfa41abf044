// Searcher: opens the database and the analyzer, turns the options (query, filters, prefer,
// recent) into one Xapian query, and runs it: a ranked page of hits with snippets and facets
// for search, or every match in order for timeline, stats and kwic. Xapian errors become a
// Status here, so nothing above it sees an exception.
#ifndef PROTOKOLL_QUERY_SEARCHER_H_
#define PROTOKOLL_QUERY_SEARCHER_H_

#include <xapian.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "facets.h"
#include "item_store.h"
#include "protokoll/query/options.h"
#include "protokoll/status.h"
#include "protokoll/stemming/analyzer.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "query_builder.h"
#include "snippets.h"

namespace protokoll::query {

struct Hit {
  int rank = 0;  // 1-based, counting the offset
  double score = 0;
  std::string meta;  // the item's metadata JSON, as the indexer stored it
  std::string text;  // the item's text
  Snippet snippet;
  long long generation = -1;  // with QueryOptions::generations: the item's (0 if unknown)
  std::string added;          // ... and that generation's UTC time ("" if unknown)
};

struct SearchResult {
  std::string query;
  Xapian::doccount total = 0;  // matching items (meetings with --collapse); see total_exact
  bool total_exact = true;     // false: total is Xapian's estimate (large answers)
  SortOrder sort = SortOrder::kRelevance;  // the order applied (filters alone: by date)
  std::vector<Hit> hits;
  bool facets_requested = false;
  std::vector<Facet> facets;
  std::optional<std::string> suggestion;  // the query with misspelt words corrected
};

// One matching item, for the commands that walk the whole match set.
struct Match {
  Xapian::docid did = 0;
  Xapian::Document doc;
  double score = 0;
};

class Searcher {
 public:
  // Opens the database at path (with the schema check) and its item store; errors name the
  // path, and for a stub database (path/XAPIANDB) the shard that does not answer. With
  // allow_partial such shards are left out instead, their lines in *missing (may be null).
  static Status OpenDatabase(const std::string& path, Xapian::Database* db,
                             std::unique_ptr<schema::ItemStore>* items, bool allow_partial = false,
                             std::vector<std::string>* missing = nullptr);
  // The analyses of the words of db, as the indexer stored them.
  // Answers are kept for the session; MetadataVocabulary::Forget() when db has new words.
  static std::unique_ptr<stemming::MetadataVocabulary> OpenVocabulary(const Xapian::Database& db);
  // Opens the analyzer the query tools use; vocabulary (may be null) must outlive it.
  static Status OpenAnalyzer(stemming::Vocabulary* vocabulary,
                             std::unique_ptr<stemming::Analyzer>* analyzer);
  // Builds the query (with flags, prefer, recent) on an open database, its item store, an
  // analyzer and db's vocabulary (OpenVocabulary; may be null), which must outlive the
  // searcher. phrase_terms: QueryBuilder::PhraseTermsIndexed(db), read once for the database.
  static Status Open(const QueryOptions& options, const Xapian::Database& db,
                     const schema::ItemStore& items, stemming::Analyzer* analyzer,
                     stemming::Vocabulary* vocabulary, bool phrase_terms,
                     std::unique_ptr<Searcher>* out);
  ~Searcher();

  // One page of ranked hits (options.offset, options.limit) with snippets, facets, suggestion.
  Status Search(SearchResult* result);
  // Calls fn for every matching item in order (exact: the whole match set), until it
  // returns false.
  Status ForEach(SortOrder order, const std::function<bool(const Match&)>& fn);

  const Highlight& highlight() const { return built_.highlight; }
  const std::vector<std::string>& notes() const { return notes_; }
  stemming::Analyzer* analyzer() { return analyzer_; }
  const Xapian::Database& db() const { return db_; }
  const schema::ItemStore& items() const { return *items_; }
  Xapian::doccount doccount() const { return db_.get_doccount(); }
  // Whether the database's items carry facet slots (facets.h), looked up once.
  bool FacetSlots();

 private:
  Searcher() = default;
  Status Prepare();
  Xapian::Query Compose(const Xapian::Query& core);
  // The order a search asked for as it is run: a query of filters alone is in date order.
  SortOrder Effective(SortOrder order) const;
  // With tie_key, equal scores of the relevance order come in the order of the items' keys
  // (kItemKeySlot), which costs a value read for each match Xapian considers; without, in
  // docid order.
  Xapian::Enquire MakeEnquire(const Xapian::Query& query, SortOrder order, bool tie_key = true);
  std::optional<std::string> Suggest();
  // kLimitExceeded once options.time_limit has passed since Open.
  Status CheckTime() const;

  QueryOptions options_;
  Xapian::Database db_;
  const schema::ItemStore* items_ = nullptr;
  stemming::Analyzer* analyzer_ = nullptr;
  std::unique_ptr<QueryBuilder> builder_;
  Node root_;
  bool has_root_ = false;
  BuiltQuery built_;
  Xapian::Query flags_filter_;  // --kommun --county --topic --body --from --to
  Xapian::Query prefer_;        // --prefer, boolean
  std::vector<std::string> notes_;
  std::chrono::steady_clock::time_point deadline_;  // with options_.time_limit > 0
  std::optional<bool> facet_slots_;
};

// Parses a document's metadata JSON into the item record (protokoll/item_record.h): its
// fields in order, missing ones as the record's "absent" says (null; dnr: an empty list).
nlohmann::ordered_json MetaJson(std::string_view meta);
// MetaJson of document did's data in items; its text into *text when not null.
nlohmann::ordered_json HitData(const schema::ItemStore& items, Xapian::docid did,
                               std::string* text);
// The same from the match's document (of an MSet that fetched it, for remote shards).
nlohmann::ordered_json HitData(const schema::ItemStore& items, const Match& match,
                               std::string* text);

// Runs fn, turning Xapian and standard exceptions into a Status.
Status Guard(const std::function<Status()>& fn);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_SEARCHER_H_
