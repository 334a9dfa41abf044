// Turns a parsed query into a Xapian query: free-text words go through the one Analyzer
// (surface > lemma > compound part, title and decision boosts, synonyms from corpus/),
// fields become boolean filter terms or date ranges with the schema's prefixes and slots.
// Also records what a snippet should mark and which words a spelling suggestion may fix.
#ifndef PROTOKOLL_QUERY_QUERY_BUILDER_H_
#define PROTOKOLL_QUERY_QUERY_BUILDER_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "protokoll/status.h"
#include "protokoll/stemming/analyzer.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "query_parser.h"

namespace protokoll::query {

// What in a text counts as a match of the query, for snippets and KWIC.
struct Highlight {
  std::unordered_set<std::string> terms;          // a token matches if one of its terms is here
  std::vector<std::string> prefixes;              // wildcards: a surface starting with one
  std::vector<std::vector<std::string>> phrases;  // runs of surface forms
  bool empty() const { return terms.empty() && prefixes.empty() && phrases.empty(); }
};

// A free-text word of the query and where it is, for "did you mean".
struct QueryWord {
  std::string folded;
  std::size_t begin = 0, end = 0;
  bool indexed = false;  // the index has the word: a form, a lemma, a part, or a term it begins
};

struct BuiltQuery {
  Xapian::Query query;
  bool has_text = false;   // some part is ranked free text (else: filters only)
  bool relaxable = false;  // the default AND joins words: an OR fallback exists
  Highlight highlight;
  std::vector<QueryWord> words;
  std::vector<std::string> notes;  // said to the user: fuzzy names, unknown bodies
};

class QueryBuilder {
 public:
  // phrase_terms: PhraseTermsIndexed(db), which a caller that builds many queries on one
  // open database reads once.
  // vocabulary: the stored analyses of db's words (Searcher::OpenVocabulary, which keeps
  // them between queries); null reads them from db each time.
  QueryBuilder(stemming::Analyzer* analyzer, const Xapian::Database& db, bool phrase_terms,
               stemming::Vocabulary* vocabulary = nullptr);

  // Did the index make one term of each multi-word synonym with this build's synonym table?
  static bool PhraseTermsIndexed(const Xapian::Database& db);

  // Builds the query for root. relaxed: the default operator is OR instead of AND.
  Status Build(const Node& root, bool relaxed, BuiltQuery* out);
  // The filter for one field value (kommun:Berg, --county jämtland, datum:2019..2020).
  Status Filter(Field field, std::string_view value, bool wildcard, Xapian::Query* out,
                std::vector<std::string>* notes);

 private:
  struct Part {
    Xapian::Query query;
    bool filter = false;    // boolean, no weight
    bool stopword = false;  // only stopwords: dropped when other words are there
    bool empty = false;     // nothing searchable (punctuation)
  };
  Status Visit(const Node& node, Part* out);
  Status VisitAnd(const Node& node, Part* out);
  Part Word(Field field, const Node& node);
  Part Phrase(Field field, std::string_view text, bool record);
  Xapian::Query Positional(Field field, const Node& node);
  Xapian::Query Synonyms(Field field, const std::string& folded);
  // *starts_terms: whether any term of the index begins with the word.
  Xapian::Query Unsplit(const std::string& prefix, const stemming::Token& token,
                        bool* starts_terms);
  Xapian::Query AbsentCompound(const std::string& prefix, const stemming::Token& token,
                               bool positive);
  // The words of a compound the analyzer could not split for its short head ("förskolekö":
  // "förskola", "kö"), or none.
  std::vector<std::string> ShortHeadSplit(const stemming::Token& token);
  Xapian::Query Apart(const std::string& prefix, const stemming::Token& token, bool highlight);
  // The compound that two adjacent words of the query make in the index ("skol frånvaro":
  // "skolfrånvaro", "elevhälsa chef": "elevhälsochef"), its forms and lemmas; or none.
  Xapian::Query Joined(Field field, const Node& first, const Node& second);
  Status DateRange(std::string_view value, Xapian::Query* out);

  stemming::Analyzer* analyzer_;
  const Xapian::Database& db_;
  using SynonymTable = std::unordered_map<std::string, std::vector<std::string>>;
  const SynonymTable* synonyms_ = nullptr;  // folded term -> expansions, shared by all builders
  bool phrase_terms_ = false;  // multi-word expansions are looked up as schema::PhraseTerm
  std::vector<stemming::Token> tokens_;
  std::optional<stemming::MetadataVocabulary> own_vocabulary_;  // when none was given
  stemming::Vocabulary* vocabulary_;  // the stored analyses of the index's words
  std::vector<stemming::Term> found_;
  bool relaxed_ = false;
  BuiltQuery* out_ = nullptr;
};

// Parses a partial date (YYYY, YYYY-MM, YYYY-MM-DD) to the date slot's "YYYYMMDD" form, the
// first (upper=false) or last day it covers. False if it is not a valid date.
bool PartialDate(std::string_view text, bool upper, std::string* out);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_QUERY_BUILDER_H_
