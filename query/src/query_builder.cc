// Syntax tree -> Xapian query. A free-text word matches an item if any of its full-weight
// terms (surface form, lemmas) occurs, also as a part of a compound; the surface form weighs
// most, lemmas less, parts of compounds less again; words in the title and in the decision
// add to the score; synonyms and acronyms (SoL -> socialtjänstlagen) match too,
// with less weight. Fields become boolean terms folded the way the indexer folded them.
#include "query_builder.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "protokoll/case_number.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"
#include "protokoll/schema.h"
#include "protokoll/xapian_metadata.h"

namespace protokoll::query {
namespace {

namespace schema = protokoll::schema;
using Xapian::Query;

constexpr double kLemmaScale = 0.8;    // a lemma of the query word, vs its surface form
constexpr double kAsPartScale = 0.5;   // the query word as a part of a compound in the text
constexpr double kSynonymScale = 0.6;  // an expansion of an acronym or synonym
// A part of a compound query word that the index lacks, as a word or a part in the text.
constexpr double kAbsentPartScale = 0.3;
constexpr Xapian::termcount kWildcardLimit = 200;
// A relaxed query of up to this many words ranks the items with all but one of them first.
constexpr std::size_t kMaxCoordinatedWords = 6;
// A word of this many letters also matches compounds it starts ("narkotika" ->
// "narkotikabruket") at this weight, for compounds the decompounder does not split.
constexpr std::size_t kPrefixMinChars = 5;
constexpr double kPrefixScale = 0.3;
constexpr Xapian::termcount kPrefixLimit = 50;
// A compound query word written apart in the text ("intern kontroll"), as a phrase.
constexpr double kApartScale = 0.5;
// Two query words the text writes as one compound ("skol frånvaro": "skolfrånvaro"), for
// each of the two: the one concept the words name together.
constexpr double kJoinedScale = 2.0;
// Of the words of the index starting with a compound's head, this many are looked at for its
// forms: the head with one of these endings.
constexpr std::size_t kHeadFormScan = 50;
constexpr std::string_view kHeadEndings[] = {
    "",  "n",  "en",  "et",  "na",  "ar", "er", "or", "arna", "erna", "orna",
    "s", "ns", "ens", "ets", "nas", "t",  "a",  "e",  "ars",  "ers",  "ors"};
// Words of the index starting with the query word that are looked at one by one (above,
// a wildcard of the kPrefixLimit most frequent stands in).
constexpr std::size_t kPrefixScan = 200;

// The prefix of a free-text field's terms ("" for the item's text).
std::string Prefix(Field field) {
  const FieldDef* f = FieldDefOf(field);
  return f && f->kind == FieldKind::kText ? std::string(f->prefix) : "";
}

Query Scaled(const std::string& term, double scale) {
  return Query(Query::OP_SCALE_WEIGHT, Query(term), scale);
}

Query Or(const std::vector<Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Query(Query::OP_OR, qs.begin(), qs.end());
}

Query And(const std::vector<Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Query(Query::OP_AND, qs.begin(), qs.end());
}

// Collapses runs of spaces, for comparing multi-word names.
std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

Query Wildcard(const std::string& pattern) {
  return Query(Query::OP_WILDCARD, pattern, kWildcardLimit, Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

// A word in any of its forms at one position: positions are on surface forms only, so the
// word itself and the forms its lemmas start.
Query AnyFormAt(const std::string& prefix, const stemming::Token& token) {
  std::vector<Query> qs = {Query(prefix + token.text)};
  for (const stemming::Term& t : token.terms) {
    if (t.weight < stemming::kFullWeight || t.positional) continue;
    // An OR of the forms, not Xapian's default synonym, keeps their positions.
    qs.push_back(Query(Query::OP_WILDCARD, prefix + std::string(stemming::TermWord(t.text)),
                       kWildcardLimit, Query::WILDCARD_LIMIT_MOST_FREQUENT, Query::OP_OR));
  }
  return Or(qs);
}

}  // namespace

bool PartialDate(std::string_view text, bool upper, std::string* out) {
  std::string digits;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() == 1 && parts[0].size() == 8 && AllDigits(parts[0])) {
    parts = {parts[0].substr(0, 4), parts[0].substr(4, 2), parts[0].substr(6, 2)};
  }
  if (parts.empty() || parts.size() > 3 || parts[0].size() != 4) return false;
  for (std::string_view p : parts) {
    if (!AllDigits(p) || p.size() > 4) return false;
  }
  int y = std::stoi(std::string(parts[0]));
  int m = parts.size() > 1 ? std::stoi(std::string(parts[1])) : (upper ? 12 : 1);
  int d = parts.size() > 2 ? std::stoi(std::string(parts[2])) : 1;
  if (parts.size() > 1 && parts[1].size() > 2) return false;
  if (parts.size() > 2 && parts[2].size() > 2) return false;
  using namespace std::chrono;
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (parts.size() <= 2 && upper) {
    ymd = year_month_day{
        year_month_day_last{year{y}, month_day_last{month{static_cast<unsigned>(m)}}}};
  }
  if (!ymd.ok()) return false;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  *out = buf;
  return true;
}

bool QueryBuilder::PhraseTermsIndexed(const Xapian::Database& db) {
  return db.get_metadata(std::string(schema::kSynonymsKey)) == corpus::SynonymsFingerprint();
}

QueryBuilder::QueryBuilder(stemming::Analyzer* analyzer, const Xapian::Database& db,
                           bool phrase_terms, stemming::Vocabulary* vocabulary)
    : analyzer_(analyzer), db_(db), phrase_terms_(phrase_terms), vocabulary_(vocabulary) {
  if (vocabulary_ == nullptr) {
    own_vocabulary_.emplace(MetadataReader(db), schema::kVocabularyPrefix);
    vocabulary_ = &*own_vocabulary_;
  }
  // Folding does not depend on the analyzer's state: one table serves every query.
  static const SynonymTable* const table = [analyzer] {
    auto* t = new SynonymTable;
    for (const corpus::Synonym& s : corpus::Synonyms()) {
      auto& list = (*t)[Squeeze(analyzer->Fold(s.term))];
      list.insert(list.end(), s.expansions.begin(), s.expansions.end());
    }
    return t;
  }();
  synonyms_ = table;
}

Status QueryBuilder::Build(const Node& root, bool relaxed, BuiltQuery* out) {
  *out = BuiltQuery();
  relaxed_ = relaxed;
  out_ = out;
  Part part;
  Status s = Visit(root, &part);
  if (!s.ok()) return s;
  if (part.empty) {
    return Status::InvalidArgument("nothing to search for: the query has no words");
  }
  out->query = root.sign < 0 ? Query(Query::OP_AND_NOT, Query::MatchAll, part.query) : part.query;
  return Status::OK();
}

Status QueryBuilder::Visit(const Node& node, Part* out) {
  switch (node.kind) {
    case Node::Kind::kWord:
    case Node::Kind::kPhrase:
      if (IsFilterField(node.field)) {
        out->filter = true;
        return Filter(node.field, node.text, node.wildcard, &out->query, &out_->notes);
      }
      *out = node.kind == Node::Kind::kWord ? Word(node.field, node)
                                            : Phrase(node.field, node.text, node.sign >= 0);
      return Status::OK();
    case Node::Kind::kAnd:
      return VisitAnd(node, out);
    case Node::Kind::kOr: {
      std::vector<Query> qs;
      bool all_filters = true;
      for (const Node& c : node.children) {
        Part p;
        Status s = Visit(c, &p);
        if (!s.ok()) return s;
        if (p.empty) continue;
        all_filters = all_filters && p.filter;
        qs.push_back(p.query);
      }
      if (qs.empty()) {
        out->empty = true;
        return Status::OK();
      }
      out->query = Or(qs);
      out->filter = all_filters;
      return Status::OK();
    }
    case Node::Kind::kNear: {
      std::vector<Query> qs;
      for (const Node& c : node.children) {
        Query q = Positional(node.field, c);
        if (!q.empty()) qs.push_back(q);
      }
      if (qs.size() < 2) {
        out->empty = qs.empty();
        if (!qs.empty()) out->query = qs[0];
        return Status::OK();
      }
      out->query = Query(Query::OP_NEAR, qs.begin(), qs.end(), node.window);
      if (node.sign >= 0) out_->has_text = true;
      return Status::OK();
    }
  }
  return Status::OK();
}

Status QueryBuilder::VisitAnd(const Node& node, Part* out) {
  std::vector<Query> required, plain, excluded, stopwords;
  std::map<Field, std::vector<Query>> filters;  // OR within a field, AND across fields
  const Node* previous = nullptr;               // the word before, when it is plain
  for (const Node& c : node.children) {
    Part p;
    Status s = Visit(c, &p);
    if (!s.ok()) return s;
    const Node* word = nullptr;
    if (p.empty) {
      previous = nullptr;
      continue;
    }
    if (c.sign < 0) {
      excluded.push_back(p.query);
    } else if (p.filter) {
      filters[c.field].push_back(p.query);
    } else if (c.sign > 0) {
      required.push_back(p.query);
    } else if (p.stopword) {
      stopwords.push_back(p.query);
    } else {
      plain.push_back(p.query);
      word = c.kind == Node::Kind::kWord && !c.wildcard ? &c : nullptr;
      // Two words the minutes write as one compound: either is answered by the compound.
      if (word && previous && previous->field == word->field) {
        const Query joined = Joined(word->field, *previous, *word);
        if (!joined.empty()) {
          for (std::size_t k = plain.size() - 2; k < plain.size(); ++k) {
            plain[k] = Query(Query::OP_OR, plain[k], joined);
          }
        }
      }
    }
    previous = word;
  }
  // Stopwords count only when nothing else is there ("om och", a title of stopwords).
  if (required.empty() && plain.empty()) plain = stopwords;
  Query text;
  if (relaxed_ && node.implicit && !plain.empty()) {
    text = Or(plain);
    // No item has all the words: the items with all but one of them first. Each such item
    // also matches one of the AND-of-all-but-one queries, which adds its words' weights
    // again; an item with fewer words gets its weights once ("förorenad mark kemtvätt": an
    // item on "förorenade" land and "kemtvätt" before one that says "mark" often).
    if (plain.size() >= 3 && plain.size() <= kMaxCoordinatedWords) {
      std::vector<Query> most;
      for (std::size_t skip = 0; skip < plain.size(); ++skip) {
        std::vector<Query> rest;
        for (std::size_t k = 0; k < plain.size(); ++k) {
          if (k != skip) rest.push_back(plain[k]);
        }
        most.push_back(And(rest));
      }
      text = Query(Query::OP_OR, text, Or(most));
    }
    if (!required.empty()) text = Query(Query::OP_AND_MAYBE, And(required), text);
  } else {
    std::vector<Query> all = required;
    all.insert(all.end(), plain.begin(), plain.end());
    if (!all.empty()) text = And(all);
    if (node.implicit && plain.size() >= 2) out_->relaxable = true;
  }
  std::vector<Query> per_field;
  for (const auto& [field, qs] : filters) per_field.push_back(Or(qs));
  Query filter = per_field.empty() ? Query() : And(per_field);
  if (!text.empty() && !filter.empty()) {
    out->query = Query(Query::OP_FILTER, text, filter);
  } else if (!text.empty()) {
    out->query = text;
  } else if (!filter.empty()) {
    out->query = filter;
    out->filter = true;
  } else if (!excluded.empty()) {
    out->query = Query::MatchAll;
    out->filter = true;
  } else {
    out->empty = true;
    return Status::OK();
  }
  if (!excluded.empty()) out->query = Query(Query::OP_AND_NOT, out->query, Or(excluded));
  return Status::OK();
}

QueryBuilder::Part QueryBuilder::Word(Field field, const Node& node) {
  Part part;
  const std::string prefix = Prefix(field);
  const bool positive = node.sign >= 0;
  if (node.wildcard && node.text.empty()) {
    // beslut:* = items that have a decision; rubrik:* and a bare * would be everything.
    part.query = Query(std::string(schema::kHasDecisionTerm));
    part.filter = true;
    if (field != Field::kDecision) part.query = Query::MatchAll;
    return part;
  }
  if (node.wildcard) {
    std::string folded = analyzer_->Fold(node.text);
    part.query = Wildcard(prefix + folded);
    if (positive) {
      out_->highlight.prefixes.push_back(folded);
      out_->has_text = true;
    }
    return part;
  }
  analyzer_->Analyze(node.text, &tokens_);
  if (tokens_.empty()) {
    part.empty = true;
    return part;
  }
  if (tokens_.size() > 1) {  // "covid-19", "Upplands-Bro", "HVB-placering"
    // As written first; below it, its words in a row in any of their forms ("HVB-placering"
    // finds "HVB-placeringar"). Quoted, it is the written form only.
    std::vector<Query> forms;
    for (const stemming::Token& t : tokens_) forms.push_back(AnyFormAt(prefix, t));
    const Query inflected(Query::OP_PHRASE, forms.begin(), forms.end(), forms.size());
    Part written = Phrase(field, node.text, positive);
    if (!written.empty) {
      written.query =
          Query(Query::OP_OR, written.query, Query(Query::OP_SCALE_WEIGHT, inflected, kLemmaScale));
    }
    return written;
  }
  const stemming::Token token = tokens_[0];
  // What matches. A match in the title or the decision ranks higher through the text terms'
  // weights (schema::kTitleBonus); the S and XD terms serve rubrik: and beslut:.
  // The word's forms (and the compounds that begin with it) first, then its forms as compound
  // parts: the index sorts each group together, so Xapian looks them up in one part of its
  // B-tree after the other rather than back and forth (each switch can cost a block read).
  std::vector<Query> full;
  // A part term once, at the weight of the strongest term it comes from: the surface form
  // and its lemma ("hälsa", "hälsa#n") meet the same part ("~hälsa"), which asked for twice
  // would outweigh the word itself.
  std::vector<std::pair<std::string, double>> as_parts;
  bool indexed = false;
  for (const stemming::Term& t : token.terms) {
    // The query word's own compound parts are not asked for: items with the whole word
    // are what it finds, and ranking them by their parts too cost more than it gave.
    if (t.weight < stemming::kFullWeight) continue;
    double scale = t.positional ? 1.0 : kLemmaScale;
    full.push_back(Scaled(prefix + t.text, scale));
    indexed = indexed || db_.term_exists(prefix + t.text);
    // The word as a part of a compound ("sprutbyte" in "sprutbytesprogrammet"), a verb as
    // the verb of a participle ("godkänna" in "godkänd").
    if (positive) out_->highlight.terms.insert(t.text);
    for (std::string& part : stemming::PartTermsOf(t.text)) {
      auto it = std::find_if(as_parts.begin(), as_parts.end(),
                             [&](const auto& p) { return p.first == prefix + part; });
      if (it == as_parts.end()) {
        as_parts.emplace_back(prefix + part, scale * kAsPartScale);
      } else {
        it->second = std::max(it->second, scale * kAsPartScale);
      }
      if (positive) out_->highlight.terms.insert(std::move(part));
    }
  }
  // Whether the index has terms that begin with the query word: the word itself, or a
  // compound it starts ("heltid" in "heltidsresan", split "hel|tidsresan").
  bool starts_terms = false;
  if (token.type == stemming::TokenType::kWord && !token.stopword &&
      CodePoints(token.text) >= kPrefixMinChars) {
    Query unsplit = Unsplit(prefix, token, &starts_terms);
    indexed = indexed || starts_terms;  // "budgetår" of "budgetåret" is no slip either
    if (!unsplit.empty()) full.push_back(Query(Query::OP_SCALE_WEIGHT, unsplit, kPrefixScale));
    if (positive) out_->highlight.prefixes.push_back(token.text);
  }
  for (const auto& [term, scale] : as_parts) {
    full.push_back(Scaled(term, scale));
    // A word the index has only inside compounds ("avfall" in "textilavfall") is no slip.
    if (!indexed && positive) indexed = db_.term_exists(term);
  }
  // Only a word the index has nothing of asks for its parts: the scan above already told, for
  // free, about most words; the parts of "heltid" would only add every item about "tid".
  if (!starts_terms) {
    Query absent = AbsentCompound(prefix, token, positive);
    if (!absent.empty()) full.push_back(absent);
  }
  Query apart = Apart(prefix, token, positive);
  if (!apart.empty()) full.push_back(apart);
  part.query = Or(full);
  Query syn = Synonyms(field, token.text);
  if (!syn.empty()) part.query = Query(Query::OP_OR, part.query, syn);
  part.stopword = token.stopword;
  if (positive) {
    out_->has_text = out_->has_text || !token.stopword;
    if (token.type == stemming::TokenType::kWord && !token.stopword) {
      std::size_t end = node.end;
      out_->words.push_back({token.text, end - node.text.size(), end, indexed});
    }
  }
  return part;
}

QueryBuilder::Part QueryBuilder::Phrase(Field field, std::string_view text, bool record) {
  Part part;
  const std::string prefix = Prefix(field);
  analyzer_->Analyze(text, &tokens_);
  std::vector<std::string> surfaces;
  bool all_stop = true;
  for (const stemming::Token& t : tokens_) {
    surfaces.push_back(t.text);
    all_stop = all_stop && t.stopword;
  }
  if (surfaces.empty()) {
    part.empty = true;
    return part;
  }
  if (surfaces.size() == 1) {
    // A quoted single word matches that exact form only.
    part.query = Query(prefix + surfaces[0]);
  } else {
    std::vector<Query> terms;
    for (const std::string& s : surfaces) terms.push_back(Query(prefix + s));
    part.query = Query(Query::OP_PHRASE, terms.begin(), terms.end(), terms.size());
  }
  Query syn = Synonyms(field, Squeeze(analyzer_->Fold(text)));
  if (!syn.empty()) part.query = Query(Query::OP_OR, part.query, syn);
  part.stopword = all_stop && surfaces.size() == 1;
  if (record) {
    out_->has_text = true;
    if (surfaces.size() == 1) {
      out_->highlight.terms.insert(surfaces[0]);
    } else {
      out_->highlight.phrases.push_back(surfaces);
    }
  }
  return part;
}

Query QueryBuilder::Positional(Field field, const Node& node) {
  const std::string prefix = Prefix(field);
  if (node.kind == Node::Kind::kPhrase) return Phrase(field, node.text, true).query;
  if (node.wildcard) {
    std::string folded = analyzer_->Fold(node.text);
    out_->highlight.prefixes.push_back(folded);
    return Wildcard(prefix + folded);
  }
  analyzer_->Analyze(node.text, &tokens_);
  if (tokens_.empty()) return Query();
  if (tokens_.size() > 1) return Phrase(field, node.text, true).query;
  for (const stemming::Term& t : tokens_[0].terms) {
    if (t.weight >= stemming::kFullWeight) out_->highlight.terms.insert(t.text);
  }
  return AnyFormAt(prefix, tokens_[0]);
}

// The words of the index that start with the query word but that its terms do not reach:
// neither its forms nor compounds the analyzer split ("narkotikabruket" for "narkotika",
// a modifier too common to be indexed as a part). Most words starting with it are its
// forms, and asking for them again cost more than anything else in a query.
Query QueryBuilder::Unsplit(const std::string& prefix, const stemming::Token& token,
                            bool* starts_terms) {
  const std::string start = prefix + token.text;
  std::vector<std::string> words;
  auto it = db_.allterms_begin(start);
  *starts_terms = it != db_.allterms_end(start);
  for (; it != db_.allterms_end(start); ++it) {
    if (words.size() == kPrefixScan) {
      return Query(Query::OP_WILDCARD, start, kPrefixLimit, Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    words.push_back((*it).substr(prefix.size()));
  }
  std::vector<std::string> own;  // the terms the query word asks for: its forms, as parts too
  for (const stemming::Term& t : token.terms) {
    if (t.weight < stemming::kFullWeight) continue;
    own.push_back(t.text);
    for (std::string& part : stemming::PartTermsOf(t.text)) own.push_back(std::move(part));
  }
  auto reaches = [&own](const std::string& term) {
    return std::find(own.begin(), own.end(), term) != own.end();
  };
  std::vector<Query> qs;
  for (const std::string& word : words) {
    // A word the vocabulary lacks is only a lemma: its items have a form that is checked.
    // The word and an "s" is its genitive, which its lemma reaches, or another word that it
    // does not ("kvittens", a receipt, is no compound on "kvitten").
    if (word.size() == token.text.size() + 1 && word.back() == 's') continue;
    if (reaches(word) || !vocabulary_->Find(word, &found_)) continue;
    if (std::none_of(found_.begin(), found_.end(),
                     [&](const stemming::Term& t) { return reaches(t.text); })) {
      qs.push_back(Query(prefix + word));
    }
  }
  if (qs.empty()) return Query();
  return Query(Query::OP_SYNONYM, qs.begin(), qs.end());
}

Query QueryBuilder::Joined(Field field, const Node& first, const Node& second) {
  const std::string prefix = Prefix(field);
  const std::string a = analyzer_->Fold(first.text), b = analyzer_->Fold(second.text);
  if (CodePoints(a) < 2 || CodePoints(b) < 3 || a.find(' ') != std::string::npos ||
      b.find(' ') != std::string::npos) {
    return Query();
  }
  // The first word as written, with a linking -s, or its last vowel dropped or made a
  // joining vowel ("skola": "skol-", "elevhälsa": "elevhälso-", "gata": "gatu-").
  std::vector<std::string> starts{a, a + 's'};
  if (std::string_view("aeou").find(a.back()) != std::string_view::npos) {
    const std::string stem = a.substr(0, a.size() - 1);
    for (const char* joint : {"", "o", "u", "e", "s"}) {
      if (stem + joint != a) starts.push_back(stem + joint);
    }
  }
  std::vector<Query> forms;
  for (const std::string& start : starts) {
    const std::string word = start + b;
    if (db_.term_exists(prefix + word)) {
      forms.push_back(Query(prefix + word));
      out_->highlight.terms.insert(word);
    }
    const std::string lemmas = prefix + word + stemming::kPosMark;
    for (auto it = db_.allterms_begin(lemmas); it != db_.allterms_end(lemmas); ++it) {
      forms.push_back(Scaled(*it, kLemmaScale));
      out_->highlight.terms.insert((*it).substr(prefix.size()));
    }
  }
  return forms.empty() ? Query() : Query(Query::OP_SCALE_WEIGHT, Or(forms), kJoinedScale);
}

// A compound query word the minutes write as two words: "internkontroll" as "intern
// kontroll", "politikerplattform" as "politiker plattformen" (särskrivning, common where
// the two spellings compete). The phrase of its first part as the query word writes it
// (with a linking -s: "ungdoms råd") and its head in a form the index has (kHeadEndings).
// Only where the index has the first part as a word.
Query QueryBuilder::Apart(const std::string& prefix, const stemming::Token& token, bool highlight) {
  if (token.type != stemming::TokenType::kWord || token.stopword) return Query();
  std::string modifier;  // the longest part the query word starts with
  for (const stemming::Term& t : token.terms) {
    if (t.weight >= stemming::kFullWeight || t.text.ends_with("#v")) continue;
    const std::string_view word = stemming::TermWord(t.text);
    if (word.size() > modifier.size() && word.size() < token.text.size() &&
        token.text.starts_with(word)) {
      modifier = std::string(word);
    }
  }
  if (modifier.empty()) return Query();
  std::string head = token.text.substr(modifier.size());
  if (head.size() > 4 && head[0] == 's' && !db_.term_exists(prefix + head)) {
    modifier += 's';
    head.erase(0, 1);
  }
  if (CodePoints(head) < 3 || !db_.term_exists(prefix + modifier)) return Query();
  // The head's forms: the head with an ending of a noun's or an adjective's inflection,
  // where the index has the word; one sequential read of the terms that start with the head.
  std::vector<Query> forms;
  std::size_t scanned = 0;
  const std::string start = prefix + head;
  for (auto it = db_.allterms_begin(start); it != db_.allterms_end(start); ++it) {
    if (++scanned > kHeadFormScan) break;
    const std::string term = *it;
    const std::string_view ending = std::string_view(term).substr(start.size());
    if (std::find(std::begin(kHeadEndings), std::end(kHeadEndings), ending) ==
        std::end(kHeadEndings)) {
      continue;
    }
    forms.push_back(Query(term));
    if (highlight) out_->highlight.terms.insert(term.substr(prefix.size()));
  }
  if (forms.empty()) return Query();
  if (highlight) out_->highlight.terms.insert(modifier);
  const std::vector<Query> words{Query(prefix + modifier), Or(forms)};
  const Query phrase(Query::OP_PHRASE, words.begin(), words.end(), 2);
  return Query(Query::OP_SCALE_WEIGHT, phrase, kApartScale);
}

// A compound query word no item has ("sprutbytesprogram" where the minutes say
// "sprutbyten") finds the items of its parts, each asked for as a query word of its own.
// Only then: a word the index has finds its items by its own terms, and asking for its
// parts as well cost every query on a compound. Whether it has them: a B-tree lookup
// each, made only for words no term of the index begins with. A positive word's parts are
// marked in snippets, and a note names them.
Query QueryBuilder::AbsentCompound(const std::string& prefix, const stemming::Token& token,
                                   bool positive) {
  std::vector<std::string> words;
  for (const stemming::Term& t : token.terms) {
    if (t.weight < stemming::kFullWeight) words.emplace_back(stemming::TermWord(t.text));
  }
  const bool unsplit = words.empty();
  if (unsplit && (token.type != stemming::TokenType::kWord || token.terms.size() > 2)) {
    return Query();
  }
  for (const stemming::Term& t : token.terms) {
    if (t.weight < stemming::kFullWeight) continue;
    if (db_.term_exists(prefix + t.text) || db_.term_exists(prefix + stemming::PartTerm(t.text))) {
      return Query();
    }
  }
  if (unsplit) words = ShortHeadSplit(token);
  if (words.empty()) return Query();
  std::vector<Query> qs;
  std::vector<stemming::Token> tokens;
  for (const std::string& word : words) {
    analyzer_->Analyze(word, &tokens);
    if (tokens.size() != 1 || tokens[0].stopword) continue;
    std::vector<Query> forms;
    for (const stemming::Term& t : tokens[0].terms) {
      if (t.weight < stemming::kFullWeight) continue;
      forms.push_back(Query(prefix + t.text));
      if (positive) out_->highlight.terms.insert(t.text);
      for (std::string& part : stemming::PartTermsOf(t.text)) {
        forms.push_back(Scaled(prefix + part, kAsPartScale));
        if (positive) out_->highlight.terms.insert(std::move(part));
      }
    }
    if (!forms.empty()) qs.push_back(Or(forms));
  }
  if (qs.empty()) return Query();
  if (positive) {
    std::string list;
    for (const std::string& word : words) list += (list.empty() ? "" : ", ") + word;
    out_->notes.push_back("no item has the word \"" + token.text +
                          "\"; showing items with its parts (" + list + ")");
  }
  // An item with every part ("justering av taxor på teatern" for "teatertaxor") counts them
  // twice, above an item long on one ("taxa" thirteen times). The parts of a two-letter head's
  // split are its modifier's readings, not all needed.
  Query any = Or(qs);
  if (!unsplit && qs.size() > 1) {
    any = Query(Query::OP_OR, Query(Query::OP_AND, qs.begin(), qs.end()), any);
  }
  return Query(Query::OP_SCALE_WEIGHT, any, kAbsentPartScale);
}

std::vector<std::string> QueryBuilder::ShortHeadSplit(const stemming::Token& token) {
  // The head is a noun of two letters ("kö", "år"), which the analyzer does not split off;
  // the modifier a word it knows (a lemma) or a form that starts compounds (a part:
  // "förskole-" is "förskola"). A word the analyzer gives a lemma ends in the head's
  // ("budgetåret": "budgetår"; "lågor" is "låga", no "låg" + "or").
  const std::string_view word = token.text;
  std::vector<std::string_view> lemmas;
  for (const stemming::Term& t : token.terms) {
    if (t.text.find(stemming::kPosMark) != std::string::npos) {
      lemmas.push_back(stemming::TermWord(t.text));
    }
  }
  constexpr std::size_t kHeadBytes[] = {2, 3, 4};  // two letters, one or two of them å ä ö
  std::vector<stemming::Token> tokens;
  for (std::size_t head_bytes : kHeadBytes) {
    if (word.size() < head_bytes + 4) continue;
    const std::string_view head = word.substr(word.size() - head_bytes);
    const std::string_view modifier = word.substr(0, word.size() - head_bytes);
    if (CodePoints(head) != 2 || (static_cast<unsigned char>(head[0]) & 0xC0) == 0x80) continue;
    analyzer_->Analyze(head, &tokens);
    if (tokens.size() != 1 || tokens[0].stopword ||
        std::none_of(tokens[0].terms.begin(), tokens[0].terms.end(),
                     [](const stemming::Term& t) { return t.text.ends_with("#n"); })) {
      continue;
    }
    const bool lemma_ends_in_head =
        std::any_of(tokens[0].terms.begin(), tokens[0].terms.end(), [&](const stemming::Term& t) {
          const std::string_view noun = stemming::TermWord(t.text);
          return t.text.ends_with("#n") &&
                 std::any_of(lemmas.begin(), lemmas.end(),
                             [&](std::string_view l) { return l.ends_with(noun); });
        });
    if (!lemmas.empty() && !lemma_ends_in_head) continue;
    analyzer_->Analyze(modifier, &tokens);
    if (tokens.size() != 1) continue;
    std::vector<std::string> words;
    for (const stemming::Term& t : tokens[0].terms) {
      const bool part = t.weight < stemming::kFullWeight;
      const bool lemma = t.text.find(stemming::kPosMark) != std::string::npos;
      if (part || lemma) words.emplace_back(stemming::TermWord(t.text));
    }
    if (words.empty()) continue;
    words.emplace_back(head);
    return words;
  }
  return {};
}

Query QueryBuilder::Synonyms(Field field, const std::string& folded) {
  auto it = synonyms_->find(folded);
  if (it == synonyms_->end()) return Query();
  const std::string prefix = Prefix(field);
  std::vector<Query> qs;
  std::vector<stemming::Token> tokens;
  for (const std::string& expansion : it->second) {
    analyzer_->Analyze(expansion, &tokens);
    if (tokens.empty()) continue;
    if (tokens.size() == 1) {
      for (const stemming::Term& t : tokens[0].terms) {
        if (t.weight < stemming::kFullWeight) continue;
        qs.push_back(Query(prefix + t.text));
        out_->highlight.terms.insert(t.text);
      }
    } else {
      std::vector<Query> terms;
      std::vector<std::string> surfaces;
      for (const stemming::Token& t : tokens) {
        terms.push_back(Query(prefix + t.text));
        surfaces.push_back(t.text);
      }
      if (field == Field::kText && phrase_terms_) {
        qs.push_back(Query(schema::PhraseTerm(surfaces)));
      } else {
        qs.push_back(Query(Query::OP_PHRASE, terms.begin(), terms.end(), terms.size()));
      }
      out_->highlight.phrases.push_back(surfaces);
    }
  }
  if (qs.empty()) return Query();
  return Query(Query::OP_SCALE_WEIGHT, Or(qs), kSynonymScale);
}

Status QueryBuilder::Filter(Field field, std::string_view raw, bool wildcard, Query* out,
                            std::vector<std::string>* notes) {
  const std::string value = Squeeze(raw);
  const std::string name(FieldName(field));
  if (value.empty() && !wildcard)
    return Status::InvalidArgument("field " + name + ": needs a value");
  const std::string folded = analyzer_->Fold(value);
  if (!IsFilterField(field)) return Status::InvalidArgument("field " + name + ": is not a filter");
  const std::string prefix(FieldPrefix(field));
  if (wildcard && value.empty()) {  // kommun:* = items with a known municipality
    *out = field == Field::kDate
               ? Query(Query::OP_VALUE_RANGE, schema::kDateSlot, "00000000", "99999999")
               : Wildcard(prefix);
    return Status::OK();
  }
  if (wildcard && field == Field::kCaseNumber) {  // dnr:KS-2025* = a series' cases of 2025
    *out = Wildcard(prefix + schema::CaseNumberKey(value));
    return Status::OK();
  }
  if (wildcard && field != Field::kDate && field != Field::kYear) {
    *out = Wildcard(prefix + folded);
    return Status::OK();
  }
  const corpus::Gazetteer& gazetteer = corpus::Gazetteer::Default();
  switch (field) {
    case Field::kMunicipality: {
      const corpus::Municipality* m = gazetteer.FindMunicipality(value);
      if (!m) {
        if (const corpus::Organisation* org = gazetteer.FindOrganisation(value)) {
          std::vector<Query> qs;
          for (const std::string& member : org->members)
            qs.push_back(Query(prefix + analyzer_->Fold(member)));
          if (qs.empty())
            qs.push_back(
                Query(std::string(FieldPrefix(Field::kCounty)) + analyzer_->Fold(org->county)));
          notes->push_back("kommun:" + value + " taken as the members of " + org->name);
          *out = Or(qs);
          return Status::OK();
        }
        m = gazetteer.FindMunicipalityFuzzy(value, 1);
        if (!m) {
          std::string msg = "unknown municipality '" + value + "' in kommun:";
          if (const corpus::Municipality* near = gazetteer.FindMunicipalityFuzzy(value, 3)) {
            msg += " (did you mean " + near->name + "?)";
          }
          return Status::InvalidArgument(msg);
        }
        notes->push_back("kommun:" + value + " taken as " + m->name);
      }
      *out = Query(prefix + analyzer_->Fold(m->name));
      return Status::OK();
    }
    case Field::kCounty: {
      std::string county = gazetteer.CanonicalCounty(value);
      if (county.empty()) {
        return Status::InvalidArgument(
            "unknown county '" + value +
            "' in län: (like län:jämtland or län:\"Västra Götalands län\")");
      }
      *out = Query(prefix + analyzer_->Fold(county));
      return Status::OK();
    }
    case Field::kBody: {
      if (db_.term_exists(prefix + folded)) {
        *out = Query(prefix + folded);
        return Status::OK();
      }
      // Part of a body's name: "organ:socialchefsnätverket" finds every such network.
      std::vector<Query> qs;
      for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        if ((*t).find(folded, prefix.size()) != std::string::npos) qs.push_back(Query(*t));
      }
      if (qs.empty()) {
        notes->push_back("no body in the database is named '" + value + "' (organ:)");
        *out = Query(prefix + folded);
      } else {
        *out = Or(qs);
      }
      return Status::OK();
    }
    case Field::kTopic: {
      std::vector<Query> qs;
      std::string names;
      for (const corpus::Topic& t : corpus::Topics()) {
        std::string topic = analyzer_->Fold(t.name);
        if (topic == folded) {
          *out = Query(prefix + topic);
          return Status::OK();
        }
        if (topic.find(folded) != std::string::npos) qs.push_back(Query(prefix + topic));
        names += (names.empty() ? "" : ", ") + t.name;
      }
      if (qs.empty()) {
        return Status::InvalidArgument("unknown topic '" + value + "' in ämne: (topics: " + names +
                                       ")");
      }
      *out = Or(qs);
      return Status::OK();
    }
    case Field::kYear: {
      std::size_t dots = value.find("..");
      std::string lo = dots == std::string::npos ? value : value.substr(0, dots);
      std::string hi = dots == std::string::npos ? value : value.substr(dots + 2);
      if ((!lo.empty() && (lo.size() != 4 || !AllDigits(lo))) ||
          (!hi.empty() && (hi.size() != 4 || !AllDigits(hi))) || (lo.empty() && hi.empty())) {
        return Status::InvalidArgument("invalid year '" + value +
                                       "' in år: (like år:2020 or år:2019..2021)");
      }
      if (!lo.empty() && !hi.empty() && lo > hi) {
        return Status::InvalidArgument("empty year range '" + value +
                                       "' in år: (the start is after the end)");
      }
      if (dots == std::string::npos) {
        *out = Query(prefix + lo);
        return Status::OK();
      }
      std::vector<Query> qs;
      for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        std::string y = (*t).substr(prefix.size());
        if ((lo.empty() || y >= lo) && (hi.empty() || y <= hi)) qs.push_back(Query(*t));
      }
      *out = qs.empty() ? Query(prefix + (lo.empty() ? hi : lo)) : Or(qs);
      return Status::OK();
    }
    case Field::kDate:
      return DateRange(value, out);
    case Field::kCaseNumber: {
      // The key makes spellings one: dnr:BN-2024-002359 = dnr:"BN 2024/2359".
      if (!schema::HasDigit(value)) {
        return Status::InvalidArgument("'" + value +
                                       "' in dnr: is no case number (like dnr:KS-2025-00010 or "
                                       "dnr:\"KS 2021/123\", quoted when it has a space)");
      }
      *out = Query(prefix + schema::CaseNumberKey(value));
      return Status::OK();
    }
    default:
      return Status::InvalidArgument("field " + name + ": is not a filter");
  }
}

Status QueryBuilder::DateRange(std::string_view value, Query* out) {
  std::size_t dots = value.find("..");
  std::string_view lo = dots == std::string_view::npos ? value : value.substr(0, dots);
  std::string_view hi = dots == std::string_view::npos ? value : value.substr(dots + 2);
  std::string from = "00000000", to = "99999999";
  auto bad = [&](std::string_view what) {
    return Status::InvalidArgument("invalid date '" + std::string(what) +
                                   "' in datum: (use YYYY, YYYY-MM or YYYY-MM-DD, and FROM..TO "
                                   "for a range, like datum:2019..2020-06)");
  };
  if (lo.empty() && hi.empty()) return bad(value);
  if (!lo.empty() && !PartialDate(lo, false, &from)) return bad(lo);
  if (!hi.empty() && !PartialDate(hi, true, &to)) return bad(hi);
  if (from > to) {
    return Status::InvalidArgument("empty date range '" + std::string(value) +
                                   "' in datum: (the start is after the end)");
  }
  *out = Query(Query::OP_VALUE_RANGE, schema::kDateSlot, from, to);
  return Status::OK();
}

}  // namespace protokoll::query
