// ParseMeeting over the sample minutes in corpus/minutes/, compared with their ground truth
// in corpus/minutes/EXPECTED.tsv, over the five real seeds when ../shared/seeds is there, and
// over real Finnish-Swedish PDF minutes when ../shared/data/minutes-nykarleby-fi is there, and
// over real Kungsbacka protocols with their truth when ../shared/data/minutes-kungsbacka is
// there (none is part of the repository: those tests skip without them).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/indexer/reader.h"
#include "real_minutes.h"

namespace protokoll::indexer {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Meeting ParseFile(const fs::path& path) {
  RawDocument doc;
  doc.format = "txt";
  doc.pages.push_back(ReadFile(path));
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  ctx.file_name = path.filename().string();
  Meeting m;
  ParseMeeting(doc, ctx, &m);
  return m;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::stringstream ss(s);
  while (std::getline(ss, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.push_back("");
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& x : v) out += (out.empty() ? "" : ",") + x;
  return out;
}

// Bodies are compared as the same body, not the same spelling: EXPECTED.tsv keeps a
// title's region ("… i Dalarna") and indefinite form ("Nätverk för …"), the parser writes
// the network's name in the definite form without the region it met for (as the generated
// corpus' truth does). Lowercased, "nätverket" -> "nätverk", a trailing " i <Place>" and
// spaces dropped.
std::string BodyKey(std::string s) {
  s = corpus::LowerName(s);
  std::size_t at = s.find(" i ");
  if (at != std::string::npos) s.resize(at);
  for (std::size_t p; (p = s.find("nätverket")) != std::string::npos;) s.replace(p, 11, "nätverk");
  std::string out;
  for (char c : s) {
    if (c != ' ') out.push_back(c);
  }
  return out;
}

TEST(CorpusMinutes, MatchExpected) {
  fs::path dir = fs::path(PROTOKOLL_SOURCE_DIR) / "corpus" / "minutes";
  fs::path expected = dir / "EXPECTED.tsv";
  if (!fs::exists(expected)) GTEST_SKIP() << "no " << expected;
  std::ifstream in(expected);
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    ASSERT_GE(f.size(), 8u) << line;
    ++rows;
    SCOPED_TRACE(f[0]);
    Meeting m = ParseFile(dir / f[0]);
    EXPECT_EQ(m.meeting_date.value_or(""), f[1]);
    EXPECT_EQ(m.date_inferred ? "true" : "false", f[2]);
    EXPECT_EQ(BodyKey(m.body.value_or("")), BodyKey(f[3])) << m.body.value_or("") << " vs " << f[3];
    EXPECT_EQ(m.county.value_or(""), f[4]);
    EXPECT_EQ(Join(m.municipalities), f[5]);
    std::vector<std::string> numbers, decisions;
    for (const auto& item : m.items) {
      numbers.push_back(item.number);
      if (item.decision) decisions.push_back(item.number);
    }
    EXPECT_EQ(Join(numbers), f[6]);
    EXPECT_EQ(Join(decisions), f[7]);
  }
  EXPECT_GT(rows, 0);
}

// What the seeds must read as (the minutes themselves stay outside the repository).
struct SeedCase {
  const char* prefix;
  const char* date;
  bool inferred;
  const char* body;
  const char* county;
  const char* numbers;
};

TEST(Seeds, ReadRight) {
  const fs::path dir = testing::SharedData("PROTOKOLL_SEEDS_DIR", "seeds");
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no seeds at " << dir;
  const SeedCase cases[] = {
      {"000_", "2019-03-29", false, "Socialpresidiet", "Västernorrlands län", "1,2,3,4,5,6,7,8"},
      {"001_", "2021-10-08", false, "Sociala samrådsgruppen", "Jämtlands län",
       "44,45,46,47,48,49,50,33,51,52,53,54,55"},
      {"002_", "2020-09-18", false, "Nätverket för socialnämndsrepresentanter",
       "Västra Götalands län", "1,2,3,4,5,6,7,8,9"},
      {"003_", "2020-10-23", true, "Socialchefsnätverket", "Västra Götalands län",
       "1,2,3,4,5,6,7,8,9,10,11,12"},
      {"004_", "2020-09-25", false, "Socialchefsnätverket", "Dalarnas län", "1,2,3,4,5,6,7,8,9"},
  };
  for (const auto& c : cases) {
    fs::path file;
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().filename().string().rfind(c.prefix, 0) == 0) file = e.path();
    }
    if (file.empty()) continue;
    SCOPED_TRACE(file.string());
    Meeting m = ParseFile(file);
    EXPECT_EQ(m.meeting_date.value_or(""), c.date);
    EXPECT_EQ(m.date_inferred, c.inferred);
    EXPECT_EQ(m.body.value_or(""), c.body);
    EXPECT_EQ(m.county.value_or(""), c.county);
    std::vector<std::string> numbers;
    for (const auto& item : m.items) numbers.push_back(item.number);
    EXPECT_EQ(Join(numbers), c.numbers);
    for (const auto& mun : m.municipalities) {
      const auto* g = corpus::Gazetteer::Default().FindMunicipality(mun);
      ASSERT_NE(g, nullptr) << mun;
    }
  }
}

// Real minutes of Nykarleby (Finland, in Swedish) as PDFs: protocols with the cover block
// repeated, a table of contents, page headers, appendices that carry their own numbered
// protocols, text layers that garble fonts; one agenda (föredragningslista) with no
// decisions yet. Nykarleby (Österbotten, Finland) is the issuing municipality.
struct PdfCase {
  const char* prefix;
  const char* date;
  const char* body;
  const char* numbers;
  const char* decided;  // items with a decision
  int titled;           // an item whose title is checked, with the title
  const char* title;
};

TEST(NykarlebyPdfs, ReadRight) {
  const fs::path dir = testing::SharedData("PROTOKOLL_NYKARLEBY_DIR", "data/minutes-nykarleby-fi");
  if (!fs::is_directory(dir)) GTEST_SKIP() << "no minutes at " << dir;
  const PdfCase cases[] = {
      {"valfardsnamnden_protokoll_15_09_2022", "2022-09-15", "Välfärdsnämnden",
       "39,40,41,42,43,44,45,46,47,48,49", "39,40,41,42,43,44,45,46,47,48,49", 49,
       "Budgetdirektiv för 2023"},
      {"personalsektionen_protokoll_28_03_2023", "2023-03-28", "Personalsektionen",
       "13,14,15,16,17,18,19,20,21,22,23,24", "13,14,15,16,17,18,19,20,21,22,23,24", 13,
       "Sammanträdets laglighet och beslutförhet"},
      {"personalsektionen_protokoll_29_05_2023", "2023-05-29", "Personalsektionen",
       "25,26,27,28,29,30,31,32,33,34,35,36,37,38",
       // § 36's label is garbled past reading ("Bdmläuä:").
       "25,26,27,28,29,30,31,32,33,34,35,37,38", 33,
       "Ersättning för handledning av studerandes obligatoriska praktik"},
      {"radet_for_funktionshindrade_protokoll_24_05_2023", "2023-05-24",
       "Rådet för funktionshindrade", "10,11,12,13,14,15,16,17,18,19",
       "10,11,12,13,14,15,16,17,18,19", 13,
       "Motion, Gör Kackurdunten tillgänglig för alla; F. Strang"},
      {"stadsstyrelsen_foredragningslista_26_09_2022", "2022-09-26", "Stadsstyrelsen",
       "188,189,190,191,192,193,194,195,196,197,198,199,200,201,202", "", 188,
       "Sammanträdets laglighet och beslutförhet"},
      {"ungdomsfullmaktige_protokoll_09_05_2023", "2023-05-09", "Ungdomsfullmäktige",
       "16,17,18,19,20,21,22", "16,17,18,19,20,21,22", 20,
       "Nationella kampanjen \"Miljoner soppåsar\""},
      {"ungdomsfullmaktige_protokoll_30_01_2023", "2023-01-30", "Ungdomsfullmäktige",
       "1,2,3,4,5,6,7,8,9", "1,2,3,4,5,6,7,8,9", 4, "Val av vice ordförande i ungdomsfullmäktige"},
  };
  int seen = 0;
  for (const auto& c : cases) {
    fs::path file;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.rfind(c.prefix, 0) == 0 && e.path().extension() == ".pdf") file = e.path();
    }
    if (file.empty()) continue;
    ++seen;
    SCOPED_TRACE(file.string());
    Meeting m;
    ASSERT_TRUE(testing::ReadAndParse(file, &m));
    EXPECT_EQ(m.meeting_date.value_or(""), c.date);
    EXPECT_FALSE(m.date_inferred);
    EXPECT_EQ(m.body.value_or(""), c.body);
    // Nykarleby issued them: its web address is on every cover.
    EXPECT_EQ(m.county.value_or(""), "Österbotten");
    ASSERT_FALSE(m.municipalities.empty());
    EXPECT_EQ(m.municipalities[0], "Nykarleby");
    std::vector<std::string> numbers, decided;
    for (const auto& item : m.items) {
      numbers.push_back(item.number);
      if (item.decision) decided.push_back(item.number);
      if (item.number == std::to_string(c.titled)) {
        EXPECT_EQ(item.title, c.title);
      }
    }
    EXPECT_EQ(Join(numbers), c.numbers);
    EXPECT_EQ(Join(decided), c.decided);
  }
  if (seen == 0) GTEST_SKIP() << "no known minutes in " << dir;
}

// Real protocols of the standard Swedish template (cover under the letterhead, contents, §
// headings with case numbers, the cover repeated as every page's header, signature footers),
// as converted from PDF to Markdown with page marks: meeting date, body, issuing municipality
// and § numbers as the truth has them, decisions within one, each case number on its item.
TEST(KungsbackaProtocols, ReadRight) {
  const fs::path dir = testing::SharedData("PROTOKOLL_KUNGSBACKA_DIR", "data/minutes-kungsbacka");
  if (!fs::exists(dir / "truth.jsonl")) GTEST_SKIP() << "no protocols at " << dir;
  std::ifstream truth(dir / "truth.jsonl");
  int seen = 0;
  for (std::string line; std::getline(truth, line);) {
    if (line.empty()) continue;
    const nlohmann::json t = nlohmann::json::parse(line);
    const fs::path file = dir / "files" / t["file"].get<std::string>();
    SCOPED_TRACE(file.string());
    Meeting m;
    ASSERT_TRUE(testing::ReadAndParse(file, &m));
    ++seen;
    EXPECT_EQ(m.meeting_date.value_or(""), t["meeting_date"].get<std::string>());
    EXPECT_EQ(m.body.value_or(""), t["body"].get<std::string>());
    ASSERT_FALSE(m.municipalities.empty());
    EXPECT_EQ(m.municipalities[0], t["municipalities"][0].get<std::string>());
    std::vector<std::string> numbers;
    int decided = 0;
    for (const auto& item : m.items) {
      numbers.push_back(item.number);
      decided += item.decision.has_value();
    }
    EXPECT_EQ(numbers, t["item_numbers"].get<std::vector<std::string>>());
    EXPECT_LE(std::abs(decided - t["decisions"].get<int>()), 1);
    EXPECT_EQ(m.items.empty() ? "" : m.items[0].title, t["first_item_title"].get<std::string>());
  }
  EXPECT_GT(seen, 0);
}

}  // namespace
}  // namespace protokoll::indexer
