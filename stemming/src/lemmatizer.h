// Lemmatizer: maps a folded word to its dictionary base forms with hunspell (sv_SE), all of
// them when the word is ambiguous ("slutet" -> "sluten", "slut"), and tells whether hunspell
// accepted the word only as a compound it built itself (then its stems are unreliable and
// the decompounder takes over). Unknown words get the Snowball Swedish stem. Hunspell calls
// cost microseconds, so results are cached per distinct word. Not thread-safe: one per
// Analyzer.
#ifndef PROTOKOLL_STEMMING_SRC_LEMMATIZER_H_
#define PROTOKOLL_STEMMING_SRC_LEMMATIZER_H_

#include <xapian.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compound_lexicon.h"
#include "normalizer.h"
#include "protokoll/status.h"
#include "protokoll/string_hash.h"

class Hunspell;

namespace protokoll::stemming {

class Lemmatizer {
 public:
  struct Entry {
    bool known = false;              // hunspell accepts the word
    bool compound = false;           // ... only as a compound of dictionary words
    std::vector<std::string> stems;  // folded lemmas (empty when unknown)
    std::vector<std::string> bases;  // hunspell's own stems, before derived words are told apart
    // A word of hunspell's own: known, and not only as a compound it built.
    bool OwnWord() const { return known && !compound; }
  };

  // Opens dir/sv_SE.{aff,dic}. cache_entries bounds the per-word cache (0: no cache).
  static Status Open(const std::string& dir, std::size_t cache_entries,
                     std::unique_ptr<Lemmatizer>* lemmatizer);
  ~Lemmatizer();

  // Hunspell's view of a folded word. The reference stays valid until Trim().
  const Entry& Lookup(std::string_view word);

  // Tells -a nouns ("hälsa": "hälsovård") from verbs, so that the -an verbal nouns
  // ("början", "önskan") get a lemma of their own while "hälsan" stays a form of "hälsa".
  // Without it, every -an form is taken for a form of its stem.
  void SetNounTest(std::function<bool(std::string_view)> noun) { noun_ = std::move(noun); }

  // Is a folded word in -a a verb: does hunspell derive a present tense from it ("planera":
  // "planerar"; not "gamla")?
  bool IsVerb(const std::string& word);
  // Is a folded word in -a a noun: does it have an -or plural ("kvinna", "docka"; not "börja")?
  bool IsNounInA(std::string_view word);

  // Does the dictionary have a definite form of a folded word, of which the word is the stem
  // ("kvittens": "kvittensen"; not "barns", a genitive)?
  bool HasOwnDefinite(std::string_view word);

  // The Snowball Swedish stem (for words hunspell does not know).
  std::string Snowball(const std::string& word);

  // Empties the cache when it is over its bound; call between words, never while holding a
  // reference from Lookup().
  void Trim();

 private:
  Lemmatizer(std::unique_ptr<Hunspell> hunspell, std::size_t cache_entries);
  // Is word a form hunspell has itself, not a compound it built?
  bool KnownForm(const std::string& word);
  void Compute(const std::string& word, Entry* entry);

  std::unique_ptr<Hunspell> hunspell_;
  Xapian::Stem snowball_;
  Normalizer normalizer_;
  std::size_t cache_entries_;
  std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> cache_;
  Entry scratch_;  // the answer when caching is off
  std::function<bool(std::string_view)> noun_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_LEMMATIZER_H_
