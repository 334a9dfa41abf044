// Tokenizer: splits UTF-8 text into word, number and code tokens on ICU's word
// BreakIterator (or the same rules applied directly, for common characters), then rejoins what ICU
// cuts apart but a searcher sees as one thing: dates and codes ("2020-09-25", "covid-19",
// "2020:47"), section marks with their number ("§ 48" -> "§48"), and words with invisible
// characters inside. A word broken across lines with a hyphen is reported as two tokens, the second
// marked, so the caller (who knows the dictionary) decides whether to join them. Offsets always
// point into the original text.
#ifndef PROTOKOLL_STEMMING_SRC_TOKENIZER_H_
#define PROTOKOLL_STEMMING_SRC_TOKENIZER_H_

#include <unicode/brkiter.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/status.h"
#include "protokoll/stemming/analyzer.h"

namespace protokoll::stemming {

struct RawToken {
  std::size_t begin = 0;  // byte offsets into the original text
  std::size_t end = 0;
  TokenType type = TokenType::kWord;
  // The token's characters as written, without ignorables and joined over breaks; not yet
  // folded. "§ 48" gives "§48".
  std::string text;
  // This word follows the previous one over "-" + line break ("famil-\njehem").
  bool after_line_hyphen = false;
};

class Tokenizer {
 public:
  static Status Open(std::unique_ptr<Tokenizer>* tokenizer);

  // Fills *tokens (reusing its elements' storage) and returns how many are valid.
  std::size_t Tokenize(std::string_view text, std::vector<RawToken>* tokens);

  // Text of common characters (ASCII, Latin-1 letters, a few punctuation marks) is split by
  // the word rules applied here rather than by ICU, with the same result and several times
  // faster; false makes every text go through ICU (for tests that compare the two).
  void set_simple_segments(bool on) { simple_segments_ = on; }

 private:
  explicit Tokenizer(std::unique_ptr<icu::BreakIterator> words) : words_(std::move(words)) {}

  struct Segment {
    std::size_t begin;
    std::size_t end;
    bool word;  // letters or digits (ICU rule status >= UBRK_WORD_NUMBER)
  };

  std::unique_ptr<icu::BreakIterator> words_;
  std::vector<Segment> segments_;  // reused between calls
  bool simple_segments_ = true;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_TOKENIZER_H_
