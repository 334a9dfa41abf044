// Morphology: a word's readings (lemma + part of speech) from Apertium's compiled Swedish
// analyser (Debian's apertium-swe-nor, read through lttoolbox). Hunspell knows which words
// exist but not their part of speech, so its roots merge homographs ("lagar" -> "laga",
// "fast" -> "fasa"); the analyser tells "lag" (noun) from "laga" (verb). It knows no
// compounds or names, so the hunspell chain stays for those. LemmaKeys() turns readings
// into the lemma terms a word gets; it is pure, so tests give it made-up readings.
#ifndef PROTOKOLL_STEMMING_SRC_MORPHOLOGY_H_
#define PROTOKOLL_STEMMING_SRC_MORPHOLOGY_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protokoll/status.h"
#include "protokoll/string_hash.h"

class FSTProcessor;

namespace protokoll::stemming {

struct Reading {
  std::string lemma;              // folded, without Apertium's homonym marks ("vara¹")
  std::string pos;                // the first tag: "n", "vblex", "adj", "np", "adv", ...
  std::vector<std::string> tags;  // the rest: "pl", "def", "pp", "pasv", "imp", ...
  bool in_compound = false;       // a form only inside compounds ("barn<cmp>", "<compound-R>")
  bool Has(std::string_view tag) const;
};

// A lemma and its part-of-speech class: "n", "v" (all verbs), "adj", "pp" (past participle),
// "pprs" (present participle), or Apertium's own tag for the rest.
struct LemmaKey {
  std::string lemma;
  std::string pos;
  bool operator==(const LemmaKey&) const = default;
};

// The lemma keys of a word's readings, told apart where treebanks and dictionaries tell
// them apart, so that a key joins the forms of one word and no look-alike:
// - a participle is an adjective of its own ("utvecklad" is not "utvecklar"), but a form
//   that is both a tense and a participle ("utvecklade") counts as the verb's;
// - a lexicalised adjective outranks the participle reading of the same form ("bestämd");
// - a deponent verb outranks the passive of another ("hoppas" is not "hoppa") and a noun's
//   genitive ("lyckas" is no form of "lycka");
// - an imperative is dropped when the form is also a noun or adjective ("hjälp", "försök");
// - a noun's genitive outranks an adjective's ("moderns" is the mother's);
// - a subjunctive is dropped, as an imperative is, when the form is also a noun or adjective
//   ("drive" is a drive, not "driva");
// - given the form, a supine that does not end in -t (-ts) is a slip of the analyser
//   ("smäll" is no supine of "smälla") and is dropped when the form has other readings.
// - a reading that puts back an accent the form lacks ("armen" as "armén") gives way to a
//   reading of the form as written.
// Readings inside compounds give no key.
std::vector<LemmaKey> LemmaKeys(const std::vector<Reading>& readings, std::string_view form = {});

// Does lemma put back an accent that form, written without it, lacks ("armén" for "armen")?
bool AddsAccent(std::string_view form, std::string_view lemma);

// The verbs whose passive LemmaKeys passes over for a deponent verb of the same form:
// "kräva" for "krävs" (the key is "krävas"), "slå" for "slogs" ("slåss"). An imperative that
// is also a noun gets no such part: "lägg" (shin), "låt" (song) and "håll" (direction) are
// other words than "lägga", "låta" and "hålla".
std::vector<std::string> VerbParts(const std::vector<Reading>& readings);

class Morphology {
 public:
  // Loads a compiled lttoolbox analyser (a .automorf.bin file).
  static Status Open(const std::string& path, std::size_t cache_entries,
                     std::unique_ptr<Morphology>* morphology);
  ~Morphology();

  // The readings of a folded word (empty when the analyser does not know it); the
  // reference stays valid until the next call.
  const std::vector<Reading>& Analyze(std::string_view word);

  // LemmaKeys of Analyze(word).
  std::vector<LemmaKey> Keys(std::string_view word) { return LemmaKeys(Analyze(word), word); }
  // VerbParts of Analyze(word).
  std::vector<std::string> VerbParts(std::string_view word) {
    return stemming::VerbParts(Analyze(word));
  }
  // The genders ("ut", "nt") of word's noun readings of lemma, where lemma is itself two
  // nouns of either gender ("lag": a law and a team, "val": an election and a whale):
  // "lagar" is "ut", "laget" "nt", "lagen" both. Empty for any other lemma.
  std::vector<std::string> NounGenders(std::string_view word, const std::string& lemma);

 private:
  explicit Morphology(std::unique_ptr<FSTProcessor> fst, std::size_t cache_entries);
  void Compute(std::string_view word, std::vector<Reading>* readings);

  std::unique_ptr<FSTProcessor> fst_;
  std::size_t cache_entries_;
  std::unordered_map<std::string, std::vector<Reading>, StringHash, std::equal_to<>> cache_;
  std::vector<Reading> scratch_;
};

// Parses the analyser's answer for one word ("lag<n><ut><pl><ind>/laga<vblex><pres>").
std::vector<Reading> ParseReadings(std::string_view analyses);

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_MORPHOLOGY_H_
