// The analysis chain: tokenizer -> normalizer -> stopwords -> lemmatizer -> decompounder,
// composed here and nowhere else. Everything after the normalizer depends only on the folded
// word, so its result is cached per distinct word and a repeated word costs one lookup.
#include "protokoll/stemming/analyzer.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "compound_lexicon.h"
#include "decompounder.h"
#include "lemmatizer.h"
#include "normalizer.h"
#include "stopwords.h"
#include "tokenizer.h"

namespace protokoll::stemming {
namespace {

// Tokens longer than this are junk (base64, a 1 MB "word"); Xapian also rejects terms over
// 245 bytes, and the indexer adds field prefixes.
constexpr std::size_t kMaxTokenBytes = 100;

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
    const Lemmatizer::Entry& entry = lemmatizer_->Lookup(form);
    if (!entry.known || entry.compound) return false;
    for (const std::string& stem : entry.stems) {
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
  std::vector<Term> terms;
};

bool StartsUpper(std::string_view s) {
  if (s.empty()) return false;
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) < 0xA0;
}

class ChainAnalyzer final : public Analyzer {
 public:
  ChainAnalyzer(const AnalyzerOptions& options, std::unique_ptr<Tokenizer> tokenizer,
                std::unique_ptr<Lemmatizer> lemmatizer,
                std::shared_ptr<const CompoundLexicon> lexicon)
      : options_(options),
        tokenizer_(std::move(tokenizer)),
        lemmatizer_(std::move(lemmatizer)),
        lexicon_(lexicon),
        dictionary_(std::move(lexicon), lemmatizer_.get()),
        decompounder_(&dictionary_) {}

  void Analyze(std::string_view text, std::vector<Token>* tokens) override {
    lemmatizer_->Trim();
    if (cache_.size() > options_.cache_entries) cache_.clear();
    const std::size_t raw_count = tokenizer_->Tokenize(text, &raw_);
    std::size_t count = 0;
    uint32_t position = 0;
    for (std::size_t i = 0; i < raw_count; ++i) {
      const RawToken& raw = raw_[i];
      std::size_t end = raw.end;
      normalizer_.Fold(raw.text, &folded_);
      // "famil-\njehemmet": join when the joined word is a word and the hyphen is not a
      // real one ("HSL-\ninsatser" stays two words).
      if (i + 1 < raw_count && raw_[i + 1].after_line_hyphen && raw.type == TokenType::kWord &&
          raw_[i + 1].type == TokenType::kWord && !StartsUpper(raw_[i + 1].text)) {
        normalizer_.Fold(raw.text + raw_[i + 1].text, &joined_);
        const Lemmatizer::Entry& entry = lemmatizer_->Lookup(joined_);
        if (entry.known && !IsStopword(joined_)) {
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
      token.terms.clear();
      token.terms.push_back({folded_, kFullWeight, true});
      if (raw.type != TokenType::kWord) continue;  // numbers and codes: the surface only
      const WordAnalysis& analysis = AnalyzeWord(folded_);
      token.stopword = analysis.stopword;
      token.terms.insert(token.terms.end(), analysis.terms.begin(), analysis.terms.end());
    }
    tokens->resize(count);
  }

  std::string Fold(std::string_view text) const override {
    std::string out;
    normalizer_.Fold(text, &out);
    return out;
  }

 private:
  const WordAnalysis& AnalyzeWord(const std::string& word) {
    if (options_.cache_entries == 0) {
      Compute(word, &scratch_);
      return scratch_;
    }
    auto it = cache_.find(word);
    if (it != cache_.end()) return it->second;
    WordAnalysis& analysis = cache_[word];
    Compute(word, &analysis);
    return analysis;
  }

  static void Add(std::vector<Term>* terms, std::string_view surface, std::string text,
                  int weight) {
    if (text.empty() || text == surface) return;
    for (const Term& t : *terms) {
      if (t.text == text) return;  // a lemma that is also a part keeps its full weight
    }
    terms->push_back({std::move(text), weight, false});
  }

  void Compute(const std::string& word, WordAnalysis* out) {
    out->terms.clear();
    out->stopword = IsStopword(word);
    if (out->stopword) return;
    const Lemmatizer::Entry entry = lemmatizer_->Lookup(word);  // a copy: Split looks up more
    std::vector<CompoundPart> parts;
    if (options_.decompound) parts = decompounder_.Split(word);

    // Lemmas at full weight: hunspell's for dictionary words; for compounds hunspell built
    // itself its stems can be wrong ("hemsjukvårdsavtalet" -> "hemavtal"), so the lemma is
    // the modifiers as written plus the head's lemma ("hemsjukvårdsavtal").
    if (entry.known && !entry.compound) {
      for (const std::string& stem : entry.stems) Add(&out->terms, word, stem, kFullWeight);
    } else if (!parts.empty()) {
      std::string prefix;
      for (std::size_t k = 0; k + 1 < parts.size(); ++k) prefix += parts[k].form;
      for (const std::string& stem : lemmatizer_->Lookup(parts.back().form).stems) {
        Add(&out->terms, word, prefix + stem, kFullWeight);
      }
    } else {
      Add(&out->terms, word, lemmatizer_->Snowball(word), kFullWeight);
    }
    if (parts.empty()) return;

    // Parts at part weight: each modifier's base word, and the head's lemmas.
    // Modifiers only when specific: long (a concept of its own, often itself a compound:
    // "familjehem", "hemsjukvård") and rare as a compound start: "sprutbytes-" (one dictionary word
    // starts with it) is what a searcher for "sprutbyte" wants; "arbets-" (231) would tie
    // "arbetsgivare" to "arbetsplats" and bury real matches under part matches.
    for (std::size_t k = 0; k + 1 < parts.size(); ++k) {
      if (Utf8Length(parts[k].base) >= options_.min_modifier_letters &&
          lexicon_->Productivity(parts[k].form) <= options_.max_modifier_productivity) {
        Add(&out->terms, word, parts[k].base, kPartWeight);
      }
    }
    if (parts.size() > 2 && options_.min_modifier_letters != SIZE_MAX) {
      // "hemsjukvårds|avtalet": the whole modifier is often a word of its own.
      std::string modifier;
      for (std::size_t k = 0; k + 2 < parts.size(); ++k) modifier += parts[k].form;
      modifier += parts[parts.size() - 2].base;
      const Lemmatizer::Entry& m = lemmatizer_->Lookup(modifier);
      if (m.known && !m.compound) Add(&out->terms, word, modifier, kPartWeight);
    }
    for (const std::string& stem : lemmatizer_->Lookup(parts.back().form).stems) {
      Add(&out->terms, word, stem, kPartWeight);
    }
  }

  AnalyzerOptions options_;
  std::unique_ptr<Tokenizer> tokenizer_;
  Normalizer normalizer_;
  std::unique_ptr<Lemmatizer> lemmatizer_;
  std::shared_ptr<const CompoundLexicon> lexicon_;
  HunspellCompoundDictionary dictionary_;
  Decompounder decompounder_;
  std::unordered_map<std::string, WordAnalysis, StringHash, std::equal_to<>> cache_;
  WordAnalysis scratch_;
  std::vector<RawToken> raw_;
  std::string folded_, joined_;
};

}  // namespace

Status Analyzer::Open(const AnalyzerOptions& options, std::unique_ptr<Analyzer>* analyzer) {
  std::unique_ptr<Tokenizer> tokenizer;
  Status s = Tokenizer::Open(&tokenizer);
  if (!s.ok()) return s;
  std::unique_ptr<Lemmatizer> lemmatizer;
  s = Lemmatizer::Open(options.hunspell_dir, options.cache_entries, &lemmatizer);
  if (!s.ok()) return s;
  std::shared_ptr<const CompoundLexicon> lexicon;
  s = CompoundLexicon::Load(options.hunspell_dir, &lexicon);
  if (!s.ok()) return s;
  *analyzer = std::make_unique<ChainAnalyzer>(options, std::move(tokenizer), std::move(lemmatizer),
                                              std::move(lexicon));
  return Status::OK();
}

}  // namespace protokoll::stemming
