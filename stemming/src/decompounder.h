// Decompounder: the pure algorithm that splits a Swedish compound into dictionary parts,
// "sprutbytesprogrammet" -> sprutbytes (= sprutbyte + linking s) | programmet. The head is
// the longest tail that is itself a word form allowed to end a compound; what precedes it
// must be made of forms the dictionary allows at the start or inside a compound, each of at
// least min_part letters. These guards keep look-alikes apart: "förslag" has no split
// ("för" is not a compound-initial form), "beslut" and "anställning" would need a 2-letter
// part, and "vårdavgifterna" takes the longest head "avgifterna", never "gifterna".
// The dictionary is behind an interface so tests can use a small made-up one.
#ifndef PROTOKOLL_STEMMING_SRC_DECOMPOUNDER_H_
#define PROTOKOLL_STEMMING_SRC_DECOMPOUNDER_H_

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::stemming {

class CompoundDictionary {
 public:
  virtual ~CompoundDictionary() = default;
  // The dictionary word a compound-initial/-medial form stands for, or nullptr.
  virtual const std::string* ModifierBase(std::string_view form) = 0;
  // True if form is a (non-compound) word form that may end a compound.
  virtual bool IsHead(std::string_view form) = 0;
};

struct CompoundPart {
  std::string form;  // as written in the word: "sprutbytes", "programmet"
  std::string base;  // the dictionary word: "sprutbyte"; for the head, the form itself
};

struct DecompounderOptions {
  // Fewest letters (code points) of every part, base and head.
  std::size_t min_part = 3;
  // Most parts before the head, which bounds the search on long junk words.
  std::size_t max_modifiers = 3;
  // Longer words are not split (the search would only find junk).
  std::size_t max_word_bytes = 80;
};

class Decompounder {
 public:
  Decompounder(CompoundDictionary* dictionary, DecompounderOptions options = {})
      : dictionary_(dictionary), options_(options) {}

  // The parts of word, head last, or nothing if it is not a compound of dictionary words.
  std::vector<CompoundPart> Split(std::string_view word) const;

 private:
  bool SplitModifier(std::string_view modifier, std::size_t depth,
                     std::vector<CompoundPart>* parts) const;

  CompoundDictionary* dictionary_;
  DecompounderOptions options_;
};

// Code points in s (UTF-8).
std::size_t Utf8Length(std::string_view s);

// The length in bytes of the numeral word starts with ("två" of "tvåvåningshus", "fyra" of
// "fyraveckorsschema"), the longest; 0 if none.
std::size_t NumeralPrefix(std::string_view word);

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_DECOMPOUNDER_H_
