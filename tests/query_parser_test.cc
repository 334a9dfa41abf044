// Unit tests of the query language's parser: each syntax, each error message.
#include "query_parser.h"

#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "facets.h"
#include "protokoll/item_record.h"
#include "protokoll/schema.h"
#include "protokoll/stemming/analyzer.h"
#include "query_builder.h"
#include "searcher.h"
#include "snippets.h"
#include "writers.h"

namespace protokoll::query {
namespace {

std::string Parse(const std::string& q) {
  Node root;
  Status s = ParseQuery(q, &root);
  return s.ok() ? DebugString(root) : "error: " + s.message();
}

struct SyntaxCase {
  const char* query;
  const char* tree;
};

class ParsesSyntax : public ::testing::TestWithParam<SyntaxCase> {};

TEST_P(ParsesSyntax, ToTree) {
  EXPECT_EQ(Parse(GetParam().query), GetParam().tree) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    QueryParser, ParsesSyntax,
    ::testing::Values(
        SyntaxCase{"sprutbyte", "sprutbyte"},
        SyntaxCase{"sprutbyte familjehem", "(and sprutbyte familjehem)"},
        SyntaxCase{"a AND b", "(AND a b)"}, SyntaxCase{"a OR b c", "(OR a (and b c))"},
        SyntaxCase{"a ELLER b", "(OR a b)"}, SyntaxCase{"a OCH b", "(AND a b)"},
        SyntaxCase{"a NOT b", "(and a -b)"}, SyntaxCase{"a AND NOT b", "(AND a -b)"},
        SyntaxCase{"a INTE b", "(and a -b)"}, SyntaxCase{"NOT b", "-b"},
        SyntaxCase{"+a -b c", "(and +a -b c)"}, SyntaxCase{"(a OR b) c", "(and (OR a b) c)"},
        SyntaxCase{"-(a OR b) c", "(and -(OR a b) c)"},
        SyntaxCase{"\"ställer sig bakom\"", "\"ställer sig bakom\""},
        SyntaxCase{"”ställer sig bakom”", "\"ställer sig bakom\""},
        SyntaxCase{"a NEAR b", "(NEAR/10 a b)"},
        SyntaxCase{"a NEAR/3 \"b c\"", "(NEAR/3 a \"b c\")"}, SyntaxCase{"sprut*", "sprut*"},
        SyntaxCase{"kommun:Bräcke familjehem", "(and kommun:Bräcke familjehem)"},
        SyntaxCase{"municipality:Berg", "kommun:Berg"}, SyntaxCase{"Kommun:Berg", "kommun:Berg"},
        SyntaxCase{"kommun:\"Upplands Väsby\"", "kommun:\"Upplands Väsby\""},
        SyntaxCase{"kommun:(Berg OR Åre)", "(OR kommun:Berg kommun:Åre)"},
        SyntaxCase{"län:jämtland county:x lan:y", "(and län:jämtland län:x län:y)"},
        SyntaxCase{"organ:socialpresidiet body:x", "(and organ:socialpresidiet organ:x)"},
        SyntaxCase{"ämne:missbruk topic:x", "(and ämne:missbruk ämne:x)"},
        SyntaxCase{"år:2020 year:2019..2021", "(and år:2020 år:2019..2021)"},
        SyntaxCase{"datum:2019..2021 date:2020-09..", "(and datum:2019..2021 datum:2020-09..)"},
        SyntaxCase{"beslut:familjehem decision:x", "(and beslut:familjehem beslut:x)"},
        SyntaxCase{"rubrik:\"ny lag\" title:x", "(and rubrik:\"ny lag\" rubrik:x)"},
        SyntaxCase{"beslut:*", "beslut:*"},
        SyntaxCase{"-kommun:Berg sprutbyte", "(and -kommun:Berg sprutbyte)"},
        SyntaxCase{"kommun: Berg", "kommun:Berg"},
        SyntaxCase{"sprutbyte - Östersund", "(and sprutbyte Östersund)"},
        SyntaxCase{"kl. 09:00", "(and kl. 09:00)"},
        // A word inflected after a colon is a word; a field's name stays a field.
        SyntaxCase{"SKR:s rekommendation", "(and SKR:s rekommendation)"},
        SyntaxCase{"kommun:s", "kommun:s"}, SyntaxCase{"http://example.se", "http://example.se"},
        SyntaxCase{"a\tb\nc", "(and a b c)"},
        // A case number is one value, whatever separators it has.
        SyntaxCase{"dnr:KS-2025-00010", "dnr:KS-2025-00010"},
        SyntaxCase{"dnr:\"KS 2021/123\" case:bn.2024:2359",
                   "(and dnr:\"KS 2021/123\" dnr:bn.2024:2359)"},
        SyntaxCase{"diarienummer:2014/304 -dnr:SN-2017/104", "(and dnr:2014/304 -dnr:SN-2017/104)"},
        SyntaxCase{"dnr:(KS-2025-1 OR KS-2025-2)", "(OR dnr:KS-2025-1 dnr:KS-2025-2)"}));

struct ErrorCase {
  const char* query;
  const char* message;
};

class RejectsBadQuery : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(RejectsBadQuery, WithMessage) {
  Node root;
  Status s = ParseQuery(GetParam().query, &root);
  ASSERT_FALSE(s.ok()) << GetParam().query;
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.message(), GetParam().message);
  EXPECT_EQ(s.message().find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    QueryParser, RejectsBadQuery,
    ::testing::Values(
        ErrorCase{"", "empty query: give words to search for"},
        ErrorCase{"   ", "empty query: give words to search for"},
        ErrorCase{"sprutbyte \"ställer sig",
                  "unbalanced quotes: the quote at column 11 is never closed"},
        ErrorCase{"(sprutbyte OR lss",
                  "unbalanced parentheses: the '(' at column 1 is never closed"},
        ErrorCase{"sprutbyte)", "unbalanced parentheses: the ')' at column 10 has no '('"},
        ErrorCase{"a OR", "OR at column 3 needs a word after it"},
        ErrorCase{"AND a", "AND at column 1 needs a word before it"},
        ErrorCase{"a AND", "AND at column 3 needs a word after it"},
        ErrorCase{"a NEAR", "NEAR at column 3 needs a word after it"},
        ErrorCase{"a NEAR/x b",
                  "NEAR/n at column 3 needs a positive number of words (like NEAR/5)"},
        // Digits after a letter used to overflow the window (UBSan, query_parser_fuzz).
        ErrorCase{"a NEAR/1x1111111111 b",
                  "NEAR/n at column 3 needs a positive number of words (like NEAR/5)"},
        ErrorCase{"a NEAR/99999999999 b",
                  "NEAR/n at column 3 needs a positive number of words (like NEAR/5)"},

        ErrorCase{"a NEAR (b c)",
                  "NEAR operand at column 8: NEAR joins words or phrases, not groups or fields"},
        ErrorCase{"NOT NOT a", "NOT NOT at column 5 is not allowed"},
        ErrorCase{"a OR -b",
                  "NOT or - at column 6 inside OR has nothing to exclude from (write a AND NOT b)"},
        ErrorCase{"()", "empty parentheses () at column 1"},
        ErrorCase{"\"\"", "empty phrase \"\" at column 1"},
        ErrorCase{"*",
                  "a lone '*' at column 1: a wildcard needs the start of a word (like sprut*)"},
        ErrorCase{"sprut*byte",
                  "'*' at column 6 is allowed only at the end of a word (like sprut*)"},
        ErrorCase{"kommun:",
                  "field kommun: at column 1 needs a value right after it (like kommun:Berg or "
                  "kommun:\"two words\")"},
        ErrorCase{"beslut:(kommun:Berg)", "field kommun: at column 9 inside beslut:(...)"},
        ErrorCase{"a\x01"
                  "b",
                  "control character 0x01 at column 2 in the query"},
        ErrorCase{"sprutbyte\xff", "invalid UTF-8 at column 10 (queries are UTF-8 text)"},
        ErrorCase{"åäö foo:bar",
                  "unknown field 'foo:' at column 5 (fields: kommun: (municipality:), län: "
                  "(county:), organ: (body:), ämne: (topic:), år: (year:), datum: (date:), "
                  "beslut: (decision:), rubrik: (title:), dnr: (case:))"}));

TEST(QueryParser, RefusesHugeQueries) {
  std::string words;
  for (int i = 0; i < 5000; ++i) words += "ord ";
  Node root;
  Status s = ParseQuery(words, &root);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "query too long: 20000 bytes (at most 8192)");
  ParseLimits limits;
  limits.max_bytes = 1 << 20;
  s = ParseQuery(words, &root, limits);
  EXPECT_EQ(s.message(), "query too long: 5000 words (at most 256)");
}

// Thousands of '(' overflowed the stack (ASan, query_parser_fuzz); 32 levels still parse.
TEST(QueryParser, RefusesDeepNesting) {
  Node root;
  Status s = ParseQuery(std::string(4000, '(') + "a" + std::string(4000, ')'), &root);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "'(' at column 33 opens more than 32 nested parentheses");
  ASSERT_TRUE(ParseQuery(std::string(32, '(') + "a" + std::string(32, ')'), &root).ok());
  EXPECT_EQ(DebugString(root), "a");
}

TEST(QueryParser, RecordsSpans) {
  Node root;
  ASSERT_TRUE(ParseQuery("kommun:Berg sprutbyte", &root).ok());
  ASSERT_EQ(root.children.size(), 2u);
  EXPECT_EQ(root.children[1].begin, 12u);
  EXPECT_EQ(root.children[1].end, 21u);
}

TEST(QueryParser, KnowsFieldNames) {
  Field f;
  EXPECT_TRUE(FieldByName("LÄN", &f));
  EXPECT_EQ(f, Field::kCounty);
  EXPECT_TRUE(FieldByName("decision", &f));
  EXPECT_EQ(f, Field::kDecision);
  EXPECT_FALSE(FieldByName("foo", &f));
  EXPECT_TRUE(IsFilterField(Field::kMunicipality));
  EXPECT_FALSE(IsFilterField(Field::kDecision));
  EXPECT_TRUE(FieldByName("Dnr", &f));
  EXPECT_EQ(f, Field::kCaseNumber);
  EXPECT_TRUE(IsFilterField(Field::kCaseNumber));
}

// The field table: every name of a row denotes its field, and each field has the prefix of
// its terms in the index (schema.h), its kind, and its facet.
struct FieldCase {
  Field field;
  std::vector<std::string> names;  // the first is the one messages use
  std::string_view prefix;
  bool filter;
  bool facet;
};

TEST(Fields, TableNamesPrefixesAndKinds) {
  const FieldCase cases[] = {
      {Field::kMunicipality, {"kommun", "municipality", "Kommun"}, "XK", true, true},
      {Field::kCounty, {"län", "county", "lan", "LÄN"}, "XL", true, true},
      {Field::kBody, {"organ", "body"}, "XO", true, true},
      {Field::kTopic, {"ämne", "topic", "amne"}, "XT", true, true},
      {Field::kYear, {"år", "year", "ar"}, "Y", true, true},
      {Field::kDate, {"datum", "date"}, "", true, false},
      {Field::kDecision, {"beslut", "decision"}, "XD", false, false},
      {Field::kTitle, {"rubrik", "title"}, "S", false, false},
      {Field::kCaseNumber, {"dnr", "case", "diarienummer", "Dnr"}, "XC", true, false},
  };
  EXPECT_EQ(std::size(kFields), std::size(cases));
  std::vector<std::string> facets;
  for (const FieldCase& c : cases) {
    for (const std::string& name : c.names) {
      Field f = Field::kText;
      EXPECT_TRUE(FieldByName(name, &f)) << name;
      EXPECT_EQ(f, c.field) << name;
    }
    EXPECT_EQ(FieldName(c.field), c.names[0]);
    EXPECT_EQ(FieldPrefix(c.field), c.prefix) << c.names[0];
    EXPECT_EQ(IsFilterField(c.field), c.filter) << c.names[0];
    EXPECT_NE(FieldList().find(c.names[0] + ": (" + c.names[1] + ":)"), std::string::npos);
    if (c.facet) facets.push_back(c.names[0]);
  }
  Field f;
  EXPECT_FALSE(FieldByName("foo", &f));
  EXPECT_EQ(FieldName(Field::kText), "text");
  EXPECT_EQ(FieldPrefix(Field::kText), "");
  EXPECT_FALSE(IsFilterField(Field::kText));
  // The facets, in the fields' order, with the prefixes and slots of the index.
  std::vector<std::string> facet_names;
  for (const FacetField& ff : FacetFields()) {
    facet_names.emplace_back(ff.name);
    Field named;
    ASSERT_TRUE(FieldByName(ff.name, &named));
    EXPECT_EQ(ff.prefix, FieldPrefix(named));
  }
  EXPECT_EQ(facet_names, facets);
  EXPECT_EQ(FacetFields()[0].slot, schema::kMunicipalitiesSlot);
  EXPECT_EQ(FacetFields()[4].slot, schema::kYearsSlot);
}

// The item record: the search hit's members in DESIGN.md's order, each field once, and the
// record a hit shows of data that has none of them.
TEST(ItemRecord, HasTheHitsMembersInOrder) {
  const std::vector<std::string_view> want = {
      "meeting_id", "item_id",        "file", "meeting_date", "date_inferred", "body",
      "county",     "municipalities", "item", "topics",       "decision",      "dnr"};
  EXPECT_EQ(std::vector<std::string_view>(record::kTopNames.begin(), record::kTopNames.end()),
            want);
  std::set<std::string> json_names, csv_names;
  for (const record::Field& f : record::kFields) {
    EXPECT_TRUE(json_names.insert(std::string(f.parent) + "." + std::string(f.json)).second)
        << f.json;
    EXPECT_TRUE(csv_names.insert(std::string(f.csv)).second) << f.csv;
  }
  const auto empty = MetaJson("");
  EXPECT_EQ(empty.dump(),
            R"({"meeting_id":null,"item_id":null,"file":null,"meeting_date":null,)"
            R"("date_inferred":null,"body":null,"county":null,"municipalities":null,)"
            R"("item":{"number":null,"title":null},"topics":null,"decision":null,"dnr":[]})");
  EXPECT_EQ(
      *record::Find(MetaJson(R"({"item":{"number":"3","title":"T"}})"), record::Key::kItemTitle),
      "T");
}

struct DateCase {
  const char* text;
  bool upper;
  const char* want;  // nullptr: invalid
};

class ParsesPartialDate : public ::testing::TestWithParam<DateCase> {};

TEST_P(ParsesPartialDate, ToSlotValue) {
  std::string out;
  bool ok = PartialDate(GetParam().text, GetParam().upper, &out);
  if (GetParam().want == nullptr) {
    EXPECT_FALSE(ok) << GetParam().text;
  } else {
    ASSERT_TRUE(ok) << GetParam().text;
    EXPECT_EQ(out, GetParam().want);
  }
}

INSTANTIATE_TEST_SUITE_P(
    QueryBuilder, ParsesPartialDate,
    ::testing::Values(DateCase{"2019", false, "20190101"}, DateCase{"2019", true, "20191231"},
                      DateCase{"2020-02", true, "20200229"}, DateCase{"2020-09", false, "20200901"},
                      DateCase{"2020-06-30", true, "20200630"},
                      DateCase{"20200630", false, "20200630"},
                      DateCase{"2020-13-45", false, nullptr},
                      DateCase{"2021-02-29", false, nullptr}, DateCase{"20x0", false, nullptr},
                      DateCase{"", false, nullptr}, DateCase{"2020-1-5", false, "20200105"}));

// Snippets: the analyzer runs only on words that may match, yet marks what it would mark on
// the whole text.
class Snippets : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!stemming::Analyzer::Open({}, &analyzer_).ok()) GTEST_SKIP() << "no analyzer dictionary";
  }
  std::vector<std::string> Marked(const Snippet& s) {
    std::vector<std::string> out;
    for (const Span& m : s.matches) out.push_back(s.text.substr(m.begin, m.end - m.begin));
    return out;
  }
  std::unique_ptr<stemming::Analyzer> analyzer_;
};

TEST_F(Snippets, FindTheMatchDeepInALongText) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "Nätverket diskuterar lokaler och personal. ";
  text += "Sprutbytesprogrammet utökas i länet. ";
  for (int i = 0; i < 20; ++i) text += "Inget mer att rapportera. ";
  Highlight h;
  h.terms = {"sprutbyte", "~sprutbyte"};
  Snippet s = MakeSnippet(analyzer_.get(), text, h, 120);
  EXPECT_EQ(s.text.rfind("… ", 0), 0u) << s.text;
  EXPECT_LE(s.text.size(), 120u + 10);
  EXPECT_EQ(Marked(s), std::vector<std::string>{"Sprutbytesprogrammet"}) << s.text;
}

TEST_F(Snippets, MarkPhrasesOnlyWhereTheWordsFollowEachOther) {
  const std::string text =
      "Ekonomiskt läget är svårt. Kostnaden för ekonomiskt bistånd ökar. Bistånd söks av fler.";
  Highlight h;
  h.phrases = {{"ekonomiskt", "bistånd"}};
  Snippet s = MakeSnippet(analyzer_.get(), text, h);
  EXPECT_EQ(Marked(s), std::vector<std::string>{"ekonomiskt bistånd"}) << s.text;
}

TEST_F(Snippets, MarkCapitalisedFormsToo) {
  // The lowercase match keeps the whole-text fallback out: capitals are found by the needles.
  const std::string text =
      "ÅTGÄRDSPLAN OCH SPRUTBYTE. Åtgärdsplanen för sprutbyte antogs. "
      "Ingen åtgärd om Sprutbyten.";
  Highlight h;
  // The terms a query for each word asks for: its surface and its lemma.
  h.terms = {"åtgärdsplan", stemming::LemmaTerm("åtgärdsplan", "n"), "sprutbyte",
             stemming::LemmaTerm("sprutbyte", "n")};
  Snippet s = MakeSnippet(analyzer_.get(), text, h);
  EXPECT_EQ(Marked(s), (std::vector<std::string>{"ÅTGÄRDSPLAN", "SPRUTBYTE", "Åtgärdsplanen",
                                                 "sprutbyte", "Sprutbyten"}))
      << s.text;
}

TEST_F(Snippets, MarkIrregularFormsTheNeedlesMiss) {
  Highlight h;
  // "gick" holds no "gå": the whole text is analyzed
  h.terms = {"gå", stemming::LemmaTerm("gå", "v")};
  Snippet s = MakeSnippet(analyzer_.get(), "Arbetet gick bra i år.", h);
  EXPECT_EQ(Marked(s), std::vector<std::string>{"gick"}) << s.text;
  EXPECT_EQ(s.text, "Arbetet gick bra i år.");
}

TEST_F(Snippets, OneMakerForManyHitsMarksWhatSeparateSnippetsMark) {
  // The maker remembers each candidate word's matches for the query: the same words in other
  // texts, punctuated, capitalised or in a phrase, must come out as they do on their own.
  const std::vector<std::string> texts = {
      "Sprutbyte i Östersund. Ekonomiskt bistånd ökar.",
      "Om sprutbyte, och om ekonomiskt bistånd: sprutbytesprogrammet (sprutbyte).",
      "SPRUTBYTE. Ekonomiskt läget är svårt; bistånd söks av fler.", "Inget om saken här.",
      "Sprutbyte i Östersund. Ekonomiskt bistånd ökar."};
  Highlight h;
  h.terms = {"sprutbyte", "~sprutbyte"};
  h.phrases = {{"ekonomiskt", "bistånd"}};
  SnippetMaker maker(analyzer_.get(), h);
  for (const std::string& text : texts) {
    const Snippet together = maker.Make(text, 60);
    const Snippet alone = MakeSnippet(analyzer_.get(), text, h, 60);
    EXPECT_EQ(together.text, alone.text) << text;
    EXPECT_EQ(Marked(together), Marked(alone)) << text;
  }
  EXPECT_EQ(Marked(maker.Make(texts[1], 200)),
            (std::vector<std::string>{"sprutbyte", "ekonomiskt bistånd", "sprutbytesprogrammet",
                                      "sprutbyte"}));
}

TEST_F(Snippets, ShowTheTextOnOneLineWithOneSpaceBetweenWords) {
  // Random words and runs of whitespace (with a control character that is not whitespace),
  // with and without matches: a snippet of the whole text is the text read byte by byte,
  // each run of whitespace as one space.
  const std::vector<std::string> words = {"sprutbyte", "Östersund,",           "ok", "\x01",
                                          "beslut.",   "sprutbytesprogrammet", "a"};
  const std::vector<std::string> gaps = {" ", " ", " ", "  ", "\t", "\n", " \r\n ", "\v\f"};
  std::mt19937 rng(7);
  Highlight none, some;
  some.terms = {"sprutbyte", "~sprutbyte"};
  for (int round = 0; round < 300; ++round) {
    std::string text = round % 3 ? "" : gaps[rng() % gaps.size()];
    const int n = 1 + rng() % 30;
    for (int k = 0; k < n; ++k) {
      text += words[rng() % words.size()];
      if (k + 1 < n || round % 2) text += gaps[rng() % gaps.size()];
    }
    std::string expected;
    for (char c : text) {
      const bool space = c == ' ' || (c >= '\t' && c <= '\r');
      if (!space) {
        expected += c;
      } else if (!expected.empty() && expected.back() != ' ') {
        expected += ' ';
      }
    }
    while (!expected.empty() && expected.back() == ' ') expected.pop_back();
    EXPECT_EQ(MakeSnippet(analyzer_.get(), text, none, 4096).text, expected) << text;
    // With matches, the snippet may start a little before the first one: the rest is shown.
    const Snippet marked = MakeSnippet(analyzer_.get(), text, some, 4096);
    std::string shown = marked.text;
    const std::string cut = "… ";
    if (shown.rfind(cut, 0) == 0) shown.erase(0, cut.size());
    ASSERT_LE(shown.size(), expected.size()) << text;
    EXPECT_EQ(expected.substr(expected.size() - shown.size()), shown) << text;
    for (const std::string& m : Marked(marked)) EXPECT_EQ(m.rfind("sprutbyte", 0), 0u) << m;
  }
}

// The JSON answer's strings come out as a JSON library would write them: quotes, backslashes
// and control characters escaped, UTF-8 as it is, invalid bytes as U+FFFD.
TEST(JsonWriter, SnippetsAreEscapedAndInvalidBytesReplaced) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\"Bostad först\" i C:\\mapp\toch\x01slut", "\"Bostad först\" i C:\\mapp\toch\x01slut"},
      {"Åre – Östersund €", "Åre – Östersund €"},
      {"trasig \xC3 byte", "trasig \xEF\xBF\xBD byte"},
      {"", ""}};
  for (const auto& [in, want] : cases) {
    SearchResult r;
    r.query = "q";
    Hit hit;
    hit.rank = 1;
    hit.meta = R"({"meeting_id":"m","item":{"number":null,"title":"T \"q\" \\"},"body":"\\"})";
    hit.snippet.text = in;
    r.hits.push_back(hit);
    std::ostringstream out;
    MakeJsonWriter()->Search(r, out);
    auto j = nlohmann::json::parse(out.str(), nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << out.str();
    EXPECT_EQ(j["hits"][0]["snippet"], want) << out.str();
    EXPECT_EQ(j["hits"][0]["item"]["title"], "T \"q\" \\");  // the stored metadata, spliced
    EXPECT_EQ(j["hits"][0]["body"], "\\");
  }
}

// Metadata as the indexer writes it (members in hit order) is copied; metadata in any other
// order, or with members missing, is put in hit order with nulls: the answers are the same.
TEST(JsonWriter, StoredMetadataInAnyOrderGivesTheSameHit) {
  const std::string ordered =
      R"({"meeting_id":"m1","item_id":"m1-2","file":"a/b.txt","meeting_date":"2021-03-04",)"
      R"("date_inferred":false,"body":"Nätverket","county":"Jämtlands län",)"
      R"("municipalities":["Krokom","Åre"],"item":{"number":"2","title":"Sprutbyte, \"nu\""},)"
      R"("topics":["sprutbyte"],"decision":null})";
  const std::string sorted = nlohmann::json::parse(ordered).dump();  // keys sorted
  ASSERT_NE(sorted, ordered);
  auto answer = [](const std::string& meta, double score) {
    SearchResult r;
    r.query = "sprutbyte";
    Hit hit;
    hit.rank = 1;
    hit.score = score;
    hit.meta = meta;
    hit.snippet.text = "Sprutbyte i Krokom";
    hit.snippet.matches = {{0, 9}};
    r.hits.push_back(hit);
    std::ostringstream out;
    MakeJsonWriter()->Search(r, out);
    return out.str();
  };
  EXPECT_EQ(answer(ordered, 3.5), answer(sorted, 3.5));
  auto j = nlohmann::ordered_json::parse(answer(ordered, 3.5));
  std::vector<std::string> keys;
  for (const auto& [k, v] : j["hits"][0].items()) keys.push_back(k);
  std::vector<std::string> want = {"rank", "score"};
  want.insert(want.end(), record::kTopNames.begin(), record::kTopNames.end());
  want.insert(want.end(), {"snippet", "match_offsets"});
  EXPECT_EQ(keys, want);
  EXPECT_EQ(j["hits"][0]["item"]["title"], "Sprutbyte, \"nu\"");
  // Members missing (meeting_id still first): every key is there, null where unknown.
  auto partial = nlohmann::json::parse(answer(R"({"meeting_id":"m1","body":"B"})", 1));
  EXPECT_TRUE(partial["hits"][0]["county"].is_null());
  EXPECT_EQ(partial["hits"][0]["body"], "B");
  EXPECT_EQ(partial["hits"][0].size(), want.size());
}

// Data of a database before schema 7 has no case numbers: a hit shows an empty dnr list, in
// its place, whether the data is copied whole (hit order) or put in order (sorted keys).
TEST(JsonWriter, DataWithoutCaseNumbersShowsAnEmptyDnrList) {
  const std::string schema6 =
      R"({"meeting_id":"m1","item_id":"m1-2","file":"a/b.txt","meeting_date":"2021-03-04",)"
      R"("date_inferred":false,"body":"Nätverket","county":"Jämtlands län",)"
      R"("municipalities":["Krokom"],"item":{"number":"2","title":"Sprutbyte"},)"
      R"("topics":["sprutbyte"],"decision":"Nätverket beslutar att ..."})";
  const std::string schema7 = schema6.substr(0, schema6.size() - 1) + R"(,"dnr":["KS 2021/12"]})";
  auto hit = [](const std::string& meta) {
    SearchResult r;
    r.query = "sprutbyte";
    Hit h;
    h.rank = 1;
    h.meta = meta;
    r.hits.push_back(h);
    std::ostringstream out;
    MakeJsonWriter()->Search(r, out);
    return nlohmann::ordered_json::parse(out.str())["hits"][0];
  };
  for (const std::string& meta : {schema6, nlohmann::json::parse(schema6).dump()}) {
    const auto h = hit(meta);
    EXPECT_EQ(h["dnr"], nlohmann::ordered_json::array()) << meta;
    EXPECT_EQ(h["decision"], "Nätverket beslutar att ...") << meta;
    std::vector<std::string> keys;
    for (const auto& [k, v] : h.items()) keys.push_back(k);
    EXPECT_EQ(keys[keys.size() - 3], "dnr") << meta;  // before snippet and match_offsets
  }
  EXPECT_EQ(hit(schema7)["dnr"], nlohmann::ordered_json::array({"KS 2021/12"}));
  EXPECT_EQ(MetaJson(schema6)["dnr"], nlohmann::ordered_json::array());
}

// Scores, and strings of every kind of byte, come out exactly as the JSON library writes them.
TEST(JsonWriter, ScoresAndStringsAreWrittenAsTheJsonLibraryWritesThem) {
  using ojson = nlohmann::ordered_json;
  auto answer = [](double score, const std::string& snippet) {
    SearchResult r;
    r.query = "q";
    Hit hit;
    hit.rank = 1;
    hit.score = score;
    hit.meta = R"({"meeting_id":"m"})";
    hit.snippet.text = snippet;
    r.hits.push_back(hit);
    std::ostringstream out;
    MakeJsonWriter()->Search(r, out);
    return out.str();
  };
  for (double score : {0.0, 1.0, 12.5, 70.097, 0.001, 0.0001, 1e-7, 123456.789, 2e20, -3.25}) {
    const std::string want = "\"score\":" + ojson(score).dump() + ",";
    EXPECT_NE(answer(score, "x").find(want), std::string::npos) << score;
  }
  const std::string alphabet[] = {"a",    "Z", " ", "\"", "\\", "\n",   "\t",   "\x01", "\x1f",
                                  "\x7f", "å", "Ö", "–",  "€",  "\xC3", "\xFF", "/"};
  std::mt19937 random(7);
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    const int length = static_cast<int>(random() % 40);
    for (int k = 0; k < length; ++k) s += alphabet[random() % std::size(alphabet)];
    const std::string want =
        "\"snippet\":" + ojson(s).dump(-1, ' ', false, ojson::error_handler_t::replace) + ",";
    ASSERT_NE(answer(1, s).find(want), std::string::npos) << s;
  }
}

}  // namespace
}  // namespace protokoll::query
