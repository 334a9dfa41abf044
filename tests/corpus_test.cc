// The corpus data and its loaders: every municipality with its county, the name forms that
// minutes use, typos, regional bodies, topics and synonyms.
#include <set>

#include "gtest/gtest.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/corpus/lexicon.h"

namespace protokoll::corpus {
namespace {

struct NameCase {
  const char* written;
  const char* canonical;
  const char* county;
};

TEST(Gazetteer, HasAllMunicipalitiesAndCounties) {
  const Gazetteer& g = Gazetteer::Default();
  // Sweden's 290 in 21 counties, and Finland's 47 Swedish-speaking and bilingual ones in 6
  // regions (Åland's 16 among them).
  EXPECT_EQ(g.municipalities().size(), 290u + 47u);
  EXPECT_EQ(g.counties().size(), 21u + 6u);
  std::set<std::string> names;
  std::size_t swedish = 0;
  for (const auto& m : g.municipalities()) {
    names.insert(m.name);
    if (m.county.ends_with(" län")) ++swedish;
  }
  EXPECT_EQ(names.size(), g.municipalities().size()) << "duplicate names";
  EXPECT_EQ(swedish, 290u);
}

TEST(Gazetteer, KnowsFinlandsSwedishNamesWithTheirRegions) {
  const Gazetteer& g = Gazetteer::Default();
  const NameCase cases[] = {
      {"Nykarleby", "Nykarleby", "Österbotten"},
      {"Uusikaarlepyy", "Nykarleby", "Österbotten"},
      {"Mariehamns", "Mariehamn", "Åland"},
      {"Helsinki", "Helsingfors", "Nyland"},
      {"Karleby", "Karleby", "Mellersta Österbotten"},
  };
  for (const auto& c : cases) {
    const Municipality* m = g.FindMunicipality(c.written);
    ASSERT_NE(m, nullptr) << c.written;
    EXPECT_EQ(m->name, c.canonical);
    EXPECT_EQ(m->county, c.county);
  }
  EXPECT_EQ(g.CanonicalCounty("österbotten"), "Österbotten");
  // Words of Swedish running text are no Finnish places without context.
  EXPECT_TRUE(g.FindMunicipality("Sund")->ambiguous);
  EXPECT_TRUE(g.FindMunicipality("Vasa")->ambiguous);
}

TEST(Gazetteer, MapsWrittenFormsToCanonicalNames) {
  const NameCase cases[] = {
      {"Bergs", "Berg", "Jämtlands län"},
      {"Falu", "Falun", "Dalarnas län"},
      {"Dals Ed", "Dals-Ed", "Västra Götalands län"},
      {"dals-ed", "Dals-Ed", "Västra Götalands län"},
      {"Östersunds", "Östersund", "Jämtlands län"},
      {"ÖSTERSUND", "Östersund", "Jämtlands län"},
      {"Krokoms", "Krokom", "Jämtlands län"},
      {"Upplands Väsby", "Upplands Väsby", "Stockholms län"},
      {"Gotland", "Gotland", "Gotlands län"},
      {"Malung-Sälen", "Malung-Sälen", "Dalarnas län"},
      {"Ånge", "Ånge", "Västernorrlands län"},
      {"Härnösand", "Härnösand", "Västernorrlands län"},
  };
  for (const auto& c : cases) {
    const Municipality* m = Gazetteer::Default().FindMunicipality(c.written);
    ASSERT_NE(m, nullptr) << c.written;
    EXPECT_EQ(m->name, c.canonical) << c.written;
    EXPECT_EQ(m->county, c.county) << c.written;
  }
  EXPECT_EQ(Gazetteer::Default().FindMunicipality("Socialstyrelsen"), nullptr);
  EXPECT_EQ(Gazetteer::Default().FindMunicipality(""), nullptr);
}

TEST(Gazetteer, CorrectsSpellingSlipsButNotEverything) {
  const Gazetteer& g = Gazetteer::Default();
  for (const char* typo : {"Krokomb", "Kromom", "Krokm"}) {
    const Municipality* m = g.FindMunicipalityFuzzy(typo, 1);
    ASSERT_NE(m, nullptr) << typo;
    EXPECT_EQ(m->name, "Krokom") << typo;
  }
  EXPECT_EQ(g.FindMunicipalityFuzzy("Sundsval", 1)->name, "Sundsvall");
  EXPECT_EQ(g.FindMunicipalityFuzzy("Regional", 1), nullptr);
}

TEST(Gazetteer, MarksNamesThatAreAlsoWords) {
  const Gazetteer& g = Gazetteer::Default();
  for (const char* name : {"Berg", "Mark", "Vara", "Mora", "Lund"}) {
    ASSERT_NE(g.FindMunicipality(name), nullptr) << name;
    EXPECT_TRUE(g.FindMunicipality(name)->ambiguous) << name;
  }
  EXPECT_FALSE(g.FindMunicipality("Östersund")->ambiguous);
}

TEST(Gazetteer, FindsBodiesAndTheirCounty) {
  const Gazetteer& g = Gazetteer::Default();
  const Organisation* o = g.FindOrganisation("Fyrbodals kommunalförbund");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->county, "Västra Götalands län");
  ASSERT_NE(g.FindOrganisation("fyrbodal"), nullptr);
  EXPECT_EQ(g.FindOrganisation("fyrbodal"), o);
  std::set<std::string> covered;
  for (const auto& org : g.organisations()) covered.insert(org.county);
  EXPECT_EQ(covered.size(), 21u) << "a body for every county";
  for (const auto& org : g.organisations()) {
    for (const auto& m : org.members) {
      EXPECT_NE(g.FindMunicipality(m), nullptr) << org.name << ": " << m;
    }
  }
}

TEST(Gazetteer, CanonicalCountyFromShortForms) {
  const Gazetteer& g = Gazetteer::Default();
  EXPECT_EQ(g.CanonicalCounty("jämtland"), "Jämtlands län");
  EXPECT_EQ(g.CanonicalCounty("Jämtlands län"), "Jämtlands län");
  EXPECT_EQ(g.CanonicalCounty("Västra Götaland"), "Västra Götalands län");
  EXPECT_EQ(g.CanonicalCounty("Atlantis"), "");
}

TEST(Gazetteer, ParseRejectsRowsWithoutCounty) {
  Gazetteer g;
  EXPECT_FALSE(Gazetteer::Parse("Berg\n", "", &g).ok());
  EXPECT_TRUE(Gazetteer::Parse("# comment\nBerg\tJämtlands län\tBergs\t1\n", "", &g).ok());
  EXPECT_EQ(g.municipalities().size(), 1u);
  EXPECT_TRUE(g.FindMunicipality("bergs")->ambiguous);
}

TEST(Lexicon, TopicsAndSynonymsLoad) {
  EXPECT_GE(Topics().size(), 20u);
  bool has_sprutbyte = false;
  for (const auto& t : Topics()) {
    EXPECT_FALSE(t.keywords.empty()) << t.name;
    for (const auto& k : t.keywords) has_sprutbyte |= k == "sprutbyte";
  }
  EXPECT_TRUE(has_sprutbyte);
  bool sol = false;
  for (const auto& s : Synonyms()) {
    if (s.term == "SoL") {
      for (const auto& e : s.expansions) sol |= e == "socialtjänstlagen";
    }
  }
  EXPECT_TRUE(sol);
}

}  // namespace
}  // namespace protokoll::corpus
