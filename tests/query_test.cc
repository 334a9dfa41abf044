// End-to-end tests of protokoll-query: index corpus/minutes with the built protokoll-index
// into a temporary database, then run the tool and assert on what users see: hits, ranks,
// fields, messages and exit codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tool_runner.h"

namespace protokoll::testing {
namespace {

using nlohmann::json;

class QueryTool : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    db_ = *dir_ / "db";
    ToolResult r =
        RunTool("protokoll-index", {"--db", db_, "--quiet", SourceDir() + "/corpus/minutes"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static ToolResult Query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunTool("protokoll-query", args);
  }

  // Runs a query with --format json and parses the answer.
  static json Json(std::vector<std::string> args) {
    args.push_back("--format");
    args.push_back("json");
    ToolResult r = Query(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  static std::string FileName(const json& hit) {
    std::string f = hit["file"].get<std::string>();
    return f.substr(f.rfind('/') + 1);
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* QueryTool::dir_ = nullptr;
std::string QueryTool::db_;

// Equal scores come in the items' keys' order (meeting, then item), the same whichever
// sharding answers; pages read one after another give the full list, also where a run of
// equal scores crosses a page's edge.
TEST_F(QueryTool, PagesThroughEqualScoresInOneOrder) {
  for (const char* q : {"beslut", "kommun"}) {
    const json all = Json({"--limit", "40", q});
    ASSERT_EQ(all["hits"].size(), 40u) << q;
    std::vector<std::string> full, paged;
    int ties = 0;
    for (std::size_t i = 0; i < all["hits"].size(); ++i) {
      const json& h = all["hits"][i];
      full.push_back(h["item_id"].get<std::string>());
      if (i > 0 && all["hits"][i - 1]["score"] == h["score"]) {
        ++ties;
        EXPECT_LE(all["hits"][i - 1]["meeting_id"].get<std::string>(),
                  h["meeting_id"].get<std::string>())
            << q << " rank " << i + 1;
      }
    }
    EXPECT_GT(ties, 0) << q;  // the query has equal scores to page through
    for (int offset = 0; offset < 40; offset += 3) {
      const json page = Json({"--limit", "3", "--offset", std::to_string(offset), q});
      for (const json& h : page["hits"]) {
        if (paged.size() < full.size()) paged.push_back(h["item_id"].get<std::string>());
      }
    }
    EXPECT_EQ(paged, full) << q;
  }
}

struct Question {
  const char* query;
  const char* file;    // the right item's file ...
  const char* number;  // ... and item number
};

// Realistic questions over corpus/minutes (see EXPECTED.tsv): the right item comes first.
const Question kQuestions[] = {
    {"beslut:familjehem", "2022-06-03_sociala-samradsgruppen.txt", "25"},
    {"kommun:Bräcke familjehem", "2022-06-03_sociala-samradsgruppen.txt", "25"},
    {"sprutbyte län:jämtland", "2022-06-03_sociala-samradsgruppen.txt", "24"},
    {"sprutbyte kommun:Umeå", "2018-03-16_lansnatverket-missbruk-vasterbotten.txt", "2"},
    {"hemsjukvårdsavtalet", "2022-06-03_sociala-samradsgruppen.txt", "14"},
    {"korttidsvistelse LSS kommun:Hallsberg", "2024-09-16_socialchefsnatverket-orebro-lan.txt",
     "4"},
    {"skyddsbehövande Ukraina", "2022-03-25_socialchefsnatverket-dalarna.txt", "5"},
    {"vaccination äldreomsorgen", "2021-03-12_socialchefsnatverket-skaraborg.txt", "2"},
    {"spelberoende", "2018-03-16_lansnatverket-missbruk-vasterbotten.txt", "5"},
    {"trygghetslarm", "2017-11-07_presidienatverket-vard-och-omsorg.txt", "6"},
    {"riksnormen", "2019-11-14_ifo-chefsnatverket-sjuharad.txt", "4"},
    {"\"Bostad först\" år:2024", "2024-02-08_socialchefsnatverket-storsthlm.txt", "3"},
    {"ensamkommande boenden avveckling", "2019-11-14_ifo-chefsnatverket-sjuharad.txt", "6"},
    {"personlig assistans Försäkringskassan", "2016-12-06_lansnatverket-funktionshinderfragor.txt",
     "5"},
    {"EKB", "2017-11-07_presidienatverket-vard-och-omsorg.txt", "5"},
    {"LARO", "2018-03-16_lansnatverket-missbruk-vasterbotten.txt", "4"},
};

TEST_F(QueryTool, RanksTheRightItemFirst) {
  for (const Question& q : kQuestions) {
    json answer = Json({q.query});
    ASSERT_TRUE(answer.is_object()) << q.query;
    ASSERT_FALSE(answer["hits"].empty()) << q.query;
    const json& top = answer["hits"][0];
    EXPECT_EQ(FileName(top), q.file) << q.query;
    EXPECT_EQ(top["item"]["number"], q.number) << q.query;
  }
}

TEST_F(QueryTool, HitJsonHasEveryKeyInOrder) {
  json answer = Json({"sprutbyte", "--limit", "3"});
  std::vector<std::string> keys;
  for (const auto& [k, v] : answer.items()) keys.push_back(k);
  std::set<std::string> want_answer = {"query", "total",  "total_exact", "sort",
                                       "hits",  "facets", "suggestion"};
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()), want_answer);
  EXPECT_EQ(answer["query"], "sprutbyte");
  EXPECT_EQ(answer["total"], 5);
  EXPECT_EQ(answer["total_exact"], true);  // few matches: counted exactly
  EXPECT_EQ(answer["sort"], "relevance");
  ASSERT_EQ(answer["hits"].size(), 3u);
  const std::vector<std::string> want = {"rank",     "score",          "meeting_id",    "item_id",
                                         "file",     "meeting_date",   "date_inferred", "body",
                                         "county",   "municipalities", "item",          "topics",
                                         "decision", "snippet",        "match_offsets"};
  const std::string raw = Query({"sprutbyte", "--limit", "1", "--format", "json"}).out;
  std::size_t at = 0;
  for (const std::string& k : want) {  // in this order in the text
    std::size_t p = raw.find("\"" + k + "\":", at);
    ASSERT_NE(p, std::string::npos) << k;
    at = p;
  }
  const json& hit = answer["hits"][0];
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_GT(hit["score"].get<double>(), 0);
  // Three items are titled "Sprutbyte i <county>", at scores within 2% of each other: the
  // first hit is one of them, with its meeting's metadata.
  const std::map<std::string, std::pair<std::string, std::string>> titled = {
      {"Sprutbyte i Västernorrland", {"2023-05-22", "Västernorrlands län"}},
      {"Sprutbyte i Jämtlands län", {"2022-06-03", "Jämtlands län"}},
      {"Sprutbyte i Västerbotten", {"2018-03-16", "Västerbottens län"}}};
  auto it = titled.find(hit["item"]["title"].get<std::string>());
  ASSERT_NE(it, titled.end()) << hit.dump();
  EXPECT_EQ(hit["meeting_date"], it->second.first);
  EXPECT_EQ(hit["date_inferred"], false);
  EXPECT_EQ(hit["county"], it->second.second);
  EXPECT_TRUE(hit["decision"].is_string());
  EXPECT_TRUE(hit["municipalities"].is_array());
  // Matched words are marked by byte offsets into the snippet.
  const std::string snippet = hit["snippet"];
  ASSERT_FALSE(hit["match_offsets"].empty());
  for (const auto& m : hit["match_offsets"]) {
    std::string word =
        snippet.substr(m[0].get<std::size_t>(), m[1].get<std::size_t>() - m[0].get<std::size_t>());
    EXPECT_TRUE(word.rfind("sprutbyt", 0) == 0 || word.rfind("Sprutbyt", 0) == 0) << word;
  }
}

TEST_F(QueryTool, TextOutputMarksMatches) {
  ToolResult r = Query({"sprutbyte", "--limit", "2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("5 items match \"sprutbyte\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[[Sprutbyte]]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2023-05-22  Socialpresidiet — § 2 Sprutbyte i Västernorrland"),
            std::string::npos);
  EXPECT_EQ(r.out.find("\033["), std::string::npos);  // no ANSI codes when not on a tty
}

TEST_F(QueryTool, CsvHasHeaderAndQuoting) {
  ToolResult r = Query({"sprutbyte", "--format", "csv", "--limit", "2"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(
      r.out.rfind("rank,score,meeting_date,date_inferred,body,county,municipalities,"
                  "item_number,item_title,topics,decision,snippet,file,meeting_id,item_id,dnr\r\n",
                  0),
      0u)
      << r.out;
  EXPECT_NE(r.out.find("\r\n1,"), std::string::npos);
  EXPECT_NE(r.out.find("\r\n2,"), std::string::npos);
  // Parsed back per RFC 4180, every row has all columns and fields survive commas, quotes
  // and line breaks.
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < r.out.size(); ++i) {
    char c = r.out[i];
    if (quoted) {
      if (c == '"' && i + 1 < r.out.size() && r.out[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < r.out.size() && r.out[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += c;
    }
  }
  rows.pop_back();  // after the last CRLF
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), 16u);
  json answer = Json({"sprutbyte", "--limit", "2"});
  EXPECT_EQ(rows[1][10], answer["hits"][0]["decision"]);
  EXPECT_EQ(rows[2][10], answer["hits"][1]["decision"]);  // has line breaks: quoted
  EXPECT_EQ(rows[2][11], answer["hits"][1]["snippet"]);
}

TEST_F(QueryTool, TextOutputSaysWhatItFound) {
  ToolResult r = Query({"kvantfysik"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("No items match \"kvantfysik\""), std::string::npos);
  // A date whose year the minutes do not write is marked, and the mark explained.
  r = Query({"kommun:Örebro", "--limit", "3"});
  EXPECT_NE(r.out.find("2024-09-16~"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(~ after a date: the minutes do not write its year; it is inferred)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(Query({"sprutbyte"}).out.find("(~ after a date"), std::string::npos);
  // With hits, but none on the page asked for, it says how many there are.
  r = Query({"sprutbyte", "--limit", "0"});
  EXPECT_NE(r.out.find("items match \"sprutbyte\"; none on this page."), std::string::npos)
      << r.out;
  r = Query({"sprutbyte", "--offset", "500"});
  EXPECT_NE(r.out.find("items match \"sprutbyte\"; none on this page."), std::string::npos)
      << r.out;
  // A phrase keeps its own quotes, once.
  r = Query({"\"kvantfysik i teorin\""});
  EXPECT_NE(r.out.find("No items match \"kvantfysik i teorin\"."), std::string::npos) << r.out;
}

TEST_F(QueryTool, SuggestsSpelling) {
  json answer = Json({"sprutbyet"});
  EXPECT_EQ(answer["total"], 0);
  EXPECT_EQ(answer["suggestion"], "sprutbyte");
  EXPECT_TRUE(Json({"sprutbyte"})["suggestion"].is_null());
  // A word the minutes have in another form is found, and no slip: "tröskelprincipen" is
  // there, "tröskelprinciper" finds it.
  answer = Json({"tröskelprinciper"});
  EXPECT_GE(answer["total"], 1);
  EXPECT_TRUE(answer["suggestion"].is_null()) << answer["suggestion"];
}

TEST_F(QueryTool, FallsBackToOrWhenNoItemHasAllWords) {
  ToolResult r = Query({"sprutbyte", "korttidsvistelse", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("no item has all of the words"), std::string::npos);
  json answer = json::parse(r.out);
  EXPECT_GE(answer["total"].get<int>(), 7);
}

TEST_F(QueryTool, BadQueriesExitOneWithOneLine) {
  const std::vector<std::vector<std::string>> bad = {{"sprutbyte \"ställer sig"},
                                                     {"(sprutbyte OR lss"},
                                                     {"foo:bar"},
                                                     {"datum:2020-13-45"},
                                                     {"a\x01"
                                                      "b"},
                                                     {"län:narnia"},
                                                     {"ämne:rymden"},
                                                     {""},
                                                     {"kommun:Qwertyuiop"},
                                                     {"år:20x0"},
                                                     {"sprutbyte", "--sort", "sideways"},
                                                     {"x", "--prefer", "sprutbyte"},
                                                     {"x", "--from", "2020-02-30"},
                                                     {"x", "--no-such-flag"},
                                                     {"sprutbyte", "--limit", "-1"},
                                                     {"sprutbyte", "--format", "xml"}};
  for (const auto& args : bad) {
    ToolResult r = Query(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << r.err;
    EXPECT_EQ(r.out, "") << args[0];
    ASSERT_FALSE(r.err.empty()) << args[0];
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // one line
    EXPECT_EQ(r.err.rfind("protokoll-query: ", 0), 0u) << r.err;
  }
  std::string words;
  for (int i = 0; i < 5000; ++i) words += "ord ";
  EXPECT_EQ(Query({words}).exit_code, 1);
  ToolResult r = Query({"foo:bar"});
  EXPECT_NE(r.err.find("unknown field 'foo:' at column 1 (fields: kommun: (municipality:)"),
            std::string::npos)
      << r.err;
  // A bad choice names its option and what it takes.
  r = Query({"sprutbyte", "--format", "xml"});
  EXPECT_NE(r.err.find("--format takes text, json or csv"), std::string::npos) << r.err;
  r = Query({"sprutbyte", "--sort", "newest"});
  EXPECT_NE(r.err.find("--sort takes relevance, date, date-asc or added"), std::string::npos)
      << r.err;
}

TEST_F(QueryTool, DatabaseProblemsExitTwo) {
  ToolResult r = RunTool("protokoll-query", {"--db", *dir_ / "missing", "sprutbyte"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no database at"), std::string::npos) << r.err;
  std::filesystem::create_directories(*dir_ / "empty");
  r = RunTool("protokoll-query", {"--db", *dir_ / "empty", "sprutbyte"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a Protokoll database"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
}

TEST_F(QueryTool, HelpExplainsTheLanguage) {
  for (std::string cmd : {"", "timeline", "stats", "kwic", "search"}) {
    std::vector<std::string> args = {"--help"};
    if (!cmd.empty()) args.insert(args.begin(), cmd);
    ToolResult r = RunTool("protokoll-query", args);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("kommun:"), std::string::npos);
    EXPECT_NE(r.out.find("NEAR"), std::string::npos);
  }
}

TEST_F(QueryTool, FieldsFilter) {
  json a = Json({"kommun:Bergs", "--limit", "100"});  // genitive form
  ASSERT_FALSE(a["hits"].empty());
  for (const auto& h : a["hits"]) EXPECT_EQ(FileName(h), "2022-06-03_sociala-samradsgruppen.txt");
  a = Json({"kommun:\"Upplands Väsby\"", "--limit", "100"});
  ASSERT_FALSE(a["hits"].empty());
  for (const auto& h : a["hits"])
    EXPECT_EQ(FileName(h), "2024-02-08_socialchefsnatverket-storsthlm.txt");
  a = Json({"datum:2019..2020-06", "--limit", "100"});
  std::set<std::string> dates;
  for (const auto& h : a["hits"]) dates.insert(h["meeting_date"]);
  EXPECT_EQ(dates, (std::set<std::string>{"2019-11-14", "2020-04-09"}));
  a = Json({"familjehem", "--kommun", "Falun"});
  ASSERT_EQ(a["total"], 1);
  EXPECT_EQ(a["hits"][0]["item"]["number"], "6");
  a = Json({"sprutbyte", "--from", "2020", "--to", "2022-12-31"});
  EXPECT_EQ(a["total"], 2);
  a = Json({"rubrik:sprutbyte"});
  EXPECT_EQ(a["total"], 3);
  a = Json({"beslut:* år:2018", "--limit", "100"});
  for (const auto& h : a["hits"]) EXPECT_TRUE(h["decision"].is_string());
  a = Json({"sprutbyte -kommun:Umeå", "--limit", "100"});
  for (const auto& h : a["hits"]) EXPECT_NE(h["meeting_date"], "2018-03-16");
}

// --body filters as the query language's organ: does: a body's whole name finds that body only
// ("Socialnämnden", not "Socialnämndens arbetsutskott"), a part of a name every body that has
// it; with words or without, repeated for any of them.
TEST_F(QueryTool, BodyOptionFiltersAsOrganDoes) {
  auto ids = [](const json& answer) {
    std::vector<std::string> out;
    for (const auto& h : answer["hits"]) out.push_back(h["item_id"]);
    return out;
  };
  auto bodies = [](const json& answer) {
    std::set<std::string> out;
    for (const auto& h : answer["hits"]) out.insert(h["body"].get<std::string>());
    return out;
  };
  const std::pair<const char*, std::set<std::string>> cases[] = {
      {"Socialnämnden", {"Socialnämnden"}},
      {"chefsnätverket",
       {"Socialchefsnätverket", "Socialchefsnätverket Skaraborg", "Socialchefsnätverket Storsthlm",
        "Socialchefsnätverket i Örebro län", "IFO-chefsnätverket Sjuhärad"}},
  };
  for (const auto& [body, expected] : cases) {
    const std::string field = std::string("organ:\"") + body + "\"";
    const json by_option = Json({"--body", body, "--limit", "200"});
    const json by_field = Json({field, "--limit", "200"});
    EXPECT_EQ(bodies(by_option), expected) << body;
    EXPECT_EQ(by_option["total"], by_field["total"]) << body;
    EXPECT_EQ(ids(by_option), ids(by_field)) << body;
    EXPECT_EQ(ids(Json({"socialtjänsten", "--body", body, "--limit", "200"})),
              ids(Json({"socialtjänsten " + field, "--limit", "200"})))
        << body;
  }
  const json both =
      Json({"--body", "Socialnämnden", "--body", "Socialpresidiet", "--limit", "200"});
  EXPECT_EQ(bodies(both), (std::set<std::string>{"Socialnämnden", "Socialpresidiet"}));
  ToolResult r = Query({"--body", "Byggnadsnämnden", "socialtjänsten"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("no body in the database is named 'Byggnadsnämnden'"), std::string::npos)
      << r.err;
}

TEST_F(QueryTool, PhrasesWildcardsNearAndSynonyms) {
  json a = Json({"\"ställer sig bakom\"", "--limit", "100"});
  EXPECT_GE(a["total"].get<int>(), 3);
  EXPECT_EQ(Json({"sprut*"})["total"], 5);
  EXPECT_EQ(Json({"familjehem NEAR rekrytering"})["hits"][0]["item"]["number"], "6");
  // A hyphenated word finds its other forms ("LVM-placering": "LVM-placeringar"), the written
  // form only when quoted; NEAR reaches a word's other forms too ("utredning": "utredningar").
  EXPECT_EQ(Json({"LVM-placering"})["total"], Json({"LVM-placeringar"})["total"]);
  EXPECT_GE(Json({"LVM-placering"})["total"].get<int>(), 2);
  EXPECT_EQ(Json({"\"LVM-placering\""})["total"], 0);
  EXPECT_EQ(Json({"lvm NEAR/2 utredning"})["total"], 1);
  a = Json({"SoL", "--limit", "3"});  // the acronym finds socialtjänstlagen
  ASSERT_FALSE(a["hits"].empty());
  EXPECT_NE(a["hits"][0]["item"]["title"].get<std::string>().find("socialtjänstlag"),
            std::string::npos);
}

TEST_F(QueryTool, SortsPagesAndCollapses) {
  json a = Json({"socialtjänsten", "--sort", "date", "--limit", "50"});
  std::string prev = "9999";
  for (const auto& h : a["hits"]) {
    EXPECT_LE(h["meeting_date"].get<std::string>(), prev);
    prev = h["meeting_date"];
  }
  a = Json({"socialtjänsten", "--sort", "date-asc", "--limit", "2"});
  EXPECT_LE(a["hits"][0]["meeting_date"].get<std::string>(),
            a["hits"][1]["meeting_date"].get<std::string>());
  // Hits come in rank order, whatever order their data is read in.
  a = Json({"socialtjänsten", "--limit", "20", "--offset", "3"});
  ASSERT_GE(a["hits"].size(), 5u);
  for (std::size_t k = 0; k < a["hits"].size(); ++k) {
    EXPECT_EQ(a["hits"][k]["rank"], static_cast<int>(k) + 4);
    if (k > 0) {
      EXPECT_LE(a["hits"][k]["score"], a["hits"][k - 1]["score"]);
    }
  }
  json two = Json({"sprutbyte", "--limit", "2"});
  json second = Json({"sprutbyte", "--limit", "1", "--offset", "1"});
  EXPECT_EQ(second["hits"][0]["item_id"], two["hits"][1]["item_id"]);
  EXPECT_EQ(second["hits"][0]["rank"], 2);
  a = Json({"sprutbyte", "--collapse"});
  std::set<std::string> meetings;
  for (const auto& h : a["hits"]) EXPECT_TRUE(meetings.insert(h["meeting_id"]).second);
  EXPECT_EQ(meetings.size(), 3u);
}

TEST_F(QueryTool, ASmallAnswerHasItsExactTotalOnEveryPage) {
  // "region" matches some tens of items in some ten meetings: past the 20 counted at first,
  // the total is still exact, the same on every page, and the meetings fewer than the items.
  const json all = Json({"region", "--limit", "200"});
  const int total = all["total"];
  ASSERT_GT(total, 20);
  EXPECT_EQ(static_cast<int>(all["hits"].size()), total);
  std::set<std::string> meetings;
  for (const auto& h : all["hits"]) meetings.insert(h["meeting_id"]);
  for (const char* offset : {"0", "10", "20"}) {
    const json page = Json({"region", "--limit", "3", "--offset", offset});
    EXPECT_EQ(page["total"], total) << offset;
    EXPECT_TRUE(page["total_exact"]) << offset;
    const json collapsed = Json({"region", "--limit", "3", "--offset", offset, "--collapse"});
    EXPECT_EQ(collapsed["total"], static_cast<int>(meetings.size())) << offset;
    EXPECT_TRUE(collapsed["total_exact"]) << offset;
  }
}

TEST_F(QueryTool, CountsFacets) {
  json a = Json({"sprutbyte", "--facets"});
  for (const char* f : {"kommun", "län", "organ", "ämne", "år"})
    ASSERT_TRUE(a["facets"].contains(f)) << f;
  int total = 0;
  for (const auto& v : a["facets"]["år"]) total += v["count"].get<int>();
  EXPECT_EQ(total, 5);
  bool jamtland = false;
  for (const auto& v : a["facets"]["län"])
    jamtland |= v["value"] == "Jämtlands län" && v["count"] == 2;
  EXPECT_TRUE(jamtland) << a["facets"]["län"].dump();
}

TEST_F(QueryTool, PreferRanksFirstWithoutFiltering) {
  json plain = Json({"familjehem"});
  // Luleå's item mentions familjehem only in a compound: last on relevance alone.
  json preferred = Json({"familjehem", "--prefer", "kommun:Luleå"});
  EXPECT_EQ(preferred["total"], plain["total"]);
  EXPECT_EQ(FileName(preferred["hits"][0]), "2017-11-07_presidienatverket-vard-och-omsorg.txt");
  EXPECT_NE(FileName(plain["hits"][0]), "2017-11-07_presidienatverket-vard-och-omsorg.txt");
  EXPECT_LT(preferred["hits"][0]["score"].get<double>(), 1000);
  json recent = Json({"familjehem", "--recent"});
  EXPECT_EQ(recent["total"], plain["total"]);
  EXPECT_GE(recent["hits"][0]["meeting_date"].get<std::string>(),
            plain["hits"][0]["meeting_date"].get<std::string>());
}

TEST_F(QueryTool, TimelineListsDecisionsInDateOrder) {
  ToolResult r = Query({"timeline", "sprutbyte", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json t = json::parse(r.out);
  ASSERT_EQ(t["rows"].size(), 3u) << r.out;
  EXPECT_EQ(t["rows"][0]["meeting_date"], "2018-03-16");
  EXPECT_EQ(t["rows"][1]["meeting_date"], "2022-06-03");
  EXPECT_EQ(t["rows"][2]["meeting_date"], "2023-05-22");
  for (const auto& row : t["rows"]) {
    EXPECT_EQ(row["kind"], "decision");
    EXPECT_NE(row["statement"].get<std::string>().find("ställ"), std::string::npos);
  }
  r = Query({"timeline", "sprutbyte"});
  EXPECT_NE(r.out.find("2018-03-16  Länsnätverket"), std::string::npos) << r.out;
  r = Query({"timeline", "sprutbyte", "--format", "csv"});
  EXPECT_EQ(r.out.rfind("meeting_date,", 0), 0u);
}

// Indexes one file of minutes (name, text) into a fresh database in dir; the database.
std::string IndexOneFile(TempDir& dir, const std::string& name, const std::string& text) {
  std::filesystem::create_directories(dir / "arkiv");
  std::ofstream(dir / ("arkiv/" + name)) << text;
  const std::string db = dir / "db";
  ToolResult r = RunTool("protokoll-index", {"--db", db, "--quiet", dir / "arkiv"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return db;
}

TEST(Timeline, APositionIsTheWholeSentenceOverItsLines) {
  TempDir dir;
  const std::string db = IndexOneFile(
      dir, "2025-04-03_barn-och-utbildningsnamnden.txt",
      "Protokoll Barn- och utbildningsnämnden 2025-04-03\n\n"
      "1. Remiss om skolskjutsar\n"
      "Nämnden för Förskola &\nGrundskola ställer sig bakom förslaget om skolskjutsar i\n"
      "hela kommunen och vill se en uppföljning.\nÖvriga frågor togs upp.\n\n");
  ToolResult r =
      RunTool("protokoll-query", {"timeline", "--db", db, "--format", "json", "skolskjutsar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json t = json::parse(r.out);
  ASSERT_EQ(t["rows"].size(), 1u) << r.out;
  EXPECT_EQ(t["rows"][0]["kind"], "position");
  EXPECT_EQ(t["rows"][0]["statement"],
            "Nämnden för Förskola & Grundskola ställer sig bakom förslaget om skolskjutsar i hela "
            "kommunen och vill se en uppföljning.");
}

TEST_F(QueryTool, StatsCountExactly) {
  // Five documents match, four agenda items and one meeting header: stats counts items.
  EXPECT_EQ(Json({"sprutbyte", "--limit", "20"})["total"], 5);
  json s = Json({"stats", "--by", "year", "sprutbyte"});
  EXPECT_EQ(s["items"], 4);
  EXPECT_EQ(s["meetings"], 3);
  json all2022 = Json({"stats", "--by", "year", "datum:2022"});
  ASSERT_EQ(all2022["buckets"].size(), 1u);
  int sum = 0;
  for (const auto& b : s["buckets"]) {
    sum += b["items"].get<int>();
    if (b["bucket"] == "2022") {
      EXPECT_EQ(b["items"], 1);
      EXPECT_EQ(b["meetings"], 1);
      // Every agenda item of 2022, and no headers.
      EXPECT_EQ(b["all_items"], all2022["buckets"][0]["items"]);
      EXPECT_EQ(all2022["buckets"][0]["all_items"], all2022["buckets"][0]["items"]);
      EXPECT_NEAR(b["share"].get<double>(), 1.0 / b["all_items"].get<int>(), 1e-9);
    }
  }
  EXPECT_EQ(sum, 4);
  ToolResult r = Query({"stats", "--by", "county", "sprutbyte", "--format", "csv"});
  EXPECT_EQ(r.out.rfind("county,items,meetings,all_items,share\r\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("Jämtlands län,1,1,"), std::string::npos) << r.out;
  r = Query({"stats", "--by", "municipality", "familjehem"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("share"), std::string::npos);
}

TEST_F(QueryTool, KwicShowsEachOccurrence) {
  json k = Json({"kwic", "sprutbyte", "--width", "20"});
  ASSERT_GE(k["lines"].size(), 10u);
  for (const auto& l : k["lines"]) {
    std::string m = l["match"];
    EXPECT_TRUE(m.rfind("sprutbyt", 0) == 0 || m.rfind("Sprutbyt", 0) == 0) << m;
    EXPECT_LE(l["left"].get<std::string>().size(), 20u * 2);
    EXPECT_TRUE(l["meeting_date"].is_string());
    EXPECT_TRUE(l["file"].is_string());
  }
  ToolResult r = Query({"kwic", "sprutbyte", "--format", "csv", "--limit", "2"});
  EXPECT_EQ(r.out.rfind("left,match,right,meeting_date,body,item_number,item_title,file\r\n", 0),
            0u);
  r = Query({"kwic", "sprutbyte", "--limit", "3"});
  EXPECT_NE(r.out.find("[[Sprutbyte]]"), std::string::npos) << r.out;
}

// ---- Swedish matching: minutes written for it, one kind of match an item ----

// The item numbers of a --format json answer, best first ("" for the meeting's header).
std::vector<std::string> ItemNumbers(const std::string& json_text) {
  const json answer = json::parse(json_text, nullptr, false);
  std::vector<std::string> out;
  if (!answer.is_object()) return out;
  for (const auto& hit : answer["hits"]) {
    const json& number = hit["item"]["number"];  // null: the meeting's header
    out.push_back(number.is_string() ? number.get<std::string>() : "");
  }
  return out;
}

class SwedishMatching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::filesystem::create_directories(*dir_ / "arkiv");
    std::ofstream f(*dir_ / "arkiv/2021-05-10_socialchefsnatverket.txt");
    f << "Minnesanteckningar Socialchefsnätverket 2021-05-10\n\n"
         "Närvarande: Anna Berg, Krokoms kommun\n\n";
    const char* items[] = {
        "Utbildningsnämnden\nUtbildningsnämnden har lämnat sitt yttrande om skolskjutsar.",
        "Nya lagar\nRegeringen föreslår nya lagar om socialtjänsten.",
        "Laga vägen\nKommunen ska laga vägen till boendet före vintern.",
        "Sprutbyten\nRegion Jämtland erbjuder sprutbyten sedan hösten.",
        "Pandemin\nCovid-19-pandemin har påverkat hemsjukvården under året.",
        "Hälso- och sjukvård\nAvtalet om hälso- och sjukvård i hemmet har förlängts.",
        "Barnomsorgen\nBarnomsorgen på obekväm arbetstid diskuterades.",
        "Samverkan\nSamverkansavtalet om missbruksvården gäller från januari.",
        "Vaccinationer\nVaccinationerna mot covid-19 fortsätter enligt plan.",
        "Smittläget\nLäget för covid är lugnt.",
        "Nätverksträffar\nNätverksträffarna flyttas till tisdagar.",
        "Fast anställning\nFler medarbetare får fast anställning.",
        "Budget\nBudgeten för 2022 är godkänd och detaljplanen antagen.",
        "Taxor\nNämnden beslutar att godkänna taxorna.",
        "Bygglov\nBeslut i ärendet fattas av nämnden i juni.",
        "Lokaler\nDet krävs nya lokaler för förskolan.",
        "Sprängningar\nEn kraftig smäll hördes när berget sprängdes.",
        "Folkhälsa\nFolkhälsoarbetet i detaljplaneområdet redovisades.",
        "Remisser\nNämndens yttranden över kursavgifterna skickas i maj.",
        "Delegation\nÄrendet avgörs efter kommunfullmäktiges beslut.",
        "Beslutsunderlag\nUnderlaget till beslutet kompletteras.",
        "Tillsyn\nNämnden följer IVO:s rekommendation efter tillsynen.",
        "Uppföljning\nUppföljningen av planen för intern kontroll redovisas.",
        "Kontrollplan\nEn specialist på internkontroll deltar.",
        "Överklagande\nFörvaltningsrättens dom i ärendet har kommit.",
        "Sjukfrånvaro\nSjukdomar bland personalen ökar under vintern.",
        "Trafiksäkerhet\nGatubelysningen längs skolvägen byts ut.",
        "Ungdomar\nUngdomsrådet har träffat kommunrådet.",
        "Skolans profil\nKulturen i skolan får mer pengar.",
        "Beroendevård\nProcessen för MiniMaria följs upp.",
        "Arbetsordning\nRevideringen av nätverkets arbetsordning presenterades.",
        "Idrott\nLaget från Kolbäck vann seriefinalen.",
        "Rekrytering\nElevhälsochefen börjar i augusti.",
        "Chefsmöte\nChefen för skolan och chefen för förskolan talade om elevhälsan.",
        "Simhallen\nBarnen står i kö till simhallen i en månad.",
        "Årsredovisning\nVerksamhetsåret slutade med ett överskott.",
        "Anmälan\nEtt tillbud på fritidsgården anmäldes.",
        "Skolplacering\nVårdnadshavaren har ansökt om en annan skola.",
        "Expediering\nBeslutet har delgivits sökanden.",
        "Firande\nJubileumsåret firas i stadsdelen.",
        "Natur\nLandskapet kring sjön skyddas.",
        "Vattenskydd\nSkyddsområdet för vattentäkten vid Lerjeån ses över.",
        "Bemanning\nTvå förskollärare anställs till hösten.",
        "Projektledning\nStyrgruppen för skolans byggprojekt träffas varannan vecka.",
        "Energi\nElkostnaderna för ishallen har stigit, ett elände för föreningarna.",
        "Skolstart\nLågstadiet börjar den 18 augusti.",
        "Bokslut\nKalenderåret slutade med ett underskott.",
        "Kulturhuset\nSeminariesalen lånas ut till skördefesten; gästerna kommer med nattåget.",
        "Personal\nVakansen på kontoret tillsätts i vår; kvittens lämnas när nycklarna hämtas.",
        "Parken\nKvittenbuskarna beskärs i mars.",
        "Friluftsliv\nKommunen rustar upp cykelleder och vandringsleder längs kusten.",
        "Platser\nKorttidsboendet får fler platser; långtidsarbetslösa erbjuds praktik.",
        "Presidium\nNämndordföranden och viceordföranden leder arbetet.",
        "Avlösning\nAvlösning i hemmet ges på korttid under sommaren.",
        "Närvaro\nBarbro Sjöström och Valborg Ek från Landskrona deltog.",
        "Broar\nBron över ån ska repareras.",
    };
    int n = 0;
    for (const char* item : items) f << ++n << ". " << item << "\n\n";
    f.close();
    db_ = *dir_ / "db";
    ToolResult r = RunTool("protokoll-index", {"--db", db_, "--quiet", *dir_ / "arkiv"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // The item numbers a query finds, best first.
  static std::vector<std::string> Items(const std::string& query) {
    ToolResult r = RunTool("protokoll-query", {"--db", db_, "--format", "json", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ItemNumbers(r.out);
  }

  static bool Finds(const std::string& query, const std::string& item) {
    auto items = Items(query);
    return std::find(items.begin(), items.end(), item) != items.end();
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* SwedishMatching::dir_ = nullptr;
std::string SwedishMatching::db_;

TEST_F(SwedishMatching, ModifiersFindTheirCompounds) {
  EXPECT_TRUE(Finds("utbildning", "1"));
  EXPECT_TRUE(Finds("barn", "7"));
  EXPECT_TRUE(Finds("samverkan", "8"));  // "samverkans-": the noun without its linking -s
  EXPECT_TRUE(Finds("nätverk", "11"));   // "nätverks-": the noun, not the verb "nätverka"
  EXPECT_TRUE(Finds("missbruk", "8"));
  // The compound ranks below the word itself.
  EXPECT_EQ(Items("samverkan").front(), "8");
}

TEST_F(SwedishMatching, ACompoundModifierFindsItsCompounds) {
  // "korttids|boendet": a modifier no dictionary lists, found as a query names it, below the
  // item with the word itself.
  EXPECT_EQ(Items("korttid"), (std::vector<std::string>{"54", "52"}));
  EXPECT_EQ(Items("långtid"), (std::vector<std::string>{"52"}));
  // "nämnd|ordföranden": a chair, found by "ordförande" and not by the verb "föra".
  EXPECT_TRUE(Finds("ordförande", "53"));
  EXPECT_FALSE(Finds("föra", "53"));
}

TEST_F(SwedishMatching, NamesAreNoCompoundsOfWords) {
  // "Barbro" is no "bar|bro", "Landskrona" no "lands|krona": a name is found by its name.
  EXPECT_EQ(Items("bro"), (std::vector<std::string>{"56"}));
  EXPECT_FALSE(Finds("krona", "55"));
  EXPECT_EQ(Items("barbro"), (std::vector<std::string>{"55"}));
  EXPECT_EQ(Items("landskrona"), (std::vector<std::string>{"55"}));
}

TEST_F(SwedishMatching, ModifiersWithALinkingVowelFindTheirCompounds) {
  EXPECT_TRUE(Finds("folkhälsa", "18"));  // folkhälso|arbetet
  EXPECT_TRUE(Finds("hälsa", "18"));
  EXPECT_TRUE(Finds("detaljplan", "18"));  // detaljplane|området
}

TEST_F(SwedishMatching, VerbalNounsAndModifiersFindTheirForms) {
  EXPECT_TRUE(Finds("yttrande", "19"));     // yttranden
  EXPECT_TRUE(Finds("yttrandet", "1"));     // yttrande
  EXPECT_TRUE(Finds("kurs", "19"));         // kurs|avgifterna
  EXPECT_FALSE(Finds("kur", "19"));         // a cure: "kurs" is no form of it here
  EXPECT_TRUE(Finds("fullmäktige", "20"));  // kommun|fullmäktiges
}

TEST_F(SwedishMatching, PartsOfPartsFindTheirCompounds) {
  EXPECT_TRUE(Finds("vård", "5"));  // hem|sjuk|vården
  EXPECT_TRUE(Finds("sjukvård", "5"));
  EXPECT_TRUE(Finds("vård", "8"));  // missbruks|vården
}

TEST_F(SwedishMatching, HomographsStayApart) {
  EXPECT_EQ(Items("lag"), (std::vector<std::string>{"2", "32"}));  // not "laga" (repair)
  EXPECT_EQ(Items("laga").front(), "3");
  EXPECT_TRUE(Finds("lagar", "2"));
  EXPECT_FALSE(Finds("lagar", "32"));  // laws (en lag), not the team (ett lag)
  EXPECT_FALSE(Finds("laget", "2"));
  EXPECT_TRUE(Finds("laget", "32"));
  EXPECT_FALSE(Finds("lag", "21"));  // "underlaget" and "beslutsunderlag" are no kinds of law
  EXPECT_TRUE(Finds("underlag", "21"));
  EXPECT_FALSE(Finds("fasa", "12"));    // "fast" is firm, not a form of "fasa"
  EXPECT_TRUE(Finds("fasta", "12"));    // ... but the adjective's own forms meet
  EXPECT_FALSE(Finds("smälla", "17"));  // a bang, not the verb "to bang"
  EXPECT_TRUE(Finds("smällar", "17"));
  EXPECT_FALSE(Finds("skola", "3"));  // "ska" is no school ...
  EXPECT_TRUE(Finds("skola", "29"));
  EXPECT_TRUE(Finds("skulle", "3"));  // ... but a form of "skulle"
}

TEST_F(SwedishMatching, WordsWrittenApartFindTheCompoundFirst) {
  // "elevhälsa chef" is "elevhälsochef": the item with the compound before the one that has
  // both words apart, more often.
  const std::vector<std::string> items = Items("elevhälsa chef");
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0], "33");
  EXPECT_TRUE(Finds("elevhälsa chef", "34"));
  EXPECT_EQ(Items("skol chef").front(), "34");  // no "skolchef": the words as they are
}

TEST_F(SwedishMatching, HyphenatedWordsAreFoundByTheirWords) {
  EXPECT_TRUE(Finds("covid", "5"));  // Covid-19-pandemin
  EXPECT_TRUE(Finds("covid", "9"));  // covid-19
  EXPECT_TRUE(Finds("covid", "10"));
  EXPECT_EQ(Items("covid").front(), "10");  // the word itself first
  EXPECT_TRUE(Finds("pandemi", "5"));
  // The code finds its item; it reaches "covid" and "pandemin" only through
  // corpus/data/synonyms.tsv, never through the parts.
  EXPECT_TRUE(Finds("\"covid-19\"", "9"));
  EXPECT_FALSE(Finds("\"covid-19\"", "4"));
  EXPECT_FALSE(Finds("19", "10"));
  // A suspended hyphen: "hälso- och sjukvård".
  EXPECT_TRUE(Finds("hälso", "6"));
  EXPECT_TRUE(Finds("sjukvård", "6"));
  EXPECT_TRUE(Finds("hälsa", "6"));
}

TEST_F(SwedishMatching, ASuspendedHyphenFindsTheCompoundItStandsFor) {
  // "hälso- och sjukvård" says "hälsovård": the one item found, not every item about "vård".
  EXPECT_EQ(Items("hälsovård"), (std::vector<std::string>{"6"}));
}

TEST_F(SwedishMatching, ACompoundFindsItsPartsWrittenApart) {
  // "intern kontroll" for "internkontroll", also where another item has the compound.
  EXPECT_TRUE(Finds("internkontroll", "24"));
  EXPECT_TRUE(Finds("internkontroll", "23"));
  EXPECT_FALSE(Finds("internkontroll", "14"));  // "kontroll" alone is not it
}

TEST_F(SwedishMatching, ARulingIsNoIllness) {
  EXPECT_EQ(Items("dom"), (std::vector<std::string>{"25"}));  // not "sjukdomar" (26)
  EXPECT_TRUE(Finds("sjukdom", "26"));
}

TEST_F(SwedishMatching, CompoundsTheDictionaryListsWholeAreFoundByTheirParts) {
  EXPECT_TRUE(Finds("lov", "15"));  // the title "Bygglov"
  EXPECT_EQ(Items("råd"), (std::vector<std::string>{"28"}));
  EXPECT_EQ(Items("belysning"), (std::vector<std::string>{"27"}));
  EXPECT_EQ(Items("gata"), (std::vector<std::string>{"27"}));
  EXPECT_EQ(Items("ungdom"), (std::vector<std::string>{"28"}));
  // A word that only ends in another is none of its kind.
  EXPECT_TRUE(Items("tur").empty());  // not "Kulturen" (29)
}

// A word the dictionary lists whole meets its forms, also where its head is too short to be
// read alone ("verksamhets|år") or the analyser lacks it ("tillbud", "delge").
TEST_F(SwedishMatching, ABaseFormFindsItsOtherForms) {
  EXPECT_EQ(Items("verksamhetsår"), (std::vector<std::string>{"36"}));  // verksamhetsåret
  EXPECT_EQ(Items("tillbudet"), (std::vector<std::string>{"37"}));      // tillbud
  EXPECT_EQ(Items("tillbuds"), (std::vector<std::string>{"37"}));
  // "vårdnadshavaren" is a guardian's form, not "vårdnads|hav" + a form of "ar".
  EXPECT_EQ(Items("vårdnadshavare"), (std::vector<std::string>{"38"}));
  EXPECT_EQ(Items("vårdnadshavarna"), (std::vector<std::string>{"38"}));
  // A verb the analyser lacks is read by its forms the dictionary has ("delger", "delgav").
  EXPECT_EQ(Items("delge"), (std::vector<std::string>{"39"}));  // delgivits
  EXPECT_EQ(Items("delges"), (std::vector<std::string>{"39"}));
}

// A linking -s- is a seam however short the head: "jubileums|året" is found by both of its
// parts, but "landskapet" is no "lands|kapet".
TEST_F(SwedishMatching, ACompoundOnAShortHeadIsFoundByItsParts) {
  EXPECT_EQ(Items("jubileum"), (std::vector<std::string>{"40"}));
  EXPECT_EQ(Items("verksamhet"), (std::vector<std::string>{"36"}));  // verksamhetsåret
  const std::vector<std::string> years = Items("år");
  EXPECT_NE(std::find(years.begin(), years.end(), "40"), years.end());
  EXPECT_NE(std::find(years.begin(), years.end(), "36"), years.end());
  EXPECT_EQ(Items("landskap"), (std::vector<std::string>{"41"}));
  EXPECT_EQ(Items("kap"), (std::vector<std::string>{}));
}

// Words the dictionary lists whole on a head the analyser lacks ("vatten|täkt") or on a
// modifier that dropped its -a ("förskol|lärare") are found by their parts.
TEST_F(SwedishMatching, RareSeamsAreFoundByTheirParts) {
  EXPECT_TRUE(Finds("vatten", "42"));
  EXPECT_TRUE(Finds("täkt", "42"));
  EXPECT_TRUE(Finds("lärare", "43"));
  EXPECT_TRUE(Finds("förskola", "43"));
}

// A verb's stem before a head is the verb: "styr|gruppen" and "bygg|projekt" are found by
// "styra" and "byggde", below items with the verbs' own forms.
TEST_F(SwedishMatching, AVerbStemAsAModifierIsFoundByTheVerb) {
  EXPECT_EQ(Items("styra"), (std::vector<std::string>{"44"}));
  EXPECT_TRUE(Finds("byggde", "44"));
  EXPECT_EQ(Items("styrgrupp"), (std::vector<std::string>{"44"}));
}

// A noun of two letters that begins many of the dictionary's compounds is a modifier
// ("el|kostnaderna", "is|hallen"), but "elände" is no "el|ände".
TEST_F(SwedishMatching, AModifierOfTwoLettersIsFoundByItsCompounds) {
  EXPECT_EQ(Items("el"), (std::vector<std::string>{"45"}));
  EXPECT_EQ(Items("kostnad"), (std::vector<std::string>{"45"}));
  EXPECT_TRUE(Finds("hallar", "45"));  // ishallen, as simhallen
  EXPECT_EQ(Items("ände"), (std::vector<std::string>{}));
}

// An adjective before a head is the adjective, not a noun on its letters: "låg|stadiet" is
// found by "låg", not by "lågor" (flames).
TEST_F(SwedishMatching, AnAdjectiveAsAModifierIsTheAdjective) {
  EXPECT_TRUE(Finds("låg", "46"));
  EXPECT_FALSE(Finds("lågor", "46"));
}

// A noun of two letters that ends many compounds is a head after a modifier the dictionary
// lists ("kalender|året"), but "personalen" is no "person|al".
TEST_F(SwedishMatching, AHeadOfTwoLettersIsFoundInItsCompounds) {
  EXPECT_EQ(Items("kalender"), (std::vector<std::string>{"47"}));
  EXPECT_TRUE(Finds("år", "47"));
  EXPECT_FALSE(Finds("al", "26"));  // personalen
}

// A head reads as the whole word's lemma reads it: "lågstadiet" is "lågstadium", so it is
// found by "stadium", not by "stadion".
TEST_F(SwedishMatching, AHeadIsReadAsItsWholeWordReadsIt) {
  EXPECT_TRUE(Finds("stadium", "46"));
  EXPECT_FALSE(Finds("stadion", "46"));
}

// A modifier in its joining form is its word: "seminarie|salen" is "seminarium" (Latin -ium
// joins in -ie), "skörde|festen" the noun "skörd" with a linking -e; and a seam of three
// consonants written two splits a word of six letters as well ("natt|åget").
TEST_F(SwedishMatching, AJoiningFormIsFoundByItsWord) {
  EXPECT_EQ(Items("seminarium"), (std::vector<std::string>{"48"}));
  EXPECT_EQ(Items("skörd"), (std::vector<std::string>{"48"}));
  EXPECT_EQ(Items("tåg"), (std::vector<std::string>{"48"}));
}

TEST_F(SwedishMatching, ANounInSIsNoGenitiveOfALookAlike) {
  // "kvittens" (a receipt) is no genitive of "kvitten" (a quince), "vakans" none of "vaka".
  EXPECT_EQ(Items("kvitten"), (std::vector<std::string>{"50"}));
  EXPECT_EQ(Items("kvittens"), (std::vector<std::string>{"49"}));
  EXPECT_EQ(Items("vakans"), (std::vector<std::string>{"49"}));
}

TEST_F(SwedishMatching, AFormOfACompoundIsFoundByTheCompoundAndItsParts) {
  // "cykelleder" is the plural of "cykelled", which the analyser lacks: no "cykel" + "leder"
  // of the verb "leda", and its parts are the compound's.
  EXPECT_EQ(Items("cykelled"), (std::vector<std::string>{"51"}));
  EXPECT_EQ(Items("vandringsleden"), (std::vector<std::string>{"51"}));
  EXPECT_EQ(Items("cykel"), (std::vector<std::string>{"51"}));
  EXPECT_EQ(Items("led"), (std::vector<std::string>{"51"}));
}

TEST_F(SwedishMatching, ANameInCamelCaseIsFoundByItsPieces) {
  EXPECT_EQ(Items("mini maria"), (std::vector<std::string>{"30"}));
  EXPECT_EQ(Items("minimaria"), (std::vector<std::string>{"30"}));
}

TEST_F(SwedishMatching, AVerbFindsItsActionNoun) {
  EXPECT_EQ(Items("revidera arbetsordningen"), (std::vector<std::string>{"31"}));
  EXPECT_EQ(Items("revidera"), (std::vector<std::string>{"31"}));
}

TEST_F(SwedishMatching, AbbreviationsFindTheirFormsAfterAColon) {
  EXPECT_TRUE(Finds("IVO", "22"));  // IVO:s
  EXPECT_TRUE(Finds("ivo:s", "22"));
  EXPECT_FALSE(Finds("ivo:s", "12"));
}

TEST_F(SwedishMatching, VerbsFindTheirParticiples) {
  // A decision says "godkänd", "antagen": a search for the verb finds it, below the items
  // with the verb's own forms.
  EXPECT_EQ(Items("godkänna"), (std::vector<std::string>{"14", "13"}));
  EXPECT_EQ(Items("godkänna budget"), (std::vector<std::string>{"13"}));
  EXPECT_EQ(Items("antogs detaljplanen"), (std::vector<std::string>{"13"}));
  // The participle itself finds its own forms, not every form of the verb.
  EXPECT_EQ(Items("godkänd"), (std::vector<std::string>{"13"}));
}

TEST_F(SwedishMatching, VerbsFindTheirPassives) {
  // "fattas" and "krävs" are deponent verbs to the analyser as well as the passives of
  // "fatta" and "kräva": a search for those finds them.
  EXPECT_EQ(Items("fatta"), (std::vector<std::string>{"15"}));
  EXPECT_EQ(Items("fattade beslut"), (std::vector<std::string>{"15"}));
  EXPECT_EQ(Items("kräver"), (std::vector<std::string>{"16"}));
  // The deponent's own forms still find it first.
  EXPECT_EQ(Items("krävdes"), (std::vector<std::string>{"16"}));
}

TEST_F(SwedishMatching, AbsentCompoundFindsItsParts) {
  // No item says "sprutbytesprogram" or "missbruksvårdsprogram": the items of their parts.
  EXPECT_EQ(Items("sprutbytesprogram").front(), "4");
  EXPECT_EQ(Items("missbruksvårdsprogram").front(), "8");
  // A compound some item has finds that item only, as before.
  EXPECT_EQ(Items("hemsjukvården"), (std::vector<std::string>{"5"}));
  // A head of two letters, which the analyzer does not split off: "simhallskö" is "simhall"
  // and "kö".
  const std::vector<std::string> queue = Items("simhallskö");
  ASSERT_FALSE(queue.empty());
  EXPECT_EQ(queue.front(), "35");
  // The user is told that the word itself is in no item, and which parts were searched.
  ToolResult r = RunTool("protokoll-query", {"--db", db_, "sprutbytesprogram"});
  EXPECT_NE(r.err.find("no item has the word \"sprutbytesprogram\"; showing items with its "
                       "parts (sprutbyte, program"),
            std::string::npos)
      << r.err;
  r = RunTool("protokoll-query", {"--db", db_, "stats", "sprutbytesprogram"});
  EXPECT_NE(r.err.find("no item has the word"), std::string::npos) << r.err;
  r = RunTool("protokoll-query", {"--db", db_, "hemsjukvården"});
  EXPECT_EQ(r.err.find("no item has the word"), std::string::npos) << r.err;
}

TEST(Search, AWordFoundOnlyInCompoundsIsNoSlip) {
  TempDir dir;
  const std::string db =
      IndexOneFile(dir, "2024-03-11_tekniska-namnden.txt",
                   "Protokoll Tekniska nämnden 2024-03-11\n\n"
                   "1. Insamling\nTextilavfallet samlas in vid återvinningscentralen.\n\n"
                   "2. Motion\nNämnden föreslår bifall till motionen.\n\n"
                   "3. Budgetåret\nBudgetåret 2025 planeras.\n\n"
                   "4. Budget\nBudget för 2025.\n\n"
                   "5. Försäljning\nEtt bud har getts på fastigheten.\n\n"
                   "6. Arrende\nEtt nytt bud ges på arrendet.\n\n"
                   "7. Tomt\nKommunen har gett ett bud på tomten.\n\n");
  ToolResult r;
  // "avfall" is only in "textilavfallet", "budgetår" only as "budgetåret": both found, and
  // neither is a slip of "bifall" or "budget".
  for (const char* word : {"avfall", "budgetår"}) {
    r = RunTool("protokoll-query", {"--db", db, "--format", "json", word});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json answer = json::parse(r.out);
    EXPECT_GE(answer["total"].get<int>(), 1) << word;
    EXPECT_TRUE(answer["suggestion"].is_null()) << word << ": " << answer["suggestion"];
  }
  r = RunTool("protokoll-query", {"--db", db, "--format", "json", "bifsll"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["suggestion"], "bifall") << r.out;
  // A slip the analyzer reads as a compound ("budgett": "bud", "gett") finds the items of
  // its parts, and is still offered the word meant.
  r = RunTool("protokoll-query", {"--db", db, "--format", "json", "budgett"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json slip = json::parse(r.out);
  EXPECT_GE(slip["total"].get<int>(), 3) << r.out;
  EXPECT_EQ(slip["suggestion"], "budget") << r.out;
}

// Indexes one file of minutes (name, text) into a fresh database and runs query on it; the
// item numbers found (ItemNumbers). *err gets the query tool's standard error.
std::vector<std::string> IndexAndSearch(const std::string& name, const std::string& text,
                                        const std::string& query, std::string* err = nullptr) {
  TempDir dir;
  const std::string db = IndexOneFile(dir, name, text);
  ToolResult r = RunTool("protokoll-query", {"--db", db, "--format", "json", query});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  if (err) *err = r.err;
  return ItemNumbers(r.out);
}

TEST(Search, ANameIsFoundInEitherSpelling) {
  const std::string text =
      "Protokoll Vård- och omsorgsnämnden 2026-02-19\n\n1. Ordförande\nErmin Škorić (S) leder "
      "mötet.\n\n2. Yttrande\nBjørn Müller yttrar sig.\n\n";
  EXPECT_EQ(IndexAndSearch("2026-02-19_vo.txt", text, "skoric"), std::vector<std::string>{"1"});
  EXPECT_EQ(IndexAndSearch("2026-02-19_vo.txt", text, "Björn Muller"),
            std::vector<std::string>{"2"});
}

// A compound query word no item has ranks an item with all its parts above an item long on
// one of them.
TEST(Ranking, AnAbsentCompoundPrefersItemsWithAllItsParts) {
  const std::string text =
      "Protokoll Kultur- och fritidsnämnden 2025-08-20\n\n"
      "1. Taxa för vatten och avlopp\nTaxan ses över. Taxan för anläggningsavgift och taxan "
      "för brukningsavgift höjs. Taxan gäller från januari; taxan för dagvatten följer. Den "
      "nya taxan ersätter taxan från 2020, och taxan ska ses över igen om två år.\n\n"
      "2. Information om teatern\nNämnden informeras om justering av två taxor på teatern, "
      "där externa arrangörer hyr scenen.\n\n";
  const std::vector<std::string> hits =
      IndexAndSearch("2025-08-20_kultur.txt", text, "teatertaxor");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits.front(), "2");
}

// A word's own occurrences outweigh its occurrences as a compound's part: the part is asked
// for once, at part weight, though both the word and its lemma lead to it.
TEST(Ranking, TheWordOutweighsItsCompounds) {
  // Items 3-5 say "hälsa" alone, so the word is more common than its part "~hälsa".
  const std::string text =
      "Minnesanteckningar Socialchefsnätverket 2022-03-01\n\n"
      "1. Psykisk hälsa\nHandlingsplanen för psykisk hälsa följs upp. Samordnaren redovisar "
      "arbetet i länet och beskriver hur kommunerna har arbetat under året, vilka insatser som "
      "har gjorts och vad som återstår. Nätverket diskuterar psykisk hälsa bland unga.\n\n"
      "2. Hälsoundersökningar\nHälsoundersökningar av placerade barn: tandhälsan, "
      "hälsoproblemen, hälsoläget och hälsosamtalen följs upp. Hälsovården och "
      "hälsocentralerna ansvarar för hälsoundersökningen, och barnens psykiska hälsa nämns i "
      "hälsoplanen.\n\n"
      "3. Budget\nBudgeten tar hänsyn till de äldres hälsa.\n\n"
      "4. Skolan\nElevernas hälsa och skolgång diskuteras.\n\n"
      "5. Boenden\nBoendet ska främja de boendes hälsa.\n\n"
      "6. Lokaler\nNya lokaler behövs.\n\n";
  EXPECT_EQ(IndexAndSearch("2022-03-01_socialchefsnatverket.txt", text, "psykisk hälsa"),
            (std::vector<std::string>{"1", "2"}));
}

// A word in the meeting's header (a role in the list of who attended) counts less than the
// same word in an item.
TEST(Ranking, TheHeaderCountsLessThanAnItem) {
  const std::string text =
      "Protokoll Socialnämnden 2024-02-01\n\n"
      "Närvarande: Eva Ek, samordnare folkhälsa; Per Berg, ordförande\n\n"
      "1. Budget\nBudgeten för nästa år diskuterades, med ett särskilt anslag till folkhälsa "
      "och till förebyggande arbete i skolorna och på fritidsgårdarna i kommunen.\n\n"
      "2. Lokaler\nNya lokaler behövs.\n\n";
  // The header ("") is found still, below the item.
  EXPECT_EQ(IndexAndSearch("2024-02-01_socialnamnden.txt", text, "folkhälsa"),
            (std::vector<std::string>{"1", ""}));
}

// Filters alone weigh nothing: hits come newest first, and within one date a meeting's agenda
// items before its header ("Mötets inledning"), which came first (found by a user test).
TEST(Ranking, FiltersAloneListAMeetingsItemsBeforeItsHeader) {
  TempDir dir;
  std::filesystem::create_directories(dir / "arkiv");
  std::ofstream(dir / "arkiv/2024-03-11_tekniska-namnden.txt")
      << "Protokoll Tekniska nämnden 2024-03-11\n\n"
         "Närvarande: Eva Ek, ordförande; Per Berg\n\n"
         "1. Gator\nGatorna sandas.\n\n2. Parker\nParkerna sköts.\n\n";
  const std::string db =
      IndexOneFile(dir, "2024-05-13_tekniska-namnden.txt",
                   "Protokoll Tekniska nämnden 2024-05-13\n\n"
                   "Närvarande: Eva Ek, ordförande; Per Berg\n\n"
                   "1. Broar\nBroarna besiktigas.\n\n2. Vatten\nVattnet provtas.\n\n");
  // Each meeting's items, then its header (""); May's meeting first but in date-asc.
  const std::vector<std::string> expected = {"1", "2", "", "1", "2", ""};
  const std::vector<std::string> cases[] = {
      {"år:2024"},
      {"organ:teknisk"},
      {"--body", "Tekniska nämnden"},
      {"--from", "2024"},
      {"år:2024", "--sort", "date"},
      {"år:2024", "--sort", "date-asc"},
      {"år:2024", "--recent"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", db, "--format", "json"};
    args.insert(args.end(), c.begin(), c.end());
    ToolResult r = RunTool("protokoll-query", args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(ItemNumbers(r.out), expected) << c.front() << " " << c.back();
    const json answer = json::parse(r.out);
    ASSERT_EQ(answer["hits"].size(), 6u);
    EXPECT_EQ(answer["hits"][0]["meeting_date"],
              c.back() == "date-asc" ? "2024-03-11" : "2024-05-13");
    // Only --recent weighs the hits; filters alone do not (no made-up scores).
    if (c.back() != "--recent") {
      for (const auto& h : answer["hits"]) EXPECT_EQ(h["score"], 0) << r.out;
    }
  }
  // The text answer says in which order the hits come.
  ToolResult text = RunTool("protokoll-query", {"--db", db, "år:2024"});
  EXPECT_NE(text.out.find("showing 1–6, newest first."), std::string::npos) << text.out;
  text = RunTool("protokoll-query", {"--db", db, "--sort", "date-asc", "år:2024"});
  EXPECT_NE(text.out.find("showing 1–6, oldest first."), std::string::npos) << text.out;
  text = RunTool("protokoll-query", {"--db", db, "broar"});
  EXPECT_NE(text.out.find("showing 1–1.\n"), std::string::npos) << text.out;
}

// When no item has all the words, an item with all but one of them ranks above an item that
// has one of them often.
TEST(Ranking, WithoutAllTheWordsMostOfThemComeFirst) {
  std::string long_text;
  for (int k = 0; k < 4; ++k) {
    long_text +=
        " Förvaltningen har gått igenom ärendet och redogör för bakgrunden, tidigare beslut, "
        "ansvarsfrågan och kostnaderna för undersökningar, provtagning och åtgärder i samråd med "
        "länsstyrelsen och fastighetsägaren.";
  }
  const std::string text =
      "Minnesanteckningar Miljönämnden 2023-05-02\n\n"
      "1. Mark\nMark vid torget upplåts. Taxan för mark höjs.\n\n"
      "2. Sanering\nPå fastigheten har en kemtvätt bedrivits, och jorden är förorenad. "
      "Nämnden begär en utredning." +
      long_text +
      "\n\n"
      "3. Tillsyn\nTillsynen av förorenade områden och kemtvättar fortsätter.\n\n"
      "4. Anmälan\nEn kemtvätt har anmält sin verksamhet.\n\n"
      "5. Vattendrag\nFörorenade vattendrag i kommunen kartläggs.\n\n"
      "6. Lokaler\nNya lokaler behövs för förvaltningen.\n\n";
  std::string err;
  const std::vector<std::string> items =
      IndexAndSearch("2023-05-02_miljonamnden.txt", text, "förorenad mark kemtvätt", &err);
  EXPECT_NE(err.find("no item has all of the words"), std::string::npos) << err;
  ASSERT_GE(items.size(), 2u);
  EXPECT_EQ(items[0], "2");  // förorenad, kemtvätt
  EXPECT_EQ(items[1], "1");  // mark
}

// A compound's last part finds it where the dictionary lists the compound whole or it starts
// with a numeral; a word that only ends in the query word is not found.
TEST(Search, FindsCompoundsTheDictionaryListsWhole) {
  const std::string text =
      "Protokoll Byggnadsnämndens arbetsutskott 2025-02-04\n\n"
      "1. Bygglov\nAnsökan om bygglov för nybyggnad av enbostadshus och garage.\n\n"
      "2. Vatten och avlopp\nDricksvattnet i området ska provtas varje år.\n\n"
      "3. Rapport\nFörvaltningens rapport om centrum redovisas.\n\n";
  EXPECT_EQ(IndexAndSearch("2025-02-04_bygg.txt", text, "bostadshus"),
            (std::vector<std::string>{"1"}));
  EXPECT_EQ(IndexAndSearch("2025-02-04_bygg.txt", text, "vatten"), (std::vector<std::string>{"2"}));
  EXPECT_TRUE(IndexAndSearch("2025-02-04_bygg.txt", text, "rum").empty());
}

}  // namespace
}  // namespace protokoll::testing
