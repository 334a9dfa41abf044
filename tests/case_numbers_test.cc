// Case numbers (diarienummer) end to end: finding an item's numbers and their key, the dnr:
// field and the hit's dnr list, `protokoll-query matter`, and every "Dnr" of the real
// Kungsbacka protocols on its item when ../shared/data/minutes-kungsbacka is there (it is not
// part of the repository: those tests skip without it).
#include "case_numbers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "protokoll/case_number.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/indexer/reader.h"
#include "real_minutes.h"
#include "tool_runner.h"

namespace protokoll::indexer {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::ReadFile;
using testing::RunTool;
using testing::TempDir;
using Numbers = std::vector<std::string>;

TEST(CaseNumberKey, SpellingsOfOneNumberAreOneKey) {
  for (const char* spelling :
       {"BN-2024-002359", "BN 2024/2359", "bn.2024:2359", "BN2024-2359", "Bn 2024 / 02359",
        "BN\xE2\x80\x93"
        "2024\xE2\x80\x93"
        "2359"}) {
    EXPECT_EQ(schema::CaseNumberKey(spelling), "bn-2024-2359") << spelling;
  }
  EXPECT_EQ(schema::CaseNumberKey("KSN-2013-0674"), "ksn-2013-674");
  EXPECT_EQ(schema::CaseNumberKey("2014/304"), "2014-304");
  EXPECT_EQ(schema::CaseNumberKey("NKBY/302/00.01.03.01/2022"), "nkby-302-0-1-3-1-2022");
  EXPECT_EQ(schema::CaseNumberKey("ÄN 2020/5"), "än-2020-5");
  // The series written last is the series written first.
  EXPECT_EQ(schema::CaseNumberKey("2026.113 KS"), "ks-2026-113");
  EXPECT_EQ(schema::CaseNumberKey("2018.002 ÖN"), schema::CaseNumberKey("ÖN 2018/2"));
  // Different numbers stay apart.
  EXPECT_NE(schema::CaseNumberKey("KS 2021/123"), schema::CaseNumberKey("KS 2021/1230"));
  EXPECT_NE(schema::CaseNumberKey("KS 2021/123"), schema::CaseNumberKey("KSN 2021/123"));
  EXPECT_NE(schema::CaseNumberKey("KS 2021/123"), schema::CaseNumberKey("KS 2012/123"));
}

struct FindCase {
  const char* text;    // an item's text, its heading line first
  const char* before;  // the text before the item
  Numbers want;
};

class FindsCaseNumbers : public ::testing::TestWithParam<FindCase> {};

TEST_P(FindsCaseNumbers, InTheHeadingAndWhereLabelled) {
  EXPECT_EQ(FindCaseNumbers(GetParam().text, GetParam().before), GetParam().want)
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    CaseNumbers, FindsCaseNumbers,
    ::testing::Values(
        // The standard template: the number on the heading line, the title below.
        FindCase{"§ 291                      Dnr KS-2025-00010\nFörändring av ärendelistan\n\n"
                 "Beslut\nArbetsutskottet godkänner ärendelistan.\n",
                 "",
                 {"KS-2025-00010"}},
        FindCase{"SN § 31                        Dnr SN-2017/104\nVal av justerare\n",
                 "",
                 {"SN-2017/104"}},
        FindCase{"§ 12\nDnr KS 2021/123\nDetaljplan för Åsa 4:12\n", "", {"KS 2021/123"}},
        FindCase{"§ 5 Motion om cykelbanor\nDiarienummer: KSN-2013-0674\n", "", {"KSN-2013-0674"}},
        // A bare number counts after a label, either way round.
        FindCase{"§ 8 Remiss\nÄrendenr 2014/304\n", "", {"2014/304"}},
        FindCase{"§ 9 Yttrande\nÄrende nr: 304/2014\n", "", {"304/2014"}},
        FindCase{"§ 10 Yttrande\nDnr. KS 21/88\n", "", {"KS 21/88"}},
        // Labels in capitals, also the Swedish letters: "ÄRENDENR", "DNR".
        FindCase{"§ 11 Remiss\nÄRENDENR 2014/305\n", "", {"2014/305"}},
        FindCase{"§ 13 Remiss\nDNR: KS 2020/77\n", "", {"KS 2020/77"}},
        // Unlabelled under the heading: a series in capitals and a four-digit year.
        FindCase{"§ 14\nMBN 2022.118\nBygglov för carport\n", "", {"MBN 2022.118"}},
        // The series last, after year and serial (Alingsås): on the heading line.
        FindCase{
            "§ 42 2026.030 BMN\n\nEkonomiuppföljning\nÄrendebeskrivning\n", "", {"2026.030 BMN"}},
        FindCase{"§ 3 2018.002 ÖN\nDelegationsbeslut\n", "", {"2018.002 ÖN"}},
        // Finland: the number stands on its own line above "16 §".
        FindCase{
            "16 § Personalenkät 2022\n\nTidigare behandling:\nPersonalsektionen 11.10.2022\n",
            "Personalsektionens beslut:\n  Godkändes.\n\n          NKBY/302/00.01.03.01/2022\n",
            {"NKBY/302/00.01.03.01/2022"}},
        // ... so an item's own last line, holding only a number, is the next item's.
        FindCase{"15 § Godkännande av föredragningslistan\n\n"
                 "                    NKBY/115/01.02.04/2023\n",
                 "",
                 {}},
        // A label's list, a label at a line's end, labels in the text after the heading's.
        FindCase{"§ 20 Avtal om skolskjuts\nDnr KS 2021/12, KS 2021/13 och KS 2022/4\n",
                 "",
                 {"KS 2021/12", "KS 2021/13", "KS 2022/4"}},
        FindCase{"§ 24 Detaljplan för Norr\nDiarienummer\nKS 2019/0456\n", "", {"KS 2019/0456"}},
        FindCase{"§ 26 Detaljplan för Söder\n\nDnr ks 2021/1 (tidigare dnr ks 2019/4)\n",
                 "",
                 {"ks 2021/1", "ks 2019/4"}},
        FindCase{"§ 22   Dnr BN-2024-002359\nBygglov\n\nBeslut\nNämnden beviljar bygglov.\n\n"
                 "Ärendet hör ihop med dnr BN 2023/17.\n",
                 "",
                 {"BN-2024-002359", "BN 2023/17"}},
        // One number spelt twice is listed once, as first written.
        FindCase{"§ 23 Dnr BN-2024-002359\nBygglov\n\nBeslut\nBeviljas.\n\nDnr BN 2024/2359\n",
                 "",
                 {"BN-2024-002359"}},
        // The addressee's number in a letter is not this municipality's case.
        FindCase{
            "§ 25 Svar på remiss\nErt dnr Fi2021/01234\nVårt dnr KS 2021/88\n", "", {"KS 2021/88"}},
        // A table of contents caught in the item names other paragraphs' cases.
        FindCase{"§ 32 Dnr FG-2025-00001\nFastställande av dagordning\n\n§ 37 Dnr FG-2024-00843\n"
                 "Remittering av förslag\n",
                 "",
                 {"FG-2025-00001"}},
        // Unlabelled numbers in the text (a table of delegation decisions) are not the item's.
        FindCase{"§ 16 Delegationsbeslut\nAnmälan av delegationsbeslut.\n\nBeslut\nGodkänns.\n\n"
                 "| 2025-04-24 | SE-2025-00169 | Informationshanteringsplan |\n",
                 "",
                 {}}));

class RejectsLookAlikes : public ::testing::TestWithParam<const char*> {};

TEST_P(RejectsLookAlikes, AsNoCaseNumber) {
  EXPECT_EQ(FindCaseNumbers(GetParam()), Numbers{}) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    CaseNumbers, RejectsLookAlikes,
    ::testing::Values("§ 4 Remiss av SOU 2020:47 Hållbar socialtjänst\n",
                      "§ 5 Ändring i SFS 2010:900\nDnr: SFS 2010:900\n",
                      "§ 6 Prop. 2019/20:1 Budgetpropositionen\n",
                      "§ 7 Uppföljning av beslut § 64/20\nDnr § 64/20\n",
                      "§ 8 Sammanträdet 2025-05-19\nKF 2023-04-04 § 46\nDnr 2025-05-19\n",
                      "§ 9 Kontakt\nTel 0300-83 40 00\n",
                      "§ 10 Budget 2024-2026\nEU 2021-2027 programperiod\n",
                      "§ 11 Dialogseminarier med utredningen (S 2019:04)\n",
                      "§ 12 Kostnad 2 500 000 kr\nSEK 2000.50\n",
                      "§ 13 Vägledning enligt Socialtjänstlag (2001:453)\n",
                      "§ 14 Ds 2019:1 och dir. 2020:12\nDnr Ds 2019:1\n",
                      "§ 15 Ärende nr 5\nSida 2021/3 ks 2021/123\n",
                      "§ 17 Postadress SE-434 81 Kungsbacka\n"));

// Shapes, one number at a time: what a label allows.
TEST(CaseNumbers, MatchWhatALabelAllows) {
  struct Case {
    const char* text;
    bool labelled;
    std::size_t want;
  };
  const Case cases[] = {
      {"KS 2021/123", false, 11},
      {"KS 2021/123", true, 11},
      {"2014/304", false, 0},
      {"2014/304", true, 8},
      {"KS 21/123", false, 0},
      {"KS 21/123", true, 9},
      {"ks 2021/123", false, 0},
      {"ks 2021/123", true, 11},
      {"KSN2013:0674", false, 0},
      {"KSN2013:0674", true, 12},
      {"KS 2021/123.", false, 11},
      {"KS 2021/123abc", true, 0},
      {"2025-05-19", true, 0},
      {"KS 2021/123:4", true, 0},
      {"64/20", true, 0},
      {"SOU 2020:47", true, 0},
      {"BN-2024-002359", false, 14},
      // A municipality's series joined to year and serial by a slash, even in lower case or of
      // two words; the state's "S 2019:04" and a joint series without the slash stay none.
      {"SBN/2025:74", false, 11},
      {"Bun/2022:1052   600", false, 13},
      {"KS KF/2022:7", false, 12},
      {"S 2019:04", false, 0},
      {"bun/2022:1052", false, 0},
      {"KSN2013:0674", false, 0},
      // The series last, in capitals, after a year and its serial: "2026.113 KS".
      {"2026.113 KS", false, 11},
      {"2026.113 KS Rutin", false, 11},
      {"2018/210 KS", false, 11},
      {"2026.113 ks", false, 0},
      {"2026.113 SEK", false, 0},
      {"2026.113 KR", false, 0},
      {"2024.5 Kommunen", false, 0},
      {"2026.113", false, 0},
      {"2026-05 KS", false, 0}};
  for (const Case& c : cases) {
    EXPECT_EQ(MatchCaseNumber(c.text, 0, c.labelled), c.want) << c.text << " " << c.labelled;
  }
}

// ---------------------------------------------------------------- the tools, end to end

// Minutes of one matter at three meetings (one undated), the number spelt three ways, and an
// item of another matter that cites it without a label.
const char* const kMinutes[][2] = {
    {"bn-2024-05-19.txt",
     "LJUSDALS KOMMUN                 SAMMANTRÄDESPROTOKOLL\n"
     "Byggnadsnämnden                 2024-05-19\n\n"
     "Plats och tid          Kommunhuset, Ljusdal, kl. 13.00-15.00\n\n"
     "Beslutande             Anna Vik (S), ordförande\n"
     "                       Per Ek (C)\n\n"
     "BN § 80                                        Dnr BN 2024/2359\n\n"
     "Bygglov för nybyggnad av förskola, Tallbacken 3:14\n\n"
     "Ärendebeskrivning\n"
     "Sökanden har kompletterat ansökan med en ny situationsplan.\n\n"
     "Byggnadsnämndens beslut\n"
     "Byggnadsnämnden beviljar bygglov för förskolan.\n\n\n"
     "BN § 81                                        Dnr BN-2024-000771\n\n"
     "Strandskyddsdispens för brygga vid Sjövik\n\n"
     "Ärendebeskrivning\n"
     "Förskolan på Tallbacken, BN-2024-002359, berörs inte. Remissvar enligt SOU 2020:47.\n\n"
     "Byggnadsnämndens beslut\n"
     "Byggnadsnämnden ger dispens.\n"},
    {"bn-2024-02-05.txt",
     "LJUSDALS KOMMUN                 SAMMANTRÄDESPROTOKOLL\n"
     "Byggnadsnämnden                 2024-02-05\n\n"
     "Plats och tid          Kommunhuset, Ljusdal, kl. 13.00-15.30\n\n"
     "Beslutande             Anna Vik (S), ordförande\n"
     "                       Per Ek (C)\n\n"
     "BN § 12                                        Dnr BN-2024-002359\n\n"
     "Bygglov för nybyggnad av förskola, Tallbacken 3:14\n\n"
     "Ärendebeskrivning\n"
     "Ansökan saknar en situationsplan.\n\n"
     "Byggnadsnämndens beslut\n"
     "Byggnadsnämnden bordlägger ärendet.\n"},
    {"bn-utan-datum.txt",
     "LJUSDALS KOMMUN                 SAMMANTRÄDESPROTOKOLL\n"
     "Byggnadsnämndens arbetsutskott\n\n"
     "Beslutande             Anna Vik (S), ordförande\n\n"
     "§ 3\n"
     "Diarienummer: bn.2024:2359\n"
     "Information om förskolan på Tallbacken\n\n"
     "Arbetsutskottet informeras om bygglovet.\n"},
};

class MatterTool : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    fs::create_directories(dir_->path() / "minutes");
    for (const auto& [name, text] : kMinutes)
      std::ofstream(dir_->path() / "minutes" / name) << text;
    db_ = *dir_ / "db";
    testing::ToolResult r = RunTool("protokoll-index", {"--db", db_, "--quiet", *dir_ / "minutes"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static testing::ToolResult Query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunTool("protokoll-query", args);
  }

  static json Json(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json"});
    testing::ToolResult r = Query(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out, nullptr, false);
  }

  // "file § number" of each hit, in order.
  static std::vector<std::string> Items(const json& answer) {
    std::vector<std::string> out;
    for (const json& h : answer["hits"]) {
      std::string f = h["file"].get<std::string>();
      out.push_back(f.substr(f.rfind('/') + 1) + " § " + h["item"]["number"].get<std::string>());
    }
    return out;
  }

  static TempDir* dir_;
  static std::string db_;
};

TempDir* MatterTool::dir_ = nullptr;
std::string MatterTool::db_;

TEST_F(MatterTool, DnrFindsTheItemsOfACaseHoweverItIsSpelt) {
  const std::set<std::string> want = {"bn-2024-05-19.txt § 80", "bn-2024-02-05.txt § 12",
                                      "bn-utan-datum.txt § 3"};
  for (const char* query : {"dnr:BN-2024-002359", "dnr:\"BN 2024/2359\"", "dnr:bn.2024:2359",
                            "case:BN2024-2359", "diarienummer:BN-2024-2359"}) {
    const json answer = Json({query});
    const std::vector<std::string> items = Items(answer);
    EXPECT_EQ(std::set<std::string>(items.begin(), items.end()), want) << query;
    EXPECT_EQ(answer["total"], 3) << query;
  }
  // Each hit shows its item's numbers as its minutes write them.
  const json spelt = Json({"dnr:BN-2024-002359"});
  for (const json& h : spelt["hits"]) {
    const std::string number = h["item"]["number"];
    EXPECT_EQ(h["dnr"], json::array({number == "80"   ? "BN 2024/2359"
                                     : number == "12" ? "BN-2024-002359"
                                                      : "bn.2024:2359"}));
  }
  // The other matter's item cites the number without a label, and SOU 2020:47 is none.
  const json other = Json({"dnr:BN-2024-771"});
  ASSERT_EQ(Items(other), std::vector<std::string>{"bn-2024-05-19.txt § 81"});
  EXPECT_EQ(other["hits"][0]["dnr"], json::array({"BN-2024-000771"}));
  EXPECT_EQ(Json({"dnr:\"SOU 2020:47\""})["total"], 0);
  // A series' cases, and dnr: with words.
  EXPECT_EQ(Json({"dnr:BN-2024*"})["total"], 4);
  EXPECT_EQ(Items(Json({"dnr:BN-2024-002359", "bordlägger"})),
            std::vector<std::string>{"bn-2024-02-05.txt § 12"});
  // The text and CSV answers show the numbers too.
  EXPECT_NE(Query({"dnr:BN-2024-771"}).out.find("Dnr BN-2024-000771"), std::string::npos);
  const testing::ToolResult csv = Query({"--format", "csv", "dnr:BN-2024-771"});
  EXPECT_NE(csv.out.find(",item_id,dnr\r\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",BN-2024-000771\r\n"), std::string::npos) << csv.out;
}

TEST_F(MatterTool, ACaseNumberAsTheWholeQueryFindsItsItemsFirstInAnySpelling) {
  // Typed without dnr:, spelt otherwise than the minutes ("BN-2024-002359", "BN 2024/2359",
  // "bn.2024:2359"): the items that carry the number come first.
  const std::set<std::string> want = {"bn-2024-05-19.txt § 80", "bn-2024-02-05.txt § 12",
                                      "bn-utan-datum.txt § 3"};
  for (const char* query : {"BN 2024:2359", "bn 2024/002359", "BN/2024-2359"}) {
    const std::vector<std::string> items = Items(Json({query}));
    ASSERT_GE(items.size(), 3u) << query;
    EXPECT_EQ(std::set<std::string>(items.begin(), items.begin() + 3), want) << query;
  }
  // A date, a number of the state's, words with a number: no case numbers of an item.
  EXPECT_FALSE(schema::WrittenAsCaseNumber("2024-05-19"));
  EXPECT_FALSE(schema::WrittenAsCaseNumber("bygglov 2024"));
  EXPECT_FALSE(schema::WrittenAsCaseNumber("förskola Tallbacken 3:14"));
  EXPECT_TRUE(schema::WrittenAsCaseNumber("KS/KF 2025:29"));
  EXPECT_TRUE(schema::WrittenAsCaseNumber("2026.113 ks"));  // the series last
  EXPECT_FALSE(schema::WrittenAsCaseNumber("KS 2026.113 KS"));
  EXPECT_FALSE(schema::WrittenAsCaseNumber("2025 74 KS"));
  EXPECT_EQ(Items(Json({"Tallbacken 3:14"})),  // the words' items, as before
            (std::vector<std::string>{"bn-2024-02-05.txt § 12", "bn-2024-05-19.txt § 80"}));
}

TEST_F(MatterTool, DnrWithoutANumberIsABadQuery) {
  const testing::ToolResult r = Query({"dnr:Tallbacken"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("'Tallbacken' in dnr: is no case number"), std::string::npos) << r.err;
}

TEST_F(MatterTool, MatterListsTheItemsOfACaseOldestFirstWithTheirDecisions) {
  const json answer = Json({"matter", "BN 2024/2359"});
  EXPECT_EQ(answer["query"], "BN 2024/2359");
  EXPECT_EQ(answer["total"], 3);
  EXPECT_EQ(Items(answer),
            (std::vector<std::string>{"bn-2024-02-05.txt § 12", "bn-2024-05-19.txt § 80",
                                      "bn-utan-datum.txt § 3"}));
  const json& hits = answer["hits"];
  EXPECT_EQ(hits[0]["meeting_date"], "2024-02-05");
  EXPECT_EQ(hits[1]["meeting_date"], "2024-05-19");
  EXPECT_TRUE(hits[2]["meeting_date"].is_null());  // undated meetings come last
  EXPECT_EQ(hits[0]["decision"], "Byggnadsnämnden bordlägger ärendet.");
  EXPECT_EQ(hits[1]["decision"], "Byggnadsnämnden beviljar bygglov för förskolan.");
  // Unquoted words are one number; --limit and --offset page as elsewhere.
  EXPECT_EQ(Items(Json({"matter", "BN", "2024/2359", "--offset", "1", "--limit", "1"})),
            std::vector<std::string>{"bn-2024-05-19.txt § 80"});

  const testing::ToolResult text = Query({"matter", "BN-2024-002359"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.rfind("3 items carry case BN-2024-002359, oldest first.\n", 0), 0u)
      << text.out;
  EXPECT_LT(text.out.find("Beslut: Byggnadsnämnden bordlägger"),
            text.out.find("Beslut: Byggnadsnämnden beviljar"));
  const testing::ToolResult csv = Query({"matter", "--format", "csv", "BN-2024-002359"});
  EXPECT_EQ(csv.out.rfind("meeting_date,date_inferred,body,county,municipalities,item_number,"
                          "item_title,dnr,decision,file,meeting_id,item_id\r\n",
                          0),
            0u)
      << csv.out;
}

TEST_F(MatterTool, MatterOfNoItemIsNoErrorAndNoNumberIsBadUsage) {
  testing::ToolResult r = Query({"matter", "KS-1999-00001"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "No item carries case KS-1999-00001.\n");
  EXPECT_EQ(Json({"matter", "KS-1999-00001"})["hits"], json::array());
  for (const char* bad : {"förskolan", "BN 2024\"/2359"}) {
    r = Query({"matter", bad});
    EXPECT_EQ(r.exit_code, 1) << bad;
    EXPECT_NE(r.err.find("matter needs a case number"), std::string::npos) << r.err;
  }
  r = Query({"matter"});
  EXPECT_EQ(r.exit_code, 1);
}

TEST_F(MatterTool, DryRunShowsEachItemsNumbers) {
  const testing::ToolResult r = RunTool(
      "protokoll-index", {"--dry-run", "--json", (dir_->path() / "minutes" / "bn-2024-05-19.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json meeting = json::parse(r.out.substr(0, r.out.find('\n')));
  ASSERT_EQ(meeting["items"].size(), 2u) << r.out;
  EXPECT_EQ(meeting["items"][0]["dnr"], json::array({"BN 2024/2359"}));
  EXPECT_EQ(meeting["items"][1]["dnr"], json::array({"BN-2024-000771"}));
}

// ---------------------------------------------------------------- the Kungsbacka protocols

fs::path KungsbackaDir() {
  return testing::SharedData("PROTOKOLL_KUNGSBACKA_DIR", "data/minutes-kungsbacka");
}

// Each "§ N ... Dnr X" line of a file (item headings and the table of contents alike): the
// numbers a reader sees on each item, as (N, X).
std::set<std::pair<std::string, std::string>> DnrLines(const std::string& text) {
  std::set<std::pair<std::string, std::string>> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string section, number, label, dnr, rest;
    if (!(words >> section >> number >> label >> dnr) || words >> rest) continue;
    if (section == "§" && label == "Dnr") out.insert({number, dnr});
  }
  return out;
}

Meeting ParsePath(const fs::path& path) {
  Meeting m;
  EXPECT_TRUE(testing::ReadAndParse(path, &m)) << path;
  return m;
}

TEST(KungsbackaMinutes, EveryDnrIsFoundOnItsItem) {
  const fs::path dir = KungsbackaDir();
  if (!fs::is_directory(dir / "files")) GTEST_SKIP() << "no minutes at " << dir;
  std::map<std::string, json> truth;
  std::ifstream lines(dir / "truth.jsonl");
  for (std::string line; std::getline(lines, line);) {
    json t = json::parse(line, nullptr, false);
    if (t.is_object()) truth[t["file"].get<std::string>()] = t;
  }
  int dnr_lines = 0, found = 0, truth_dnr = 0, truth_found = 0;
  for (const auto& entry : fs::directory_iterator(dir / "files")) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const Meeting m = ParsePath(entry.path());
    std::map<std::string, Numbers> by_number;
    for (const Item& item : m.items) by_number[item.number] = item.dnr;
    auto on = [&](const std::string& number, const std::string& dnr) {
      const Numbers& numbers = by_number[number];
      return std::find(numbers.begin(), numbers.end(), dnr) != numbers.end();
    };
    for (const auto& [number, dnr] : DnrLines(ReadFile(entry.path()))) {
      ++dnr_lines;
      found += on(number, dnr);
      EXPECT_TRUE(on(number, dnr)) << "§ " << number << " Dnr " << dnr;
    }
    // truth.jsonl's dnr: item by item where it lists one for each item.
    const json& t = truth[name];
    if (!t.contains("dnr")) continue;
    const json& numbers = t["item_numbers"];
    for (std::size_t k = 0; k < t["dnr"].size(); ++k) {
      const std::string dnr = t["dnr"][k];
      ++truth_dnr;
      bool ok = false;
      if (numbers.size() == t["dnr"].size()) {
        ok = on(numbers[k], dnr);
      } else {
        for (const Item& item : m.items)
          ok = ok || std::find(item.dnr.begin(), item.dnr.end(), dnr) != item.dnr.end();
      }
      truth_found += ok;
      EXPECT_TRUE(ok) << dnr;
    }
  }
  std::cout << "Kungsbacka: " << found << " of " << dnr_lines
            << " \"§ N Dnr X\" lines found on item N; " << truth_found << " of " << truth_dnr
            << " truth dnr on their items\n";
  EXPECT_GT(dnr_lines, 100);
}

// dnr: finds the items a grep of the files for "§ N ... Dnr X" names, however X is spelt.
TEST(KungsbackaMinutes, DnrFindsWhatAGrepOfTheNumberFinds) {
  const fs::path dir = KungsbackaDir();
  if (!fs::is_directory(dir / "files")) GTEST_SKIP() << "no minutes at " << dir;
  TempDir tmp;
  testing::ToolResult r =
      RunTool("protokoll-index", {"--db", tmp / "db", "--quiet", (dir / "files").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::set<std::string>> grep;  // key -> "file § N"
  for (const auto& entry : fs::directory_iterator(dir / "files")) {
    for (const auto& [number, dnr] : DnrLines(ReadFile(entry.path())))
      grep[schema::CaseNumberKey(dnr)].insert(entry.path().filename().string() + " § " + number);
  }
  ASSERT_GT(grep.size(), 50u);
  int same = 0;
  for (const auto& [key, want] : grep) {
    // Spelt another way than the minutes do: the key's parts with slashes.
    std::string query = key;
    std::replace(query.begin(), query.end(), '-', '/');
    r = RunTool("protokoll-query",
                {"--db", tmp / "db", "--format", "json", "--limit", "100", "dnr:" + query});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> got;
    const json answer = json::parse(r.out);
    for (const json& h : answer["hits"]) {
      const std::string f = h["file"];
      got.insert(f.substr(f.rfind('/') + 1) + " § " + h["item"]["number"].get<std::string>());
    }
    EXPECT_EQ(got, want) << query;
    same += got == want;
  }
  std::cout << "Kungsbacka: dnr: finds the grep's items for " << same << " of " << grep.size()
            << " case numbers\n";
}

}  // namespace
}  // namespace protokoll::indexer
