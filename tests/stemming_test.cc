// Tests of the Swedish analysis chain: each step alone (tokenizer, normalizer, decompounder
// with a made-up dictionary) and the whole chain on the pairs in stemming_pairs.tsv. Needs
// the Debian hunspell-sv dictionary in /usr/share/hunspell; skips those tests without it.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "compound_lexicon.h"
#include "decompounder.h"
#include "morphology.h"
#include "normalizer.h"
#include "protokoll/stemming/analyzer.h"
#include "protokoll/stemming/metadata_vocabulary.h"
#include "protokoll/stemming/spelling.h"
#include "tokenizer.h"
#include "tool_runner.h"

namespace protokoll::stemming {
namespace {

bool HaveDictionary() {
  struct stat st;
  return stat("/usr/share/hunspell/sv_SE.dic", &st) == 0;
}

// One analyzer for the whole suite: opening one loads hunspell (~0.2 s).
Analyzer* Shared() {
  static std::unique_ptr<Analyzer> analyzer = [] {
    std::unique_ptr<Analyzer> a;
    Status s = Analyzer::Open({}, &a);
    EXPECT_TRUE(s.ok()) << s.message();
    return a;
  }();
  return analyzer.get();
}

#define REQUIRE_DICTIONARY() \
  if (!HaveDictionary()) GTEST_SKIP() << "hunspell-sv not installed"

bool HaveMorphology() {
  struct stat st;
  return stat(AnalyzerOptions().morphology_path.c_str(), &st) == 0;
}

// Tests of lemmas with a part of speech need Apertium's analyser as well.
#define REQUIRE_MORPHOLOGY() \
  REQUIRE_DICTIONARY();      \
  if (!HaveMorphology()) GTEST_SKIP() << "apertium-swe-nor not installed"

std::vector<Token> Analyze(std::string_view text) {
  std::vector<Token> tokens;
  Shared()->Analyze(text, &tokens);
  return tokens;
}

std::set<std::string> TermsOf(std::string_view word) {
  std::set<std::string> out;
  for (const Token& t : Analyze(word)) {
    for (const Term& term : t.terms) out.insert(term.text);
  }
  return out;
}

// The full-weight terms of a word: what a query for it asks for, besides their part terms.
std::set<std::string> FullTermsOf(std::string_view word) {
  std::set<std::string> out;
  for (const Token& t : Analyze(word)) {
    for (const Term& term : t.terms) {
      if (term.weight == kFullWeight) out.insert(term.text);
    }
  }
  return out;
}

// Does a query for one word find the other: a shared term, or one's word as the other's
// compound part ("sprutbyte" in "sprutbytesprogrammet")? Returns what they meet on.
std::string MeetOn(std::string_view a, std::string_view b) {
  auto ta = TermsOf(a), tb = TermsOf(b);
  for (const auto& t : ta) {
    if (tb.count(t)) return t;
  }
  for (const auto& t : FullTermsOf(a)) {
    for (const auto& part : PartTermsOf(t)) {
      if (tb.count(part)) return part;
    }
  }
  for (const auto& t : FullTermsOf(b)) {
    for (const auto& part : PartTermsOf(t)) {
      if (ta.count(part)) return part;
    }
  }
  return "";
}

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(t.text);
  return out;
}

// ---- Lemma keys from made-up analyses: the rules alone ----

struct KeysCase {
  const char* analyses;  // as the analyser prints them
  std::vector<LemmaKey> keys;
};

TEST(Morphology, LemmaKeysTellWordsApart) {
  const KeysCase cases[] = {
      // A homograph keeps both words, each with its part of speech.
      {"laga<vblex><pres><actv>/lag<n><ut><pl><ind>/lag<n><ut><pl><ind><compound-R>",
       {{"laga", "v"}, {"lag", "n"}}},
      {"planera<vblex><inf><actv>", {{"planera", "v"}}},
      // An imperative that is also a noun is the noun; one that is only a verb stays.
      {"hjälpa<vblex><imp>/hjälp<n><ut><sg><ind>", {{"hjälp", "n"}}},
      {"säga<vblex><imp>", {{"säga", "v"}}},
      // So does a subjunctive: "drive" is a drive; "vore" alone stays "vara".
      {"driva<vblex><prs><actv>/driva<vblex><pis><actv>/drive<n><ut><sg><ind>", {{"drive", "n"}}},
      {"vara¹<vblex><pis><actv>", {{"vara", "v"}}},
      // A deponent verb outranks the passive of its active look-alike.
      {"hoppas<vblex><imp>/hoppa<vblex><inf><pasv>/hoppas<vblex><inf><pasv>", {{"hoppas", "v"}}},
      {"utveckla<vblex><pres><pasv>", {{"utveckla", "v"}}},
      // ... and a noun's genitive of the same form.
      {"lycka<n><ut><sg><ind><gen>/lyckas<vblex><pres><pasv>", {{"lyckas", "v"}}},
      {"möte<n><nt><sg><ind><gen>/möta<vblex><pres><pasv>", {{"möte", "n"}, {"möta", "v"}}},
      // Participles are adjectives of their own, unless the form is a tense too.
      {"definiera<adj><pp><ut><sg><ind>", {{"definiera", "pp"}}},
      {"utveckla<vblex><past><actv>/utveckla<adj><pp><pl><ind>", {{"utveckla", "v"}}},
      {"bestämd<adj><sint><pst><ut><sg><ind>/bestämma<adj><pp><ut><sg><ind>", {{"bestämd", "adj"}}},
      {"vårda<adj><pprs>", {{"vårda", "pprs"}}},
      // A noun's genitive outranks an adjective's; an adjective's alone stays.
      {"mor<n><ut><sg><def><gen>/modern<adj><sint><pst><ut><sg><ind><gen>", {{"mor", "n"}}},
      {"gammal<adj><sint><pst><un><pl><def><gen>", {{"gammal", "adj"}}},
      // Homonym marks go; readings inside compounds give no key; unknown words none.
      {"vara¹<vblex><inf><actv>/vara<n><ut><sg><ind>/vara²<vblex><inf><actv>",
       {{"vara", "v"}, {"vara", "n"}}},
      {"barn<n><nt><sg><ind><cmp><compound-only-L>", {}},
      {"@sprutbyten", {}},
  };
  for (const KeysCase& c : cases) {
    EXPECT_EQ(LemmaKeys(ParseReadings(c.analyses)), c.keys) << c.analyses;
  }
}

TEST(Morphology, ASupineEndsInT) {
  // The analyser reads "smäll" as a supine of "smälla" too; a supine ends in -t or -ts, so
  // with the form at hand that reading goes, and the noun and the verb stay apart.
  const std::vector<Reading> smaell =
      ParseReadings("smälla<vblex><imp>/smäll<n><ut><sg><ind>/smälla<vblex><supn><actv>");
  EXPECT_EQ(LemmaKeys(smaell, "smäll"), (std::vector<LemmaKey>{{"smäll", "n"}}));
  EXPECT_EQ(
      LemmaKeys(ParseReadings("smälla<vblex><supn><actv>/smälla<adj><pp><nt><sg><ind>"), "smällt"),
      (std::vector<LemmaKey>{{"smälla", "v"}}));
  EXPECT_EQ(LemmaKeys(ParseReadings("kalla<vblex><supn><pasv>"), "kallats"),
            (std::vector<LemmaKey>{{"kalla", "v"}}));
  // A form with that reading alone keeps it rather than losing its lemma.
  EXPECT_EQ(LemmaKeys(ParseReadings("smälla<vblex><supn><actv>"), "smäll"),
            (std::vector<LemmaKey>{{"smälla", "v"}}));
}

TEST(Morphology, AnAccentTheFormLacksIsNoReadingOfIt) {
  // The analyser reads "armen" as the arm and as "armén" written without its accent; the form
  // as written wins. A form with the accented reading alone keeps it ("ideer" for "idéer").
  EXPECT_EQ(LemmaKeys(ParseReadings("arm<n><ut><sg><def>/armé<n><ut><sg><def>"), "armen"),
            (std::vector<LemmaKey>{{"arm", "n"}}));
  EXPECT_EQ(LemmaKeys(ParseReadings("armé<n><ut><sg><def>"), "armén"),
            (std::vector<LemmaKey>{{"armé", "n"}}));
  EXPECT_EQ(LemmaKeys(ParseReadings("idé<n><ut><pl><ind>"), "ideer"),
            (std::vector<LemmaKey>{{"idé", "n"}}));
}

TEST(Morphology, VerbPartsAreTheVerbsPassedOver) {
  EXPECT_EQ(VerbParts(ParseReadings(
                "krävas<vblex><imp>/kräva<vblex><pres><pasv>/krävas<vblex><pres><pasv>")),
            (std::vector<std::string>{"kräva"}));
  EXPECT_EQ(VerbParts(ParseReadings("slå<vblex><past><pasv>/slåss<vblex><past><pasv>")),
            (std::vector<std::string>{"slå"}));
  // A passive with no deponent beside it is the verb's key already; an imperative that is
  // also a noun is the noun alone.
  EXPECT_TRUE(VerbParts(ParseReadings("utveckla<vblex><pres><pasv>")).empty());
  EXPECT_TRUE(VerbParts(ParseReadings("lägga<vblex><imp>/lägg<n><nt><sg><ind>")).empty());
}

TEST(Morphology, ReadsTheInstalledAnalyser) {
  REQUIRE_MORPHOLOGY();
  std::unique_ptr<Morphology> m;
  ASSERT_TRUE(Morphology::Open(AnalyzerOptions().morphology_path, 16, &m).ok());
  EXPECT_EQ(m->Keys("kommunerna"), (std::vector<LemmaKey>{{"kommun", "n"}}));
  EXPECT_TRUE(m->Analyze("xyzzyq").empty());
  EXPECT_FALSE(Morphology::Open("/nonexistent.bin", 16, &m).ok());
}

// ---- protokoll-analyze: what a user sees of the chain ----

TEST(AnalyzeTool, NamesEachTermsKind) {
  REQUIRE_MORPHOLOGY();
  testing::ToolResult r =
      testing::RunTool("protokoll-analyze", {"--json"}, "godkänd\nnämnden\nkrävs\nsocialnämnden\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::map<std::string, std::string>> kinds;  // token -> term -> kind
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json o = nlohmann::json::parse(line);
    for (std::size_t i = 0; i < o["terms"].size(); ++i) {
      kinds[o["token"]][o["terms"][i]] = o["kinds"][i];
    }
  }
  using Kinds = std::map<std::string, std::string>;
  EXPECT_EQ(
      kinds["godkänd"],
      (Kinds{{"godkänd", "surface"}, {"godkänna#pp", "lemma:pp"}, {"~godkänna#v", "part:v"}}));
  EXPECT_EQ(kinds["nämnden"], (Kinds{{"nämnden", "surface"}, {"nämnd#n", "lemma:n"}}));
  EXPECT_EQ(kinds["krävs"]["~kräva#v"], "part:v");
  EXPECT_EQ(kinds["socialnämnden"]["~nämnd"], "part");
}

// ---- Decompounder with a made-up dictionary: the algorithm alone ----

class FakeDictionary final : public CompoundDictionary {
 public:
  std::map<std::string, std::string, std::less<>> modifiers;
  std::set<std::string, std::less<>> heads;
  const std::string* ModifierBase(std::string_view form) override {
    auto it = modifiers.find(form);
    return it == modifiers.end() ? nullptr : &it->second;
  }
  bool IsHead(std::string_view form) override { return heads.count(form) > 0; }
};

TEST(Decompounder, SplitsLinkingS) {
  FakeDictionary d;
  d.modifiers = {{"sprutbytes", "sprutbyte"}, {"sprut", "sprut"}};
  d.heads = {"programmet"};
  Decompounder decompounder(&d);
  auto parts = decompounder.Split("sprutbytesprogrammet");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].form, "sprutbytes");
  EXPECT_EQ(parts[0].base, "sprutbyte");
  EXPECT_EQ(parts[1].form, "programmet");
}

TEST(Decompounder, PrefersLongestHead) {
  FakeDictionary d;
  d.modifiers = {{"vård", "vård"}, {"vårdav", "vårdav"}};
  d.heads = {"avgifterna", "gifterna"};
  auto parts = Decompounder(&d).Split("vårdavgifterna");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].form, "avgifterna");
}

TEST(Decompounder, RejectsPartsShorterThanThreeLetters) {
  FakeDictionary d;
  d.modifiers = {{"be", "be"}, {"an", "an"}};
  d.heads = {"slut", "ställning"};
  Decompounder decompounder(&d);
  EXPECT_TRUE(decompounder.Split("beslut").empty());
  EXPECT_TRUE(decompounder.Split("anställning").empty());
}

TEST(Decompounder, SplitsCompoundModifier) {
  FakeDictionary d;
  d.modifiers = {{"hem", "hem"}, {"sjukvårds", "sjukvård"}};
  d.heads = {"avtalet"};
  auto parts = Decompounder(&d).Split("hemsjukvårdsavtalet");
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].base, "hem");
  EXPECT_EQ(parts[1].base, "sjukvård");
  EXPECT_EQ(parts[2].form, "avtalet");
}

TEST(Decompounder, IgnoresNonWordsAndHugeInput) {
  FakeDictionary d;
  d.modifiers = {{"aaa", "aaa"}};
  d.heads = {"aaa"};
  Decompounder decompounder(&d);
  EXPECT_TRUE(decompounder.Split("").empty());
  EXPECT_TRUE(decompounder.Split("covid-19").empty());
  EXPECT_TRUE(decompounder.Split(std::string(100000, 'a')).empty());
}

// ---- Normalizer ----

TEST(Normalizer, FoldsCaseAndComposes) {
  Normalizer n;
  std::string out;
  n.Fold("ÅNGE Östersund", &out);
  EXPECT_EQ(out, "ånge östersund");
  n.Fold("A\xCC\x8Angermanland", &out);  // A + combining ring above
  EXPECT_EQ(out, "ångermanland");
  n.Fold(
      "spru\xC2\xAD"
      "tbyte",
      &out);  // soft hyphen
  EXPECT_EQ(out, "sprutbyte");
  n.Fold(
      "Stra\xC3\x9F"
      "e",
      &out);
  EXPECT_EQ(out, "strasse");
}

TEST(Normalizer, FoldsMarksSwedishDoesNotWrite) {
  // A name is found in either spelling: the marks of other languages fold to the letter
  // Swedish writes, on the Latin-1 path and the ICU one alike ("ć" is not Latin-1).
  Normalizer n;
  std::string a, b;
  const std::pair<const char*, const char*> same[] = {{"Škorić", "Skoric"},
                                                      {"Bjørn", "Björn"},
                                                      {"Müller", "Muller"},
                                                      {"Çelik", "Celik"},
                                                      {"Łukasz", "Lukasz"},
                                                      {"Hernández", "Hernandez"},
                                                      {"Núñez Škorić", "Nunez Skoric"},
                                                      {"SØREN", "sören"}};
  for (const auto& [x, y] : same) {
    n.Fold(x, &a);
    n.Fold(y, &b);
    EXPECT_EQ(a, b) << x << " / " << y;
  }
  // Å, ä, ö are letters of their own, and é marks a word of its own.
  for (const char* word : {"får", "fär", "för", "idé", "armén", "Sjöström-Škorić"}) {
    n.Fold(word, &a);
    EXPECT_NE(a.find_first_of("\xA5\xA4\xB6\xA9"), std::string::npos) << word << ": " << a;
  }
  n.Fold("idé", &a);
  n.Fold("ide", &b);
  EXPECT_NE(a, b);
}

// ---- Tokenizer (through the analyzer: types, surfaces, offsets) ----

TEST(Tokenizer, KeepsCodesDatesAndSections) {
  REQUIRE_DICTIONARY();
  auto tokens = Analyze("§ 48 SOU 2020:47, covid-19 den 2020-09-25 enligt LVU 28/2.");
  EXPECT_EQ(Texts(tokens), (std::vector<std::string>{"§48", "sou", "2020:47", "covid-19", "den",
                                                     "2020-09-25", "enligt", "lvu", "28/2"}));
  EXPECT_EQ(tokens[0].type, TokenType::kCode);
  EXPECT_EQ(tokens[2].type, TokenType::kNumber);
  EXPECT_EQ(tokens[3].type, TokenType::kCode);
  EXPECT_EQ(tokens[5].type, TokenType::kNumber);
  EXPECT_EQ(tokens[7].type, TokenType::kWord);
  // Codes and numbers have their surface as the one whole-word term; the words inside a
  // hyphenated code are parts ("covid" in "covid-19").
  for (const Token& t : tokens) {
    if (t.type == TokenType::kWord) continue;
    ASSERT_FALSE(t.terms.empty()) << t.text;
    EXPECT_TRUE(t.terms[0].positional) << t.text;
    for (std::size_t k = 1; k < t.terms.size(); ++k) {
      EXPECT_EQ(t.terms[k].weight, kPartWeight) << t.text << " " << t.terms[k].text;
    }
  }
  EXPECT_EQ(tokens[3].terms.size(), 2u);
}

TEST(Tokenizer, OffsetsPointIntoOriginalText) {
  REQUIRE_DICTIONARY();
  const std::string text =
      "Beslut: § 48 Famil-\njehemmet och spru\xC2\xAD"
      "tbyten.";
  auto tokens = Analyze(text);
  ASSERT_EQ(Texts(tokens),
            (std::vector<std::string>{"beslut", "§48", "familjehemmet", "och", "sprutbyten"}));
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "§ 48");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "Famil-\njehemmet");
  EXPECT_EQ(text.substr(tokens[4].begin, tokens[4].end - tokens[4].begin),
            "spru\xC2\xAD"
            "tbyten");
  for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i + 1);
}

TEST(Tokenizer, HyphenatedFormsStaySearchable) {
  REQUIRE_DICTIONARY();
  EXPECT_EQ(Texts(Analyze("God och nära vård-omställningen")),
            (std::vector<std::string>{"god", "och", "nära", "vård", "omställningen"}));
  EXPECT_EQ(Texts(Analyze("HSL- insatser och SVOM- mötet")),
            (std::vector<std::string>{"hsl", "insatser", "och", "svom", "mötet"}));
  // A real hyphen at a line end is kept: "hslinsatser" is not a word.
  EXPECT_EQ(Texts(Analyze("HSL-\ninsatser")), (std::vector<std::string>{"hsl", "insatser"}));
}

TEST(Tokenizer, DropsZeroWidthCharacters) {
  REQUIRE_DICTIONARY();
  EXPECT_EQ(Texts(Analyze("sprut\xE2\x80\x8B"
                          "byte \xEF\xBB\xBF"
                          "beslut")),
            (std::vector<std::string>{"sprutbyte", "beslut"}));
}

// The rules applied without ICU give ICU's tokens: on random text of the characters they
// handle (and of some they leave to ICU), and on every sample minutes file.
TEST(Tokenizer, SimpleSegmentsEqualIcu) {
  std::unique_ptr<Tokenizer> fast, icu;
  ASSERT_TRUE(Tokenizer::Open(&fast).ok());
  ASSERT_TRUE(Tokenizer::Open(&icu).ok());
  icu->set_simple_segments(false);
  auto same = [&](const std::string& text) {
    std::vector<RawToken> a, b;
    const std::size_t na = fast->Tokenize(text, &a), nb = icu->Tokenize(text, &b);
    if (na != nb) return ::testing::AssertionFailure() << na << " vs " << nb << " tokens";
    for (std::size_t i = 0; i < na; ++i) {
      if (a[i].begin != b[i].begin || a[i].end != b[i].end || a[i].text != b[i].text ||
          a[i].type != b[i].type || a[i].after_line_hyphen != b[i].after_line_hyphen) {
        return ::testing::AssertionFailure()
               << "token " << i << ": '" << a[i].text << "' vs '" << b[i].text << "'";
      }
    }
    return ::testing::AssertionSuccess();
  };
  const std::vector<std::string> pieces = {
      "a",  "Z",        "k",        "å", "Ö",  "é", "ß", "1", "0", "9",  " ",  "  ", "\n", "\r\n",
      "\r", "\f",       ":",        ".", "'",  ",", ";", "-", "§", "–",  "—",  "”",  "“",  "’",
      "‘",  "(",        ")",        "/", "\t", "×", "°", "«", "»", "•",  "?",  "!",  "\"", "%",
      "_",  "\xC2\xA0", "\xC2\xAD", "…", "€",  "#", "&", "*", "+", "<",  "=",  ">",  "@",  "[",
      "]",  "^",        "`",        "{", "|",  "}", "~", "$", "©", "ab", "12", "EU", "t"};
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8); };
  for (int t = 0; t < 50000; ++t) {
    std::string text;
    for (int k = static_cast<int>(next() % 12); k >= 0; --k) text += pieces[next() % pieces.size()];
    ASSERT_TRUE(same(text)) << "'" << text << "'";
  }
  for (const char* text : {"EU:s t.ex. 3,5 1.000 2020:47 d.v.s. o'hara ’s 12’34 a.1 1.a 1:a a:1"}) {
    EXPECT_TRUE(same(text)) << text;
  }
  std::size_t files = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(PROTOKOLL_SOURCE_DIR) + "/corpus/minutes")) {
    if (e.path().extension() != ".txt") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_TRUE(same(text.str())) << e.path();
    ++files;
  }
  EXPECT_GT(files, 5u);
}

// ---- Whole chain ----

TEST(Analyzer, TermSchemeOfACompound) {
  REQUIRE_DICTIONARY();
  auto tokens = Analyze("sprutbytesprogrammet");
  ASSERT_EQ(tokens.size(), 1u);
  const auto& terms = tokens[0].terms;
  ASSERT_FALSE(terms.empty());
  EXPECT_EQ(terms[0].text, "sprutbytesprogrammet");
  EXPECT_TRUE(terms[0].positional);
  EXPECT_EQ(terms[0].weight, kFullWeight);
  std::map<std::string, int> weight;
  for (const Term& t : terms) {
    EXPECT_TRUE(weight.emplace(t.text, t.weight).second) << "duplicate " << t.text;
    if (&t != &terms[0]) {
      EXPECT_FALSE(t.positional) << t.text;
    }
  }
  EXPECT_EQ(weight[LemmaTerm("sprutbytesprogram", HaveMorphology() ? "n" : "")], kFullWeight);
  // Parts are terms of their own, apart from the words themselves.
  EXPECT_EQ(weight[PartTerm("sprutbyte")], kPartWeight);
  EXPECT_EQ(weight[PartTerm("program")], kPartWeight);
  EXPECT_EQ(weight.count("sprutbyte"), 0u);
  EXPECT_EQ(weight.count("program"), 0u);
}

bool HasTerm(std::string_view word, const std::string& term) {
  return TermsOf(word).count(term) > 0;
}

// Whole-word terms two words share (what would make a query for one find the other at
// full weight).
std::vector<std::string> SharedFullTerms(std::string_view a, std::string_view b) {
  auto ta = FullTermsOf(a), tb = FullTermsOf(b);
  std::vector<std::string> shared;
  std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(shared));
  return shared;
}

TEST(Analyzer, EveryModifierIsAPart) {
  REQUIRE_DICTIONARY();
  const std::pair<const char*, const char*> cases[] = {
      {"utbildningsnämnden", "utbildning"},
      {"miljöförvaltningen", "miljö"},
      {"barnomsorgen", "barn"},
      {"byggnadsnämndens", "byggnad"},
      {"äldreomsorgen", "äldre"},
      {"föreningsbidrag", "förening"},
      {"socialtjänstlagen", "socialtjänst"},
      {"utvecklingsarbete", "utveckling"},
  };
  for (const auto& [word, part] : cases) {
    EXPECT_TRUE(HasTerm(word, PartTerm(part))) << word << " lacks ~" << part;
  }
}

TEST(Analyzer, ModifierIsTheNounWithoutLinkingS) {
  REQUIRE_MORPHOLOGY();
  EXPECT_TRUE(HasTerm("nätverksträff", PartTerm("nätverk")));
  EXPECT_FALSE(HasTerm("nätverksträff", PartTerm("nätverka")));
  EXPECT_TRUE(HasTerm("samverkansavtal", PartTerm("samverkan")));
  EXPECT_FALSE(HasTerm("samverkansavtal", PartTerm("samverkans")));
  EXPECT_TRUE(HasTerm("utvecklingsarbetet", PartTerm("utveckling")));
  // Compounds of words hunspell's compounding rules do not join are split at the longest
  // tail the analyser knows.
  EXPECT_TRUE(HasTerm("orosanmälansprogram", PartTerm("orosanmälan")));
  EXPECT_TRUE(HasTerm("ensamkommandeprogram", PartTerm("ensamkommande")));
  EXPECT_TRUE(HasTerm("ensamkommandeprogram", PartTerm("program")));
  // So are compounds hunspell accepts whole though the decompounder finds no split of them:
  // a street after its town, a schedule of some weeks.
  EXPECT_TRUE(HasTerm("göteborgsvägen", PartTerm("väg")));
  EXPECT_TRUE(HasTerm("göteborgsvägen", PartTerm("göteborg")));
  EXPECT_TRUE(HasTerm("sexveckorsschema", PartTerm("schema")));
  EXPECT_TRUE(HasTerm("fyraveckorsschema", PartTerm("vecka")));  // a numeral is no part
  EXPECT_FALSE(HasTerm("fyraveckorsschema", PartTerm("fyraveckors")));
  // The compound is a noun, not a pronoun: "rad|man" is no "man" (one).
  EXPECT_TRUE(HasTerm("radman", LemmaTerm("radman", "n")));
  EXPECT_FALSE(HasTerm("radman", LemmaTerm("radman", "prn")));
}

TEST(Analyzer, ModifierWithALinkingVowelIsItsWord) {
  REQUIRE_MORPHOLOGY();
  // The dictionary has "detaljplane-", "folkhälso-" and "vänte-" as joining forms of their
  // own: the part is the word they join, and a compound word gives its parts in turn.
  for (const char* part : {"detaljplan", "detalj", "plan", "område"}) {
    EXPECT_TRUE(HasTerm("detaljplaneområdet", PartTerm(part))) << part;
  }
  EXPECT_FALSE(HasTerm("detaljplaneområdet", PartTerm("detaljplane")));
  for (const char* part : {"folkhälsa", "folk", "hälsa", "arbete"}) {
    EXPECT_TRUE(HasTerm("folkhälsoarbetet", PartTerm(part))) << part;
  }
  EXPECT_TRUE(HasTerm("smittoöverföring", PartTerm("smitta")));
  // An -e- may stand for a verb's -a: "vänte-" joins "vänta", not "vänt" (of "vända").
  EXPECT_TRUE(HasTerm("väntetiden", PartTerm("vänta")));
  EXPECT_FALSE(HasTerm("väntetiden", PartTerm("vänt")));
}

TEST(Analyzer, APassiveTheAnalyserReadsAsAnAdjectivesGenitiveMeetsItsVerb) {
  REQUIRE_MORPHOLOGY();
  // The analyser lacks "uppmärksamma" and reads "uppmärksammas" as "uppmärksam"'s genitive.
  EXPECT_FALSE(SharedFullTerms("uppmärksammas", "uppmärksammade").empty());
  EXPECT_FALSE(SharedFullTerms("ödmjukas", "ödmjukade").empty());
  // A genitive with no verb beside it stays the adjective's, and adjectives' other forms
  // gain no verb: "hårt" is no form of "håra", "klart" none of "klara".
  EXPECT_FALSE(SharedFullTerms("gamlas", "gammal").empty());
  EXPECT_TRUE(SharedFullTerms("hårt", "hårade").empty());
  EXPECT_TRUE(SharedFullTerms("klart", "klarade").empty());
}

TEST(Analyzer, VerbalNounsMeetTheirForms) {
  REQUIRE_MORPHOLOGY();
  // The analyser has "yttrande" only as a participle, hunspell "yttrandet" and "yttranden"
  // as its forms: all of them meet, and "yttranden" is no "yttr" + "anden".
  for (const char* form : {"yttrandet", "yttranden", "yttrandena", "yttrandets"}) {
    EXPECT_FALSE(SharedFullTerms("yttrande", form).empty()) << form;
  }
  EXPECT_FALSE(HasTerm("yttranden", LemmaTerm("yttrand", "n")));
  EXPECT_FALSE(SharedFullTerms("meddelande", "meddelandet").empty());
  // A compound on a participle the analyser lacks whole, whose plural hunspell lists.
  EXPECT_FALSE(SharedFullTerms("ställningstagande", "ställningstaganden").empty());
  EXPECT_FALSE(SharedFullTerms("delbetänkande", "delbetänkandet").empty());
}

TEST(Analyzer, ACompoundTakesTheReadingOfItsHeadItIs) {
  REQUIRE_MORPHOLOGY();
  // "redo|visar": the verb "redovisa", not a plural of "vise"; "ärende|lista": a list.
  EXPECT_TRUE(HasTerm("redovisar", LemmaTerm("redovisa", "v")));
  EXPECT_FALSE(HasTerm("redovisar", LemmaTerm("redovise", "n")));
  EXPECT_TRUE(HasTerm("ärendelista", LemmaTerm("ärendelista", "n")));
  EXPECT_FALSE(HasTerm("ärendelista", LemmaTerm("ärendelista", "v")));
  // A compound of a noun and a head that is a noun and a verb is a verb only where hunspell
  // has it as one: "projektlista" is not, "redovisas" is (no genitive of "visa", the song).
  EXPECT_FALSE(HasTerm("projektlista", LemmaTerm("projektlista", "v")));
  EXPECT_TRUE(HasTerm("redovisas", LemmaTerm("redovisa", "v")));
  EXPECT_FALSE(HasTerm("redovisas", LemmaTerm("redovisa", "n")));
  // A head's comparative gives way to its noun ("ledare" is no "more led").
  EXPECT_TRUE(HasTerm("utvecklingsledare", LemmaTerm("utvecklingsledare", "n")));
  EXPECT_FALSE(HasTerm("utvecklingsledare", LemmaTerm("utvecklingsled", "adj")));
  // After a particle the participle stays: "hopfallen" has collapsed.
  EXPECT_TRUE(HasTerm("hopfallen", LemmaTerm("hopfalla", "pp")));
}

TEST(Analyzer, AModifierIsAStemNotAnInflectedForm) {
  REQUIRE_MORPHOLOGY();
  // The analyser also reads "kurs" as "kur"'s definite genitive and "gräns" as "grän"'s,
  // "pastors" as "pasta"'s: a modifier is the noun it spells, before its linking -s.
  const std::pair<const char*, const char*> cases[] = {
      {"kursavgifter", "kurs"},    {"gränsdragning", "gräns"}, {"pastorsexpedition", "pastor"},
      {"kopparledning", "koppar"}, {"korsvägen", "kors"},      {"utbildningsnämnden", "utbildning"},
  };
  for (const auto& [word, part] : cases) {
    EXPECT_TRUE(HasTerm(word, PartTerm(part))) << word << " lacks ~" << part;
  }
  EXPECT_FALSE(HasTerm("kursavgifter", PartTerm("kur")));
}

TEST(Analyzer, AShortHeadAfterAParticleIsNoPartOfAWord) {
  REQUIRE_MORPHOLOGY();
  // "under|lag" is no law, "under|håll" no direction; a longer head stays a part.
  EXPECT_FALSE(HasTerm("underlaget", PartTerm("lag")));
  EXPECT_FALSE(HasTerm("beslutsunderlag", PartTerm("lag")));
  EXPECT_TRUE(HasTerm("beslutsunderlag", PartTerm("underlag")));
  EXPECT_FALSE(HasTerm("underhåll", PartTerm("håll")));
  EXPECT_TRUE(HasTerm("vidaredelegering", PartTerm("delegering")));
  EXPECT_TRUE(HasTerm("återremiss", PartTerm("remiss")));
}

TEST(Analyzer, AStrongVerbsPastTenseEndsNoCompound) {
  REQUIRE_MORPHOLOGY();
  // Names of the minutes, not forms of "socsimma" and "västkomma": "simma" and "komma" must
  // not find them.
  EXPECT_EQ(FullTermsOf("SocSam"), (std::set<std::string>{"socsam"}));
  EXPECT_FALSE(HasTerm("SocSam", PartTerm("simma")));
  EXPECT_FALSE(HasTerm("VästKom", PartTerm("komma")));
  EXPECT_FALSE(HasTerm("VästKom", LemmaTerm("västkomma", "v")));
  // "parkeringstal" is a number of parking places, not a form of "stjäla".
  EXPECT_FALSE(HasTerm("parkeringstal", PartTerm("stjäla")));
  // A particle verb keeps its verb, and so does a weak past tense after a noun.
  EXPECT_TRUE(HasTerm("uppkom", LemmaTerm("uppkomma", "v")));
  EXPECT_TRUE(HasTerm("bilkörde", PartTerm("köra")));
}

TEST(Analyzer, DerivationsInDomAndLekAreNoCompoundsOfDomAndLek) {
  REQUIRE_MORPHOLOGY();
  // "-dom" and "-lek" after an adjective make nouns: no ruling in "sjukdom", no play in
  // "storlek"; nor are the pronouns "dom" stands for in speech parts of anything.
  for (const char* word : {"sjukdom", "sjukdomar", "ungdomen", "egendom"}) {
    EXPECT_FALSE(HasTerm(word, PartTerm("dom"))) << word;
    EXPECT_FALSE(HasTerm(word, PartTerm("de"))) << word;
  }
  EXPECT_FALSE(HasTerm("storleken", PartTerm("lek")));
  EXPECT_TRUE(HasTerm("sjukdom", PartTerm("sjuk")));
  // After a noun "dom" and "lek" stay the words they are.
  EXPECT_TRUE(HasTerm("straffdom", PartTerm("dom")));
  EXPECT_FALSE(HasTerm("straffdom", PartTerm("den")));
  EXPECT_TRUE(HasTerm("hovrättsdomen", PartTerm("dom")));
  EXPECT_TRUE(HasTerm("lekplatsen", PartTerm("lek")));
}

TEST(Analyzer, CompoundsTheDictionaryListsAsWordsAreSplit) {
  REQUIRE_MORPHOLOGY();
  // Hunspell lists these whole, as their heads take no part in its compounding; their heads
  // end many of its words after a compound's first part, so they are compounds all the same.
  EXPECT_TRUE(HasTerm("bygglovet", PartTerm("lov")));
  EXPECT_TRUE(HasTerm("bygglovet", PartTerm("bygga")));
  EXPECT_TRUE(HasTerm("kommunrådet", PartTerm("råd")));
  EXPECT_TRUE(HasTerm("kommunrådet", PartTerm("kommun")));
  EXPECT_TRUE(HasTerm("ungdomsråd", PartTerm("ungdom")));
  EXPECT_TRUE(HasTerm("sommarlovet", PartTerm("lov")));
  // The analyser, not hunspell, knows "dricks" and "smitt" as compounds' first parts.
  EXPECT_TRUE(HasTerm("dricksvattnet", PartTerm("vatten")));
  EXPECT_TRUE(HasTerm("smittskyddet", PartTerm("skydd")));
  EXPECT_TRUE(HasTerm("smittskyddet", PartTerm("smitta")));
  // An adjective's base before a head is that adjective, not a noun the analyser reads
  // on its letters before a head ("hela", "låga").
  EXPECT_TRUE(HasTerm("helårsprognosen", PartTerm("hel")));
  EXPECT_FALSE(HasTerm("helårsprognosen", PartTerm("hela")));
  EXPECT_TRUE(HasTerm("lågstadiet", PartTerm("låg")));
  EXPECT_FALSE(HasTerm("lågstadiet", PartTerm("låga")));
  // A head has the readings the whole word's lemma ends in, where it ends in any.
  EXPECT_TRUE(HasTerm("lågstadiet", PartTerm("stadium")));
  EXPECT_FALSE(HasTerm("lågstadiet", PartTerm("stadion")));
  EXPECT_FALSE(HasTerm("lagförslaget", PartTerm("förslagen")));
  EXPECT_TRUE(HasTerm("lagförslaget", PartTerm("förslag")));
  // A noun of two letters that ends many of its compounds is a head after a listed modifier
  // form, unless its form is another noun too ("kön") or its words mostly merely end in it.
  EXPECT_TRUE(HasTerm("budgetåret", PartTerm("budget")));
  EXPECT_TRUE(HasTerm("budgetår", PartTerm("år")));
  EXPECT_FALSE(HasTerm("toalettkön", PartTerm("kön")));
  EXPECT_FALSE(HasTerm("personalen", PartTerm("al")));
  EXPECT_FALSE(HasTerm("personalen", PartTerm("person")));
  // A noun of two letters that begins many of its words is a modifier all the same.
  EXPECT_TRUE(HasTerm("elkostnaderna", PartTerm("el")));
  EXPECT_TRUE(HasTerm("elkostnaderna", PartTerm("kostnad")));
  EXPECT_TRUE(HasTerm("ishallen", PartTerm("hall")));
  EXPECT_FALSE(HasTerm("elände", PartTerm("el")));
  EXPECT_FALSE(HasTerm("elände", PartTerm("ände")));
  EXPECT_FALSE(HasTerm("tvätten", PartTerm("tv")));
  // Pieces it alone joins have four letters or more: "centrum" is no "cent|rum".
  EXPECT_FALSE(HasTerm("centrum", PartTerm("rum")));
  // A head listed whole splits as the word alone does: "buss|hållplats" is a "plats".
  EXPECT_TRUE(HasTerm("busshållplatsen", PartTerm("hållplats")));
  EXPECT_TRUE(HasTerm("busshållplatsen", PartTerm("plats")));
  // A numeral starts compounds, though it is no part: "en|bostads|hus".
  EXPECT_TRUE(HasTerm("enbostadshus", PartTerm("bostad")));
  EXPECT_TRUE(HasTerm("enbostadshus", PartTerm("hus")));
  EXPECT_TRUE(HasTerm("tvåvåningshus", PartTerm("våning")));
  EXPECT_FALSE(HasTerm("enbostadshus", PartTerm("en")));
  EXPECT_FALSE(HasTerm("enskilda", PartTerm("skild")));
  // "gatu-" is a joining form the dictionary lists with a hyphen: "gata".
  EXPECT_TRUE(HasTerm("gatubelysningen", PartTerm("gata")));
  EXPECT_TRUE(HasTerm("gatubelysningen", PartTerm("belysning")));
  EXPECT_TRUE(HasTerm("gatukontoret", PartTerm("gata")));
  // So are "barna-" of "barn" and "örta-" of "ört".
  EXPECT_TRUE(HasTerm("barnavården", PartTerm("barn")));
  EXPECT_TRUE(HasTerm("örtagården", PartTerm("ört")));
  // "års" is the genitive the dictionary gives for compounds after a number ("5-års"); it
  // starts compounds of its own, though "år" is too short to be a part itself.
  EXPECT_TRUE(HasTerm("årsredovisningen", PartTerm("redovisning")));
  EXPECT_TRUE(HasTerm("årsbokslutet", PartTerm("bokslut")));
  EXPECT_FALSE(HasTerm("årsredovisningen", PartTerm("år")));
  // Words whose end is a word only by accident stay whole: few words end in "tur" or "ros"
  // after a compound's first part, "vårdslöshet" is the quality of "vårdslös", and
  // "direktiver" is a misspelling the dictionary lists to reject.
  EXPECT_FALSE(HasTerm("kultur", PartTerm("tur")));
  EXPECT_FALSE(HasTerm("rapporten", PartTerm("ort")));
  EXPECT_FALSE(HasTerm("matros", PartTerm("ros")));
  EXPECT_FALSE(HasTerm("vårdslöshet", PartTerm("vård")));
  EXPECT_FALSE(HasTerm("vårdslösheten", PartTerm("vård")));
  EXPECT_FALSE(HasTerm("anspråkslösheten", PartTerm("anspråk")));
  // A noun in -het heads a compound on a modifier only hunspell knows ("täktverksam" is no
  // word, so "täktverksamhet" is no quality of it).
  EXPECT_TRUE(HasTerm("täktverksamhet", PartTerm("täkt")));
  EXPECT_TRUE(HasTerm("täktverksamheten", PartTerm("verksamhet")));
  EXPECT_FALSE(HasTerm("automat", PartTerm("mat")));
  // A participle listed whole after a noun is that noun's compound: "förtroende|valda" are
  // elected, "kommun|ägda" owned; not after a particle or an adjective ("över|blivna",
  // "halv|kvävd").
  EXPECT_TRUE(HasTerm("förtroendevalda", PartTerm("förtroende")));
  EXPECT_TRUE(HasTerm("förtroendevaldas", PartTerm("välja")));
  EXPECT_TRUE(HasTerm("kommunägda", PartTerm("kommun")));
  EXPECT_FALSE(HasTerm("överblivna", PartTerm("över")));
  EXPECT_FALSE(HasTerm("halvkvävd", PartTerm("halva")));
  // A derivation inside a part adds no parts: "ungdom" is no "unge" and no ruling.
  EXPECT_FALSE(HasTerm("ungdomsrådet", PartTerm("dom")));
  EXPECT_FALSE(HasTerm("ungdomsrådet", PartTerm("unge")));
}

TEST(Analyzer, AnAnalyzerOpenedAfterAnotherAnalyzesAsItDid) {
  REQUIRE_DICTIONARY();
  // An analyzer takes over the dictionaries of one that is gone: what it makes of words is
  // the same, whether the one before saw them or not, and two at once each have their own.
  const std::string text = "Utbildningsnämnden beslutade om sprutbytesprogrammet; lagar och laga.";
  auto terms = [](Analyzer* a, std::string_view t) {
    std::vector<Token> tokens;
    a->Analyze(t, &tokens);
    std::vector<std::string> out;
    for (const Token& token : tokens) {
      for (const Term& term : token.terms) out.push_back(term.text);
    }
    return out;
  };
  std::unique_ptr<Analyzer> first;
  ASSERT_TRUE(Analyzer::Open({}, &first).ok());
  const std::vector<std::string> want = terms(first.get(), text);
  EXPECT_NE(std::find(want.begin(), want.end(), PartTerm("sprutbyte")), want.end());
  first.reset();
  std::unique_ptr<Analyzer> second, third;
  ASSERT_TRUE(Analyzer::Open({}, &second).ok());
  ASSERT_TRUE(Analyzer::Open({}, &third).ok());
  EXPECT_EQ(terms(second.get(), text), want);
  EXPECT_EQ(terms(third.get(), "Hemsjukvården " + text),
            terms(second.get(), "Hemsjukvården " + text));
}

TEST(Analyzer, AnalyzersSharingAnalysesGiveTheTermsAndNewWordsEachWouldAlone) {
  REQUIRE_DICTIONARY();
  // Two workers of one run share their analyses: a word the first analyzed is a lookup for
  // the second, whose terms and new words (for the vocabulary) are still its own analysis's.
  const std::string text =
      "Utbildningsnämnden beslutade om sprutbytesprogrammet och SKR:s covid-19-rapport; "
      "lagar och laga.";
  auto run = [&](SharedAnalyses* shared, std::vector<std::string>* terms,
                 std::vector<std::string>* new_words) {
    AnalyzerOptions options;
    options.record_new_words = true;
    options.shared = shared;
    std::unique_ptr<Analyzer> a;
    ASSERT_TRUE(Analyzer::Open(options, &a).ok());
    std::vector<Token> tokens;
    a->Analyze(text, &tokens);
    for (const Token& token : tokens) {
      for (const Term& term : token.terms) terms->push_back(term.text);
    }
    std::vector<WordEntry> words;
    a->TakeNewWords(&words);
    for (const WordEntry& w : words) new_words->push_back(w.word + "=" + EncodeTerms(w.terms));
    std::sort(new_words->begin(), new_words->end());
  };
  std::vector<std::string> alone_terms, alone_words;
  run(nullptr, &alone_terms, &alone_words);
  ASSERT_TRUE(std::any_of(alone_words.begin(), alone_words.end(), [](const std::string& w) {
    return w.starts_with("sprutbytesprogrammet=");
  }));
  SharedAnalyses shared;
  std::vector<std::string> first_terms, first_words, second_terms, second_words;
  run(&shared, &first_terms, &first_words);
  run(&shared, &second_terms, &second_words);
  EXPECT_EQ(first_terms, alone_terms);
  EXPECT_EQ(second_terms, alone_terms);
  EXPECT_EQ(first_words, alone_words);
  EXPECT_EQ(second_words, alone_words);
  EXPECT_NE(std::find(second_terms.begin(), second_terms.end(), PartTerm("sprutbyte")),
            second_terms.end());
  // Two at once on one store, as a run's workers are.
  SharedAnalyses together;
  std::vector<std::string> a_terms, a_words, b_terms, b_words;
  std::thread a([&] { run(&together, &a_terms, &a_words); });
  std::thread b([&] { run(&together, &b_terms, &b_words); });
  a.join();
  b.join();
  EXPECT_EQ(a_terms, alone_terms);
  EXPECT_EQ(b_terms, alone_terms);
  EXPECT_EQ(a_words, alone_words);
  EXPECT_EQ(b_words, alone_words);
}

TEST(CompoundLexicon, CountsTheWordsThatBeginAndEndInAWord) {
  // A made-up dictionary: X starts compounds, Y ends them, % marks a forbidden word; the
  // entries are in no order, as hunspell's are not.
  const auto lexicon = CompoundLexicon::Parse(
      "SET UTF-8\n",
      "12\nhusvagn/Y\nbil/XY\nhus/XY\nbilhall/Y\nvagn/Y\nhustak\nbilar/%\nhuset\n"
      "elbil/Y\nhall/Y\nbilverkstad\nNyhus\n");
  EXPECT_TRUE(lexicon->IsWord("hus"));
  EXPECT_TRUE(lexicon->IsWord("bilverkstad"));
  EXPECT_FALSE(lexicon->IsWord("hu"));
  EXPECT_FALSE(lexicon->IsWord("bilar"));  // forbidden
  EXPECT_FALSE(lexicon->IsWord("nyhus"));  // a name, capitalized in the dictionary
  // "bil" begins "bilhall" and "bilverkstad" before three letters or more ("bilar" is
  // forbidden); "hall" is a word, "verkstad" not.
  const auto starting = lexicon->StartingEvidence("bil");
  EXPECT_EQ(starting.words, 2u);
  EXPECT_EQ(starting.compounds, 1u);
  // "hus" begins "husvagn" (and "vagn" is a word) and "hustak"; "huset" is one letter on.
  EXPECT_EQ(lexicon->StartingEvidence("hus").words, 2u);
  EXPECT_EQ(lexicon->StartingEvidence("hus").compounds, 1u);
  // "vagn" ends "husvagn" after "hus", which starts compounds; "bil" ends "elbil" after two
  // letters only, which counts for nothing.
  const auto ending = lexicon->EndingEvidence("vagn");
  EXPECT_EQ(ending.words, 1u);
  EXPECT_EQ(ending.compounds, 1u);
  EXPECT_EQ(lexicon->EndingEvidence("bil").words, 0u);
  EXPECT_EQ(lexicon->EndingEvidence("hall").words, 1u);
  EXPECT_EQ(lexicon->EndingEvidence("hall").compounds, 1u);
}

TEST(Analyzer, ThreeEqualConsonantsAtASeamAreWrittenTwo) {
  REQUIRE_MORPHOLOGY();
  // "natt|tillsyn" is written "nattillsyn", "buss|station" "busstation": the modifier keeps
  // its double consonant as a part, whether hunspell lists the word or not.
  EXPECT_TRUE(HasTerm("nattillsyn", PartTerm("natt")));
  EXPECT_TRUE(HasTerm("nattillsynen", PartTerm("tillsyn")));
  EXPECT_TRUE(HasTerm("busstationen", PartTerm("buss")));
  EXPECT_TRUE(HasTerm("busstationen", PartTerm("station")));
  EXPECT_TRUE(HasTerm("toppolitiker", PartTerm("topp")));
  EXPECT_FALSE(HasTerm("busstationen", PartTerm("bus")));
  // Not where the head without the shared letter is a word ("miss|tag"), nor in a noun of a
  // participle ("fyll|andet"), nor in a word the analyser knows no noun in ("sitt|ing").
  EXPECT_FALSE(HasTerm("misstag", PartTerm("stag")));
  EXPECT_FALSE(HasTerm("fyllandet", PartTerm("land")));
  EXPECT_FALSE(HasTerm("sitting", PartTerm("ting")));
  // A word the dictionary lists whole of six letters splits so too ("natt|åg").
  EXPECT_TRUE(HasTerm("nattåget", PartTerm("natt")));
  EXPECT_TRUE(HasTerm("nattåget", PartTerm("tåg")));
  // A head without the shared letter that is only a verb is no head: "skott|avla" is
  // "skott|tavla", "natt|röja" is "natt|tröja".
  EXPECT_TRUE(HasTerm("skottavla", PartTerm("tavla")));
  EXPECT_TRUE(HasTerm("nattröja", PartTerm("tröja")));
  EXPECT_FALSE(HasTerm("nattröja", PartTerm("röja")));
}

TEST(Analyzer, AJoiningFormInEIsItsWord) {
  REQUIRE_MORPHOLOGY();
  // Latin -ium joins in -ie ("seminarie|salen"), as -ia does ("historie|lärare"); a linking
  // -e after a noun is the noun's, though a verb has the same stem ("skörde|fest": "skörd").
  EXPECT_TRUE(HasTerm("seminariesalen", PartTerm("seminarium")));
  EXPECT_TRUE(HasTerm("gymnasieskolan", PartTerm("gymnasium")));
  EXPECT_TRUE(HasTerm("historieläraren", PartTerm("historia")));
  EXPECT_TRUE(HasTerm("skördefesten", PartTerm("skörd")));
  EXPECT_FALSE(HasTerm("skördefesten", PartTerm("skörda")));
}

TEST(Analyzer, ANounInSOrAIsNoFormOfTheWordWithoutIt) {
  REQUIRE_MORPHOLOGY();
  // The analyser reads "kvittens" (a receipt) only as the genitive of "kvitten" (a quince),
  // but the dictionary inflects it as a noun of its own ("kvittensen"): it is that noun.
  EXPECT_EQ(MeetOn("kvittens", "kvitten"), "");
  EXPECT_EQ(MeetOn("vakans", "vaka"), "");
  EXPECT_NE(MeetOn("vakans", "vakansen"), "");
  EXPECT_NE(MeetOn("barns", "barnen"), "");  // a genitive stays its noun's
  // No noun has a form in -a: "finka" (a cell) and "boja" are nouns of their own, not forms of
  // "fink" and "boj"; an adjective stays its own ("mobila", "anhöriga").
  EXPECT_EQ(MeetOn("finka", "fink"), "");
  EXPECT_EQ(MeetOn("boja", "boj"), "");
  EXPECT_NE(MeetOn("finkan", "finka"), "");
  EXPECT_NE(MeetOn("mobila", "mobil"), "");
  EXPECT_NE(MeetOn("anhöriga", "anhörig"), "");
}

TEST(Analyzer, AFormOfACompoundTheAnalyserLacksIsTheCompounds) {
  REQUIRE_MORPHOLOGY();
  // The analyser reads "leder" only as the verb "leda" (it lacks "led", a route, of the common
  // gender): the dictionary's "cykelled" is the lemma, and the form has the compound's parts.
  EXPECT_TRUE(HasTerm("cykelleder", LemmaTerm("cykelled", "n")));
  EXPECT_FALSE(HasTerm("cykelleder", LemmaTerm("cykelleda", "v")));
  EXPECT_NE(MeetOn("vandringsleder", "vandringsleden"), "");
  EXPECT_TRUE(HasTerm("cykelleder", PartTerm("cykel")));
  EXPECT_TRUE(HasTerm("cykelleder", PartTerm("led")));
  EXPECT_TRUE(HasTerm("umgängesvänner", PartTerm("vän")));
}

TEST(Analyzer, AFormOnlyInCompoundsIsTheWordItJoins) {
  REQUIRE_MORPHOLOGY();
  // The dictionary has "sago-" and "gnist-" only inside compounds; the analyser also knows
  // rare nouns of their spelling (the sago palm): the modifier is the word it joins.
  EXPECT_TRUE(HasTerm("sagostunden", PartTerm("saga")));
  EXPECT_FALSE(HasTerm("sagostunden", PartTerm("sago")));
  EXPECT_TRUE(HasTerm("gnistregnet", PartTerm("gnista")));
}

TEST(Analyzer, AHeadNoDictionaryHasAloneSplitsWhereItEndsManyWords) {
  REQUIRE_MORPHOLOGY();
  // "-havare", "-mässig", "-föring" are no words of their own, but end many of the
  // dictionary's words after a modifier; the forms have the parts of their lemma.
  EXPECT_TRUE(HasTerm("vårdnadshavare", PartTerm("vårdnad")));
  EXPECT_TRUE(HasTerm("vårdnadshavarna", PartTerm("vårdnad")));
  EXPECT_TRUE(HasTerm("kostnadsmässig", PartTerm("kostnad")));
  EXPECT_TRUE(HasTerm("marknadsföringen", PartTerm("marknad")));
  // Not after a verb particle ("över|föring"), nor on a head of four letters ("bit|tida").
  EXPECT_FALSE(HasTerm("överföringen", PartTerm("över")));
  EXPECT_FALSE(HasTerm("bittida", PartTerm("bit")));
}

TEST(Analyzer, AThreePartCompoundHasItsWholeModifierAsAPart) {
  REQUIRE_MORPHOLOGY();
  // "elev|hälso|chef": the modifier "elevhälsa" is a compound the dictionary accepts, spelt
  // with the base of its joining form "hälso-".
  EXPECT_TRUE(HasTerm("elevhälsochef", PartTerm("elevhälsa")));
  EXPECT_TRUE(HasTerm("kulturskoleverksamhet", PartTerm("kulturskola")));
  EXPECT_TRUE(HasTerm("hemsjukvårdsavtalet", PartTerm("hemsjukvård")));
}

TEST(Analyzer, AHeadThatIsANounIsNoParticiple) {
  REQUIRE_MORPHOLOGY();
  // "skydd" is also the participle of "sky" (shun), "fallet" of "falla": in a compound the
  // noun is meant, as in its lemma.
  EXPECT_TRUE(HasTerm("dataskydd", PartTerm("skydd")));
  EXPECT_FALSE(HasTerm("dataskydd", PartTerm("sky")));
  EXPECT_FALSE(HasTerm("dödsfallet", PartTerm("falla")));
  EXPECT_TRUE(HasTerm("dödsfallet", PartTerm("fall")));
}

TEST(Analyzer, CamelCaseNamesHaveTheirPiecesAsParts) {
  REQUIRE_MORPHOLOGY();
  EXPECT_TRUE(HasTerm("MiniMaria", PartTerm("mini")));
  EXPECT_TRUE(HasTerm("MiniMaria", PartTerm("maria")));
  EXPECT_TRUE(HasTerm("eHälsan", PartTerm("hälsa")));
  // Pieces under three letters are none, and a verb does not read a name's piece.
  EXPECT_FALSE(HasTerm("eHälsan", PartTerm("e")));
  EXPECT_FALSE(HasTerm("SocSam", PartTerm("simma")));
  EXPECT_TRUE(HasTerm("SocSam", PartTerm("sam")));
  // A word in capitals is no camel case.
  EXPECT_FALSE(HasTerm("SOCSAM", PartTerm("sam")));
}

// A person's or a place's name is no compound of the words it is spelled with; an
// organisation's name and a compound on a name are.
TEST(Analyzer, ANameIsNoCompoundOfWords) {
  REQUIRE_MORPHOLOGY();
  const std::vector<std::pair<const char*, const char*>> names = {
      {"Barbro", "bro"},  {"Valborg", "val"},      {"Sjöström", "sjö"},
      {"Bergman", "man"}, {"Landskrona", "krona"}, {"Småland", "land"}};
  for (const auto& [name, word] : names) {
    EXPECT_FALSE(HasTerm(name, PartTerm(word))) << name;
    EXPECT_TRUE(HasTerm(name, LemmaTerm(Shared()->Fold(name), "np"))) << name;
  }
  EXPECT_TRUE(HasTerm("Europadomstolen", PartTerm("domstol")));
  EXPECT_TRUE(HasTerm("Kungsbackarummet", PartTerm("kungsbacka")));
  EXPECT_TRUE(HasTerm("Göteborgsvägen", PartTerm("väg")));
}

TEST(Analyzer, AnActionNounInEringHasItsVerbAsAPart) {
  REQUIRE_MORPHOLOGY();
  // "revidering" is the action of "revidera": a search for the verb reaches it as a part,
  // below the verb's own forms, as it reaches a participle.
  EXPECT_TRUE(HasTerm("revideringen", VerbPartTerm("revidera")));
  EXPECT_TRUE(HasTerm("investeringar", VerbPartTerm("investera")));
  EXPECT_FALSE(HasTerm("revideringen", LemmaTerm("revidera", "v")));
}

TEST(Analyzer, LettersAreTheirOwnLemma) {
  REQUIRE_MORPHOLOGY();
  // The analyser names a letter's lemma "ealphabet"; the index term is the letter.
  EXPECT_TRUE(HasTerm("e", LemmaTerm("e", "n")));
  EXPECT_FALSE(HasTerm("e", LemmaTerm("ealphabet", "n")));
  // Two letters are an abbreviation, no letter's genitive (written "k:s"): "KS" is no "k",
  // and "is" (ice) no "i".
  EXPECT_FALSE(HasTerm("KS", LemmaTerm("k", "n")));
  EXPECT_FALSE(HasTerm("vs", LemmaTerm("v", "n")));
  EXPECT_FALSE(HasTerm("is", LemmaTerm("i", "n")));
  EXPECT_TRUE(HasTerm("is", LemmaTerm("is", "n")));
  EXPECT_TRUE(HasTerm("KS:s", "ks"));
}

TEST(Analyzer, CompoundPartsThatAreCompoundsGiveTheirParts) {
  REQUIRE_DICTIONARY();
  for (const char* part : {"sjukvård", "vård"}) {
    EXPECT_TRUE(HasTerm("hemsjukvården", PartTerm(part))) << part;
  }
  for (const char* part : {"barn", "hälsovård", "vård"}) {
    EXPECT_TRUE(HasTerm("barnhälsovården", PartTerm(part))) << part;
  }
  for (const char* part : {"sprutbyte", "byte", "program"}) {
    EXPECT_TRUE(HasTerm("sprutbytesprogrammet", PartTerm(part))) << part;
  }
  // A modifier that is a compound no dictionary lists is that compound without its linking
  // -s, as a query names it.
  for (const auto& [word, part] :
       std::vector<std::pair<const char*, const char*>>{{"korttidsboende", "korttid"},
                                                        {"korttidsvistelsen", "korttid"},
                                                        {"långtidsarbetslösa", "långtid"},
                                                        {"långtidssjukskrivningar", "långtid"}}) {
    EXPECT_TRUE(HasTerm(word, PartTerm(part))) << word;
    EXPECT_FALSE(HasTerm(word, PartTerm(std::string(part) + "s"))) << word;
  }
  // A participle that ends a part which is a noun is no part of its own there, as it is
  // none of the noun ("nämnd|ordförande" has "ordförande", no "föra").
  for (const char* word : {"nämndordförande", "viceordföranden", "fullmäktigeordförande"}) {
    EXPECT_TRUE(HasTerm(word, PartTerm("ordförande"))) << word;
    EXPECT_FALSE(HasTerm(word, PartTerm("föra"))) << word;
  }
}

// Place and person names meet their genitives ("Mölndals kommun", "Storumans kommun"): the
// analyser knows names capitalized, and a name it lacks is not split at a genitive's head.
TEST(Analyzer, NamesMeetTheirGenitives) {
  REQUIRE_MORPHOLOGY();
  const std::pair<const char*, const char*> together[] = {
      {"mölndal", "mölndals"}, {"kungsbacka", "kungsbackas"}, {"storuman", "storumans"},
      {"europa", "europas"},   {"stockholm", "stockholms"},   {"wilson", "wilsons"},
  };
  for (const auto& [a, b] : together) {
    EXPECT_FALSE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
  EXPECT_TRUE(HasTerm("mölndals", LemmaTerm("mölndal", "np")));
  // A town is no form of a verb in its name ("backa"), and a word the analyser knows in
  // lower case keeps its own reading ("rosa" is no name).
  EXPECT_FALSE(HasTerm("kungsbackas", LemmaTerm("kungsbacka", "v")));
  EXPECT_FALSE(HasTerm("rosa", LemmaTerm("rosa", "np")));
  // A name that is also an old form of a word keeps the word's lemmas too.
  EXPECT_FALSE(SharedFullTerms("andre", "andra").empty());
  // A name the dictionary lists only capitalized is no inflected form of a word its letters
  // end like: Åsa is no plural of "ås", Peter no "peta", Göran no "göra", Maja no "maj".
  const std::pair<const char*, const char*> apart[] = {
      {"åsa", "åsar"},
      {"peter", "petar"},
      {"göran", "göra"},
      {"maja", "maj"},
      // Nor is a name the dictionary lists whole a form of its first part, though hunspell
      // can also read it as a compound: Strömstad is no "ström", Bergman no "berg".
      {"strömstad", "strömmen"},
      {"söderhamn", "söder"},
      {"bergman", "berget"},
      {"leksand", "leken"}};
  for (const auto& [a, b] : apart) {
    EXPECT_TRUE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
}

TEST(Analyzer, HomographsDoNotMerge) {
  REQUIRE_MORPHOLOGY();
  // Look-alikes whose hunspell roots met: law / repair, firm / dread, choice / "vale",
  // child / bar, diet / cost, plan / to plan.
  const std::pair<const char*, const char*> apart[] = {
      {"lag", "laga"},
      {"fast", "fasa"},
      {"valet", "vale"},
      {"barns", "bar"},
      {"kost", "kostar"},
      {"planer", "planera"},
      {"regler", "reglera"},
      {"lagen", "lagade"},
      // A bang / to bang (an imperative and a supine the analyser made up); a drive / to
      // drive (an old subjunctive).
      {"smäll", "smällde"},
      {"drive", "driver"},
      // A noun is that noun before it is another's genitive: a course / a cure, a tail /
      // a swan, a tie / a slipway.
      {"kurs", "kur"},
      {"svans", "svan"},
      {"slips", "slip"},
      // Roads / weighs: the analyser gives "väga" a present in -ar beside its "väger"; the
      // one that is a noun's plural is the noun's. Likewise pieces / bites.
      {"vägar", "väger"},
      {"vägar", "vägde"},
      {"bitar", "biter"},
      // A fine is no masculine form of "white" ("den vite"), as the dictionary inflects it
      // as a noun.
      {"vite", "vita"},
      // A word written as another is written without its accent: the arm / the army, a den /
      // an idea, the matter / sake, the file / a fillet.
      {"armen", "armén"},
      {"ide", "idé"},
      {"saken", "saké"},
      {"filen", "filé"},
      // A school / shall, a will / wants: a modal's infinitive spelled as a noun is the noun.
      {"skola", "ska"},
      {"skola", "skulle"},
      {"vilja", "vill"},
  };
  for (const auto& [a, b] : apart) {
    EXPECT_TRUE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
  // ... while each word still meets its own forms, and an ambiguous form meets both.
  const std::pair<const char*, const char*> together[] = {
      {"lagar", "lag"},     {"lagar", "laga"},     {"valet", "val"},     {"barns", "barn"},
      {"kostar", "kosta"},  {"planer", "planen"},  {"regler", "regeln"}, {"tänkte", "tänka"},
      {"smäll", "smällen"}, {"smällde", "smällt"}, {"drive", "driven"},  {"vore", "vara"},
      {"kurser", "kurs"},   {"kurens", "kur"},     {"läns", "län"},      {"vägar", "väg"},
      {"väger", "vägde"},   {"vite", "vitet"},     {"armen", "arm"},     {"armén", "arméer"},
      {"ideer", "idéer"},   {"ska", "skulle"},     {"skall", "ska"},     {"skola", "skolorna"},
      {"vill", "ville"},    {"vilja", "viljan"},
  };
  for (const auto& [a, b] : together) {
    EXPECT_FALSE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
  // The lemma carries its part of speech, and a noun that is two nouns of either gender its
  // gender.
  EXPECT_TRUE(HasTerm("lagar", LemmaTerm("lag", "n.ut")));
  EXPECT_TRUE(HasTerm("lagar", LemmaTerm("laga", "v")));
  EXPECT_TRUE(HasTerm("sammanträdet", LemmaTerm("sammanträde", "n")));
  EXPECT_EQ(TermWord(LemmaTerm("lag", "n.ut")), "lag");
  EXPECT_EQ(PartTerm(LemmaTerm("lag", "n.ut")), "~lag");
}

TEST(Analyzer, NounsOfOneSpellingAndTwoGendersStayApart) {
  REQUIRE_MORPHOLOGY();
  // A law (en lag, lagar) and a team (ett lag, laget); an election (ett val, valet) and a
  // whale (en val, valar); a plan (en plan, planer) and a level (ett plan, planet).
  const std::pair<const char*, const char*> apart[] = {
      {"laget", "lagar"}, {"lagets", "lagarna"}, {"valet", "valarna"}, {"planet", "planer"}};
  for (const auto& [a, b] : apart) {
    EXPECT_TRUE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
  // The forms both nouns have meet each of them, and a part stays one ("~lag").
  const std::pair<const char*, const char*> together[] = {
      {"lagen", "lagar"}, {"lagen", "laget"}, {"lag", "laget"},     {"lag", "lagarna"},
      {"valet", "val"},   {"valen", "valet"}, {"planen", "planer"}, {"priset", "priser"}};
  for (const auto& [a, b] : together) {
    EXPECT_FALSE(SharedFullTerms(a, b).empty()) << a << " / " << b;
  }
  EXPECT_TRUE(HasTerm("kommunallagen", PartTerm("lag")));
}

TEST(Analyzer, HyphenatedWordsHaveTheirWordsAsParts) {
  REQUIRE_DICTIONARY();
  EXPECT_TRUE(HasTerm("covid-19", PartTerm("covid")));
  EXPECT_TRUE(HasTerm("Covid-19-pandemin", PartTerm("covid")));
  EXPECT_TRUE(HasTerm("Covid-19-pandemin", PartTerm("pandemi")));
  EXPECT_TRUE(HasTerm("Agenda-2030-arbetet", PartTerm("arbete")));
  // The code itself stays the one whole-word term: "covid-19" finds only it.
  EXPECT_EQ(FullTermsOf("covid-19"), (std::set<std::string>{"covid-19"}));
  // A suspended hyphen's modifier stands for its base word: "hälso- och sjukvård".
  auto tokens = Analyze("hälso- och sjukvård, kvinno- och barnfrid");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].text, "hälso");
  std::set<std::string> halso, kvinno;
  for (const Term& t : tokens[0].terms) halso.insert(t.text);
  for (const Term& t : tokens[3].terms) kvinno.insert(t.text);
  EXPECT_TRUE(halso.count(PartTerm("hälsa")));
  EXPECT_TRUE(kvinno.count(PartTerm("kvinna")));
}

TEST(Analyzer, AnAbbreviationInflectedAfterAColonIsItsForm) {
  // Swedish inflects abbreviations and codes after a colon: "SKR:s" is a form of "SKR".
  EXPECT_TRUE(HasTerm("SKR:s", "skr"));
  EXPECT_TRUE(HasTerm("SMS:et", "sms"));
  EXPECT_TRUE(HasTerm("IVO:s", "ivo"));
  EXPECT_TRUE(HasTerm("covid-19:s", "covid-19"));
  EXPECT_TRUE(HasTerm("2020:s", "2020"));
  // The abbreviation as written, not a word it spells: "SoL:s" is no form of "sol" (sun).
  EXPECT_EQ(FullTermsOf("SoL:s"), (std::set<std::string>{"sol:s", "sol"}));
  // Other colons are no inflection: "S:t", "d:o", a reference "2020:47", "1:a".
  EXPECT_EQ(FullTermsOf("S:t"), (std::set<std::string>{"s:t"}));
  EXPECT_EQ(FullTermsOf("d:o"), (std::set<std::string>{"d:o"}));
  EXPECT_EQ(FullTermsOf("2020:47"), (std::set<std::string>{"2020:47"}));
  EXPECT_EQ(FullTermsOf("1:a"), (std::set<std::string>{"1:a"}));
}

TEST(Analyzer, ASuspendedHyphenStandsForItsCompound) {
  REQUIRE_DICTIONARY();
  auto terms = [](const Token& t) {
    std::set<std::string> out;
    for (const Term& term : t.terms) out.insert(term.text);
    return out;
  };
  // "parkerings- och trafikövervakning": "parkeringsövervakning och trafikövervakning".
  auto tokens = Analyze("parkerings- och trafikövervakning");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(terms(tokens[0]).count("parkeringsövervakning"));
  EXPECT_TRUE(terms(tokens[0]).count(PartTerm("övervakning")));
  EXPECT_EQ(tokens[0].terms[0].text, "parkerings");  // the position stays the word's own
  // A list: each suspended word gets the compound's rest.
  tokens = Analyze("hälso-, sjuk- och tandvård");
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_TRUE(terms(tokens[0]).count("hälsovård"));
  EXPECT_TRUE(terms(tokens[1]).count("sjukvård"));
  EXPECT_TRUE(terms(tokens[0]).count(PartTerm("vård")));
  // The first part of the compound is what the hyphen stands for, not a split inside it.
  tokens = Analyze("kultur- och fritidsnämnden");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(terms(tokens[0]).count("kulturnämnden"));
  // No compound after the conjunction, or no conjunction: nothing is added.
  for (const char* text : {"2020- och 2021", "för- och nackdelar", "miljö-", "budget- samråd"}) {
    tokens = Analyze(text);
    ASSERT_FALSE(tokens.empty()) << text;
    EXPECT_EQ(terms(tokens[0]), terms(Analyze(tokens[0].text)[0])) << text;
  }
}

TEST(Spelling, GivesBackTheLettersOfLostLigatures) {
  REQUIRE_DICTIONARY();
  std::unique_ptr<Spelling> spelling;
  ASSERT_TRUE(Spelling::Open(AnalyzerOptions().hunspell_dir, &spelling).ok());
  // Calibri's "ti", "tt", "fi", "ft" and "fl" drawn as one glyph, the text only its first letter.
  std::string text =
      "Stadsstyrelsen beslutar at uppta långfristga lån för en löptd av tio år. Det fnns "
      "fera anbud, och nämnden för fnskspråkig utbildning fortsäter efer sommaren.";
  EXPECT_GE(spelling->MendLigatures(&text), 6);
  EXPECT_EQ(text,
            "Stadsstyrelsen beslutar at uppta långfristiga lån för en löptid av tio år. Det finns "
            "flera anbud, och nämnden för finskspråkig utbildning fortsätter efter sommaren.");
  // Where two mends are words, the ligature more common in Swedish: "motion", not "motton".
  text = "En moton om fritd och trafksäkerhet.";
  spelling->MendLigatures(&text);
  EXPECT_EQ(text, "En motion om fritid och trafiksäkerhet.");
  // Text without the fault stays as it is: unknown names, abbreviations, one odd word.
  for (const char* clean :
       {"Beslutet gäller fr.o.m. 2024 för Kungsbacka, Varberg m.fl. enligt Fnstad.",
        "Nämnden beslutar att godkänna förslaget. Ärendet återremitteras efter samråd.",
        "En td i protokollet, annars inget fel."}) {
    std::string same = clean;
    EXPECT_EQ(spelling->MendLigatures(&same), 0) << clean;
    EXPECT_EQ(same, clean);
  }
}

TEST(Spelling, TellsBrokenSwedishFromAnotherLanguage) {
  REQUIRE_DICTIONARY();
  std::unique_ptr<Spelling> spelling;
  ASSERT_TRUE(Spelling::Open(AnalyzerOptions().hunspell_dir, &spelling).ok());
  const Spelling::Score typed = spelling->Check(
      "Nämnden beslutar att godkänna förslaget och att återremittera ärendet om lönerna.");
  EXPECT_GT(typed.known, 0.9);
  EXPECT_GT(typed.function_words, 0.2);
  EXPECT_GT(typed.a_ring, 0.01);
  // A font that maps the spaces to "n": few words, none of them known or a function word,
  // but the letters are Swedish ones.
  const Spelling::Score spaces = spelling->Check(
      "Dennlokalanjusteringspotennärntotaltn1,2n%navnlönesummanninomndetnallmännankommunalan "
      "tjänste-nochnarbetskollektvavtaletn(AKTA).nDennlokalanjusteringspotennutgörn7n674 "
      "avnlönesummanninmarsn2023nochnharnberäknatsnenligtnkommunarbetsgivarnasncirkulärn "
      "Syftetnärnförstnochnfrämstnatntryggantllgångennpånpersonalnochnrätantllnlönerna.");
  EXPECT_LT(spaces.known, 0.5);
  EXPECT_LT(spaces.function_words, 0.08);
  EXPECT_GT(spaces.a_ring, 0.002);
  // Finnish has no "å" and none of the Swedish function words.
  const Spelling::Score finnish = spelling->Check(
      "Paikallinen järjestelyerä on yhteensä 0,7 prosenttia ja se jaetaan seuraavasti: "
      "ensisijaisesti turvataan henkilöstön saatavuus ja korjataan palkkauksen vinoumia.");
  EXPECT_LT(finnish.known, 0.5);
  EXPECT_LT(finnish.function_words, 0.08);
  EXPECT_EQ(finnish.a_ring, 0.0);
}

TEST(Analyzer, StopwordsKeepOnlyTheirSurface) {
  REQUIRE_DICTIONARY();
  auto tokens = Analyze("och att");
  ASSERT_EQ(tokens.size(), 2u);
  for (const Token& t : tokens) {
    EXPECT_TRUE(t.stopword);
    ASSERT_EQ(t.terms.size(), 1u);
    EXPECT_TRUE(t.terms[0].positional);
  }
  EXPECT_FALSE(Analyze("beslut")[0].stopword);
}

TEST(Analyzer, UnknownWordsGetSnowballStem) {
  REQUIRE_DICTIONARY();
  // Not in sv_SE: the Snowball stem still ties the forms together.
  auto a = TermsOf("tjänstepersonerna"), b = TermsOf("tjänstepersoner");
  std::vector<std::string> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_FALSE(shared.empty());
}

TEST(Analyzer, SameResultWithAndWithoutCache) {
  REQUIRE_DICTIONARY();
  AnalyzerOptions options;
  options.cache_entries = 0;
  std::unique_ptr<Analyzer> cold;
  ASSERT_TRUE(Analyzer::Open(options, &cold).ok());
  const std::string text =
      "Hemsjukvårdsavtalet och familjehemsplaceringar diskuterades. "
      "Hemsjukvårdsavtalet godkändes. Beslutsunderlag, yttranden, folkhälsoarbetet, "
      "kommunfullmäktiges redovisas och uppmärksammas.";
  std::vector<Token> a, b;
  cold->Analyze(text, &a);
  Shared()->Analyze(text, &b);
  Shared()->Analyze(text, &b);  // reuses b's storage
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a[i].terms.size(), b[i].terms.size()) << a[i].text;
    for (std::size_t k = 0; k < a[i].terms.size(); ++k) {
      EXPECT_EQ(a[i].terms[k].text, b[i].terms[k].text);
    }
  }
}

TEST(Analyzer, TermsEncodeAndDecode) {
  std::vector<Term> terms = {{"sprutbytesprogram", kFullWeight, false},
                             {"sprutbyte", kPartWeight, false}};
  std::vector<Term> back;
  ASSERT_TRUE(DecodeTerms(EncodeTerms(terms), &back));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].text, "sprutbytesprogram");
  EXPECT_EQ(back[0].weight, kFullWeight);
  EXPECT_EQ(back[1].text, "sprutbyte");
  EXPECT_EQ(back[1].weight, kPartWeight);
  // A word whose only term is itself still has a non-empty record.
  EXPECT_FALSE(EncodeTerms({}).empty());
  ASSERT_TRUE(DecodeTerms(EncodeTerms({}), &back));
  EXPECT_TRUE(back.empty());
  EXPECT_FALSE(DecodeTerms("garbage", &back));
}

// A vocabulary kept in a store across a network answers each word once, known or not, until
// the store changes; a store that cannot be read is asked again.
TEST(MetadataVocabulary, KeepsAnswersUntilForgotten) {
  std::map<std::string, std::string> store = {
      {"v:missbruksenheten", EncodeTerms({{"missbruksenhet#n", kFullWeight, false}})}};
  int reads = 0;
  bool reachable = true;
  MetadataVocabulary vocabulary(
      [&](const std::string& key, std::string* value) {
        ++reads;
        if (!reachable) return false;
        auto it = store.find(key);
        *value = it == store.end() ? std::string() : it->second;
        return true;
      },
      "v:", 16);
  std::vector<Term> terms;
  ASSERT_TRUE(vocabulary.Find("missbruksenheten", &terms));
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_EQ(terms[0].text, "missbruksenhet#n");
  EXPECT_FALSE(vocabulary.Find("narkotikabruket", &terms));
  EXPECT_EQ(reads, 2);
  terms.clear();
  EXPECT_TRUE(vocabulary.Find("missbruksenheten", &terms));
  EXPECT_EQ(terms.size(), 1u);
  EXPECT_FALSE(vocabulary.Find("narkotikabruket", &terms));
  EXPECT_EQ(reads, 2);  // both answered from what was kept

  // A later index run adds the word: seen once the vocabulary forgets.
  store["v:narkotikabruket"] = EncodeTerms({{"narkotikabruk#n", kFullWeight, false}});
  EXPECT_FALSE(vocabulary.Find("narkotikabruket", &terms));
  vocabulary.Forget();
  EXPECT_TRUE(vocabulary.Find("narkotikabruket", &terms));
  EXPECT_EQ(reads, 3);

  // An unreadable store's silence is not kept as "unknown".
  reachable = false;
  EXPECT_FALSE(vocabulary.Find("budget", &terms));
  reachable = true;
  store["v:budget"] = EncodeTerms({{"budget#n", kFullWeight, false}});
  EXPECT_TRUE(vocabulary.Find("budget", &terms));
  EXPECT_EQ(reads, 5);

  // Without cache_entries every word is read each time.
  int plain_reads = 0;
  MetadataVocabulary plain(
      [&](const std::string&, std::string* value) {
        ++plain_reads;
        value->clear();
        return true;
      },
      "v:");
  plain.Find("budget", &terms);
  plain.Find("budget", &terms);
  EXPECT_EQ(plain_reads, 2);
}

// A vocabulary in a map, filled from an analyzer's new words.
class MapVocabulary : public Vocabulary {
 public:
  bool Find(std::string_view word, std::vector<Term>* terms) override {
    ++lookups;
    auto it = words.find(std::string(word));
    if (it == words.end()) return false;
    return DecodeTerms(it->second, terms);
  }
  std::map<std::string, std::string> words;
  int lookups = 0;
};

TEST(Analyzer, RecordedWordsServeAsVocabulary) {
  REQUIRE_DICTIONARY();
  const std::string text = "Sprutbytesprogrammet och familjehemmen diskuterades i nämnden.";
  AnalyzerOptions recording;
  recording.record_new_words = true;
  std::unique_ptr<Analyzer> indexer;
  ASSERT_TRUE(Analyzer::Open(recording, &indexer).ok());
  std::vector<Token> expected;
  indexer->Analyze(text, &expected);
  std::vector<WordEntry> words;
  indexer->TakeNewWords(&words);
  EXPECT_GE(words.size(), 4u);  // the stopwords "och", "i" need no record
  MapVocabulary vocabulary;
  for (const WordEntry& w : words) vocabulary.words[w.word] = EncodeTerms(w.terms);
  indexer->TakeNewWords(&words);
  EXPECT_TRUE(words.empty());  // each word is handed out once

  AnalyzerOptions querying;
  querying.vocabulary = &vocabulary;
  std::unique_ptr<Analyzer> query;
  ASSERT_TRUE(Analyzer::Open(querying, &query).ok());
  std::vector<Token> got;
  query->Analyze(text, &got);
  EXPECT_GT(vocabulary.lookups, 0);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].terms.size(), expected[i].terms.size()) << got[i].text;
    for (std::size_t k = 0; k < got[i].terms.size(); ++k) {
      EXPECT_EQ(got[i].terms[k].text, expected[i].terms[k].text);
      EXPECT_EQ(got[i].terms[k].weight, expected[i].terms[k].weight);
    }
  }
  // A word the vocabulary lacks is still analyzed, with the dictionary.
  query->Analyze("familjehemsplaceringarna", &got);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(std::any_of(got[0].terms.begin(), got[0].terms.end(),
                          [](const Term& t) { return t.text == PartTerm("familjehem"); }));
}

TEST(Analyzer, MissingDictionaryIsAStatus) {
  AnalyzerOptions options;
  options.hunspell_dir = "/nonexistent";
  std::unique_ptr<Analyzer> a;
  Status s = Analyzer::Open(options, &a);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("sv_SE"), std::string::npos);
}

TEST(Analyzer, FoldMatchesTokens) {
  REQUIRE_DICTIONARY();
  EXPECT_EQ(Shared()->Fold("Västra Götalands LÄN"), "västra götalands län");
}

// ---- Bad input never crashes ----

TEST(Robustness, InvalidUtf8NulAndHugeWords) {
  REQUIRE_DICTIONARY();
  std::vector<std::string> inputs = {
      std::string("\xFF\xFE\xC3(\xE2\x82 beslut \xF0\x9F", 13),
      std::string("be\0slut \0\0 2020\0-09", 20),
      std::string(1 << 20, 'a'),
      std::string(1 << 20, '-'),
      "Москва 東京都 beslut العربية 🙂🙂 sprutbyte\xCC\x8A\xCC\x8A",
      "§§§ § § 12 ---\n-\n- :::: 2020:::47 -covid- \xC2\xAD\xC2\xAD",
      "",
  };
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "ord" + std::to_string(i % 500) + "-";
  inputs.push_back(many);
  for (const std::string& in : inputs) {
    std::vector<Token> tokens;
    Shared()->Analyze(in, &tokens);
    for (const Token& t : tokens) {
      EXPECT_LE(t.begin, t.end);
      EXPECT_LE(t.end, in.size());
      EXPECT_FALSE(t.terms.empty());
      for (const Term& term : t.terms) EXPECT_LE(term.text.size(), 245u);
    }
  }
  // The words around the junk still come out.
  std::vector<Token> tokens;
  Shared()->Analyze(inputs[0], &tokens);
  const std::vector<std::string> texts = Texts(tokens);
  EXPECT_NE(std::find(texts.begin(), texts.end(), "beslut"), texts.end());
}

// ---- The pairs table ----

struct Pair {
  std::string kind, a, b;
  int line;
};

std::vector<Pair> LoadPairs() {
  std::vector<Pair> pairs;
  std::ifstream in(std::string(PROTOKOLL_SOURCE_DIR) + "/tests/stemming_pairs.tsv");
  EXPECT_TRUE(in.good()) << "tests/stemming_pairs.tsv missing";
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream f(line);
    Pair p;
    std::getline(f, p.kind, '\t');
    std::getline(f, p.a, '\t');
    std::getline(f, p.b, '\t');
    p.line = n;
    EXPECT_TRUE(p.kind == "same" || p.kind == "different" || p.kind == "miss" || p.kind == "merge")
        << "line " << n << ": unknown kind " << p.kind;
    pairs.push_back(p);
  }
  return pairs;
}

TEST(StemmingPairs, TableHasEnoughPairs) {
  int same = 0, different = 0;
  for (const Pair& p : LoadPairs()) {
    same += p.kind == "same";
    different += p.kind == "different";
  }
  EXPECT_GE(same, 60);
  EXPECT_GE(different, 15);
}

TEST(StemmingPairs, SameLemmaShareATermLookAlikesDoNot) {
  REQUIRE_DICTIONARY();
  for (const Pair& p : LoadPairs()) {
    if (p.kind == "miss" || p.kind == "merge") continue;
    auto a = TermsOf(p.a), b = TermsOf(p.b);
    std::string terms_a, terms_b;
    for (const auto& t : a) terms_a += t + " ";
    for (const auto& t : b) terms_b += t + " ";
    const std::string meet = MeetOn(p.a, p.b);
    if (p.kind == "same") {
      EXPECT_FALSE(meet.empty()) << "line " << p.line << ": " << p.a << " [" << terms_a << "] / "
                                 << p.b << " [" << terms_b << "]";
    } else {
      EXPECT_TRUE(meet.empty()) << "line " << p.line << ": " << p.a << " [" << terms_a << "] / "
                                << p.b << " [" << terms_b << "] meet on " << meet;
    }
  }
}

}  // namespace
}  // namespace protokoll::stemming
