// Topics of items and meetings from the taxonomy in corpus/ (corpus::Topics()), matched
// through the Swedish analyzer: an item matches a keyword when the terms of its words meet
// the keyword's terms (lemmas and compound parts, so "sprutbytesprogrammet" counts for
// "sprutbyte", though a keyword's own parts are no match); an abbreviation ("SoL") matches only
// as written; a keyword of several words matches where all of them occur near each other.
#ifndef PROTOKOLL_INDEXER_TOPICS_H_
#define PROTOKOLL_INDEXER_TOPICS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protokoll/corpus/lexicon.h"
#include "protokoll/stemming/analyzer.h"

namespace protokoll::indexer {

struct TopicScore {
  std::string topic;
  double score = 0;
};

class TopicMatcher {
 public:
  // Analyzes the keywords once; the analyzer must outlive the matcher.
  TopicMatcher(stemming::Analyzer* analyzer, const std::vector<corpus::Topic>& topics);

  // The matcher for this analyzer and corpus::Topics(), built once per analyzer and thread.
  static TopicMatcher& For(stemming::Analyzer* analyzer);

  // Topics of an item, strongest first; title words weigh more than body words.
  std::vector<TopicScore> Match(std::string_view title, std::string_view text);
  // The same on tokens the caller has analyzed already (the document writer's), of title and
  // text.
  std::vector<TopicScore> Match(std::string_view title,
                                const std::vector<stemming::Token>& title_tokens,
                                std::string_view text,
                                const std::vector<stemming::Token>& text_tokens);

 private:
  struct Keyword {
    std::size_t topic = 0;
    std::size_t words = 0;  // words of the keyword: 1, or a phrase
    // An abbreviation ("SoL", "LSS", "KAST"): met only by the word as written or in
    // capitals, not by its lowercase namesakes ("sol", "kast") nor as a compound's part
    // ("solceller").
    std::string written;
  };
  // Where a term occurs in the keywords: keyword k, its word w.
  struct Occurrence {
    uint32_t keyword;
    uint32_t word;
  };
  // Adds the keyword hits of tokens (of text), times factor, to scores.
  void Score(std::string_view text, const std::vector<stemming::Token>& tokens, double factor,
             std::vector<double>* scores);

  stemming::Analyzer* analyzer_;
  std::vector<std::string> names_;
  std::vector<Keyword> keywords_;
  std::unordered_map<std::string, std::vector<Occurrence>> index_;
  // Per keyword and word: token positions of the text being scored (reused).
  std::vector<std::vector<std::vector<uint32_t>>> hits_;
  std::vector<uint32_t> touched_;
  std::vector<stemming::Token> title_tokens_, text_tokens_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_TOPICS_H_
