// The analysis chain: tokenizer -> normalizer -> stopwords -> lemmatizer -> decompounder,
// composed here and nowhere else. Everything after the normalizer depends only on the folded
// word, so its result is cached per distinct word and a repeated word costs one lookup.
#include "protokoll/stemming/analyzer.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "compound_lexicon.h"
#include "decompounder.h"
#include "lemmatizer.h"
#include "morphology.h"
#include "normalizer.h"
#include "protokoll/string_hash.h"
#include "stopwords.h"
#include "tokenizer.h"

namespace protokoll::stemming {
namespace {

// The part of speech of a lemma term ("lag#n.ut": "n.ut"); empty for other terms.
std::string_view TermPos(std::string_view term) {
  const std::size_t mark = term.find(kPosMark);
  return mark == std::string_view::npos ? std::string_view() : term.substr(mark + 1);
}

// Tokens longer than this are junk (base64, a 1 MB "word"); Xapian also rejects terms over
// 245 bytes, and the indexer adds field prefixes.
constexpr std::size_t kMaxTokenBytes = 100;

// The modal auxiliaries, a closed class: each one's infinitive and its finite forms.
struct Modal {
  std::string_view infinitive;
  std::string_view forms[3];
};
constexpr Modal kModals[] = {{"skola", {"ska", "skall", "skulle"}},
                             {"kunna", {"kan", "kunde"}},
                             {"vilja", {"vill", "ville"}},
                             {"böra", {"bör", "borde"}}};

bool IsModalForm(std::string_view word) {
  return !word.empty() &&
         std::any_of(std::begin(kModals), std::end(kModals), [word](const Modal& m) {
           return std::find(std::begin(m.forms), std::end(m.forms), word) != std::end(m.forms);
         });
}

bool IsModalInfinitive(std::string_view word) {
  return std::any_of(std::begin(kModals), std::end(kModals),
                     [word](const Modal& m) { return m.infinitive == word; });
}

// The dictionary the decompounder sees: compounding flags from the .aff/.dic files, word
// forms from hunspell.
class HunspellCompoundDictionary final : public CompoundDictionary {
 public:
  HunspellCompoundDictionary(std::shared_ptr<const CompoundLexicon> lexicon, Lemmatizer* lemmatizer)
      : lexicon_(std::move(lexicon)), lemmatizer_(lemmatizer) {}

  const std::string* ModifierBase(std::string_view form) override {
    return lexicon_->ModifierBase(form);
  }

  bool IsHead(std::string_view form) override {
    // Function words and modal verbs are no heads: "sociologi|ska" is "sociologiska".
    // The pronoun "man" is also the noun that ends "nämndeman", "ombudsman".
    if ((IsStopword(form) && form != "man") || IsModalForm(form)) return false;
    const Lemmatizer::Entry& entry = lemmatizer_->Lookup(form);
    if (!entry.known || entry.compound) return false;
    for (const std::string& stem : entry.stems) {
      if (lexicon_->MayEndCompound(stem)) return true;
    }
    for (const std::string& stem : entry.bases) {  // "samverkan" ends compounds as "samverka"
      if (lexicon_->MayEndCompound(stem)) return true;
    }
    return false;
  }

 private:
  std::shared_ptr<const CompoundLexicon> lexicon_;
  Lemmatizer* lemmatizer_;
};

// What the chain makes of one folded word, besides its surface term.
struct WordAnalysis {
  bool stopword = false;
  bool new_word = false;  // analyzed with the dictionary: one for TakeNewWords()
  std::vector<Term> terms;
};

}  // namespace

// The words' analyses in shards by hash, each under a lock of its own, so that two analyzers
// seldom wait for each other; a shard grown past its share of cache_entries is emptied, as
// an analyzer's own cache is. Codes ("covid-19") are not kept: their analysis records their
// pieces as new words.
struct SharedAnalyses::Store {
  static constexpr std::size_t kShards = 16;
  struct Shard {
    std::mutex mu;
    std::unordered_map<std::string, WordAnalysis, StringHash, std::equal_to<>> words;
  };

  Shard& For(std::string_view word) { return shards[(StringHash{}(word) >> 8) % kShards]; }

  bool Find(std::string_view word, WordAnalysis* out) {
    Shard& shard = For(word);
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.words.find(word);
    if (it == shard.words.end()) return false;
    *out = it->second;
    return true;
  }

  void Put(const std::string& word, const WordAnalysis& analysis, std::size_t max_entries) {
    Shard& shard = For(word);
    std::lock_guard<std::mutex> lock(shard.mu);
    if (shard.words.size() >= max_entries / kShards + 1) shard.words.clear();
    shard.words.try_emplace(word, analysis);
  }

  std::array<Shard, kShards> shards;
};

namespace {

// Does a hyphen follow the token ending at byte end of text ("hälso-" in "hälso- och")?
bool BeforeHyphen(std::string_view text, std::size_t end) {
  return end < text.size() && text[end] == '-';
}

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) < 0xA0;
}

// The byte offsets where a word can be split into a first part of `first` letters or more and
// a rest of three letters or more, first to last (the longest rest first).
std::vector<std::size_t> SplitPoints(std::string_view word, std::size_t first = 3) {
  std::vector<std::size_t> points;
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if ((static_cast<unsigned char>(word[i]) & 0xC0) == 0x80) continue;
    if (letters++ < first) continue;
    if (Utf8Length(word.substr(i)) < 3) break;
    points.push_back(i);
  }
  return points;
}

bool StartsLower(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'a' && c <= 'z') return true;
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0xA0;
}

// The pieces of a word written in camel case, cut where a capital follows a small letter
// ("MiniMaria": "Mini", "Maria"; "eHälsa": "e", "Hälsa"); nothing for other words.
std::vector<std::string_view> CamelPieces(std::string_view word) {
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  bool lower_before = false;
  for (std::size_t i = 0; i < word.size();) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    if (StartsUpper(word.substr(i)) && lower_before) {
      pieces.push_back(word.substr(start, i - start));
      start = i;
    }
    lower_before = StartsLower(word.substr(i));
    i += len;
  }
  if (pieces.empty()) return pieces;
  pieces.push_back(word.substr(start));
  return pieces;
}

// The dictionary-backed steps, loaded when the first word needs them.
struct DictionaryChain {
  DictionaryChain(std::unique_ptr<Lemmatizer> l, std::shared_ptr<const CompoundLexicon> x,
                  std::unique_ptr<Morphology> m)
      : lemmatizer(std::move(l)),
        lexicon(std::move(x)),
        morphology(std::move(m)),
        dictionary(lexicon, lemmatizer.get()),
        decompounder(&dictionary) {
    // An -a noun starts compounds with -o-: "hälsa" -> "hälsovård", "kvinna" -> "kvinnojour".
    lemmatizer->SetNounTest([x = lexicon.get()](std::string_view word) {
      std::string linked(word.substr(0, word.size() - 1));
      linked += 'o';
      return x->ModifierBase(linked) != nullptr;
    });
  }
  std::unique_ptr<Lemmatizer> lemmatizer;
  std::shared_ptr<const CompoundLexicon> lexicon;
  std::unique_ptr<Morphology> morphology;  // nullptr without Apertium's analyser
  HunspellCompoundDictionary dictionary;
  Decompounder decompounder;
};

// Dictionary chains whose analyzer is gone, for the next analyzer of the same files. Loading
// one takes about a third of a second, and freeing one a tenth of that: a process that opens
// analyzers again reuses them, and one that ends frees none (the pool is never destroyed).
class ChainPool {
 public:
  static ChainPool& Get() {
    static ChainPool* pool = new ChainPool;
    return *pool;
  }

  std::unique_ptr<DictionaryChain> Take(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = chains_.begin(); it != chains_.end(); ++it) {
      if (it->first != key) continue;
      std::unique_ptr<DictionaryChain> chain = std::move(it->second);
      chains_.erase(it);
      return chain;
    }
    return nullptr;
  }

  void Put(std::string key, std::unique_ptr<DictionaryChain> chain) {
    std::lock_guard<std::mutex> lock(mu_);
    chains_.emplace_back(std::move(key), std::move(chain));
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<std::string, std::unique_ptr<DictionaryChain>>> chains_;
};

class ChainAnalyzer final : public Analyzer {
 public:
  ChainAnalyzer(const AnalyzerOptions& options, std::unique_ptr<Tokenizer> tokenizer)
      : options_(options), tokenizer_(std::move(tokenizer)), snowball_("swedish") {}

  ~ChainAnalyzer() override {
    if (chain_) ChainPool::Get().Put(ChainKey(), std::move(chain_));
  }

  void Analyze(std::string_view text, std::vector<Token>* tokens) override {
    if (chain_) chain_->lemmatizer->Trim();
    if (cache_.size() > options_.cache_entries) cache_.clear();
    const std::size_t raw_count = tokenizer_->Tokenize(text, &raw_);
    std::size_t count = 0;
    uint32_t position = 0;
    bool suspended = false;  // a word right before a hyphen: "hälso- och sjukvård"
    for (std::size_t i = 0; i < raw_count; ++i) {
      const RawToken& raw = raw_[i];
      std::size_t end = raw.end;
      normalizer_.Fold(raw.text, &folded_);
      // "famil-\njehemmet": join when the joined word is a word and the hyphen is not a
      // real one ("HSL-\ninsatser" stays two words).
      if (i + 1 < raw_count && raw_[i + 1].after_line_hyphen && raw.type == TokenType::kWord &&
          raw_[i + 1].type == TokenType::kWord && !StartsUpper(raw_[i + 1].text)) {
        normalizer_.Fold(raw.text + raw_[i + 1].text, &joined_);
        if (!IsStopword(joined_) && IsWord(joined_)) {
          folded_.swap(joined_);
          end = raw_[++i].end;
        }
      }
      if (folded_.empty() || folded_.size() > kMaxTokenBytes) continue;
      if (count == tokens->size()) tokens->emplace_back();
      Token& token = (*tokens)[count++];
      token.text = folded_;
      token.begin = raw.begin;
      token.end = end;
      token.position = ++position;
      token.type = raw.type;
      token.stopword = false;
      // Terms are assigned over the token's old ones (a string keeps its memory when
      // assigned), so a reused token vector makes a repeated analysis allocate little.
      const WordAnalysis* analysis = nullptr;
      if (raw.type == TokenType::kWord) {
        analysis = &AnalyzeWord(folded_);
        token.stopword = analysis->stopword;
      } else if (raw.type == TokenType::kCode && (folded_.find('-') != std::string::npos ||
                                                  !ColonInflectionBase(folded_).empty())) {
        analysis = &AnalyzeCode(folded_);
      }  // numbers and other codes: the surface only
      token.terms.resize(1 + (analysis ? analysis->terms.size() : 0));
      token.terms[0].text.assign(folded_);
      token.terms[0].weight = kFullWeight;
      token.terms[0].positional = true;
      for (std::size_t k = 1; k < token.terms.size(); ++k) token.terms[k] = analysis->terms[k - 1];
      // Not with a vocabulary, as for suspended hyphens below: a piece may be no word of it.
      if (raw.type == TokenType::kWord && !options_.vocabulary) AddCamelParts(raw.text, &token);
      suspended = suspended || (raw.type == TokenType::kWord && BeforeHyphen(text, end));
    }
    tokens->resize(count);
    // Not with a vocabulary (a query tool's analyzer): splitting the compound needs the
    // dictionary, which a query tool does not load to mark a snippet's words.
    if (suspended && !options_.vocabulary) ExpandSuspendedHyphens(text, tokens);
  }

  std::string Fold(std::string_view text) const override {
    std::string out;
    normalizer_.Fold(text, &out);
    return out;
  }

  void TakeNewWords(std::vector<WordEntry>* words) override {
    words->clear();
    words->swap(new_words_);
  }

 private:
  // The dictionary steps, loaded on first use; nullptr if they cannot be loaded (Open
  // checked the files, so only a broken dictionary gets here: words then get Snowball stems).
  DictionaryChain* Chain() {
    if (!chain_ && !chain_failed_) chain_ = ChainPool::Get().Take(ChainKey());
    if (!chain_ && !chain_failed_) {
      std::unique_ptr<Lemmatizer> lemmatizer;
      std::shared_ptr<const CompoundLexicon> lexicon;
      if (Lemmatizer::Open(options_.hunspell_dir, options_.cache_entries, &lemmatizer).ok() &&
          CompoundLexicon::Load(options_.hunspell_dir, &lexicon).ok()) {
        // The analyser is optional: without it, lemmas are hunspell's roots as before.
        std::unique_ptr<Morphology> morphology;
        if (!options_.morphology_path.empty() &&
            !Morphology::Open(options_.morphology_path, options_.cache_entries, &morphology).ok()) {
          morphology.reset();
        }
        chain_ = std::make_unique<DictionaryChain>(std::move(lemmatizer), std::move(lexicon),
                                                   std::move(morphology));
      } else {
        chain_failed_ = true;
      }
    }
    return chain_.get();
  }

  // What a chain is loaded from (ChainPool).
  std::string ChainKey() const {
    return options_.hunspell_dir + '\n' + options_.morphology_path + '\n' +
           std::to_string(options_.cache_entries);
  }

  // A name written in camel case is found by its pieces of three letters or more, as a
  // compound by its parts: "MiniMaria" by "mini" and "maria", "eHälsan" by "hälsa".
  void AddCamelParts(std::string_view raw, Token* token) {
    const std::vector<std::string_view> pieces = CamelPieces(raw);
    for (std::string_view piece : pieces) {
      if (Utf8Length(piece) < 3) continue;
      std::string word;
      normalizer_.Fold(piece, &word);
      if (word.empty() || word == token->text || IsStopword(word)) continue;
      AddPart(&token->terms, token->text, word);
      // Its noun and name lemmas too ("hälsa" of "Hälsan"); a verb's would read "Sam" as
      // "simma".
      const std::vector<Term> terms = AnalyzeWord(word).terms;  // a copy: the cache may grow
      for (const Term& t : terms) {
        const std::string_view pos = TermPos(t.text);
        if (t.weight == kFullWeight && (pos == "n" || pos.starts_with("n.") || pos == "np")) {
          AddPart(&token->terms, token->text, std::string(TermWord(t.text)));
        }
      }
    }
  }

  // A suspended hyphen stands for the rest of the compound after the conjunction: in
  // "parkerings- och trafikövervakning", "parkerings-" is "parkeringsövervakning", and in
  // "hälso-, sjuk- och tandvård" "hälso-" is "hälsovård". Such a token also gets the terms of
  // the compound it stands for (its form too, not as a position), made of its own letters and
  // the compound after the conjunction without that compound's first part.
  void ExpandSuspendedHyphens(std::string_view text, std::vector<Token>* tokens) {
    static constexpr std::string_view kConjunctions[] = {"och", "eller", "samt", "respektive"};
    auto suspended = [&](const Token& t) {
      return t.type == TokenType::kWord && BeforeHyphen(text, t.end);
    };
    for (std::size_t i = 0; i < tokens->size(); ++i) {
      if (!suspended((*tokens)[i])) continue;
      std::size_t j = i + 1;
      while (j < tokens->size() && suspended((*tokens)[j])) ++j;  // a list: "hälso-, sjuk-"
      if (j + 1 >= tokens->size() ||
          std::find(std::begin(kConjunctions), std::end(kConjunctions), (*tokens)[j].text) ==
              std::end(kConjunctions) ||
          (*tokens)[j + 1].type != TokenType::kWord) {
        continue;
      }
      DictionaryChain* chain = Chain();
      if (!chain || !options_.decompound) return;
      const std::vector<CompoundPart> parts = chain->decompounder.Split((*tokens)[j + 1].text);
      if (parts.size() < 2) continue;
      // The first part as the decompounder split it: "kultur- och fritidsnämnden" is
      // "kulturnämnden" (not a split of "fritid"), "miljö- och hälsoskyddsnämnden" so
      // "miljönämnden".
      std::string rest;
      for (std::size_t k = 1; k < parts.size(); ++k) rest += parts[k].form;
      for (std::size_t k = i; k < j; ++k) {
        Token& token = (*tokens)[k];
        std::string whole = token.text + rest;
        const WordAnalysis& analysis = AnalyzeWord(whole);
        Add(&token.terms, token.text, whole, kFullWeight);
        for (const Term& t : analysis.terms) {
          if (t.weight == kFullWeight) {
            Add(&token.terms, token.text, t.text, kFullWeight);
          } else {
            AddPart(&token.terms, token.text, std::string(PartWord(t.text)));
          }
        }
      }
      i = j;
    }
  }

  // Is a folded word one the index knows or the dictionary accepts?
  bool IsWord(const std::string& word) {
    // With a vocabulary, the words of the index: a joined word the indexer took for a word
    // is in it, one it split is not, so its text splits the same way again.
    if (options_.vocabulary) return options_.vocabulary->Find(word, &found_);
    DictionaryChain* chain = Chain();
    return chain && chain->lemmatizer->Lookup(word).known;
  }

  const WordAnalysis& AnalyzeWord(const std::string& word) {
    if (options_.cache_entries == 0) {
      Compute(word, &scratch_);
      return scratch_;
    }
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    WordAnalysis& analysis = cache_[word];
    if (options_.shared && options_.shared->store().Find(word, &analysis)) {
      RecordIfNew(word, analysis);  // another analyzer's: new here too, as if analyzed here
      return analysis;
    }
    Compute(word, &analysis);
    if (options_.shared) options_.shared->store().Put(word, analysis, options_.cache_entries);
    return analysis;
  }

  const WordAnalysis& AnalyzeCode(const std::string& code) {
    if (options_.cache_entries == 0) {
      ComputeCode(code, &scratch_);
      return scratch_;
    }
    auto it = cache_.find(code);
    if (it != cache_.end()) return it->second;
    WordAnalysis analysis;  // computed first: ComputeCode analyzes the words in the cache
    ComputeCode(code, &analysis);
    return cache_[code] = std::move(analysis);
  }

  static void Add(std::vector<Term>* terms, std::string_view surface, std::string text,
                  int weight) {
    if (text.empty() || text == surface) return;
    for (const Term& t : *terms) {
      if (t.text == text) return;
    }
    terms->push_back({std::move(text), weight, false});
  }

  // A compound part, unless it is the word itself or one of its lemmas (already at full weight).
  static void AddPart(std::vector<Term>* terms, std::string_view surface, const std::string& base) {
    if (base.empty() || base == surface) return;
    for (const Term& t : *terms) {
      if (t.text == base) return;
    }
    Add(terms, surface, PartTerm(base), kPartWeight);
  }

  void Compute(const std::string& word, WordAnalysis* out) {
    out->terms.clear();
    out->new_word = false;
    out->stopword = IsStopword(word);
    if (out->stopword) return;
    if (options_.vocabulary && options_.vocabulary->Find(word, &out->terms)) return;
    // "SKR:s" is found by "SKR": the abbreviation as written, not the words it may spell
    // ("SoL:s" is no form of "sol").
    if (const std::string_view base = ColonInflectionBase(word); !base.empty()) {
      Add(&out->terms, word, std::string(base), kFullWeight);
      out->new_word = true;
      RecordIfNew(word, *out);
      return;
    }
    DictionaryChain* chain = Chain();
    if (!chain) {
      Add(&out->terms, word, snowball_(word), kFullWeight);
    } else {
      ComputeWithDictionary(*chain, word, out);
    }
    out->new_word = true;
    RecordIfNew(word, *out);
  }

  // With record_new_words, keeps a word analyzed with the dictionary for TakeNewWords().
  void RecordIfNew(const std::string& word, const WordAnalysis& analysis) {
    if (analysis.new_word && options_.record_new_words) {
      new_words_.push_back({word, analysis.terms});
    }
  }

  // Is a word the analyser reads only as another word's genitive a noun of its own, as the
  // dictionary has its definite form? "kvittens" (a receipt: "kvittensen") is no genitive of
  // "kvitten" (a quince), nor "vakans" of "vaka".
  static bool NounNotGenitive(DictionaryChain& chain, std::string_view word) {
    if (!chain.morphology || !word.ends_with('s')) return false;
    const std::vector<Reading>& readings = chain.morphology->Analyze(word);
    return !readings.empty() && std::all_of(readings.begin(), readings.end(), [](const Reading& r) {
      return r.in_compound || r.Has("gen");
    }) && chain.lemmatizer->HasOwnDefinite(word);
  }

  // The lemma keys of a word by the analyser (none without it or for words it lacks).
  static std::vector<LemmaKey> Keys(DictionaryChain& chain, std::string_view word) {
    if (!chain.morphology) return {};
    std::vector<LemmaKey> keys = chain.morphology->Keys(word);
    // A noun that may end compounds is that noun, not another noun's genitive: "kurs" is a
    // course, not the cure's ("kur"); "gräns" no "grän". (Not "läns", which the dictionaries
    // list as a rare noun of its own, but is most often the county's.)
    if (keys.size() > 1 && word.ends_with('s') &&
        std::find(keys.begin(), keys.end(), LemmaKey{std::string(word), "n"}) != keys.end() &&
        chain.lexicon->MayEndCompound(word)) {
      std::erase_if(keys, [word](const LemmaKey& k) {
        return k.pos == "n" && k.lemma.size() + 1 == word.size() && word.starts_with(k.lemma);
      });
    }
    if (!keys.empty() && NounNotGenitive(chain, word)) keys.clear();
    // An adjective's masculine definite ("den vite") gives way to a noun the dictionary lists
    // and inflects under that spelling ("vite", "vitet": a fine, no form of "vit").
    if (keys.size() == 1 && keys[0].pos == "adj" && word.size() == keys[0].lemma.size() + 1 &&
        word.ends_with('e') && word.starts_with(keys[0].lemma)) {
      const std::vector<Reading>& readings = chain.morphology->Analyze(word);
      const bool masculine = std::all_of(readings.begin(), readings.end(), [](const Reading& r) {
        return r.in_compound || (r.Has("m") && r.Has("def"));
      });
      if (masculine) {
        const Lemmatizer::Entry& entry = chain.lemmatizer->Lookup(std::string(word));
        const bool listed = entry.OwnWord() && std::find(entry.stems.begin(), entry.stems.end(),
                                                         word) != entry.stems.end();
        if (listed && chain.lemmatizer->Lookup(std::string(word) + "t").OwnWord()) keys.clear();
      }
    }
    // A word the analyser knows only with an accent it lacks ("ide" as "idé") is the word the
    // dictionary lists under its own spelling, if it lists one ("ide", a den).
    if (!keys.empty() &&
        std::all_of(keys.begin(), keys.end(),
                    [word](const LemmaKey& k) { return AddsAccent(word, k.lemma); }) &&
        chain.lemmatizer->Lookup(std::string(word)).OwnWord()) {
      keys.clear();
    }
    // Today's writing hardly uses the infinitives of the modal verbs; where one is spelled as
    // a noun, the word is the noun: "skola" is a school and "vilja" a will, no form of "ska"
    // or "vill" (which keep the verb).
    if (IsModalInfinitive(word) &&
        std::find(keys.begin(), keys.end(), LemmaKey{std::string(word), "n"}) != keys.end()) {
      std::erase(keys, LemmaKey{std::string(word), "v"});
    }
    // A verb has one present tense: where the analyser gives a verb two ("vägar" and "väger"
    // of "väga"), the one in -ar that is a noun's plural too ("vägar", roads) is the noun's.
    if (keys.size() > 1 && word.ends_with("ar") &&
        std::any_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "n"; })) {
      const std::vector<LemmaKey> er =
          chain.morphology->Keys(std::string(word.substr(0, word.size() - 2)) + "er");
      std::erase_if(keys, [&er](const LemmaKey& k) {
        return k.pos == "v" && std::find(er.begin(), er.end(), k) != er.end();
      });
    }
    // A noun in -ning is the -an noun of the same meaning where the analyser has that one:
    // "ansökningar" are applications ("ansökan"), "inverkningar" effects ("inverkan").
    for (std::size_t k = 0, n = keys.size(); k < n; ++k) {
      const std::string& lemma = keys[k].lemma;
      if (keys[k].pos != "n" || lemma.size() < 8 || !lemma.ends_with("ning")) continue;
      LemmaKey an{lemma.substr(0, lemma.size() - 4) + "an", "n"};
      const std::vector<LemmaKey> own = chain.morphology->Keys(an.lemma);
      if (std::find(own.begin(), own.end(), an) != own.end() &&
          std::find(keys.begin(), keys.end(), an) == keys.end()) {
        keys.push_back(std::move(an));
      }
    }
    return keys;
  }

  // Does the analyser know word as a verb of its own ("fatta", "revidera")?
  static bool IsVerbLemma(DictionaryChain& chain, const std::string& word) {
    const std::vector<LemmaKey> keys = Keys(chain, word);
    return std::find(keys.begin(), keys.end(), LemmaKey{word, "v"}) != keys.end();
  }

  // The verbs a word with these keys is the passive of, beside the deponent verb it is:
  // those the analyser gives ("krävs": "kräva"), and a deponent's verb without its -s where
  // the analyser has that verb ("fattas": "fatta").
  static std::vector<std::string> VerbParts(DictionaryChain& chain, std::string_view word,
                                            const std::vector<LemmaKey>& keys) {
    if (!chain.morphology) return {};
    std::vector<std::string> verbs = chain.morphology->VerbParts(word);
    for (const LemmaKey& k : keys) {
      if (k.pos != "v" || !k.lemma.ends_with('s') || k.lemma.ends_with("ss")) continue;
      std::string base = k.lemma.substr(0, k.lemma.size() - 1);
      if (IsVerbLemma(chain, base) && std::find(verbs.begin(), verbs.end(), base) == verbs.end()) {
        verbs.push_back(std::move(base));
      }
    }
    std::erase_if(verbs, [&keys](const std::string& v) {
      return std::find(keys.begin(), keys.end(), LemmaKey{v, "v"}) != keys.end();
    });
    return verbs;
  }

  // A lemma found by other means (hunspell, a compound's head) gets the part of speech the
  // analyser gives that lemma as a word of its own, so it meets the same word's forms the
  // analyser knows: "sprutbyte" + the head "byte#n" is "sprutbyte#n".
  static void AddLemma(DictionaryChain& chain, std::vector<Term>* terms, std::string_view surface,
                       std::string_view prefix, const std::string& head_lemma) {
    bool added = false;
    for (const LemmaKey& k : Keys(chain, head_lemma)) {
      if (k.lemma != head_lemma) continue;
      Add(terms, surface, LemmaTerm(std::string(prefix) + k.lemma, k.pos), kFullWeight);
      added = true;
    }
    if (added) return;
    if (VerbalNoun(chain, head_lemma)) {
      Add(terms, surface, LemmaTerm(std::string(prefix) + head_lemma, "n"), kFullWeight);
      return;
    }
    // A verb the analyser lacks ("ödmjuka", which it has only as "ödmjuk"'s plural) is
    // still a verb to hunspell: its forms meet those the analyser reads through a head. (A
    // word that is a noun too, "docka", stays without a part of speech.)
    if (prefix.empty() && chain.lemmatizer->IsVerb(head_lemma) &&
        !chain.lemmatizer->IsNounInA(head_lemma)) {
      Add(terms, surface, LemmaTerm(head_lemma, "v"), kFullWeight);
    } else {
      Add(terms, surface, std::string(prefix) + head_lemma, kFullWeight);
    }
  }

  // Is stem the word without its -a, a word the analyser knows only as a noun (and the
  // dictionary as no adjective, which has a neuter in -t), where the word is a noun in -a or a
  // verb of its own ("finka", a cell, and "fink", a finch; "rada", to line up, and "rad")? An
  // -a makes no form of a noun: the word is none of the noun's. (An adjective the analyser
  // has only as a noun keeps it, "mobila" and "anhöriga" as "mobil" and "anhörig".)
  static bool NounLessA(DictionaryChain& chain, std::string_view word, const std::string& stem) {
    if (word.size() != stem.size() + 1 || !word.ends_with('a') || !word.starts_with(stem)) {
      return false;
    }
    const std::string w(word);
    return NounOnly(chain, stem) && !chain.lemmatizer->Lookup(stem + "t").OwnWord() &&
           (chain.lemmatizer->IsNounInA(w) || chain.lemmatizer->IsVerb(w));
  }

  // Is a word in -ande/-ende that the analyser knows only as a present participle a noun
  // too, as its definite form in -t or its plural in -n tells ("yttrande": "yttrandet",
  // "ställningstagande": "ställningstaganden"; a participle has neither)? Its forms then
  // meet: "yttrande", "yttrandet" and "yttranden" all get the noun's lemma.
  static bool VerbalNoun(DictionaryChain& chain, const std::string& word) {
    const std::vector<LemmaKey> keys = Keys(chain, word);
    return !keys.empty() && std::all_of(keys.begin(), keys.end(), [](const LemmaKey& k) {
      return k.pos == "pprs";
    }) && HasNounForms(chain, word);
  }
  static bool HasNounForms(DictionaryChain& chain, std::string_view word) {
    if (!word.ends_with("ande") && !word.ends_with("ende")) return false;
    const std::string w(word);
    return chain.lemmatizer->Lookup(w + "t").OwnWord() ||
           chain.lemmatizer->Lookup(w + "n").OwnWord();
  }

  // Which readings of an ambiguous head a compound takes (prefix: the letters before the
  // head; entry: hunspell's view of the whole word):
  // - a noun outranks a comparative or participle ("utvecklings|ledare" is no comparative
  //   of "led", "klämt|slaget" no participle of "slå"), as the analyser's own compound heads
  //   say (head_form: the head as written, or empty);
  // - of a noun and a verb of one spelling, hunspell tells whether the compound is a verb:
  //   "ärendelista" is not, "redovisas" is (no plural of "visa", the song);
  // - where hunspell has the whole word as one of its own, only its lemmas ("redovisar" is
  //   "redovisa", no plural of "vise").
  // After a verb particle all readings stay.
  static std::vector<LemmaKey> CompoundReadings(DictionaryChain& chain,
                                                const std::vector<LemmaKey>& head,
                                                std::string_view head_form,
                                                const std::string& prefix,
                                                const Lemmatizer::Entry& entry) {
    Lemmatizer* lemmatizer = chain.lemmatizer.get();
    std::vector<LemmaKey> readings = head;
    // After a particle ("hop|fallen", "bort|resa", "miss|tyda") the compound is the verb's:
    // its participles and verbs stay.
    if (VerbParticle(chain, prefix)) return readings;
    // A compound is no pronoun or other function word: "rad|man" is a noun's.
    if (OpenClass(readings)) {
      std::erase_if(readings, [](const LemmaKey& k) { return !OpenClassKey(k) && k.pos != "np"; });
    }
    auto has = [&](std::string_view lemma, std::string_view pos) {
      return std::find(head.begin(), head.end(), LemmaKey{std::string(lemma), std::string(pos)}) !=
             head.end();
    };
    // Comparatives and participles are adjectives the analyser reads of the head alone.
    auto graded = [&](const LemmaKey& k) {
      if (k.pos == "pp") return true;
      if (k.pos != "adj" || head_form.empty()) return false;
      bool any = false;
      for (const Reading& r : chain.morphology->Analyze(head_form)) {
        if (r.in_compound || r.pos != "adj" || r.lemma != k.lemma) continue;
        if (!r.Has("comp") && !r.Has("sup")) return false;
        any = true;
      }
      return any;
    };
    std::erase_if(readings, [&](const LemmaKey& k) {
      return graded(k) && !has(k.lemma, "n") &&
             std::any_of(head.begin(), head.end(), [](const LemmaKey& n) { return n.pos == "n"; });
    });
    std::erase_if(readings, [&](const LemmaKey& k) {
      if (k.pos != "n" && k.pos != "v") return false;
      if (!has(k.lemma, k.pos == "n" ? "v" : "n")) return false;
      const std::string lemma = prefix + k.lemma;
      const bool verb = lemmatizer->IsVerb(lemma);
      return k.pos == "n" ? verb && !lemmatizer->IsNounInA(lemma) : !verb;
    });
    if (entry.OwnWord()) {
      std::vector<LemmaKey> own = readings;
      std::erase_if(own, [&](const LemmaKey& k) {
        return std::find(entry.stems.begin(), entry.stems.end(), prefix + k.lemma) ==
               entry.stems.end();
      });
      if (!own.empty()) readings = std::move(own);
    }
    return readings.empty() ? head : readings;
  }

  // Is a split's head a form the analyser reads only as a strong verb's past tense or an
  // imperative ("sam" of "simma", "kom", "gav"), after letters that are no verb particle?
  // Compounds end in nouns and adjectives (the analyser's own compound heads are never such
  // forms), so a word the dictionary lacks is then no compound: "SocSam" and "VästKom" are
  // names, not "socsimma" and "västkomma". Particle verbs stay ("upp|kom"), and so do weak
  // past tenses, which noun-verb compounds have ("prov|körde").
  static bool FiniteVerbHead(DictionaryChain& chain, std::string_view prefix,
                             std::string_view head) {
    if (!chain.morphology || head.ends_with("de") || head.ends_with("te") ||
        VerbParticle(chain, prefix)) {
      return false;
    }
    bool any = false;
    for (const Reading& r : chain.morphology->Analyze(head)) {
      if (r.in_compound) continue;
      if (!r.pos.starts_with("vb") || !(r.Has("past") || r.Has("imp"))) return false;
      any = true;
    }
    return any;
  }

  // The keys of a form of a particle verb the analyser does not know: a two-letter particle,
  // then a form of the verb without it ("inkomna" is "in" + "komna", a participle of
  // "komma", and the dictionary has "inkomma" as a verb: inkomma#pp). Longer particles are
  // compounds' first parts, which the decompounder finds.
  static std::vector<LemmaKey> ParticleVerbKeys(DictionaryChain& chain, std::string_view word) {
    if (!chain.morphology) return {};
    const std::vector<std::size_t> points = SplitPoints(word, 2);  // after "in", "på"
    if (points.empty()) return {};
    const std::string_view particle = word.substr(0, points.front());
    const std::string_view tail = word.substr(points.front());
    if (Utf8Length(tail) < 4 || !VerbParticle(chain, particle)) return {};
    std::vector<LemmaKey> keys;
    for (const LemmaKey& k : Keys(chain, tail)) {
      if (k.pos != "v" && k.pos != "pp" && k.pos != "pprs") continue;
      LemmaKey whole{std::string(particle) + k.lemma, k.pos};
      const bool verb = IsVerbLemma(chain, whole.lemma) || chain.lemmatizer->IsVerb(whole.lemma);
      if (verb && std::find(keys.begin(), keys.end(), whole) == keys.end()) {
        keys.push_back(std::move(whole));
      }
    }
    return keys;
  }

  // Is a compound's first part a particle or prefix that makes verbs ("upp", "över", "hop")?
  static bool VerbParticle(DictionaryChain& chain, std::string_view prefix) {
    static constexpr std::string_view kPrefixes[] = {"hop", "miss", "sönder", "åter"};
    if (std::find(std::begin(kPrefixes), std::end(kPrefixes), prefix) != std::end(kPrefixes)) {
      return true;
    }
    for (const Reading& r : chain.morphology->Analyze(prefix)) {
      if (!r.in_compound && (r.pos == "pr" || r.pos == "adv")) return true;
    }
    return false;
  }

  // Is head, the lemma of a split's head, a short word after a verb particle in a word the
  // dictionary has as one of its own (own_word) ("under|lag", "över|lag", "under|håll")? Such a
  // word is no kind of its head: "lag" (law) must not find "underlaget" or "beslutsunderlag".
  // A modifier joined by a linking letter is a noun's ("dags|ljus" is a kind of light, though
  // "dags" alone is an adverb).
  static bool ShortHeadAfterParticle(DictionaryChain& chain, const std::vector<CompoundPart>& parts,
                                     std::string_view head, bool own_word) {
    return parts.size() == 2 && own_word && Utf8Length(head) <= 4 &&
           parts[0].form != parts[0].base + 's' && VerbParticle(chain, parts[0].form);
  }

  // Is head, in a word the dictionary has as one of its own (own_word), the suffix "-dom" or
  // "-lek" after an adjective ("sjuk|dom", "ung|dom", "stor|lek", "kär|lek")? Those make nouns
  // of adjectives and are no ruling or play: "dom" must not find "sjukdom". After a noun the
  // head stays ("straff|dom").
  static bool DerivationSuffix(DictionaryChain& chain, const std::string& prefix,
                               std::string_view head, bool own_word) {
    if (!own_word || (head != "dom" && head != "lek")) return false;
    const std::vector<LemmaKey> keys = Keys(chain, prefix);
    return std::any_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "adj"; });
  }

  // Does the analyser read the word only as an adjective's genitive?
  static bool AdjectiveGenitiveOnly(DictionaryChain& chain, std::string_view word) {
    bool any = false;
    for (const Reading& r : chain.morphology->Analyze(word)) {
      if (r.in_compound) continue;
      if (r.pos != "adj" || !r.Has("gen")) return false;
      any = true;
    }
    return any;
  }

  // The verb that form is the stem of, as the analyser reads it before a compound's head
  // ("bygg|herre", "styr|grupp": "bygga", "styra"), or empty. Not a form that is also an
  // adjective's base ("blek|grön", "tät|ort") or a particle ("för", "när", "men").
  static std::string CompoundInitialVerb(DictionaryChain& chain, std::string_view form) {
    std::string verb;
    for (const Reading& r : chain.morphology->Analyze(form)) {
      if (r.pos == "vblex") {
        if (r.Has("cmp") && verb.empty()) verb = r.lemma;
      } else if ((r.pos == "adj" && r.lemma == form) || r.pos == "pr" || r.pos == "adv" ||
                 r.pos.starts_with("cnj")) {
        return "";
      }
    }
    return Utf8Length(verb) >= 3 ? verb : "";
  }

  // The noun the analyser reads form as a compound-initial form of, of three letters or more
  // ("läns" of "län", "kran" of "kran|vatten", "dricks" of "dricks|vatten"): the form itself
  // or without its linking -s first (*exact), else the first; empty if none. *own_noun: the
  // analyser also has form as a noun of its own.
  static std::string CompoundInitialNoun(DictionaryChain& chain, std::string_view form,
                                         bool* own_noun = nullptr, bool* exact = nullptr) {
    const std::string_view stem = form.substr(0, form.size() - (form.ends_with('s') ? 1 : 0));
    std::string found;
    for (const Reading& r : chain.morphology->Analyze(form)) {
      if (r.pos != "n") continue;
      if (!r.Has("cmp")) {
        if (own_noun) *own_noun |= r.lemma == form;
      } else if (Utf8Length(r.lemma) >= 3) {
        if (r.lemma == form || r.lemma == stem) {
          if (exact) *exact = true;
          return r.lemma;
        }
        if (found.empty()) found = r.lemma;
      }
    }
    return found;
  }

  // The base word of a compound's modifier: a noun where the analyser knows one ("nätverks"
  // is "nätverk", not the verb "nätverka"; "samverkans" is "samverkan"), else the word the
  // dictionary's compounding rules made the form from.
  static std::string ModifierWord(DictionaryChain& chain, const CompoundPart& part) {
    // A modifier that gave a letter to its head is its base ("bus|station": "buss").
    if (part.base.size() == part.form.size() + 1 && part.base.starts_with(part.form) &&
        part.base.back() == part.form.back()) {
      return part.base;
    }
    if (chain.morphology) {
      // An adjective's base form that is no noun's is that adjective ("hel|års", "låg|stadiet":
      // not the nouns "hela" and "låga" the analyser reads before a compound's head).
      bool adjective = false, noun = false;
      for (const Reading& r : chain.morphology->Analyze(part.form)) {
        adjective |= r.pos == "adj" && r.lemma == part.form && !r.in_compound;
        noun |= r.pos == "n" && r.lemma == part.form;
      }
      if (adjective && !noun) return part.base;
      // A form the dictionary has only to start compounds (no word that may end one) is
      // the noun the analyser reads it as a compound-initial form of: "läns" is "län",
      // "rese" is "resa", "kammar" is "kammare" (but "kurs" is a word of its own, no "kur").
      // The form itself or without its linking -s comes first ("arvs" is "arv", not "arve"),
      // and a noun of its own stays itself ("lik" is no "like").
      if (!chain.lexicon->MayEndCompound(part.form)) {
        bool own_noun = false, exact = false;
        std::string noun = CompoundInitialNoun(chain, part.form, &own_noun, &exact);
        // A form the dictionary allows only inside compounds is no word of its own, though
        // the analyser knows a rare noun of its spelling: "sago|bok" is "saga"'s, not the sago
        // palm's; "gnist|regn" is "gnista"'s.
        if (exact && own_noun && !chain.lemmatizer->Lookup(part.form).known) {
          for (const Reading& r : chain.morphology->Analyze(part.form)) {
            if (r.pos == "n" && r.Has("cmp") && r.lemma != part.form && Utf8Length(r.lemma) >= 3) {
              return r.lemma;
            }
          }
        }
        if (exact || (!noun.empty() && !own_noun)) return noun;
      }
      // A modifier is a stem: a noun that is the form itself, or the form without its
      // linking -s- ("utbildnings"), comes before any other reading ("dans" is a dance, not
      // "dagens").
      for (bool exact : {true, false}) {
        std::string_view form = part.form;
        for (int pass = 0; pass < 2; ++pass) {
          for (const Reading& r : chain.morphology->Analyze(form)) {
            if (r.pos == "n" && Utf8Length(r.lemma) >= 3 && (!exact || r.lemma == form)) {
              return r.lemma;
            }
          }
          if (!form.ends_with('s')) break;
          form.remove_suffix(1);
        }
      }
      // A joining form in -e the dictionary lists, after a noun's stem, is that noun's
      // ("skörde|fest": "skörd"), though the analyser reads a verb's stem in it as well.
      if (part.base == part.form && part.form.ends_with('e')) {
        if (std::string word = LinkedWord(chain, part.form);
            !word.empty() && IsNounLemma(chain, word)) {
          return word;
        }
      }
      // A verb's stem with no noun reading is that verb ("bygg|herre": "bygga").
      if (std::string verb = CompoundInitialVerb(chain, part.form); !verb.empty()) return verb;
    }
    if (part.base == part.form) {
      if (std::string word = LinkedWord(chain, part.form); !word.empty()) return word;
    }
    return part.base;
  }

  // The dictionary lists some joining forms as entries of their own, with a linking vowel
  // ("detaljplane-", "folkhälso-", "vänte-"), so the form is its own base. The word it joins
  // is the form with -a for its -o or -u ("folkhälsa", "gata"), or without its -e or with -a
  // for it ("detaljplan", "vänta", "låne-": "lån"): a base form (not "vänt", a form of
  // "vända"), when the joining form itself is no word.
  static std::string LinkedWord(DictionaryChain& chain, std::string_view form) {
    if (Utf8Length(form) < 4 || chain.lemmatizer->Lookup(form).known) return {};
    const std::string stem(form.substr(0, form.size() - 1));
    std::vector<std::string> candidates;
    if (form.ends_with('o') || form.ends_with('u')) {
      candidates = {stem + 'a'};
    } else if (form.ends_with("ie")) {
      // A Latin noun in -ium joins in -ie ("seminarie-", "gymnasie-"), as one in -ia does
      // ("historie-").
      candidates = {stem + "um", stem, stem + 'a'};
    } else if (form.ends_with('e')) {
      candidates = {stem, stem + 'a'};
    }
    // A joining form in -a that is a plural without its -r is that noun's ("föräldra-":
    // "föräldrar", "förälder").
    if (form.ends_with('a') && chain.morphology) {
      for (const Reading& r : chain.morphology->Analyze(std::string(form) + 'r')) {
        if (!r.in_compound && r.pos == "n" && r.Has("pl") && Utf8Length(r.lemma) >= 3) {
          return r.lemma;
        }
      }
    }
    for (const std::string& word : candidates) {
      const std::vector<LemmaKey> keys = Keys(chain, word);
      const bool base = keys.empty()
                            ? chain.lemmatizer->Lookup(word).known
                            : std::any_of(keys.begin(), keys.end(),
                                          [&](const LemmaKey& k) { return k.lemma == word; });
      if (base) return word;
    }
    return {};
  }

  // A Swedish compound inflects as its head does, so a word the analyser does not know
  // takes its lemma from the longest tail it knows after at least three letters: of
  // kMinTailLetters or more, or of three after a form the dictionary allows to start a
  // compound. "barnavårdare" is "barna" + "vårdare#n", "barnavårdande" "barna" +
  // "vårda#pprs" (hunspell's root of both is "barnavård"), "hemmafrun" "hemma" + "fru#n".
  // Sets *prefix to the letters before the tail. Of a word hunspell knows as a word of its
  // own (its stems given), a tail after letters that are no word nor a compound's first part
  // gives only the lemmas hunspell has too: "yttranden" is "yttr" + "anden" as "yttrande",
  // never as "yttrand".
  static constexpr std::size_t kMinTailLetters = 4;
  // Whether a word in -man is the definite of an -a word ("blomman", "trumman"), not a
  // compound on "man".
  static bool DefiniteOfA(DictionaryChain& chain, std::string_view word) {
    return word.ends_with("man") && chain.lemmatizer->Lookup(word.substr(0, word.size() - 1)).known;
  }
  // "man" heads compounds ("nämndeman", "tjänstemännen") though short: its forms are a tail
  // after any word, unless the whole is the definite of an -a word.
  static bool ManHead(DictionaryChain& chain, std::string_view word, std::string_view tail) {
    if (tail != "man" && tail != "mans" && tail != "män" && tail != "mäns") return false;
    if (tail == "man" && DefiniteOfA(chain, word)) return false;
    const std::vector<LemmaKey> keys = Keys(chain, tail);
    return std::find(keys.begin(), keys.end(), LemmaKey{"man", "n"}) != keys.end();
  }
  static std::vector<LemmaKey> TailKeys(DictionaryChain& chain, std::string_view word,
                                        const std::vector<std::string>* stems,
                                        std::string* prefix) {
    if (!chain.morphology || Utf8Length(word) < 3 + kMinTailLetters) return {};
    for (const std::size_t i : SplitPoints(word)) {
      std::string_view tail = word.substr(i);
      std::size_t tail_letters = Utf8Length(tail);
      // A genitive's -s is no letter of the head: "storumans" takes "mans" as "man", so
      // that it gets the lemma "storuman" does. (Only a short tail's length matters below.)
      if (tail_letters <= kMinTailLetters && tail.ends_with('s') &&
          !Keys(chain, tail.substr(0, tail.size() - 1)).empty()) {
        --tail_letters;
      }
      if (tail_letters < kMinTailLetters &&
          chain.lexicon->ModifierBase(word.substr(0, i)) == nullptr &&
          !ManHead(chain, word, tail)) {
        continue;
      }
      // Heads are nouns, verbs and adjectives: "omställn|ingen" is no form of "ingen".
      if (FiniteVerbHead(chain, word.substr(0, i), tail)) continue;
      std::vector<LemmaKey> keys = Keys(chain, tail);
      std::erase_if(keys, [](const LemmaKey& k) {
        return k.pos != "n" && k.pos != "v" && k.pos != "adj" && k.pos != "pp" && k.pos != "pprs";
      });
      const std::string_view before = word.substr(0, i);
      // Nor after a compound hunspell builds, where hunspell reads the word as a form of
      // another word on the same letters: "vårdnadshavaren" is "vårdnadshavare"'s, not
      // "vårdnads|hav" + "aren" (of "ar").
      const Lemmatizer::Entry& b = chain.lemmatizer->Lookup(before);
      const bool before_known = b.known, before_own = b.OwnWord();
      const bool other_stem = stems && !before_own &&
                              std::any_of(stems->begin(), stems->end(), [&](const std::string& s) {
                                return s != word && s.starts_with(before);
                              });
      // Nor, after a modifier, one that is not the lemma the dictionary gives a word it lists
      // where that is the modifier and a noun: "cykelleder" is "cykel" + "led", a plural the
      // analyser lacks, no "cykel" + "leder" of "leda".
      const bool modifier = chain.lexicon->ModifierBase(before) != nullptr;
      const bool listed_lemma =
          stems && modifier && std::any_of(stems->begin(), stems->end(), [&](const std::string& s) {
            return s != word && s.size() > before.size() && s.starts_with(before) &&
                   IsNounLemma(chain, s.substr(before.size()));
          });
      if (stems && ((!modifier && (!before_known || other_stem)) || listed_lemma)) {
        std::erase_if(keys, [&](const LemmaKey& k) {
          return std::find(stems->begin(), stems->end(), std::string(before) + k.lemma) ==
                 stems->end();
        });
      }
      if (keys.empty()) continue;
      *prefix = std::string(before);
      return keys;
    }
    return {};
  }

  // Does the analyser know word as a noun's lemma ("led", "kommun")?
  static bool IsNounLemma(DictionaryChain& chain, const std::string& word) {
    const std::vector<LemmaKey> keys = Keys(chain, word);
    return std::find(keys.begin(), keys.end(), LemmaKey{word, "n"}) != keys.end();
  }

  // Adds to terms the parts of the one noun lemma (or lemma of no part of speech) among them
  // that is not word itself.
  void LemmaParts(DictionaryChain& chain, const std::string& word, std::vector<Term>* terms) {
    std::string lemma;
    for (const Term& t : *terms) {
      // A noun's lemma, or one without a part of speech (the analyser lacks the word).
      const std::string_view pos = TermPos(t.text);
      const bool plain = t.text.find(kPosMark) == std::string::npos;
      if (t.weight != kFullWeight || (!plain && pos != "n" && !pos.starts_with("n.")) ||
          TermWord(t.text) == word) {
        continue;
      }
      if (!lemma.empty() && lemma != TermWord(t.text)) return;
      lemma = TermWord(t.text);
    }
    // A lemma the dictionary lists, not one guessed from an ending ("förgråten" is no form of
    // a noun "förgråt").
    if (lemma.empty() || !chain.lexicon->IsWord(lemma) ||
        !chain.lemmatizer->Lookup(lemma).OwnWord()) {
      return;
    }
    WordAnalysis analysis;
    lemma_parts_ = true;
    ComputeWithDictionary(chain, lemma, &analysis);
    lemma_parts_ = false;
    for (const Term& t : analysis.terms) {
      // A compound's parts, not the verb a noun may also be the participle of ("nämnd").
      if (t.weight == kPartWeight && t.text.find(kPosMark) == std::string::npos) {
        Add(terms, word, t.text, kPartWeight);
      }
    }
  }

  static bool OpenClassKey(const LemmaKey& k) {
    return k.pos == "n" || k.pos == "v" || k.pos == "adj" || k.pos == "pp" || k.pos == "pprs";
  }
  static bool OpenClass(const std::vector<LemmaKey>& keys) {
    return std::any_of(keys.begin(), keys.end(), OpenClassKey);
  }

  // Is modifier, before a head of four letters or more, a noun in a double consonant that
  // lost one letter to the head's same first consonant ("nat" + "tillsyn": "natt|tillsyn")?
  // Not in a participle's noun ("fyll|andet" is no "fyll|landet"). ModifierWord gives such
  // a part the noun with its double consonant.
  static bool TripleConsonantSeam(DictionaryChain& chain, std::string_view word,
                                  std::string_view modifier, std::string_view head) {
    if (Utf8Length(modifier) < 2 || Utf8Length(head) < 4 || modifier.back() != head.front() ||
        std::string_view("bdfgklmnprstv").find(head.front()) == std::string_view::npos ||
        modifier[modifier.size() - 2] == head.front()) {
      return false;
    }
    for (std::string_view ending : {"ande", "andet", "andes", "ende", "endet", "endes"}) {
      if (word.ends_with(ending)) return false;
    }
    // Nor where the head without its first letter is a noun or an adjective: "miss|tag" is no
    // "miss|stag". (A verb is no head: "skott|avla" is "skott|tavla".)
    for (const LemmaKey& k : Keys(chain, head.substr(1))) {
      if (k.pos != "v") return false;
    }
    return IsNounLemma(chain, std::string(modifier) + head.front());
  }

  // A word neither dictionary knows, which the decompounder cannot split because its
  // modifier is no compounding form of hunspell's ("ensamkommande|program",
  // "orosanmälans|program"): a word either dictionary knows, with or without a linking -s,
  // before the longest tail the analyser knows. Both of at least three letters.
  static std::vector<CompoundPart> SplitByTail(DictionaryChain& chain, std::string_view word) {
    std::vector<CompoundPart> parts;
    if (!chain.morphology || Utf8Length(word) < 6 || Utf8Length(word) > 40) return parts;
    for (const std::size_t i : SplitPoints(word)) {
      std::string_view modifier = word.substr(0, i), tail = word.substr(i);
      if (!OpenClass(Keys(chain, tail))) continue;
      auto known = [&chain](std::string_view w) {
        return OpenClass(Keys(chain, w)) || chain.lemmatizer->Lookup(w).known;
      };
      // The linking -s- first: "färdtjänsts" is a genitive to hunspell, "färdtjänst" the word.
      // A numeral before it is no part ("tre|månaders|period").
      const std::size_t numeral = NumeralPrefix(modifier);
      std::string_view base = modifier;
      if (numeral > 0 && Utf8Length(modifier.substr(numeral)) >= 3 &&
          !known(modifier.substr(0, modifier.size() - (modifier.ends_with('s') ? 1 : 0)))) {
        parts.push_back({std::string(modifier.substr(0, numeral)), std::string()});
        modifier.remove_prefix(numeral);
        base = modifier;
      }
      std::string base_word(base);
      if (base.ends_with('s') && Utf8Length(base) > 3 && known(base.substr(0, base.size() - 1))) {
        base_word.pop_back();
      } else if (!known(base)) {
        // Three equal consonants at the seam are written two: "natt|tillsyn" is "nattillsyn",
        // "buss|station" "busstation".
        if (!TripleConsonantSeam(chain, word, base, tail)) {
          parts.clear();
          continue;
        }
        base_word += tail[0];
      }
      parts.push_back({std::string(modifier), std::move(base_word)});
      parts.push_back({std::string(tail), std::string(tail)});
      return parts;
    }
    return parts;
  }

  // Is modifier + head, a head in -het, the quality of an adjective that is a word
  // ("vårdslös|het"), not a compound on a noun in -het ("täkt|verksamhet", as "täktverksam"
  // is no word)?
  static bool Quality(DictionaryChain& chain, std::string_view modifier, std::string_view head) {
    if (!head.ends_with("het")) return false;
    std::string adjective(modifier);
    adjective += head.substr(0, head.size() - 3);
    return chain.lemmatizer->Lookup(adjective).known;
  }

  // A noun the dictionary lists as a word of its own because its head takes no part in
  // hunspell's compounding ("kommun|råd", "bygg|lov", "ungdoms|råd"): split where its lemma,
  // by hunspell (stems) and by the analyser if it knows the word, is a compound-initial form
  // and a noun's lemma, and that noun ends many of the dictionary's words after such a form
  // (at least kLexicalizedHeadShare of at least kLexicalizedHeadWords): "råd" ends 187 of its
  // 274 so, "tur" 100 of 364, so "kul|tur" is no compound. The lemma must be an entry of the
  // dictionary ("direktiver" is one it lists as a misspelling) of kLexicalizedLetters or more
  // (short ones are rarely compounds: "matros" is no "mat|ros"). A word in -het whose
  // adjective is a word is that adjective's quality, not the head's ("vårdslös|het" is no
  // "vårds|löshet"). The longest such head.
  // Does the analyser know word as a noun and as nothing else ("kommun", not "halva" or "över")?
  static bool NounOnly(DictionaryChain& chain, const std::string& word) {
    const std::vector<LemmaKey> keys = Keys(chain, word);
    return !keys.empty() &&
           std::all_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "n"; });
  }

  // Is modifier a noun's form with the linking -s ("jubileum|s", "arbet|s" of "arbete") that
  // could not end before head otherwise: the noun alone is no compound form before an "s" +
  // head that is a noun ("skott|sår" is no "skotts|år")? Such a seam is a compound's, however
  // short the head, and whatever its share of compounds ("verksamhets|år", "skogs|stig").
  static bool LinkingS(DictionaryChain& chain, std::string_view modifier, const std::string* base,
                       std::string_view head) {
    if (base == nullptr || !modifier.ends_with('s') || Utf8Length(*base) < 4 ||
        !modifier.starts_with(base->substr(0, base->size() - 1)) || base->ends_with('s')) {
      return false;
    }
    if (chain.lexicon->ModifierBase(modifier.substr(0, modifier.size() - 1)) == nullptr)
      return true;
    std::string joined = "s";
    joined += head;
    for (const LemmaKey& k : Keys(chain, joined)) {
      if (k.pos == "n") return false;
    }
    return true;
  }

  // Do half or more of the dictionary's words that end in head end in "s" + head, so that
  // the "s" before it is an ending's ("land|skap", "allvar|samt"), not a seam?
  static bool EndingWithS(DictionaryChain& chain, const std::string& head) {
    const CompoundLexicon::HeadEvidence with_s = chain.lexicon->EndingEvidence("s" + head);
    return with_s.words * 2 >= chain.lexicon->EndingEvidence(head).words;
  }

  // The noun in -a that form is without its -a ("förskol": "förskola"), or empty.
  static std::string NounWithoutA(DictionaryChain& chain, std::string_view form) {
    if (Utf8Length(form) < 4 || form.ends_with('a')) return "";
    std::string noun(form);
    noun += 'a';
    return IsNounLemma(chain, noun) ? noun : "";
  }

  // Does head end kLexicalizedHeadWords or more of the dictionary's words, and (unless
  // any_share) at least kLexicalizedHeadShare of them after a modifier form?
  static bool EndsCompounds(DictionaryChain& chain, const std::string& head, bool any_share) {
    const CompoundLexicon::HeadEvidence e = chain.lexicon->EndingEvidence(head);
    return e.words >= kLexicalizedHeadWords &&
           (any_share || static_cast<double>(e.compounds) >= kLexicalizedHeadShare * e.words);
  }

  // Is head, after a modifier form the dictionary lists of four letters or more, the form of
  // a noun of two letters that ends many of the dictionary's compounds after such forms (and
  // a fair share of its words that end in it: "person|al" is none), and of no other noun
  // ("budget|året", "kalender|år"; not "toalett|kön", as "kön" is a noun of its own, nor
  // "bens|år", as "ben|sår" could be)?
  static constexpr std::size_t kShortHeadCompounds = 40;
  static constexpr double kShortHeadShare = 0.3;
  static bool ShortHead(DictionaryChain& chain, const std::string* listed,
                        std::string_view modifier, std::string_view head,
                        const std::vector<LemmaKey>& head_keys) {
    if (listed == nullptr || Utf8Length(modifier) < 4 || head_keys.empty() ||
        Utf8Length(head_keys[0].lemma) != 2 ||
        std::any_of(head_keys.begin(), head_keys.end(), [&](const LemmaKey& k) {
          return k.pos != "n" || k.lemma != head_keys[0].lemma;
        })) {
      return false;
    }
    if (modifier.ends_with('s')) {
      std::string joined = "s";
      joined += head;
      for (const LemmaKey& k : Keys(chain, joined)) {
        if (k.pos == "n") return false;
      }
    }
    const CompoundLexicon::HeadEvidence e = chain.lexicon->EndingEvidence(head_keys[0].lemma);
    return e.compounds >= kShortHeadCompounds &&
           static_cast<double>(e.compounds) >= kShortHeadShare * e.words;
  }

  static constexpr std::size_t kLexicalizedLetters = 7;
  static constexpr std::size_t kLexicalizedHeadWords = 10;
  static constexpr double kLexicalizedHeadShare = 0.5;
  static std::vector<CompoundPart> LexicalizedSplit(DictionaryChain& chain, std::string_view word,
                                                    const std::vector<std::string>& stems) {
    // One letter less for a seam of three consonants written two ("natt|åg").
    if (!chain.morphology || Utf8Length(word) + 1 < kLexicalizedLetters) return {};
    const std::vector<LemmaKey> keys = Keys(chain, word);
    auto noun = [&](const std::string& lemma, bool seam) {
      return Utf8Length(lemma) >= kLexicalizedLetters - (seam ? 1 : 0) &&
             std::find(stems.begin(), stems.end(), lemma) != stems.end() &&
             chain.lexicon->IsWord(lemma) &&
             (keys.empty() ||
              std::find(keys.begin(), keys.end(), LemmaKey{lemma, "n"}) != keys.end());
    };
    // And the point before a head of two letters ("budget|år").
    std::vector<std::size_t> points = SplitPoints(word);
    std::size_t two_before_end = word.size();
    for (int letters = 0; letters < 2 && two_before_end > 0; ++letters) {
      do --two_before_end;
      while (two_before_end > 0 &&
             (static_cast<unsigned char>(word[two_before_end]) & 0xC0) == 0x80);
    }
    if (Utf8Length(word.substr(0, two_before_end)) >= 4) points.push_back(two_before_end);
    for (const std::size_t i : points) {
      const std::string_view modifier = word.substr(0, i), head = word.substr(i);
      const std::string* listed = chain.lexicon->ModifierBase(modifier);
      const bool seam = !listed && TripleConsonantSeam(chain, word, modifier, head);
      // Pieces the analyser alone joins are four letters or more ("cent|rum" is none).
      if (!listed && !seam && (Utf8Length(modifier) < 4 || Utf8Length(head) < 4)) continue;
      std::string base = listed ? *listed
                         : seam ? std::string(modifier) + head.front()
                                : CompoundInitialNoun(chain, modifier);
      // Or a noun in -a that dropped its -a, as few compounds do ("förskol|lärare").
      if (base.empty()) base = NounWithoutA(chain, modifier);
      // A modifier the analyser lacks may be a base form the dictionary lists, no verb
      // ("täkt|verksamhet"; not "deka|dans" or "sitt|ing").
      if (base.empty() && chain.morphology->Analyze(modifier).empty()) {
        const Lemmatizer::Entry& m = chain.lemmatizer->Lookup(modifier);
        if (m.OwnWord() && std::find(m.stems.begin(), m.stems.end(), modifier) != m.stems.end() &&
            !chain.lemmatizer->IsVerb(std::string(modifier))) {
          base = std::string(modifier);
        }
      }
      if (Utf8Length(base) < 3) continue;
      // A participle the analyser lacks, listed with a noun of four letters or more before a
      // head it reads as a participle only, is that noun's compound as well ("förtroende|vald",
      // "kommun|ägda"), as one the dictionary builds is ("skatte|finansierad").
      if (keys.empty() && Utf8Length(base) >= 4 && Utf8Length(head) >= 4 && NounOnly(chain, base)) {
        const std::vector<LemmaKey> participle = Keys(chain, head);
        if (!participle.empty() && std::all_of(participle.begin(), participle.end(),
                                               [](const LemmaKey& k) { return k.pos == "pp"; })) {
          return {{std::string(modifier), base}, {std::string(head), std::string(head)}};
        }
      }
      const bool seam_s = LinkingS(chain, modifier, listed, head);
      const std::vector<LemmaKey> head_keys = Keys(chain, head);
      const bool short_head = ShortHead(chain, listed, modifier, head, head_keys);
      for (const LemmaKey& h : head_keys) {
        const bool linked = seam_s && !EndingWithS(chain, h.lemma);
        if (h.pos != "n" || Utf8Length(h.lemma) < (linked || short_head ? 2 : 3) ||
            Quality(chain, modifier, h.lemma) || !noun(std::string(modifier) + h.lemma, seam)) {
          continue;
        }
        if (short_head || EndsCompounds(chain, h.lemma, linked)) {
          return {{std::string(modifier), base}, {std::string(head), std::string(head)}};
        }
      }
      // A head the analyser lacks, which the dictionary lists as a word of its own (of one
      // stem, and no verb) after a modifier form it lists, is a head as the analyser's nouns
      // are ("vatten|täkt", "vatten|täkten"; not "pas|sopp").
      if (!listed || Utf8Length(head) < 4 || !head_keys.empty()) continue;
      const Lemmatizer::Entry head_entry = chain.lemmatizer->Lookup(std::string(head));  // a copy
      // So is a head of five letters or more that neither dictionary has alone, which ends
      // many of the dictionary's words after its modifier forms ("vårdnads|havare",
      // "marknads|föring", "sko|makare"), after no verb particle ("över|föring").
      if (!head_entry.known && Utf8Length(head) >= 5 && !VerbParticle(chain, modifier) &&
          noun(std::string(word), false) && EndsCompounds(chain, std::string(head), false)) {
        return {{std::string(modifier), base}, {std::string(head), std::string(head)}};
      }
      const std::vector<std::string>& head_stems = head_entry.stems;
      if (head_stems.size() != 1) continue;
      const std::string& stem = head_stems[0];
      if (Utf8Length(stem) >= 4 && !chain.lemmatizer->IsVerb(stem) &&
          chain.lemmatizer->Lookup(stem).OwnWord() && noun(std::string(modifier) + stem, false) &&
          EndsCompounds(chain, stem, false)) {
        return {{std::string(modifier), base}, {std::string(head), std::string(head)}};
      }
    }
    return {};
  }

  // A noun of two letters that begins a large share of the dictionary's words before a word
  // of their own ("el|bil", "is|hall"; not "tv", "bo") is a modifier, though hunspell has no
  // compounding form of it: split off a word the dictionary lists whole where its head is a
  // noun's form that ends many of the dictionary's compounds ("elbilen", "elkostnader";
  // not "elände").
  static constexpr std::size_t kShortModifierWords = 50;
  static constexpr double kShortModifierShare = 0.3;
  static std::vector<CompoundPart> ShortNounSplit(DictionaryChain& chain, std::string_view word,
                                                  const std::vector<std::string>& stems) {
    if (!chain.morphology || Utf8Length(word) < 5) return {};
    const std::vector<std::size_t> points = SplitPoints(word, 2);
    if (points.empty() || Utf8Length(word.substr(0, points[0])) != 2) return {};
    const std::string modifier(word.substr(0, points[0]));
    const std::string_view head = word.substr(points[0]);
    if (!NounOnly(chain, modifier)) return {};
    const CompoundLexicon::HeadEvidence e = chain.lexicon->StartingEvidence(modifier);
    if (e.words < kShortModifierWords ||
        static_cast<double>(e.compounds) < kShortModifierShare * e.words) {
      return {};
    }
    const std::vector<LemmaKey> keys = Keys(chain, word);
    for (const LemmaKey& h : Keys(chain, head)) {
      const std::string lemma = modifier + h.lemma;
      if (h.pos != "n" || Utf8Length(h.lemma) < 3 ||
          std::find(stems.begin(), stems.end(), lemma) == stems.end() ||
          (!keys.empty() &&
           std::find(keys.begin(), keys.end(), LemmaKey{lemma, "n"}) == keys.end()) ||
          !EndsCompounds(chain, h.lemma, false)) {
        continue;
      }
      return {{modifier, modifier}, {std::string(head), std::string(head)}};
    }
    return {};
  }

  // Is head_form a participle ending a noun (keys: the whole word's), which names a person or a
  // thing, not the verb's action ("ordförande" is no form of "föra")?
  static bool ParticipleHead(DictionaryChain& chain, const std::string& head_form,
                             const std::vector<LemmaKey>& keys) {
    if (head_form == "ande" || head_form == "ende") return true;
    const std::vector<LemmaKey> head_keys = Keys(chain, head_form);
    return !head_keys.empty() &&
           std::all_of(head_keys.begin(), head_keys.end(),
                       [](const LemmaKey& k) { return k.pos == "pprs" || k.pos == "pp"; }) &&
           std::any_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "n"; });
  }

  // The lemma words of a compound's head, for its part term.
  // Function words are none: "dom" is a ruling, not also "de" and "den" as speech has it.
  // A noun outranks a participle, as in the compound's lemma ("data|skydd" is no "sky").
  static std::vector<std::string> HeadWords(DictionaryChain& chain, const std::string& form) {
    std::vector<std::string> words;
    const std::vector<LemmaKey> keys = Keys(chain, form);
    const bool noun =
        std::any_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "n"; });
    for (const LemmaKey& k : keys) {
      if ((!OpenClassKey(k) && k.pos != "np") || (noun && k.pos == "pp")) continue;
      if (std::find(words.begin(), words.end(), k.lemma) == words.end()) words.push_back(k.lemma);
    }
    if (words.empty()) words = chain.lemmatizer->Lookup(form).stems;
    // A genitive the dictionary lists as a word of its own, its own stem ("fullmäktiges"),
    // is the head of the word without its -s ("ungdomsfullmäktiges": "fullmäktige"); a noun
    // the analyser knows is itself ("segerkrans" is no "kran").
    if (words.size() == 1 && words[0] == form && form.ends_with('s') && !form.ends_with("ss") &&
        Utf8Length(form) > 4 && !noun) {
      const std::string base = form.substr(0, form.size() - 1);
      if (chain.lemmatizer->Lookup(base).known) {
        words = HeadWords(chain, base);
        if (std::find(words.begin(), words.end(), base) == words.end()) words.push_back(base);
      }
    }
    return words;
  }

  // The lemmas a word the dictionary lists as its own base form, and the analyser lacks, is
  // read as through its own forms. A compound's forms take the lemma of their head, read from
  // a tail of four letters or more ("verksamhetsåret": "verksamhets" + "året", so
  // "verksamhetsår#n"), which the base form's head may be too short to be read by ("år"), or
  // the analyser reads a form the base form lacks ("innebodde": "innebo#v"); the base form
  // then gets the same lemmas, so the two meet, and so does a form hunspell gives the base
  // form as its stem ("tillbuds"). The forms are those the dictionary has with the word as
  // their stem ("husfrun" of "husfru"); "bestört" and "härvid" have none.
  std::vector<std::string> LemmasOfItsForms(DictionaryChain& chain, const std::string& word,
                                            const std::vector<std::string>& stems) {
    std::vector<std::string> lemmas;
    if (reading_forms_ || !chain.morphology || stems.size() != 1 || stems[0] != word ||
        !Keys(chain, word).empty()) {
      return lemmas;
    }
    const std::string lemma_start = word + "#";
    // Endings of the definite, genitive and plural of nouns, the tenses and passive of verbs,
    // the inflection of adjectives.
    for (const std::string_view ending :
         {"et", "en", "t", "n", "s", "ar", "er", "or", "r", "de", "te", "dde", "tt", "a", "are"}) {
      const std::string inflected = word + std::string(ending);
      // A word in -a with -s is a noun's genitive or a verb's passive, which the tail read
      // may take for the other ("gaslyktas": no verb "gaslykta").
      if (ending == "s" && word.ends_with('a')) continue;
      const Lemmatizer::Entry e = chain.lemmatizer->Lookup(inflected);  // a copy, as below
      if (!e.known || std::find(e.stems.begin(), e.stems.end(), word) == e.stems.end()) continue;
      // The form's own stem is word: no forms of it are read in turn.
      WordAnalysis form;
      reading_forms_ = true;
      ComputeWithDictionary(chain, inflected, &form);
      reading_forms_ = false;
      for (const Term& t : form.terms) {
        if (t.text.starts_with(lemma_start) &&
            std::find(lemmas.begin(), lemmas.end(), t.text) == lemmas.end()) {
          lemmas.push_back(t.text);
        }
      }
      // One form that reads as the word tells (a word is rarely two parts of speech here).
      if (!lemmas.empty()) break;
    }
    return lemmas;
  }

  void ComputeWithDictionary(DictionaryChain& chain, const std::string& word, WordAnalysis* out) {
    Lemmatizer* lemmatizer = chain.lemmatizer.get();
    const Lemmatizer::Entry entry = lemmatizer->Lookup(word);  // a copy: Split looks up more
    std::vector<CompoundPart> parts;
    bool short_modifier = false;  // parts by ShortNounSplit: its modifier is a part all the same
    if (options_.decompound) parts = chain.decompounder.Split(word);
    if (options_.decompound && parts.empty() && !entry.OwnWord()) parts = SplitByTail(chain, word);
    if (options_.decompound && parts.empty() && entry.OwnWord()) {
      parts = LexicalizedSplit(chain, word, entry.stems);
      if (parts.empty()) {
        parts = ShortNounSplit(chain, word, entry.stems);
        short_modifier = !parts.empty();
      }
    }
    // "man" heads "nämndeman" and "tjänsteman", not "blomman" (the definite of "blomma").
    if (parts.size() >= 2 && parts.back().form == "man" && DefiniteOfA(chain, word)) {
      parts.clear();
    }
    if (parts.size() >= 2 && !entry.OwnWord()) {
      std::string before;
      for (std::size_t k = 0; k + 1 < parts.size(); ++k) before += parts[k].form;
      if (FiniteVerbHead(chain, before, parts.back().form)) parts.clear();
    }

    // Lemmas at full weight: the analyser's, with their part of speech, for words it knows;
    // else hunspell's for dictionary words; for compounds hunspell built itself its stems
    // can be wrong ("hemsjukvårdsavtalet" -> "hemavtal"), so the lemma is the modifiers as
    // written plus the head's lemma ("hemsjukvårdsavtal").
    std::vector<LemmaKey> keys = Keys(chain, word);
    if (keys.empty()) keys = ParticleVerbKeys(chain, word);
    // A person's or a place's name the analyser knows, and no other word, is no compound of
    // words: "bro" does not find "Barbro", nor "krona" "Landskrona". (An organisation's name
    // is: "domstol" finds "Europadomstolen".)
    const bool name_only =
        !keys.empty() &&
        std::all_of(keys.begin(), keys.end(), [](const LemmaKey& k) { return k.pos == "np"; });
    if (name_only) {
      const std::vector<Reading>& readings = chain.morphology->Analyze(word);
      if (std::none_of(readings.begin(), readings.end(),
                       [](const Reading& r) { return r.pos == "np" && r.Has("org"); })) {
        parts.clear();
      }
    }
    std::vector<LemmaKey> head =
        keys.empty() && !parts.empty() ? Keys(chain, parts.back().form) : keys;
    std::string prefix;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) prefix += parts[k].form;
    // A head in -s that Keys reads as a noun of its own ("pumps", "kurs") is a genitive where
    // hunspell lists the whole word as the genitive of a word it has ("värmepumps" of
    // "värmepump"): the genitive's reading joins, and CompoundReadings keeps hunspell's.
    // The head's part is then that word too ("pump", not "pumps").
    std::string genitive_head;
    if (keys.empty() && !parts.empty() && entry.OwnWord() && parts.back().form.ends_with('s')) {
      const std::string& form = parts.back().form;
      const std::string base = prefix + form.substr(0, form.size() - 1);
      if (std::find(entry.stems.begin(), entry.stems.end(), base) != entry.stems.end()) {
        for (const LemmaKey& k : chain.morphology->Keys(form)) {
          if (std::find(head.begin(), head.end(), k) == head.end()) head.push_back(k);
          if (prefix + k.lemma == base && OpenClassKey(k)) genitive_head = k.lemma;
        }
      }
    }
    if (head.empty() && keys.empty()) {
      head = TailKeys(chain, word, entry.OwnWord() ? &entry.stems : nullptr, &prefix);
      // A verb the dictionary lists as its own base form is no compound on a tail that is no
      // verb: "diplomera" and "licensera" are verbs, as their forms are, not "diplom|era".
      if (parts.empty() && !head.empty() && entry.OwnWord() &&
          std::find(entry.stems.begin(), entry.stems.end(), word) != entry.stems.end() &&
          std::none_of(head.begin(), head.end(), [](const LemmaKey& k) { return k.pos == "v"; }) &&
          lemmatizer->IsVerb(word)) {
        head.clear();
        prefix.clear();
      }
    }
    if (!keys.empty()) {
      for (const LemmaKey& k : keys) {
        // A noun that is two nouns of either gender has a lemma term a gender ("lagar":
        // lag#n.ut, "laget": lag#n.nt), so that "lagar" (laws) does not find "laget" (the team).
        const std::vector<std::string> genders = k.pos == "n"
                                                     ? chain.morphology->NounGenders(word, k.lemma)
                                                     : std::vector<std::string>{};
        if (genders.empty()) Add(&out->terms, word, LemmaTerm(k.lemma, k.pos), kFullWeight);
        for (const std::string& g : genders) {
          Add(&out->terms, word, LemmaTerm(k.lemma, k.pos + "." + g), kFullWeight);
        }
      }
      if (VerbalNoun(chain, word)) Add(&out->terms, word, LemmaTerm(word, "n"), kFullWeight);
      // A participle is a word of its own ("godkänd", "vårdande"), but a search for its verb
      // should reach it ("godkänna budgeten" for "budgeten godkänd"): the verb is a part, ranked
      // below the verb's own forms.
      for (const LemmaKey& k : keys) {
        if (k.pos == "pp" || k.pos == "pprs") {
          Add(&out->terms, word, VerbPartTerm(k.lemma), kPartWeight);
        }
      }
      // So should a search for the verb a deponent is the passive of: "beslut fattas" is found
      // by "fatta beslut", "krävs" by "kräva".
      for (const std::string& verb : VerbParts(chain, word, keys)) {
        Add(&out->terms, word, VerbPartTerm(verb), kPartWeight);
      }
      // And a search for a verb should reach its action noun in -ering or -ning, as minutes
      // write either: "revidera arbetsordningen" finds "revidering av arbetsordningen",
      // "bedöma" finds "bedömningen" ("-ing" alone is no such ending: a "handling" is a
      // document more than an act).
      for (const LemmaKey& k : keys) {
        if (k.pos != "n" || Utf8Length(k.lemma) < 7) continue;
        const bool ering = k.lemma.ends_with("ering") && Utf8Length(k.lemma) >= 8;
        const bool ning = k.lemma.ends_with("ning");
        if (!ering && !ning) continue;
        // "revider|ing" is "revidera"; "varn|ing" is "varna", not "vara"; "bedöm|ning" is
        // "bedöma".
        std::string verb = k.lemma.substr(0, k.lemma.size() - 3) + "a";
        if (ning && !IsVerbLemma(chain, verb)) verb = k.lemma.substr(0, k.lemma.size() - 4) + "a";
        if (IsVerbLemma(chain, verb)) Add(&out->terms, word, VerbPartTerm(verb), kPartWeight);
      }
      // The analyser lacks some verbs made from adjectives and reads their passives as the
      // adjective's genitive ("uppmärksammas" as "uppmärksam"'s), a form adjectives have only
      // as nouns ("de gamlas"): a verb hunspell has for the form is its lemma too, so the
      // passive meets "uppmärksammade".
      if (entry.OwnWord() && AdjectiveGenitiveOnly(chain, word)) {
        for (const std::string& stem : entry.stems) {
          if (lemmatizer->IsVerb(stem)) AddLemma(chain, &out->terms, word, "", stem);
        }
      }
      // A name the analyser knows may also be a word the dictionary knows in lower case
      // ("andre", the older "andra"): its lemmas too.
      if (entry.OwnWord() && name_only) {
        for (const std::string& stem : entry.stems) AddLemma(chain, &out->terms, word, "", stem);
      }
    } else if (!head.empty()) {
      // A compound whose head the analyser knows: hunspell's root of the whole can be a
      // different word ("barnavårdare" -> "barnavård"), the head's lemma is not.
      for (const LemmaKey& k : CompoundReadings(
               chain, head, keys.empty() && !parts.empty() ? parts.back().form : std::string(),
               prefix, entry)) {
        Add(&out->terms, word, LemmaTerm(prefix + k.lemma, k.pos), kFullWeight);
        // A compound on a present participle the dictionary inflects as a noun is that noun
        // too ("ställnings|tagande": "ställningstaganden").
        if (k.pos == "pprs" && HasNounForms(chain, word)) {
          Add(&out->terms, word, LemmaTerm(word, "n"), kFullWeight);
        }
      }
    } else if (entry.OwnWord()) {
      // A noun in -s is no form of the word it would be the genitive of (NounNotGenitive),
      // nor a noun in -a one of the noun without it (NounLessA).
      std::vector<std::string> stems = entry.stems;
      const bool not_genitive = NounNotGenitive(chain, word);
      std::erase_if(stems, [&](const std::string& stem) {
        return (not_genitive && stem != word && word.starts_with(stem)) ||
               NounLessA(chain, word, stem);
      });
      for (const std::string& stem : stems) {
        // A stem read by its own forms ("tillbuds": "tillbud#n", as "tillbudet").
        const std::vector<std::string> own = stem == word ? stems : lemmatizer->Lookup(stem).stems;
        const std::vector<std::string> lemmas = LemmasOfItsForms(chain, stem, own);
        for (const std::string& lemma : lemmas) Add(&out->terms, word, lemma, kFullWeight);
        if (lemmas.empty()) AddLemma(chain, &out->terms, word, "", stem);
      }
    } else if (!parts.empty()) {
      for (const std::string& stem : lemmatizer->Lookup(parts.back().form).stems) {
        Add(&out->terms, word, prefix + stem, kFullWeight);
      }
    } else {
      Add(&out->terms, word, lemmatizer->Snowball(word), kFullWeight);
    }
    if (parts.empty()) {
      // The first half of a suspended hyphen ("hälso- och sjukvård") is a modifier form
      // standing alone: its base word is a part, as in the compound it abbreviates.
      if (!entry.known) {
        if (const std::string* base = chain.lexicon->ModifierBase(word)) {
          AddPart(&out->terms, word, ModifierWord(chain, {word, *base}));
        }
      }
      // A form of a compound without parts of its own has the compound's ("cykelleder", a
      // plural of "cykelled": ~cykel and ~led; "vårdnadshavaren": ~vårdnad).
      if (!lemma_parts_ && entry.OwnWord()) LemmaParts(chain, word, &out->terms);
      return;
    }

    // Parts at part weight: each modifier's base word, and the head's lemmas; a part that is
    // itself a compound ("sjukvård" in "hemsjukvården") adds its own parts ("vård").
    std::vector<std::string> words;
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      if (options_.modifier_parts &&
          (short_modifier || Utf8Length(parts[k].base) >= options_.min_modifier_letters) &&
          chain.lexicon->Productivity(parts[k].form) <= options_.max_modifier_productivity) {
        words.push_back(ModifierWord(chain, parts[k]));
      }
    }
    if (parts.size() > 2 && options_.modifier_parts) {
      // "hemsjukvårds|avtalet": the whole modifier is often a word of its own, or a compound
      // the dictionary accepts ("elev|hälso|chef": "elevhälsa").
      std::string modifier;
      for (std::size_t k = 0; k + 2 < parts.size(); ++k) modifier += parts[k].form;
      modifier += ModifierWord(chain, parts[parts.size() - 2]);
      const Lemmatizer::Entry& m = lemmatizer->Lookup(modifier);
      if (m.known || !Keys(chain, modifier).empty()) words.push_back(modifier);
    }
    // A noun ending in a participle names a person or a thing, not the verb's action:
    // "ordförande" is no form of "föra", "sökande" none of "söka"; such a head is no part.
    // Nor is the participle's ending split off as a word ("barnavård|ande" is no spirit).
    const bool participle_head = ParticipleHead(chain, parts.back().form, keys);
    if (!participle_head && !genitive_head.empty()) {
      words.push_back(genitive_head);
    } else if (!participle_head) {
      // Of a head's readings, those the whole word's lemma ends in, where it ends in any
      // ("lågstadiet" is "lågstadium": "stadium", not also "stadion").
      std::vector<std::string> head_words = HeadWords(chain, parts.back().form);
      std::vector<std::string> in_lemma;
      for (const std::string& w : head_words) {
        if (std::any_of(keys.begin(), keys.end(),
                        [&](const LemmaKey& k) { return k.lemma.ends_with(w); })) {
          in_lemma.push_back(w);
        }
      }
      if (!in_lemma.empty()) head_words = std::move(in_lemma);
      for (std::string& w : head_words) {
        if (!ShortHeadAfterParticle(chain, parts, w, entry.OwnWord()) &&
            !DerivationSuffix(chain, prefix, w, entry.OwnWord())) {
          words.push_back(std::move(w));
        }
      }
      // A genitive head hunspell lists as a word of its own ("fullmäktiges") is the head of
      // the whole word's lemma: "kommunfullmäktiges" is "kommunfullmäktige", so its head
      // is "fullmäktige".
      for (const LemmaKey& k : keys) {
        if (!k.lemma.starts_with(prefix)) continue;
        std::string w = k.lemma.substr(prefix.size());
        if (parts.back().form == w + "s" && Utf8Length(w) >= 3 &&
            std::find(words.begin(), words.end(), w) == words.end()) {
          words.push_back(std::move(w));
        }
      }
    }
    const std::size_t direct = words.size();
    for (std::size_t i = 0; i < direct; ++i) {
      std::vector<CompoundPart> inner = chain.decompounder.Split(words[i]);
      const Lemmatizer::Entry whole = lemmatizer->Lookup(words[i]);  // a copy, as above
      const bool own_word = whole.OwnWord();
      // A part the dictionary lists whole splits as such a word does ("buss|hållplats": "plats").
      if (inner.empty() && own_word) inner = LexicalizedSplit(chain, words[i], whole.stems);
      if (inner.empty()) continue;
      // "ung|dom" in "ungdoms|råd" is a derivation: no parts of its own ("unge", "dom").
      if (DerivationSuffix(chain, inner.front().form, inner.back().form, own_word)) continue;
      for (std::size_t k = 0; k + 1 < inner.size(); ++k) {
        if (options_.modifier_parts && Utf8Length(inner[k].base) >= options_.min_modifier_letters) {
          words.push_back(ModifierWord(chain, inner[k]));
        }
      }
      // A participle ending a noun is no part here either ("nämnd|ordförande": no "föra").
      if (ParticipleHead(chain, inner.back().form, Keys(chain, words[i]))) continue;
      bool linking_s = false;
      for (std::string& w : HeadWords(chain, inner.back().form)) {
        linking_s |= !own_word && words[i].ends_with('s') && inner.back().form == w + "s";
        if (!ShortHeadAfterParticle(chain, inner, w, own_word)) words.push_back(std::move(w));
      }
      // A part hunspell knows only as a compound it builds, whose own head is that head's
      // lemma and the linking -s ("korttids|boende": "kort|tids"), is the compound without the
      // -s, as a query names it ("korttid").
      if (linking_s) words[i].pop_back();
    }
    for (const std::string& w : words) AddPart(&out->terms, word, w);
  }

  // A code with hyphens ("covid-19", "covid-19-pandemin"): its words are parts, so that
  // "covid" finds it below the code itself, and "covid-19" still finds only the code.
  void ComputeCode(const std::string& code, WordAnalysis* out) {
    out->terms.clear();
    out->stopword = false;
    // "covid-19:s" is a form of "covid-19".
    if (const std::string_view base = ColonInflectionBase(code); !base.empty()) {
      Add(&out->terms, code, std::string(base), kFullWeight);
    }
    std::size_t start = 0;
    while (start < code.size()) {
      std::size_t end = code.find('-', start);
      if (end == std::string::npos) end = code.size();
      const std::string piece = code.substr(start, end - start);
      start = end + 1;
      const bool letters =
          Utf8Length(piece) >= 2 && std::none_of(piece.begin(), piece.end(), [](char c) {
            return (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '/';
          });
      if (!letters || piece == code || IsStopword(piece)) continue;
      AddPart(&out->terms, code, piece);
      WordAnalysis analysis;
      Compute(piece, &analysis);
      for (const Term& t : analysis.terms) {
        if (t.weight == kFullWeight) AddPart(&out->terms, code, std::string(TermWord(t.text)));
      }
    }
  }

  AnalyzerOptions options_;
  std::unique_ptr<Tokenizer> tokenizer_;
  Normalizer normalizer_;
  std::unique_ptr<DictionaryChain> chain_;
  bool chain_failed_ = false;
  bool reading_forms_ = false;  // LemmasOfItsForms is reading a word's forms
  bool lemma_parts_ = false;    // LemmaParts is reading a word's lemma
  Xapian::Stem snowball_;
  std::unordered_map<std::string, WordAnalysis, StringHash, std::equal_to<>> cache_;
  WordAnalysis scratch_;
  std::vector<RawToken> raw_;
  std::string folded_, joined_;
  std::vector<Term> found_;
  std::vector<WordEntry> new_words_;
};

bool Readable(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

SharedAnalyses::SharedAnalyses() : store_(std::make_unique<Store>()) {}
SharedAnalyses::~SharedAnalyses() = default;

Status Analyzer::Open(const AnalyzerOptions& options, std::unique_ptr<Analyzer>* analyzer) {
  if (!Readable(options.hunspell_dir + "/sv_SE.aff") ||
      !Readable(options.hunspell_dir + "/sv_SE.dic")) {
    return Status::NotFound("cannot read hunspell dictionary " + options.hunspell_dir +
                            "/sv_SE.{aff,dic} (install hunspell-sv)");
  }
  std::unique_ptr<Tokenizer> tokenizer;
  Status s = Tokenizer::Open(&tokenizer);
  if (!s.ok()) return s;
  *analyzer = std::make_unique<ChainAnalyzer>(options, std::move(tokenizer));
  return Status::OK();
}

std::string_view ColonInflectionBase(std::string_view word) {
  static constexpr std::string_view kEndings[] = {
      "s",  "n",  "ns", "en",   "ens",  "et",   "ets",   "na",    "nas",
      "ar", "er", "or", "arna", "erna", "orna", "arnas", "ernas", "ornas"};
  const std::size_t colon = word.rfind(':');
  if (colon == std::string_view::npos) return {};
  const std::string_view ending = word.substr(colon + 1);
  if (std::find(std::begin(kEndings), std::end(kEndings), ending) == std::end(kEndings)) return {};
  const std::string_view base = word.substr(0, colon);
  if (Utf8Length(base) < 2 || base.find(':') != std::string_view::npos) return {};
  return base;
}

// Encoded: a version mark, then "term\x1fW\x1e" for each term (never empty, as an empty
// value would delete a Xapian metadata key).
constexpr char kEncodingMark = 'a';

std::string EncodeTerms(const std::vector<Term>& terms) {
  std::string out(1, kEncodingMark);
  for (const Term& t : terms) {
    out += t.text;
    out += '\x1f';
    out += static_cast<char>('0' + t.weight);
    out += '\x1e';
  }
  return out;
}

bool DecodeTerms(std::string_view encoded, std::vector<Term>* terms) {
  terms->clear();
  if (encoded.empty() || encoded[0] != kEncodingMark) return false;
  encoded.remove_prefix(1);
  while (!encoded.empty()) {
    std::size_t end = encoded.find('\x1e');
    if (end == std::string_view::npos || end < 2 || encoded[end - 2] != '\x1f') return false;
    int weight = encoded[end - 1] - '0';
    if (weight < 0 || weight > 9) return false;
    terms->push_back({std::string(encoded.substr(0, end - 2)), weight, false});
    encoded.remove_prefix(end + 1);
  }
  return true;
}

}  // namespace protokoll::stemming
