// Lexicon data for analysis and ranking, loaded from corpus/data/ (compiled into the tools):
// the topic taxonomy (topic -> keywords) and acronym/synonym expansions used at query time.
#ifndef PROTOKOLL_CORPUS_LEXICON_H_
#define PROTOKOLL_CORPUS_LEXICON_H_

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::corpus {

struct Topic {
  std::string name;                   // "psykisk hälsa"
  std::vector<std::string> keywords;  // base forms: "psykisk ohälsa", "psykiatri"
};

struct Synonym {
  std::string term;                     // "SoL"
  std::vector<std::string> expansions;  // "socialtjänstlagen"
};

// The topic taxonomy, in file order.
const std::vector<Topic>& Topics();
// The synonym table, in file order.
const std::vector<Synonym>& Synonyms();
// A fingerprint of the synonym table: an index built with another table has other phrase
// terms (schema::kPhrasePrefix).
std::string SynonymsFingerprint();

// Parses topics.tsv / synonyms.tsv text (formats in corpus/README.md).
std::vector<Topic> ParseTopics(std::string_view tsv);
std::vector<Synonym> ParseSynonyms(std::string_view tsv);

}  // namespace protokoll::corpus

#endif  // PROTOKOLL_CORPUS_LEXICON_H_
