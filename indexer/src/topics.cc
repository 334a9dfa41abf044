#include "topics.h"

#include <algorithm>
#include <map>
#include <memory>

namespace protokoll::indexer {

namespace {

// Whether a one-word keyword is an abbreviation: two capitals or more ("SoL", "LSS", "FoU").
bool IsAbbreviation(std::string_view keyword, const std::vector<stemming::Token>& tokens) {
  if (tokens.size() != 1) return false;
  int capitals = 0;
  for (char c : keyword) capitals += c >= 'A' && c <= 'Z';
  return capitals >= 2;
}

// The word as an abbreviation is written: as the keyword, or in capitals ("SOL" for "SoL").
bool WrittenAs(std::string_view word, std::string_view written) {
  if (word == written) return true;
  if (word.size() != written.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char w = written[i];
    const char upper = w >= 'a' && w <= 'z' ? static_cast<char>(w - 32) : w;
    if (word[i] != upper) return false;
  }
  return true;
}

}  // namespace

TopicMatcher::TopicMatcher(stemming::Analyzer* analyzer, const std::vector<corpus::Topic>& topics)
    : analyzer_(analyzer) {
  std::vector<stemming::Token> tokens;
  for (const auto& t : topics) {
    const std::size_t topic = names_.size();
    names_.push_back(t.name);
    for (const auto& kw : t.keywords) {
      analyzer_->Analyze(kw, &tokens);
      const auto keyword = static_cast<uint32_t>(keywords_.size());
      const bool abbreviation = IsAbbreviation(kw, tokens);
      uint32_t word = 0;
      for (const auto& tok : tokens) {
        if (tok.stopword && tokens.size() > 1) continue;
        if (tok.terms.empty()) continue;
        auto add = [&](const std::string& text) {
          auto& occurrences = index_[text];
          Occurrence o{keyword, word};
          bool dup = std::any_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& x) {
            return x.keyword == o.keyword && x.word == o.word;
          });
          if (!dup) occurrences.push_back(o);
        };
        if (abbreviation) {
          add(tok.text);  // its surface term alone
          ++word;
          continue;
        }
        for (const auto& term : tok.terms) {
          // A keyword's own compound parts are not the topic: "bostadssocial" is no match
          // for "social", nor "kompetensförsörjning" for "försörjningsstöd".
          if (term.weight < stemming::kFullWeight) continue;
          add(term.text);
          // A word of the text with the keyword as its part is: "sprutbyte" in
          // "sprutbytesprogrammet" counts for the keyword "sprutbyte".
          for (const std::string& part : stemming::PartTermsOf(term.text)) add(part);
        }
        ++word;
      }
      if (word == 0) continue;
      keywords_.push_back({topic, word, abbreviation ? kw : std::string()});
    }
  }
  hits_.resize(keywords_.size());
  for (std::size_t k = 0; k < keywords_.size(); ++k) hits_[k].resize(keywords_[k].words);
}

TopicMatcher& TopicMatcher::For(stemming::Analyzer* analyzer) {
  thread_local std::map<stemming::Analyzer*, std::unique_ptr<TopicMatcher>> matchers;
  auto& m = matchers[analyzer];
  if (!m) m = std::make_unique<TopicMatcher>(analyzer, corpus::Topics());
  return *m;
}

void TopicMatcher::Score(std::string_view text, const std::vector<stemming::Token>& tokens,
                         double factor, std::vector<double>* scores) {
  touched_.clear();
  for (const auto& tok : tokens) {
    for (const auto& term : tok.terms) {
      auto it = index_.find(term.text);
      if (it == index_.end()) continue;
      for (const Occurrence& o : it->second) {
        const std::string& written = keywords_[o.keyword].written;
        if (!written.empty() && (!term.positional || tok.end > text.size() ||
                                 !WrittenAs(text.substr(tok.begin, tok.end - tok.begin), written)))
          continue;
        auto& positions = hits_[o.keyword][o.word];
        // Several terms of one token may meet the same keyword word: count the token once.
        if (!positions.empty() && positions.back() == tok.position) continue;
        if (positions.empty()) touched_.push_back(o.keyword);
        positions.push_back(tok.position);
      }
    }
  }
  std::sort(touched_.begin(), touched_.end());
  touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
  for (uint32_t k : touched_) {
    auto& words = hits_[k];
    double hits = 0;
    if (words.size() == 1) {
      hits = static_cast<double>(words[0].size());
    } else {
      // A phrase: every word within a small window of the first one.
      const auto window = static_cast<uint32_t>(words.size()) + 2;
      for (uint32_t p : words[0]) {
        bool all = true;
        for (std::size_t w = 1; w < words.size() && all; ++w) {
          auto at = std::lower_bound(words[w].begin(), words[w].end(), p > window ? p - window : 0);
          all = at != words[w].end() && *at <= p + window;
        }
        hits += all;
      }
    }
    (*scores)[keywords_[k].topic] += factor * hits;
    for (auto& positions : words) positions.clear();
  }
}

std::vector<TopicScore> TopicMatcher::Match(std::string_view title,
                                            const std::vector<stemming::Token>& title_tokens,
                                            std::string_view text,
                                            const std::vector<stemming::Token>& text_tokens) {
  std::vector<double> scores(names_.size(), 0);
  // Title words weigh three times; the title line is part of the text too.
  Score(title, title_tokens, 2, &scores);
  Score(text, text_tokens, 1, &scores);
  std::vector<TopicScore> out;
  for (std::size_t t = 0; t < names_.size(); ++t) {
    if (scores[t] >= 2) out.push_back({names_[t], scores[t]});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TopicScore& a, const TopicScore& b) { return a.score > b.score; });
  return out;
}

std::vector<TopicScore> TopicMatcher::Match(std::string_view title, std::string_view text) {
  analyzer_->Analyze(title, &title_tokens_);
  analyzer_->Analyze(text, &text_tokens_);
  return Match(title, title_tokens_, text, text_tokens_);
}

}  // namespace protokoll::indexer
