// Topics of items and meetings from the taxonomy in corpus/ (corpus::Topics()), matched
// through the Swedish analyzer: an item matches a keyword when the terms of its words meet
// the keyword's terms (lemmas and compound parts, so "sprutbytesprogrammet" counts for
// "sprutbyte"); a keyword of several words matches where all of them occur near each other.
#ifndef PROTOKOLL_INDEXER_TOPICS_H_
#define PROTOKOLL_INDEXER_TOPICS_H_

#include <string>
#include <string_view>
#include <unordered_set>
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

 private:
  using TermSet = std::vector<std::string>;  // the terms of one keyword word
  struct Keyword {
    std::vector<TermSet> words;
  };
  struct Topic {
    std::string name;
    std::vector<Keyword> keywords;
  };
  double Count(const Keyword& k) const;
  void Index(std::string_view text);

  stemming::Analyzer* analyzer_;
  std::vector<Topic> topics_;
  std::vector<stemming::Token> tokens_;
  // term -> positions of the text being matched
  std::vector<std::pair<std::string, uint32_t>> postings_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_TOPICS_H_
