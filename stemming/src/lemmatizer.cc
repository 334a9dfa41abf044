#include "lemmatizer.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <hunspell/hunspell.hxx>
#include <unordered_map>

#include "compound_lexicon.h"
#include "protokoll/data_lines.h"
#include "protokoll/string_hash.h"

extern const char* const kIrregularTsv;
extern const std::size_t kIrregularTsv_size;

namespace protokoll::stemming {
namespace {

// Hunspell's SPELL_COMPOUND info bit (hunspell/atypes.hxx): the word was accepted as a
// compound built by the affix file's rules, not found in the word list.
constexpr int kSpellCompound = 1 << 0;
// Longer "words" are junk (or a 1 MB run of letters); hunspell gives them nothing useful.
constexpr std::size_t kMaxWordBytes = 80;

// Regular Swedish inflection endings and what replaces them in the base form. hunspell's
// sv_SE lists many inflected forms as words of their own ("visar", "säger", "glada"), so
// its stem of them is the form itself; a candidate base made by these rules is kept only
// when hunspell knows it as a base form, which keeps "banan" from becoming "bana" only as
// far as the dictionary allows (see the known misses in tests/stemming_pairs.tsv).
struct SuffixRule {
  std::string_view suffix;
  std::string_view replacement;
};
constexpr SuffixRule kSuffixRules[] = {
    // verbs: present, past, supine, passive
    {"ar", "a"},
    {"er", "a"},
    {"r", ""},
    {"ade", "a"},
    {"de", "a"},
    {"te", "a"},
    {"dde", ""},
    {"tt", ""},
    {"at", "a"},
    {"t", "a"},
    {"it", "a"},
    {"s", ""},
    {"ades", "a"},
    {"des", "a"},
    {"tes", "a"},
    {"ats", "a"},
    // adjectives
    // ("are" and "e" are left out: agent nouns "användare", "ställe" are words of their own)
    {"a", ""},
    {"t", ""},
    {"ast", ""},
    {"aste", ""},
    {"nna", "n"},
    {"mma", "m"},
    // nouns: definite, plural, genitive
    {"en", ""},
    {"n", ""},
    {"et", ""},
    {"arna", ""},
    {"erna", ""},
    {"orna", "a"},
    {"or", "a"},
    {"ar", ""},
    {"er", ""},
    {"ler", "el"},
    {"ens", ""},
    {"ets", ""},
    {"ns", ""},
    // the plural of -man, which the dictionary lists as a word of its own ("nämndemän")
    {"män", "man"},
    {"männen", "man"},
    {"mäns", "man"},
    {"männens", "man"},
};

using IrregularMap = std::unordered_multimap<std::string, std::string, StringHash, std::equal_to<>>;

// form -> lemma of stemming/data/irregular.tsv, built once, never freed.
const IrregularMap& Irregular() {
  static const IrregularMap* const map = [] {
    auto* m = new IrregularMap;
    ForEachDataLine(
        std::string_view(kIrregularTsv, kIrregularTsv_size), [&](std::string_view line) {
          std::size_t tab = line.find('\t');
          if (tab == std::string_view::npos) return;
          m->emplace(std::string(line.substr(0, tab)), std::string(line.substr(tab + 1)));
        });
    return m;
  }();
  return *map;
}

// The value of a field ("st:", "fl:") in a hunspell analysis string, or "".
std::string_view Field(std::string_view analysis, std::string_view name) {
  std::size_t at = 0;
  while ((at = analysis.find(name, at)) != std::string_view::npos) {
    if (at == 0 || analysis[at - 1] == ' ' || analysis[at - 1] == '\t') break;
    at += name.size();
  }
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + name.size();
  std::size_t end = analysis.find_first_of(" \t", begin);
  return analysis.substr(begin, end == std::string_view::npos ? end : end - begin);
}

// What a suffix class of sv_SE.aff made of a stem: a form of it, or a new word.
enum class Derivation {
  kNone,     // a form of the stem
  kInstead,  // a derived word with a lemma of its own ("klassiska" -> "klassisk")
};

// Words sv_SE.aff derives by suffix classes that make new words, which dictionaries and
// treebanks lemmatize apart from their stems: T the -isk adjectives and -are/-re agent
// nouns ("klassiska" -> "klassisk", "besökarna" -> "besökare"), P and O the past
// participles in -d ("definierad", "bestämda" -> "bestämd"), E the -an verbal nouns of
// verbs that are not also nouns ("början", but not "kvinnan", "hälsan": verbal_noun tells).
Derivation Derived(std::string_view word, std::string_view stem, char flag, std::string* lemma,
                   const std::function<bool(std::string_view)>& verbal_noun) {
  auto after = [&](std::string_view suffix) {
    return word.size() > stem.size() && word.starts_with(stem) &&
           word.substr(stem.size()).starts_with(suffix);
  };
  const bool verb = stem.size() > 2 && stem.ends_with('a');
  switch (flag) {
    case 'T':
      if (after("isk")) {
        *lemma = std::string(stem) + "isk";
      } else if (after(":are") || after("are")) {
        *lemma = std::string(word.substr(0, word.find("are", stem.size()) + 3));
      } else if (verb && (after("re") || after("rna"))) {
        *lemma = std::string(stem) + "re";
      } else {
        return Derivation::kNone;
      }
      return Derivation::kInstead;
    case 'E':
      if (!verb || !after("n") || !verbal_noun(stem)) return Derivation::kNone;
      *lemma = std::string(stem) + "n";
      return Derivation::kInstead;
    case 'P':
    case 'O':
      // Past participles of verbs in -d/-da are adjectives of their own, as hunspell has
      // the strong ones ("antagen"); "-ade" and "-at" are also the verb's tenses and stay.
      if (!verb) return Derivation::kNone;
      if (word.ends_with("d")) {
        *lemma = std::string(word);
      } else if (word.ends_with("da")) {
        *lemma = std::string(word.substr(0, word.size() - 1));
      } else {
        return Derivation::kNone;
      }
      return Derivation::kInstead;
    default:
      return Derivation::kNone;
  }
}

bool FileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// "sundsvalls" -> "Sundsvalls": proper names are capitalized in the dictionary.
std::string Capitalize(std::string_view w) {
  std::string out(w);
  if (out.empty()) return out;
  unsigned char c = static_cast<unsigned char>(out[0]);
  if (c >= 'a' && c <= 'z') {
    out[0] = static_cast<char>(c - 'a' + 'A');
  } else if (c == 0xC3 && out.size() > 1) {
    unsigned char d = static_cast<unsigned char>(out[1]);
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) out[1] = static_cast<char>(d - 0x20);
  }
  return out;
}

}  // namespace

Lemmatizer::Lemmatizer(std::unique_ptr<Hunspell> hunspell, std::size_t cache_entries)
    : hunspell_(std::move(hunspell)), snowball_("swedish"), cache_entries_(cache_entries) {}

Lemmatizer::~Lemmatizer() = default;

Status Lemmatizer::Open(const std::string& dir, std::size_t cache_entries,
                        std::unique_ptr<Lemmatizer>* lemmatizer) {
  std::string aff = dir + "/sv_SE.aff", dic = dir + "/sv_SE.dic";
  // Hunspell does not report a missing file; it just knows no words.
  if (!FileExists(aff) || !FileExists(dic)) {
    return Status::NotFound("cannot read hunspell dictionary " + dir +
                            "/sv_SE.{aff,dic} (install hunspell-sv)");
  }
  try {
    auto hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    lemmatizer->reset(new Lemmatizer(std::move(hunspell), cache_entries));
  } catch (const std::exception& e) {
    return Status::IOError(std::string("cannot load hunspell dictionary: ") + e.what());
  }
  return Status::OK();
}

void Lemmatizer::Compute(const std::string& word, Entry* entry) {
  entry->known = false;
  entry->compound = false;
  entry->stems.clear();
  entry->bases.clear();
  if (word.empty() || word.size() > kMaxWordBytes) return;
  try {
    int info = 0;
    std::string probe = word;
    bool ok = hunspell_->spell(probe, &info);
    if (!ok) {
      probe = Capitalize(word);
      info = 0;
      ok = probe != word && hunspell_->spell(probe, &info);
    }
    if (!ok) return;
    entry->known = true;
    entry->compound = (info & kSpellCompound) != 0;
    std::string folded;
    auto add = [&](const std::string& stem) {
      if (std::find(entry->stems.begin(), entry->stems.end(), stem) == entry->stems.end()) {
        entry->stems.push_back(stem);
      }
    };
    // An -an noun is a verbal noun when its stem is a verb and no -a noun.
    std::function<bool(std::string_view)> verbal_noun = [&](std::string_view stem) {
      std::string w(stem);
      return noun_ && IsVerb(w) && !IsNounInA(w) && !noun_(w);
    };
    // Each analysis is a stem and the affix class that made the word from it. Some classes
    // derive new words rather than forms (see Derived): those take the derived word as lemma.
    // A word the dictionary lists may also be read as a compound ("Strömstad": "ström" +
    // "stad"), whose stem is its first part: no lemma of the word ("Strömstad" is no form of
    // "ström", "Bergman" none of "berg").
    bool derived_word = false;
    const std::vector<std::string> analyses = hunspell_->analyze(probe);
    const bool listed = std::any_of(analyses.begin(), analyses.end(), [](const std::string& a) {
      return !Field(a, "st:").empty() && Field(a, "pa:").empty();
    });
    for (const std::string& analysis : analyses) {
      std::string_view stem = Field(analysis, "st:");
      if (stem.empty()) continue;
      std::string_view flag = Field(analysis, "fl:");
      normalizer_.Fold(stem, &folded);
      if (std::find(entry->bases.begin(), entry->bases.end(), folded) == entry->bases.end()) {
        entry->bases.push_back(folded);
      }
      if (listed && !Field(analysis, "pa:").empty()) continue;
      std::string derived;
      switch (flag.size() == 1 ? Derived(word, folded, flag[0], &derived, verbal_noun)
                               : Derivation::kNone) {
        case Derivation::kNone:
          add(folded);
          break;
        case Derivation::kInstead:
          add(derived);
          derived_word = true;
          break;
      }
    }
    // Present participles ("vårdande", "beslutandet") are words of their own, not forms of
    // the verb: "vårdande" has no lemma of "vårdas". They keep the participle as lemma (the
    // analyzer gives the analyser's participles their verb as a part, ranked lower).
    static constexpr std::string_view kParticiple[] = {"ande",  "ende",  "andet", "endet",
                                                       "andes", "endes", "andets"};
    for (std::string_view ending : kParticiple) {
      if (word.size() > ending.size() + 2 && word.ends_with(ending)) {
        std::string participle = word.substr(0, word.size() - ending.size() + 4);
        std::erase_if(entry->stems, [&](const std::string& s) {
          return s.size() < participle.size() && participle.starts_with(s.substr(0, s.size() - 1));
        });
        if (participle != word) add(participle);
        return;
      }
    }
    // Agent nouns ("användare", "tränaren") likewise: hunspell gives the verb.
    static constexpr std::string_view kAgent[] = {"are", "aren", "arna", "ares", "arens", "arnas"};
    for (std::string_view ending : kAgent) {
      if (word.size() > ending.size() + 2 && word.ends_with(ending)) {
        std::string verb = word.substr(0, word.size() - ending.size()) + "a";
        std::string agent = verb.substr(0, verb.size() - 1) + "are";
        auto it = std::find(entry->stems.begin(), entry->stems.end(), verb);
        if (it != entry->stems.end()) {
          entry->stems.erase(it);
          if (agent != word) add(agent);
        }
        break;
      }
    }
    if (entry->compound) return;
    auto range = Irregular().equal_range(word);
    for (auto it = range.first; it != range.second; ++it) add(it->second);
    // Bases of regular inflection that hunspell knows as base forms ("besökarna" is an agent
    // noun, not a form of "besök"): none for a derived word, nor for a name the dictionary has
    // only capitalized ("Åsa" is no plural of "ås").
    if (derived_word || probe != word) return;
    auto known_base = [&](const std::string& w) {
      int cinfo = 0;
      if (!hunspell_->spell(w, &cinfo) || (cinfo & kSpellCompound) != 0) return false;
      std::vector<std::string> own = hunspell_->stem(w);
      return std::find(own.begin(), own.end(), w) != own.end();
    };
    const std::size_t letters = word.size();
    for (const SuffixRule& rule : kSuffixRules) {
      if (letters < rule.suffix.size() + 2 || !word.ends_with(rule.suffix)) continue;
      std::string candidate = word.substr(0, letters - rule.suffix.size());
      candidate.append(rule.replacement);
      if (candidate == word || candidate.size() < 2) continue;
      if (std::find(entry->stems.begin(), entry->stems.end(), candidate) != entry->stems.end()) {
        continue;
      }
      if (!known_base(candidate)) continue;
      // A verb is not the inflected form of its noun: "försöka" is not a plural of
      // "försök" (the verb has a present tense "försöker"), "början" not the definite of
      // "börja" (a verb: "börjar"), "märker" not a plural of "märke".
      if (rule.suffix == "a" && rule.replacement.empty() && IsVerb(word)) continue;
      if (rule.suffix == "n" && candidate.ends_with('a') && verbal_noun(candidate)) continue;
      if (rule.suffix == "r" && candidate.ends_with('e')) continue;
      // A plural has a definite plural: "röster" -> "rösterna" (of "röst"), but the verb
      // "försöker" is no plural of "försök".
      if (rule.replacement.empty() &&
          (rule.suffix == "ar" || rule.suffix == "er" || rule.suffix == "or") &&
          !KnownForm(word + "na")) {
        continue;
      }
      // A supine is no neuter adjective: "besökt" is of "besöka", not of "besök".
      if (rule.suffix == "t" && rule.replacement.empty() &&
          std::find(entry->stems.begin(), entry->stems.end(), candidate + "a") !=
              entry->stems.end()) {
        continue;
      }
      add(candidate);
    }
  } catch (const std::exception&) {
    // Hunspell is not documented to throw, but a bad_alloc must not cross the module.
    entry->known = false;
    entry->stems.clear();
    entry->bases.clear();
  }
}

bool Lemmatizer::KnownForm(const std::string& word) {
  int info = 0;
  return hunspell_->spell(word, &info) && (info & kSpellCompound) == 0;
}

bool Lemmatizer::HasOwnDefinite(std::string_view word) {
  if (word.size() + 2 > kMaxWordBytes) return false;
  try {
    for (std::string_view ending : {"en", "et"}) {
      std::string definite = std::string(word) + std::string(ending);
      if (!KnownForm(definite)) continue;
      const std::vector<std::string> stems = hunspell_->stem(definite);
      if (std::find(stems.begin(), stems.end(), word) != stems.end()) return true;
    }
  } catch (const std::exception&) {
  }
  return false;
}

bool Lemmatizer::IsNounInA(std::string_view word) {
  if (word.size() < 2 || word.size() > kMaxWordBytes || !word.ends_with('a')) return false;
  try {
    std::string plural(word.substr(0, word.size() - 1));
    plural += "or";
    return KnownForm(plural);
  } catch (const std::exception&) {
    return false;
  }
}

bool Lemmatizer::IsVerb(const std::string& word) {
  if (word.size() < 2 || word.size() > kMaxWordBytes || !word.ends_with('a')) return false;
  try {
    for (const std::string& present : {word + "r", word.substr(0, word.size() - 1) + "er"}) {
      if (!KnownForm(present)) continue;  // not a compound hunspell made up ("tandhälsar")
      for (const std::string& stem : hunspell_->stem(present)) {
        if (stem == word) return true;
      }
    }
  } catch (const std::exception&) {
  }
  return false;
}

const Lemmatizer::Entry& Lemmatizer::Lookup(std::string_view word) {
  if (cache_entries_ == 0) {
    Compute(std::string(word), &scratch_);
    return scratch_;
  }
  auto it = cache_.find(word);
  if (it != cache_.end()) return it->second;
  std::string key(word);
  Entry& entry = cache_[key];
  Compute(key, &entry);
  return entry;
}

std::string Lemmatizer::Snowball(const std::string& word) {
  if (word.size() > kMaxWordBytes) return word;
  try {
    return snowball_(word);
  } catch (const Xapian::Error&) {
    return word;
  }
}

void Lemmatizer::Trim() {
  if (cache_.size() > cache_entries_) cache_.clear();
}

}  // namespace protokoll::stemming
