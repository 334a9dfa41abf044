// CompoundLexicon: what hunspell's sv_SE dictionary says about compounding, read from its
// .aff/.dic files because hunspell's API does not expose it. A word may start or sit inside
// a compound when it carries the COMPOUNDBEGIN/COMPOUNDMIDDLE flag, directly or through a
// suffix rule that makes its joining form ("sprutbyte" -> "sprutbytes-", "tjänst" ->
// "tjänste-"); it may end one when it carries COMPOUNDEND. The lexicon is immutable and
// shared by all analyzers of a process (it is ~10 MB).
#ifndef PROTOKOLL_STEMMING_SRC_COMPOUND_LEXICON_H_
#define PROTOKOLL_STEMMING_SRC_COMPOUND_LEXICON_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "protokoll/status.h"
#include "protokoll/string_hash.h"

namespace protokoll::stemming {

class CompoundLexicon {
 public:
  // Loads (once per process and path) the lexicon of dir/sv_SE.{aff,dic}.
  static Status Load(const std::string& dir, std::shared_ptr<const CompoundLexicon>* lexicon);

  // Parses the two files' contents; public for tests with a small made-up dictionary.
  static std::shared_ptr<CompoundLexicon> Parse(std::string_view aff, std::string_view dic);

  // The dictionary word a compound-initial or -medial form stands for ("sprutbytes" ->
  // "sprutbyte", "socialtjänst" -> "socialtjänst"), or nullptr.
  const std::string* ModifierBase(std::string_view form) const;

  // How many dictionary words begin with the modifier form: "arbets" starts hundreds,
  // "sprutbytes" one. A very productive modifier is a poor search term for its compounds.
  std::size_t Productivity(std::string_view form) const;

  // True if the lower-case word is an entry of the dictionary (not a forbidden one).
  bool IsWord(std::string_view word) const;

  // True if the dictionary word (a lemma) may end a compound.
  bool MayEndCompound(std::string_view lemma) const;

  // Of the dictionary words that end in word after at least three letters, how many
  // (words) and how many of them with a compound-initial form before it (compounds): "råd"
  // ends 274, 187 of them compounds ("kommunråd"), "tur" 364 with 100 ("kultur" is none).
  struct HeadEvidence {
    std::size_t words = 0;
    std::size_t compounds = 0;
  };
  HeadEvidence EndingEvidence(std::string_view word) const;

  // Of the dictionary words that begin with word before at least three letters, how many
  // (words) and how many of them with a dictionary word after it (compounds): "el" begins
  // 589, 225 of them compounds ("elbil"); "tv" 523 with 6.
  HeadEvidence StartingEvidence(std::string_view word) const;

  std::size_t modifier_count() const { return modifiers_.size(); }

 private:
  struct Modifier {
    std::string base;
    std::size_t productivity = 0;
  };
  std::unordered_map<std::string, Modifier, StringHash, std::equal_to<>> modifiers_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> heads_;
  // Words in one text, and where each stands in it, sorted by their text when first asked:
  // the words that begin with a text are one range.
  struct Span {
    std::uint32_t at = 0;
    std::uint32_t size = 0;
    std::uint64_t head = 0;  // its first eight bytes as one number (Head), for sorting
  };
  class WordList {
   public:
    void Add(std::string_view word);
    std::string_view At(Span span) const {
      return std::string_view(text_).substr(span.at, span.size);
    }
    // The first word of the sorted list not less than key, and the list's end.
    std::vector<Span>::const_iterator LowerBound(std::string_view key) const;
    std::vector<Span>::const_iterator end() const { return spans_.end(); }

   private:
    std::string text_;
    mutable std::vector<Span> spans_;
    mutable std::once_flag sorted_;
  };
  // The dictionary's lower-case words (forbidden ones left out) as they are, and each
  // reversed (the words ending in a word are one range).
  WordList forward_;
  WordList reversed_;
  // StartingEvidence's answers, worked out by a pass over all words when first asked.
  mutable std::mutex starting_mu_;
  mutable std::unordered_map<std::string, HeadEvidence, StringHash, std::equal_to<>> starting_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_COMPOUND_LEXICON_H_
