#include "topics.h"

#include <algorithm>
#include <map>
#include <memory>

namespace protokoll::indexer {

TopicMatcher::TopicMatcher(stemming::Analyzer* analyzer, const std::vector<corpus::Topic>& topics)
    : analyzer_(analyzer) {
  std::vector<stemming::Token> tokens;
  for (const auto& t : topics) {
    Topic topic{t.name, {}};
    for (const auto& kw : t.keywords) {
      analyzer_->Analyze(kw, &tokens);
      Keyword k;
      for (const auto& tok : tokens) {
        if (tok.stopword && tokens.size() > 1) continue;
        TermSet set;
        for (const auto& term : tok.terms) set.push_back(term.text);
        if (!set.empty()) k.words.push_back(std::move(set));
      }
      if (!k.words.empty()) topic.keywords.push_back(std::move(k));
    }
    topics_.push_back(std::move(topic));
  }
}

TopicMatcher& TopicMatcher::For(stemming::Analyzer* analyzer) {
  thread_local std::map<stemming::Analyzer*, std::unique_ptr<TopicMatcher>> matchers;
  auto& m = matchers[analyzer];
  if (!m) m = std::make_unique<TopicMatcher>(analyzer, corpus::Topics());
  return *m;
}

void TopicMatcher::Index(std::string_view text) {
  analyzer_->Analyze(text, &tokens_);
  postings_.clear();
  for (const auto& tok : tokens_) {
    for (const auto& term : tok.terms) postings_.emplace_back(term.text, tok.position);
  }
  std::sort(postings_.begin(), postings_.end());
  postings_.erase(std::unique(postings_.begin(), postings_.end()), postings_.end());
}

double TopicMatcher::Count(const Keyword& k) const {
  auto positions = [this](const TermSet& set) {
    std::vector<uint32_t> out;
    for (const auto& term : set) {
      auto it =
          std::lower_bound(postings_.begin(), postings_.end(), std::make_pair(term, uint32_t{0}));
      for (; it != postings_.end() && it->first == term; ++it) out.push_back(it->second);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  std::vector<uint32_t> first = positions(k.words[0]);
  if (k.words.size() == 1) return static_cast<double>(first.size());
  // A phrase: every word within a small window of the first one.
  const uint32_t window = static_cast<uint32_t>(k.words.size()) + 2;
  std::vector<std::vector<uint32_t>> rest;
  for (std::size_t i = 1; i < k.words.size(); ++i) rest.push_back(positions(k.words[i]));
  double hits = 0;
  for (uint32_t p : first) {
    bool all = true;
    for (const auto& r : rest) {
      auto it = std::lower_bound(r.begin(), r.end(), p > window ? p - window : 0);
      if (it == r.end() || *it > p + window) {
        all = false;
        break;
      }
    }
    hits += all;
  }
  return hits;
}

std::vector<TopicScore> TopicMatcher::Match(std::string_view title, std::string_view text) {
  std::vector<double> scores(topics_.size(), 0);
  // Title words weigh three times; the title line is part of the text too.
  Index(title);
  for (std::size_t t = 0; t < topics_.size(); ++t) {
    for (const auto& k : topics_[t].keywords) scores[t] += 2 * Count(k);
  }
  Index(text);
  for (std::size_t t = 0; t < topics_.size(); ++t) {
    for (const auto& k : topics_[t].keywords) scores[t] += Count(k);
  }
  std::vector<TopicScore> out;
  for (std::size_t t = 0; t < topics_.size(); ++t) {
    if (scores[t] >= 2) out.push_back({topics_[t].name, scores[t]});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TopicScore& a, const TopicScore& b) { return a.score > b.score; });
  return out;
}

}  // namespace protokoll::indexer
