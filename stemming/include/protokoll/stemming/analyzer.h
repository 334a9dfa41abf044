// Analyzer: the one chain that turns Swedish text into index terms, used by the indexer on
// documents and by the query tools on queries, so a query word and the text it should match
// always meet the same code. Tokenize (ICU word breaks) -> normalize (NFC, case fold) ->
// lemmatize (Apertium's analyser for lemma + part of speech, hunspell for the words it
// lacks) -> decompound. Each token keeps its byte offsets for snippets and KWIC.
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

// A lemma term carries its part of speech after this mark ("lag#n", "laga#v"), so that
// homographs with one spelling of lemma but different words stay apart: "lagar" has both,
// "lag" only the noun, "laga" only the verb. Lemmas of unknown part of speech have none.
// A noun that is two nouns of either gender adds the gender ("lag#n.ut" a law, "lag#n.nt" a
// team).
inline constexpr char kPosMark = '#';
inline std::string LemmaTerm(std::string_view lemma, std::string_view pos) {
  std::string out(lemma);
  if (!pos.empty()) out.append(1, kPosMark).append(pos);
  return out;
}

// The word of a term: without the part mark and the part of speech ("~sprutbyte" and
// "sprutbyte#n" -> "sprutbyte").
inline std::string_view TermWord(std::string_view term) {
  if (!term.empty() && term[0] == kPartMark) term.remove_prefix(1);
  return term.substr(0, term.find(kPosMark));
}
// The part term of a word or of a lemma term ("lag#n" -> "~lag"): a compound's parts carry
// no part of speech, as the modifier of a compound has none of its own.
inline std::string PartTerm(std::string_view word) {
  return kPartMark + std::string(TermWord(word));
}
// A verb that a word comes from without being one of its forms (the participle "godkänd",
// the passive "krävs" beside the deponent "krävas") is a part that keeps its part of speech
// ("~godkänna#v"): it names the verb, as the verb's own lemma term does.
inline std::string VerbPartTerm(std::string_view verb) {
  return kPartMark + LemmaTerm(TermWord(verb), "v");
}
// The part terms a full term meets: its word as a compound's part ("~godkänna"), and a
// verb's lemma term also as a verb part ("godkänna#v" -> "~godkänna#v").
inline std::vector<std::string> PartTermsOf(std::string_view term) {
  std::vector<std::string> out{PartTerm(term)};
  if (term.ends_with("#v") && term[0] != kPartMark) out.push_back(VerbPartTerm(term));
  return out;
}
// The word of a part term ("~sprutbyte" -> "sprutbyte", "~godkänna#v" -> "godkänna#v");
// any other term as it is.
inline std::string_view PartWord(std::string_view term) {
  if (!term.empty() && term[0] == kPartMark) term.remove_prefix(1);
  return term;
}

// The abbreviation or code an inflection after a colon belongs to, as Swedish writes them
// ("SKR:s" -> "SKR", "SMS:et", "covid-19:s"); empty for other colons ("S:t", "2020:47").
std::string_view ColonInflectionBase(std::string_view word);

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

// Word analyses that the analyzers of several threads share, so that a word one of them
// analyzed is a lookup for the others (the workers of one indexing run). Give one only to
// analyzers of the same options. Thread-safe.
class SharedAnalyses {
 public:
  SharedAnalyses();
  ~SharedAnalyses();
  SharedAnalyses(const SharedAnalyses&) = delete;
  SharedAnalyses& operator=(const SharedAnalyses&) = delete;

  struct Store;  // defined by the analyzer
  Store& store() { return *store_; }

 private:
  std::unique_ptr<Store> store_;
};

struct AnalyzerOptions {
  // Folder holding the hunspell dictionary sv_SE.aff/sv_SE.dic (Debian's hunspell-sv).
  std::string hunspell_dir = "/usr/share/hunspell";
  // Apertium's compiled Swedish analyser (Debian's apertium-swe-nor), for lemmas with their
  // part of speech; without it (empty or unreadable) hunspell's roots serve alone.
  std::string morphology_path = "/usr/share/apertium/apertium-swe-nor/swe-nob.automorf.bin";
  // Split compounds into their parts (indexed at kPartWeight).
  bool decompound = true;
  // A compound's modifier ("sprutbyte" in "sprutbytesprogrammet", "barn" in "barnomsorgen")
  // becomes a part term if at most this many dictionary words begin with it. Every modifier
  // by default: a part term ranks below the word itself, and a searcher for "utbildning"
  // wants "utbildningsnämnden".
  std::size_t max_modifier_productivity = SIZE_MAX;
  // ... and if its base word has at least this many letters.
  std::size_t min_modifier_letters = 3;
  // Modifiers become part terms at all (false: only the head and its own parts).
  bool modifier_parts = true;
  // Distinct words whose analysis is kept; analysis of a repeated word is then a lookup.
  std::size_t cache_entries = 1 << 18;
  // Consulted before the dictionary, which is then loaded only for words it lacks. Not owned.
  Vocabulary* vocabulary = nullptr;
  // Keep each word analyzed with the dictionary for TakeNewWords().
  bool record_new_words = false;
  // Consulted for a word this analyzer has not seen yet, and given what it analyzes; what it
  // returns is what the word's analysis would be. Not owned.
  SharedAnalyses* shared = nullptr;
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
