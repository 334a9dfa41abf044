// Analyzer: the one chain that turns Swedish text into index terms, used by the indexer on
// documents and by the query tools on queries, so a query word and the text it should match
// always meet the same code. Tokenize (ICU word breaks) -> normalize (NFC, case fold) ->
// lemmatize -> decompound. Each token keeps its byte offsets for snippets and KWIC.
#ifndef PROTOKOLL_STEMMING_ANALYZER_H_
#define PROTOKOLL_STEMMING_ANALYZER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::stemming {

enum class TokenType : uint8_t {
  kWord,    // letters: "sprutbyte"
  kNumber,  // digits, dates and numbers: "2020-09-25", "48"
  kCode,    // mixed letters and digits or signs: "covid-19", "sou 2020:47", "§48"
};

// Weight (within-document frequency) of a term: exact forms outrank compound parts.
inline constexpr int kFullWeight = 2;
inline constexpr int kPartWeight = 1;

// A compound part is a term of its own, the mark then the part's base word ("~sprutbyte"),
// so a compound never shares a term with the plain word: a query for "sprutbyte" asks for
// both terms and ranks the part match lower, and two compounds share only their parts.
inline constexpr char kPartMark = '~';
inline std::string PartTerm(std::string_view word) { return kPartMark + std::string(word); }
// The word of a part term ("~sprutbyte" -> "sprutbyte"); any other term as it is.
inline std::string_view PartWord(std::string_view term) {
  if (!term.empty() && term[0] == kPartMark) term.remove_prefix(1);
  return term;
}

struct Term {
  std::string text;  // the index term, without field prefix
  int weight = kFullWeight;
  bool positional = false;  // the token's surface form; carries the position for phrases
};

struct Token {
  std::string text;       // surface form: NFC, case-folded
  std::size_t begin = 0;  // byte offset of the token in the analyzed text
  std::size_t end = 0;    // byte offset one past the token
  uint32_t position = 0;  // 1-based word position in the analyzed text
  TokenType type = TokenType::kWord;
  bool stopword = false;    // a stopword still gets its surface term (for phrases)
  std::vector<Term> terms;  // surface first, then lemmas, then compound parts (PartTerm)
};

// Finished analyses of words, consulted before the dictionary: an index keeps one for its
// vocabulary, so a query tool need not load hunspell for the words the index has seen.
class Vocabulary {
 public:
  virtual ~Vocabulary() = default;
  // The terms of a folded, non-stopword word (without its surface form), if known.
  virtual bool Find(std::string_view word, std::vector<Term>* terms) = 0;
};

// A word's terms as one string for a Vocabulary store, and back (false if malformed).
std::string EncodeTerms(const std::vector<Term>& terms);
bool DecodeTerms(std::string_view encoded, std::vector<Term>* terms);

struct AnalyzerOptions {
  // Folder holding the hunspell dictionary sv_SE.aff/sv_SE.dic (Debian's hunspell-sv).
  std::string hunspell_dir = "/usr/share/hunspell";
  // Split compounds into their parts (indexed at kPartWeight).
  bool decompound = true;
  // A compound's modifier ("sprutbyte" in "sprutbytesprogrammet") becomes a part term only
  // if at most this many dictionary words begin with it: productive modifiers ("arbets-",
  // "barn-", "själv-") would match thousands of unrelated compounds.
  std::size_t max_modifier_productivity = 20;
  // ... and only if its base word has at least this many letters: short modifiers are
  // generic roots ("abort", "debatt") whose part matches mostly mislead.
  std::size_t min_modifier_letters = 8;
  // Distinct words whose analysis is kept; analysis of a repeated word is then a lookup.
  std::size_t cache_entries = 1 << 18;
  // Consulted before the dictionary, which is then loaded only for words it lacks. Not owned.
  Vocabulary* vocabulary = nullptr;
  // Keep each word analyzed with the dictionary for TakeNewWords().
  bool record_new_words = false;
};

struct WordEntry {
  std::string word;         // folded surface form
  std::vector<Term> terms;  // its terms besides the surface form
};

class Analyzer {
 public:
  // Opens an analyzer; fails if the dictionary cannot be read. The dictionary itself is
  // loaded when the first word needs it. One analyzer per thread.
  static Status Open(const AnalyzerOptions& options, std::unique_ptr<Analyzer>* analyzer);

  virtual ~Analyzer() = default;

  // Splits UTF-8 text (invalid bytes tolerated) into tokens with their terms; clears tokens.
  virtual void Analyze(std::string_view text, std::vector<Token>* tokens) = 0;

  // Case-folds and NFC-normalizes text, as tokens are (for exact-value filters).
  virtual std::string Fold(std::string_view text) const = 0;

  // With record_new_words: moves out the words analyzed with the dictionary since the last
  // call (each once while it stays cached), for a Vocabulary store.
  virtual void TakeNewWords(std::vector<WordEntry>* words) = 0;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_ANALYZER_H_
