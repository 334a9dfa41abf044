// The parsing steps on small minutes written in the styles of real ones: cleaner (page
// furniture, tables of contents, markup), structure (items, nested lists, decisions), dates,
// body, municipalities and topics. The texts are made up; the traps are the real ones.
#include "protokoll/indexer/parser.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "body.h"
#include "dates.h"
#include "decisions.h"
#include "municipalities.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/stemming/analyzer.h"

namespace protokoll::indexer {
namespace {

RawDocument Txt(std::string text) {
  RawDocument doc;
  doc.format = "txt";
  doc.pages.push_back(std::move(text));
  return doc;
}

Meeting Parse(const std::string& text, const std::string& file_name = "minutes.txt") {
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  ctx.file_name = file_name;
  Meeting m;
  ParseMeeting(Txt(text), ctx, &m);
  return m;
}

std::vector<std::string> Numbers(const Meeting& m) {
  std::vector<std::string> out;
  for (const auto& item : m.items) out.push_back(item.number);
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

int Occurrences(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// ---------------------------------------------------------------- cleaner

TEST(Cleaner, DropsRepeatedSignatureBlocksAndTemplateDate) {
  std::string page = "Justerandes sign\n\nJusterandes sign\n\nUtdragsbestyrkande\n\n2019-02-01\n\n";
  std::string text = "2019-05-10\n\nGruppen (GR)\n\n" + page + "§ 1 Mötet öppnas\n\nText ett.\n\n" +
                     page + "Text två fortsätter.\n\n§ 2 Avslut\n\n" + page + "Slut.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_FALSE(Contains(c.text, "Justerandes sign"));
  EXPECT_FALSE(Contains(c.text, "Utdragsbestyrkande"));
  EXPECT_FALSE(Contains(c.text, "2019-02-01"));
  EXPECT_TRUE(Contains(c.text, "2019-05-10"));
  EXPECT_TRUE(Contains(c.text, "Text två fortsätter."));
  int furniture = 0;
  for (const auto& d : c.dropped) furniture += d.reason == std::string("repeated page header");
  EXPECT_EQ(furniture, 12);
}

TEST(Cleaner, DropsNoteHeaderThatRepeatsWithItsDate) {
  // The header on top of the text stays (it is the meeting's); its copies later go.
  std::string header = "Minnesanteckningar\n\nDatum: 2020-05-04\n\n\n\n";
  std::string text = header + "Nätverket i Dalarna den 30 april 2020\n\n1. Öppnande\n\nText.\n\n" +
                     header + "2. Övrigt\n\nMer text.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_EQ(Occurrences(c.text, "Datum: 2020-05-04"), 1);
  EXPECT_EQ(Occurrences(c.text, "Minnesanteckningar"), 1);
  EXPECT_LT(c.text.find("Minnesanteckningar"), c.text.find("1. Öppnande"));
  EXPECT_TRUE(Contains(c.text, "2. Övrigt"));
  EXPECT_EQ(Parse(text).meeting_date.value_or(""), "2020-04-30");
}

TEST(Cleaner, KeepsTheCoverOfTextWithoutPageBreaksThatEveryPageRepeats) {
  // The standard protocol's cover under its letterhead, repeated as every page's header in
  // text that lost its page breaks: the first copy names the body and the date.
  std::string page_head = "Kommunstyrelsens arbetsutskott\nDatum\n2025-10-14\n\n";
  std::string text = "SOLBERGA KOMMUN        SAMMANTRÄDESPROTOKOLL\n" + page_head +
                     "Plats och tid för   Stadshuset, Torget 1 Klockan 08:30-11:55\n"
                     "Justering 2025-10-17\n\n"
                     "SOLBERGA KOMMUN        SAMMANTRÄDESPROTOKOLL     2 (4)\n" +
                     page_head +
                     "§ 291 Dnr KS-2025-00010\nFörändring av ärendelista\n\nBeslut\n\n"
                     "Arbetsutskottet godkänner ärendelistan.\n\n"
                     "SOLBERGA KOMMUN        SAMMANTRÄDESPROTOKOLL     3 (4)\n" +
                     page_head +
                     "§ 292 Dnr KS-2025-00581\nYttrande om ordningsföreskrift\n\nBeslut\n\n"
                     "Arbetsutskottet tillstyrker, som kommunstyrelsen beslutade 2025-03-16.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_EQ(Occurrences(c.text, "Kommunstyrelsens arbetsutskott"), 1);
  Meeting m = Parse(text);
  EXPECT_EQ(m.meeting_date.value_or(""), "2025-10-14");
  EXPECT_EQ(m.body.value_or(""), "Kommunstyrelsens arbetsutskott");
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"291", "292"}));
}

TEST(Cleaner, ConverterFrontMatterAndRecurringSectionsOfTextWithoutPageBreaks) {
  // Markdown a converter made of a PDF: front matter, the letterhead and the kind of document
  // as every page's head, a case number that several items share, and the same section
  // heading after it. The first head names the body; the number and the heading are text.
  const std::string page =
      "JÖNKÖPINGS KOMMUN Barn- och utbildningsnämnden\n\n"
      "SAMMANTRÄDESPROTOKOLL 2019-11-19\n\n";
  std::string text = "---\nnamnd: \"BUN\"\nkalla: \"https://example.org/p.pdf\"\n---\n\n" + page +
                     "Plats och tid   Rumlaborg kl. 08:30-12:10\n\n";
  const char* const titles[] = {"Val av ledamöter", "Val av ersättare", "Val av ordförande",
                                "Val av vice ordförande"};
  for (int k = 0; k < 4; ++k) {
    text += page + "§ " + std::to_string(146 + k) + "\n\n" + titles[k] +
            "\n\nBun/2019:1052   600\n\n" + (k % 2 ? "" : "Sammanfattning\n\n") +
            "Ordförande Anna Carlsson (S) föreslår Per Ek.\n\n" +
            (k % 2 ? "Sammanfattning\n\nValet gäller mandatperioden.\n\n" : "") +
            "Barn- och utbildningsnämndens beslut\n\n- Per Ek utses.\n\n";
  }
  CleanedText c = Clean(Txt(text));
  EXPECT_EQ(Occurrences(c.text, "Sammanfattning"), 4);
  EXPECT_EQ(Occurrences(c.text, "Bun/2019:1052"), 4);
  Meeting m = Parse(text);
  EXPECT_EQ(m.body.value_or(""), "Barn- och utbildningsnämnden");
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"146", "147", "148", "149"}));
  for (const Item& item : m.items) {
    EXPECT_EQ(item.dnr, std::vector<std::string>{"Bun/2019:1052"}) << item.number;
    EXPECT_EQ(item.decision.value_or(""), "- Per Ek utses.") << item.number;
  }
}

TEST(Cleaner, KeepsDecisionLabelsAndDecisionsThatRepeat) {
  std::string text;
  for (int i = 1; i <= 4; ++i) {
    text += std::to_string(i) + ") Punkt\n\nText " + std::to_string(i) +
            ".\n\nBeslut\n\nNätverket noterar informationen.\n\n";
  }
  CleanedText c = Clean(Txt(text));
  EXPECT_TRUE(c.dropped.empty());
  Structure s = ParseStructure(c);
  ASSERT_EQ(s.items.size(), 4u);
  for (const auto& item : s.items) {
    ASSERT_TRUE(item.decision.has_value());
    EXPECT_EQ(*item.decision, "Nätverket noterar informationen.");
  }
}

TEST(Cleaner, DropsRepeatedEdgesOfPages) {
  RawDocument doc;
  doc.format = "pdf";
  for (int p = 1; p <= 4; ++p) {
    doc.pages.push_back("Protokoll        " + std::to_string(10 + p) +
                        " §   01.02.2023      Sida\n"
                        "Nämnden                          " +
                        std::to_string(p) + "\n\n" + std::to_string(10 + p) + " § Ärende nummer " +
                        std::to_string(p) + "\n\nInnehåll på sidan " + std::to_string(p) + ".\n");
  }
  CleanedText c = Clean(doc);
  // The first page's copy stays: it heads the minutes (and may be all that names the body).
  EXPECT_EQ(Occurrences(c.text, "Sida"), 1);
  EXPECT_EQ(c.text.rfind("Protokoll        11 §", 0), 0u);
  EXPECT_TRUE(Contains(c.text, "13 § Ärende nummer 3"));
  EXPECT_TRUE(Contains(c.text, "Innehåll på sidan 4."));
}

TEST(Cleaner, FirstPageHeaderNamesBodyAndDate) {
  // A municipal protocol whose body and date are only in the header every page repeats.
  RawDocument doc;
  doc.format = "pdf";
  for (int p = 1; p <= 3; ++p) {
    std::string page = "ÖSTERSUNDS KOMMUN            SAMMANTRÄDESPROTOKOLL           Sida " +
                       std::to_string(p) + "(3)\nBarn- och utbildningsnämnden       2023-11-21\n\n";
    page += p == 1 ? std::string(
                         "Plats och tid      Rådhuset, kl. 13.00-15.30\n"
                         "Beslutande         Anna Ek (S), ordförande\n")
                   : "BUN § " + std::to_string(40 + p) + "\n\nÄrende " + std::to_string(p) +
                         "\n\nNämndens beslut\nGodkänns att gälla från 2024-01-01.\n";
    page += "\nJusterandes signatur                    Utdragsbestyrkande\n";
    doc.pages.push_back(page);
  }
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  Meeting m;
  ParseMeeting(doc, ctx, &m);
  EXPECT_EQ(m.meeting_date.value_or(""), "2023-11-21");
  EXPECT_EQ(m.body.value_or(""), "Barn- och utbildningsnämnden");
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"42", "43"}));
  EXPECT_EQ(m.items[0].decision.value_or(""), "Godkänns att gälla från 2024-01-01.");
}

TEST(Cleaner, ACoverOfAFewLinesIsTheHeaderThoughEveryPageRepeatsIt) {
  // Page 1 holds only the page number, the kind, the body and the date, which every later
  // page repeats at its top; the justering's date and time are under a label broken over
  // two lines ("Justeringens plats och" / "tid").
  RawDocument doc;
  doc.format = "pdf";
  doc.pages.push_back("1\n\nProtokoll\nÖverförmyndarnämnden\n2018-02-13\n");
  for (int p = 2; p <= 4; ++p) {
    std::string page = std::to_string(p) + "\n\nÖverförmyndarnämnden\nProtokoll\n2018-02-13\n";
    page += p == 2 ? std::string(
                         "Plats och tid\n\nVäktaren, Rådhuset\nkl. 17:30-19:15\n\nBeslutande\n\n"
                         "Holger Andersson (L) (ordförande)\n\nJusteringens plats och\ntid\n\n"
                         "Rådhuset, 2018-02-15 10:00\n")
                   : "§ " + std::to_string(p - 2) + "\n\nÄrende " + std::to_string(p) +
                         "\n\nBeslut\nGodkänns.\n";
    page += "\nJusterandes sign\n\nUtdragsbestyrkande\n";
    doc.pages.push_back(page);
  }
  MetadataContext ctx;
  Meeting m;
  ParseMeeting(doc, ctx, &m);
  EXPECT_EQ(m.body.value_or(""), "Överförmyndarnämnden");
  EXPECT_EQ(m.meeting_date.value_or(""), "2018-02-13");
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"1", "2"}));
}

TEST(Cleaner, DropsHeadersOfProtocolPagesAmongManyAppendixPages) {
  // 6 protocol pages carry the protocol's header, 18 appendix pages their own: neither is
  // on half the pages. The case's reference under the header recurs too, but stays.
  RawDocument doc;
  doc.format = "pdf";
  for (int p = 0; p < 24; ++p) {
    std::string page;
    if (p % 4 == 0) {
      int n = 30 + p / 4;
      page = "Protokoll         " + std::to_string(n) + " §     12.03.2024      Sida\n" +
             "Nämnden                                   " + std::to_string(p + 1) + "\n\n" +
             "                                     KS/" + std::to_string(100 + p) + "/2024\n" +
             std::to_string(n) + " § Ärende " + std::to_string(n) + "\n\nText om ärendet " +
             std::to_string(n) + ".\n\nNämndens beslut:\n   Godkändes.\n";
    } else {
      page = "Bilaga Nämnden, 12.03.2024 § " + std::to_string(30 + p / 4) +
             "\n\nBilagans text på sidan " + std::to_string(p + 1) + " med fler ord.\n";
    }
    doc.pages.push_back(page);
  }
  CleanedText c = Clean(doc);
  EXPECT_EQ(Occurrences(c.text, "Sida"), 1);  // the first page's
  EXPECT_FALSE(Contains(c.text, "Bilaga Nämnden"));
  EXPECT_TRUE(Contains(c.text, "KS/104/2024"));
  EXPECT_TRUE(Contains(c.text, "Bilagans text på sidan 2 med fler ord."));
  Structure s = ParseStructure(c);
  ASSERT_EQ(s.items.size(), 6u);
  EXPECT_EQ(s.items[5].number, "35");
  EXPECT_EQ(s.items[5].decision.value_or(""), "Godkändes.");
}

// The numbers of the items, in order.
std::vector<std::string> ItemNumbers(const Structure& s) {
  std::vector<std::string> numbers;
  for (const auto& item : s.items) numbers.push_back(item.number);
  return numbers;
}

// The numbers of the items ParseStructure finds in text.
std::vector<std::string> ItemNumbers(const std::string& text) {
  return ItemNumbers(ParseStructure(text));
}

TEST(Cleaner, DropsTableOfContentsWithItsTitle) {
  std::string text =
      "Gruppen\n\nÄrendelista\n\nÄrendelista\t2\n§ 5 Öppnande\t3\n§ 6 Val av justerare\t3\n"
      "§ 7 Budget.....\t4\n\n§ 5 Öppnande\n\nOrdföranden öppnar.\n\n§ 6 Val av justerare\n\nText.\n"
      "\n§ 7 Budget\n\nText.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_FALSE(Contains(c.text, "Ärendelista"));
  EXPECT_FALSE(Contains(c.text, "\t3"));
  Structure s = ParseStructure(c);
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.items[2].title, "Budget");
}

// An entry whose title wraps over lines may end in its page number with neither dot leaders
// nor a gap, where the next entry opens after it.
TEST(Cleaner, DropsAnEntryThatEndsInItsPageNumberAlone) {
  std::string text =
      "Nämnden för Teknik\n\nInnehåll\n\n§ 1 Dnr TE-2024-00001\nÄrendelistan ........ 4\n\n"
      "§ 2 Dnr TE-2023-01068\n\nGRANSKNING Detaljplan för Hedeleden, sista\n"
      "svarsdag 2024-01-08. Tillhör ärende TE-2022-00650. 5\n\n§ 3 Dnr TE-2023-00869\n"
      "Motion om biologisk mångfald ........ 6\n\n"
      "§ 1                Dnr TE-2024-00001\nÄrendelistan\n\nBeslut\nListan godkänns.\n\n"
      "§ 2                Dnr TE-2023-01068\nGranskning av detaljplan\n\nText.\n\n"
      "§ 3                Dnr TE-2023-00869\nMotion om biologisk mångfald\n\nText.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_FALSE(Contains(c.text, "svarsdag 2024-01-08"));
  Structure s = ParseStructure(c);
  EXPECT_EQ(ItemNumbers(s), (std::vector<std::string>{"1", "2", "3"}));
}

// Dot leaders as short as two where the title fills the line; a title of three lines whole.
TEST(Cleaner, ShortDotLeadersAndLongTitles) {
  std::string text =
      "Kommunstyrelsens arbetsutskott\n\nInnehåll\n\n§ 215 Dnr KS-2024-00240\n"
      "Svar på Göteborgsregionens remiss av infrastrukturplanering 2026-2037 .. 3\n\n"
      "§ 216 Dnr KS-2024-00317\nSvar på remiss av promemorian Biträde åt väljare\n"
      "(Ju2024/00970) ............................ 4\n\n"
      "§ 215                      Dnr KS-2024-00240\n"
      "Svar på Göteborgsregionens remiss av infrastrukturplanering 2026-\n2037\n\nText.\n\n"
      "§ 216                      Dnr KS-2024-00317\n"
      "Yttrande över Justitiedepartementets remiss - Nya nätbrott och andra\n"
      "åtgärder för genomförandet av direktivet om bekämpning av våld mot\n"
      "kvinnor och våld i nära relationer (SOU 2026:34)\n\nText.\n";
  Structure s = ParseStructure(Clean(Txt(text)));
  EXPECT_EQ(ItemNumbers(s), (std::vector<std::string>{"215", "216"}));
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_FALSE(Contains(s.items[0].title, ".. 3"));
  EXPECT_TRUE(s.items[1].title.ends_with("(SOU 2026:34)")) << s.items[1].title;
}

TEST(Cleaner, StripsMarkupAndKeepsBoldTitlesVisible) {
  std::string text =
      "9) [bookmark: _GoBack]Övriga frågor.\nBeslutande\tAnna Ek (S)\t<i>Ordförande</i>\n"
      "§ 51 Hälsoundersökningar*Föredragande: Ordförande*\n**Fokusfrågor**\nEtt *viktigt* ord.\n"
      "Sekreterare\t_____\t\t\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_TRUE(Contains(c.text, "9) Övriga frågor.\n"));
  EXPECT_TRUE(Contains(c.text, "\tOrdförande"));
  EXPECT_FALSE(Contains(c.text, "<i>"));
  EXPECT_TRUE(Contains(c.text, "§ 51 Hälsoundersökningar\nFöredragande: Ordförande\n"));
  EXPECT_TRUE(Contains(c.text, "Ett viktigt ord."));
  EXPECT_FALSE(Contains(c.text, "_"));
  ASSERT_EQ(c.bold_lines.size(), 1u);
  EXPECT_EQ(c.text.compare(c.bold_lines[0], 13, "Fokusfrågor\n"), 0);
  EXPECT_FALSE(c.dropped.empty());
}

TEST(Cleaner, MarkdownHeadingsHeadItems) {
  CleanedText c =
      Clean(Txt("# Nätverket för IFO-chefer\n\n## Budget 2024\n\nText om "
                "budgeten.\n\n## Familjehem\n\nText.\n"));
  EXPECT_FALSE(Contains(c.text, "#"));
  Structure s = ParseStructure(c);
  std::vector<std::string> titles;
  for (const auto& item : s.items) titles.push_back(item.title);
  EXPECT_EQ(titles,
            (std::vector<std::string>{"Nätverket för IFO-chefer", "Budget 2024", "Familjehem"}));
  s = ParseStructure(Clean(Txt("## 1. Öppnande\n\nText.\n\n## 2. Budget\n\nText.\n")));
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[1].number, "2");
}

TEST(Cleaner, MarkdownTablesBecomeColumns) {
  CleanedText c =
      Clean(Txt("1. Grundbelopp\n\n| Förskola | Grundbelopp<br>2025 |\n| --- | :---: |\n"
                "| Förskola 1-2 år | 120 427 |\n| Avgift a\\|b | 12 |\n\nText om beloppen.\n"));
  EXPECT_FALSE(Contains(c.text, "---"));
  EXPECT_TRUE(Contains(c.text, "\nFörskola 1-2 år\t120 427\n")) << c.text;
  EXPECT_TRUE(Contains(c.text, "\nAvgift a\\|b\t12\n")) << c.text;
  EXPECT_FALSE(Contains(c.text, "| Förskola")) << c.text;
}

TEST(Cleaner, LosesNoMinutesText) {
  std::string text = "Tid: Fredag den 3 maj 2019\n\n1. Ett\n\nMening som ska finnas kvar.\n";
  CleanedText c = Clean(Txt(text));
  EXPECT_TRUE(Contains(c.text, "Mening som ska finnas kvar."));
  EXPECT_TRUE(Contains(c.text, "Tid: Fredag den 3 maj 2019"));
}

// ---------------------------------------------------------------- structure

TEST(Structure, SectionItemsKeepOutOfOrderNumbers) {
  Structure s = ParseStructure(std::string(
      "Gruppen\n\n§ 20 Öppnande\n\nText.\n\n§ 21 Budget\n\nText.\n\n§ 9 God och nära vård\n\n"
      "Text.\n\n§ 22 Avslut\n\nText.\n"));
  ASSERT_EQ(s.items.size(), 4u);
  EXPECT_EQ(s.items[2].number, "9");
  EXPECT_EQ(s.items[2].title, "God och nära vård");
  EXPECT_EQ(s.header, "Gruppen\n\n");
}

TEST(Structure, SectionSignAfterTheNumber) {
  Structure s = ParseStructure(std::string(
      "Organ Nämnden\n\n1§   Sammanträdets laglighet\n\nText.\n\n2 § Val av justerare\n\n"
      "Tidigare behandling:\nNämnden 20.2.2023, 13 §\n"));
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].number, "1");
  EXPECT_EQ(s.items[1].title, "Val av justerare");
}

TEST(Structure, NestedNumberedListIsNotItems) {
  Structure s = ParseStructure(std::string(
      "Närvarande: några.\n\n1. Öppnande\n\n2. Dagordning\n\n3. Föregående anteckningar\n\n"
      "4. Information och delgivningar\n\n1. *Brev från myndigheten*\n\nText.\n\n"
      "2. Sammanfattning av seminarier\n\nText.\n\n3. Rapport om läget\n\nText.\n\n"
      "5. Budget\n\nText.\n\n6. Övriga frågor\n"));
  EXPECT_EQ(ItemNumbers(s), (std::vector<std::string>{"1", "2", "3", "4", "5", "6"}));
  EXPECT_TRUE(Contains(s.items[3].text, "Rapport om läget"));
}

TEST(Structure, ListThatRestartsAndRunsOnStaysInsideItsItem) {
  Structure s = ParseStructure(std::string(
      "1. Öppnande\n2. Dagordning\n3. Anteckningar\n4. Information\n1. Brev\n2. Rapport\n"
      "3. Utredning\n3. Kommission\n4. Besök\n5. Krisstöd\n6. Tillskott\n5. Påminnelse\n"
      "1. Avtal A\n2. Avtal B\n6. Samverkan\n7. Övriga frågor\n"));
  std::vector<std::string> titles;
  for (const auto& item : s.items) titles.push_back(item.number + " " + item.title);
  EXPECT_EQ(titles, (std::vector<std::string>{"1 Öppnande", "2 Dagordning", "3 Anteckningar",
                                              "4 Information", "5 Påminnelse", "6 Samverkan",
                                              "7 Övriga frågor"}));
}

TEST(Structure, ParenItemsWithBulletsAndBoldTitles) {
  CleanedText c = Clean(
      Txt("DAGORDNING\n1) Presentation \nAnna Ek, Uddevalla\nText.\n\n2) **Budget**\n- 1 punkt\n"
          "- 2 punkt\n\n3) Övriga frågor.\n"));
  Structure s = ParseStructure(c);
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.items[1].title, "Budget");
  EXPECT_EQ(s.items[2].title, "Övriga frågor");
  EXPECT_EQ(s.header, "DAGORDNING\n");
}

TEST(Structure, BoldTitlesMarkItemsWithoutNumbers) {
  CleanedText c =
      Clean(Txt("Nätverket\n\n**Budget**\n\nText om budget.\n\n**Familjehem**\n\nText.\n"));
  Structure s = ParseStructure(c);
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].number, "");
  EXPECT_EQ(s.items[1].title, "Familjehem");
}

TEST(Structure, TextWithoutStructureIsOneItem) {
  std::string text = "Några rader utan rubriker.\nOch en till.\n";
  Structure s = ParseStructure(text);
  ASSERT_EQ(s.items.size(), 1u);
  EXPECT_EQ(s.items[0].text, text);
}

TEST(Structure, ParagraphHeadingIsTitledByItsFirstSentence) {
  Structure s = ParseStructure(std::string(
      "1. Anna hälsar alla välkomna och en presentationsrunda görs. Föregående anteckningar gås "
      "igenom och dagordningen godkänns utan ändringar och med en övrig fråga om mötestider.\n"
      "2. Budget\n"));
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].title, "Anna hälsar alla välkomna och en presentationsrunda görs");
}

std::vector<std::string> NumbersAndTitles(const Structure& s) {
  std::vector<std::string> out;
  for (const auto& item : s.items) out.push_back(item.number + " " + item.title);
  return out;
}

TEST(Structure, ProtocolAttachedToASectionItemIsNotItems) {
  // A personnel section's minutes with the negotiation protocols attached to their items:
  // their "1 §", "2 §" and "§ 1" … are the attachment's, and a "1." list is a list.
  Structure s = ParseStructure(std::string(
      "Protokoll 3/2024\n\nOrgan  Personalsektionen\n\n"
      "40 § Val av protokolljusterare\n\nTill justerare valdes Ek och Holm.\n\n"
      "41 § Lokal lönepott AKTA 1.5.2024\n\nFörhandlingen enades om att:\n"
      "   1. 0,5 % betalas ut som allmän höjning\n   2. Resten fördelas individuellt\n\n"
      "Personalsektionens beslut:\n   Förslaget godkändes.\n\nBilaga Personalsektionen § 41\n"
      "PROTOKOLL\nFörhandling om lönepotten 2.4.2024.\n"
      "1 § Arbetsgivarens anvisningar för potten\nPotten fördelas jämlikt.\n"
      "2 § Fördelning av potten\nEnades om fördelningen.\n\n"
      "42 § Lokal lönepott TS 1.5.2024\n\nSom ovan.\n\nPersonalsektionens beslut:\n"
      "   Förslaget godkändes.\n\nPROTOKOLL\n§ 1 Mötet öppnades\nText.\n§ 2 Potten\nText.\n"
      "§ 3 Mötet avslutades\n\n43 § Sammanträdesdatum hösten 2024\n\nDatum fastställdes.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{
                "40 Val av protokolljusterare", "41 Lokal lönepott AKTA 1.5.2024",
                "42 Lokal lönepott TS 1.5.2024", "43 Sammanträdesdatum hösten 2024"}));
  EXPECT_TRUE(Contains(s.items[1].text, "2 § Fördelning av potten"));
  ASSERT_TRUE(s.items[2].decision.has_value());
  EXPECT_EQ(*s.items[2].decision, "Förslaget godkändes.");
}

TEST(Structure, LoneSectionOutOfOrderIsAnItem) {
  EXPECT_EQ(ItemNumbers(std::string(
                "§ 60 Öppnande\n\nText.\n\n§ 61 Budget\n\nText.\n\n§ 1 Övriga frågor\n\nText.\n\n"
                "§ 62 Avslut\n\nText.\n")),
            (std::vector<std::string>{"60", "61", "1", "62"}));
}

// A line that starts with a statute's section ("31 § PBL", "§ 6 SoL") cites it, and a §
// out of order inside a paragraph quotes another protocol's item: neither is an item.
TEST(Structure, CitationsAndQuotedItemsAreText) {
  EXPECT_EQ(
      ItemNumbers(std::string(
          "§ 230 Bygglov\n\nNämnden bedömer att åtgärden uppfyller kraven i 9 kap.\n"
          "31 § PBL varför bygglov ska beviljas.\n\n§ 231 Tillsyn\n\nEnligt 14 kap.\n"
          "§ 6 SoL eller 24 e § LSS har missförhållanden förelegat.\n\n"
          "§ 232 Anmälningsärenden\n\nVård och omsorg, VO\n"
          "§ 109 Patientsäkerhetsberättelse delår 2024\n\n§ 233 LSS – gemensam korttidsvistelse\n"
          "\nText.\n")),
      (std::vector<std::string>{"230", "231", "232", "233"}));
}

// A § of the cover's list of who attended, wrapped onto a line of its own, is no item: the
// cover says which § numbers the protocol holds.
TEST(Structure, NumbersBeforeTheRangeTheCoverStatesAreNoItems) {
  Structure s = ParseStructure(std::string(
      "Byggnadsnämnden\n\nÖvriga närvarande\nVeronica Kinn, dataskyddskontakt § 6\n"
      "Veronica Löfqvist, dataskyddskontakt\n§ 6\n\nSekreterare   Sofie Axelsson   "
      "Paragrafer § 13\n\n§ 13               Dnr BN-2023-001559\nRättelseföreläggande med vite\n"
      "\nBeslut\nNämnden förelägger ägaren.\n"));
  EXPECT_EQ(ItemNumbers(s), (std::vector<std::string>{"13"}));
  EXPECT_EQ(s.items[0].title, "Rättelseföreläggande med vite");
}

// Notes without § may number an item on a line of its own, its title below.
TEST(Structure, NumberAloneOnALineHeadsAnItemInNotes) {
  Structure s = ParseStructure(std::string(
      "Kommunrevisionen   SAMMANTRÄDESANTECKNINGAR\n\nDatum\n2024-02-29\n\n1\n\n"
      "Mötets öppnande\n\nOrdföranden hälsar välkomna.\n\n2\nProjektplan Granskning av jäv\n\n"
      "Överenskommelse\nRevisionen godkänner planen.\n\n3.\nÖvriga frågor\n\nInga.\n\n4\n\n"
      "Avslut\nMötet avslutas.\n"));
  EXPECT_EQ(ItemNumbers(s), (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(s.items[1].title, "Projektplan Granskning av jäv");
}

TEST(Structure, SectionNumberAloneTakesTitleFromNextLine) {
  Structure s = ParseStructure(std::string(
      "Föredragningslista 9/2024\n\n120 §\nSammanträdets laglighet\n   Ordföranden öppnar.\n\n"
      "121 § Val av justerare\n   Förslag: två justerare.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"120 Sammanträdets laglighet", "121 Val av justerare"}));
}

TEST(Structure, MunicipalProtocolWithBodyAbbreviationAndCaseNumber) {
  // "KSAU § 23    Dnr KS 2022/00045" with the title on a line of its own, "Arbetsutskottets
  // beslut" as a heading, "Förslag till beslut" only a proposal.
  Structure s = ParseStructure(std::string(
      "SAMMANTRÄDESPROTOKOLL\nKommunstyrelsens arbetsutskott\n\n"
      "KSAU § 23    Dnr KS 2022/00045\n\nVal av justerare\nArbetsutskottets beslut\n"
      "Per Ek utses att justera protokollet.\n\n"
      "KSAU § 24\nDnr KS 2021/00311\nBudgetuppföljning februari\n\nFörslag till beslut\n"
      "Arbetsutskottet beslutar att godkänna uppföljningen.\n\n"
      "SN § 25  Remiss om äldreomsorg\n\nTexten.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"23 Val av justerare", "24 Budgetuppföljning februari",
                                      "25 Remiss om äldreomsorg"}));
  EXPECT_EQ(s.items[0].decision.value_or(""), "Per Ek utses att justera protokollet.");
  EXPECT_FALSE(s.items[1].decision.has_value()) << *s.items[1].decision;
}

TEST(Structure, AgendaListedBeforeTheItemsStaysInTheHeader) {
  Structure s = ParseStructure(std::string(
      "Nätverket för äldrefrågor\n\nDagordning\n\n1. Mötets öppnande\n2. Val av sekreterare\n"
      "3. Hemtjänstens bemanning\n4. Övriga frågor\n\n1. Mötets öppnande\n\nOrdföranden hälsar "
      "välkommen.\n\n2. Val av sekreterare\n\nLisa Berg väljs.\n\n3. Hemtjänstens bemanning\n\n"
      "Läget redovisas.\n\nBeslut\n\nNätverket beslutar att följa upp frågan.\n\n"
      "4. Övriga frågor\n\nInga.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"1 Mötets öppnande", "2 Val av sekreterare",
                                      "3 Hemtjänstens bemanning", "4 Övriga frågor"}));
  EXPECT_TRUE(Contains(s.header, "4. Övriga frågor"));
  ASSERT_TRUE(s.items[2].decision.has_value());
  EXPECT_EQ(*s.items[2].decision, "Nätverket beslutar att följa upp frågan.");
}

TEST(Structure, ListOfMattersBeforeTheItemsWithTitlesOnLinesOfTheirOwn) {
  // "Ärendelista": each § with its case number, the title on the next line; the items then
  // headed "SBN § 38" with the page's number or the date's label run into the line, and a
  // title that opens with "Beslut -" (no label of the decision).
  Structure s = ParseStructure(
      std::string("SAMHÄLLSBYGGNADSNÄMNDEN\n\nÄrendelista\n\n"
                  "§ 38         SBN/2025:74\n\n             Beslut om kretsloppsplan\n\n"
                  "§ 39         SBN/2025:75\n\n             Beslut - Avfallstaxa för 2026\n\n"
                  "§ 40\n                 Information från förvaltningen\n\n"
                  "SBN § 38                                     SBN/2025:74\n\n"
                  "Beslut om kretsloppsplan\n\nÄrendebeskrivning\nPlanen ska gälla till 2027.\n\n"
                  "Beslut\n\nNämnden föreslår fullmäktige att anta planen.\n\n"
                  "SBN § 39                            Sida 6 av 12\n\n"
                  "Beslut - Avfallstaxa för 2026       Sammanträdesdatum\n\nSBN/2025:75\n\n"
                  "Ärendebeskrivning\nTaxan höjs.\n\nBeslut\nNämnden antar taxan.\n\n"
                  "SBN § 40\n\nInformation från förvaltningen\n\nBeslut\nNämnden har tagit del av "
                  "informationen.\n"));
  EXPECT_EQ(NumbersAndTitles(s), (std::vector<std::string>{"38 Beslut om kretsloppsplan",
                                                           "39 Beslut - Avfallstaxa för 2026",
                                                           "40 Information från förvaltningen"}));
  EXPECT_TRUE(Contains(s.header, "Ärendelista"));
  ASSERT_EQ(s.items.size(), 3u);
  EXPECT_EQ(s.items[1].decision.value_or(""), "Nämnden antar taxan.");
}

TEST(Structure, ListOfMattersWhoseColumnsTheTextLayerPutOutOfStep) {
  // The numbers and the titles of the list no longer side by side; every § of it comes again.
  Structure s = ParseStructure(std::string(
      "KOMMUNSTYRELSEN\n\nÄrendelista\n\n§ 131        KS KF/2025:6\n"
      "§ 132        Meddelanden och delegationsbeslut\n§ 133\n§ 134        KS KF/2025:5\n"
      "             Kommundirektören informerar\n\n             KS KF/2025:29\n"
      "             Beslut om partistöd 2026\n\n"
      "KS § 131                                    KS KF/2025:6\n\n"
      "Meddelanden och delegationsbeslut\n\nBeslut\nKommunstyrelsen har tagit del av dem.\n\n"
      "KS § 132                                    KS KF/2025:5\n\nKommundirektören informerar\n\n"
      "Beslut\nKommunstyrelsen har tagit del av informationen.\n\n"
      "KS § 133                                    KS KF/2025:29\n\nBeslut om partistöd 2026\n\n"
      "Beslut\nKommunstyrelsen föreslår fullmäktige att besluta om stödet.\n\n"
      "KS § 134\n\nÖvrigt\n\nInga övriga frågor.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"131 Meddelanden och delegationsbeslut",
                                      "132 Kommundirektören informerar",
                                      "133 Beslut om partistöd 2026", "134 Övrigt"}));
  EXPECT_EQ(s.items[1].decision.value_or(""), "Kommunstyrelsen har tagit del av informationen.");
}

TEST(Structure, TheCaseNumberAfterATitleIsTheItemsNotPartOfTheTitle) {
  Meeting m = Parse(
      "Barn- och utbildningsnämnden\n\n§ 60\n\nVerksamhetsplan 2017-2019 för nämnden "
      "Bun/2016:136   041\n\nText.\n\n"
      "§ 61 Svar på motion om biologisk mångfald - KS 2023-00584\n\nText.\n");
  ASSERT_EQ(m.items.size(), 2u);
  EXPECT_EQ(m.items[0].title, "Verksamhetsplan 2017-2019 för nämnden");
  EXPECT_EQ(m.items[0].dnr, std::vector<std::string>{"Bun/2016:136"});
  EXPECT_EQ(m.items[1].title, "Svar på motion om biologisk mångfald");
  EXPECT_EQ(m.items[1].dnr, std::vector<std::string>{"KS 2023-00584"});
}

TEST(Structure, ContentsEntryWithItsPageNumberAndHeadingsAfterAListMark) {
  // A converter's Markdown: one entry of the contents written as a heading with its page
  // number, the item's own heading later; a "- § 3" heading after a list mark.
  Structure s = ParseStructure(std::string(
      "Innehåll\n\nUpprop\n\n§ 1 Informationsärenden 4\n\n| § | 2 | Val av justerare | 5 |\n\n"
      "§ 1\n\nInformationsärenden\n\nDirektören informerar.\n\n"
      "§ 2\n\nVal av justerare\n\nPer Ek väljs.\n\n- § 3\n\nDelegationsbeslut\n\n"
      "Redovisningen godkänns.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"1 Informationsärenden", "2 Val av justerare",
                                      "3 Delegationsbeslut"}));
}

TEST(Structure, BulletedSectionsInAnItemAreTheItemsItSpeaksOf) {
  // "•   § 42 …": the document's own bullets list the matters to be presented (in order,
  // next in line) or another body's decisions, not headings.
  Structure s = ParseStructure(std::string(
      "§ 41\n\nInformation\n\nFöredragning ärenden:\n\n   •   § 42 Ekonomiuppföljning\n"
      "   •   § 43 Miljöpris 2025\n\n§ 42 2026.030 BMN\n\nEkonomiuppföljning\n\nBeslut\n"
      "Godkänns.\n\n§ 43 2026.031 BMN\n\nMiljöpris 2025\n\nBeslut\nPriset delas ut.\n\n"
      "§ 44 2026.002 BMN\n\nMeddelanden\n\n   •   § 63 2025.354 KS Rutin mot hot\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"41 Information", "42 Ekonomiuppföljning",
                                      "43 Miljöpris 2025", "44 Meddelanden"}));
}

TEST(Structure, ATitleThatCannotEndThereGoesOnOnTheNextLineEvenInCapitals) {
  Structure s = ParseStructure(
      std::string("§ 27 2018.210 KS\n\nAvsägelse av uppdrag som ledamot i kommunfullmäktige -\n"
                  "Marita Ek (V)\nÄrendebeskrivning\nText.\n\n§ 28 2025.282 KUN\n\nProgram för "
                  "idrott och friluftsliv i\nAlingsås kommun\nÄrendebeskrivning\nText.\n\n"
                  "§ 29 2025.283 KUN\n\nInformation\nÄrendebeskrivning\nText.\n"));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{
                "27 Avsägelse av uppdrag som ledamot i kommunfullmäktige - Marita Ek (V)",
                "28 Program för idrott och friluftsliv i Alingsås kommun", "29 Information"}));
}

TEST(Structure, NumberingStyleOfTheAgendaWinsOverLongerLists) {
  // Three "N." items, each with a "1)" … "5)" list: the lists are longer runs, the dots
  // head the items.
  std::string text = "Minnesanteckningar\n\n";
  const char* titles[] = {"Ekonomi", "Bemanning", "Lokaler"};
  for (int i = 0; i < 3; ++i) {
    text += std::to_string(i + 1) + ". " + titles[i] + "\n\nPunkter:\n";
    for (int k = 1; k <= 5; ++k)
      text += std::to_string(k) + ") Delfråga nummer " + std::to_string(k) + "\n";
    text += "\n";
  }
  Structure s = ParseStructure(text);
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"1 Ekonomi", "2 Bemanning", "3 Lokaler"}));
}

TEST(Structure, TitleFromTheContentsWhenTheHeadingIsGarbled) {
  // A PDF whose heading font lost letters and ligatures ("beslutfrhet", "Ersätnitg för
  // hantlegtnitg"): the table of contents, dropped by the cleaner, has the title right.
  RawDocument doc;
  doc.format = "pdf";
  doc.pages.push_back(
      "Protokoll 4/2024\nOrgan      Tekniska nämnden\nSammanträdestid   12.3.2024 kl. 18.00\n\n"
      "Ärenden                                    Sida\n"
      "15 § Sammanträdets laglighet och beslutförhet ............... 1\n"
      "16 § Ersättning för handledning av praktikanter ............. 2\n"
      "17 § Hälsundersökning av personal ........................... 3\n");
  doc.pages.push_back(
      "15 § Sammanträdets laglighet och beslutfrhet\n\n   Ordföranden öppnar.\n\n"
      "16 § Ersätnitg för hantlegtnitg av prkatinater\n\n   Anvisningen gäller från 1.4.2024.\n\n"
      "17 § Hälsoundersökning av personal\n\n   En hälsoundersökning erbjuds alla.\n");
  Structure s = ParseStructure(Clean(doc));
  EXPECT_EQ(NumbersAndTitles(s),
            (std::vector<std::string>{"15 Sammanträdets laglighet och beslutförhet",
                                      "16 Ersättning för handledning av praktikanter",
                                      // The text spells it as the heading does: a slip in
                                      // the contents does not win.
                                      "17 Hälsoundersökning av personal"}));
}

// ---------------------------------------------------------------- decisions

struct DecisionCase {
  const char* body;
  const char* decision;  // nullptr: none
};

TEST(Decisions, LabelsAndSentences) {
  const DecisionCase cases[] = {
      {"Text.\n\nBeslut\n\nNätverket beslutar att godkänna avtalet.\n\nUnderrubrik\n",
       "Nätverket beslutar att godkänna avtalet."},
      {"Text.\n\nStällningstagande Sociala gruppen, SG:\n\n- A utses.\n- B utses.\n",
       "- A utses.\n- B utses."},
      {"Nätverket beslutade:\n\natt lägga informationen till handlingarna.\n\natt ge X i "
       "uppdrag.\n",
       "att lägga informationen till handlingarna.\natt ge X i uppdrag."},
      {"Gruppen beslutade\n\natt godkänna planen.\n", "att godkänna planen."},
      {"Beslut: Presidiet ger förbundet i uppdrag att samla planerna.\n\nNästa stycke.\n",
       "Presidiet ger förbundet i uppdrag att samla planerna."},
      {"Text om saken.\nPresidiet beslutar att ge förbundet i uppdrag att utreda.\n",
       "Presidiet beslutar att ge förbundet i uppdrag att utreda."},
      {"- SRO, Eva Ek, Ale. Nätverket förordar att Eva Ek utses.\n",
       "Nätverket förordar att Eva Ek utses."},
      {"SCHNV ställer sig bakom förslaget.\n", "SCHNV ställer sig bakom förslaget."},
      {"Ställningstagande görs i varje kommun om detta.\n",
       "Ställningstagande görs i varje kommun om detta."},
      {"Förslag till beslut: Presidiet rekommenderar kommunerna att införa team.\n\nFrågan "
       "återkommer.\n",
       nullptr},
      // A decision in numbered points under its label; a list of items after it is not.
      {"Text.\nBeslut\n   1. Rutin för debatt godkänns.\n   2. Debatter införs inför "
       "mandatperioden 2027–\n      2030.\n\nAnteckning\nEn anteckning.\n",
       "1. Rutin för debatt godkänns.\n2. Debatter införs inför mandatperioden 2027–\n2030."},
      {"Beslut\nPlanen antas.\n\n5. Nästa punkt\n", "Planen antas."},
      // A board's decision is what it proposes to the council, under a heading of its own.
      {"Beslutsgång\nOrdföranden finner bifall.\nBeslut\nFörslag till beslut i "
       "kommunfullmäktige\nMotionen avslås i sin helhet.\n\n\nAnteckning\nText.\n",
       "Förslag till beslut i kommunfullmäktige\nMotionen avslås i sin helhet."},
      {"Beslut\n\nFörslag till beslut i kommunfullmäktige\n\nMotionen bifalls.\n",
       "Förslag till beslut i kommunfullmäktige\nMotionen bifalls."},
      {"Smittskydd Dalarna rekommenderar fortsatt testning.\n", nullptr},
      {"Gruppen beslutade 2 september 2021 att lämna ett yttrande.\n", nullptr},
      {"Inga synpunkter, anteckningarna läggs till handlingarna.\n", nullptr},
      {"Johan informerar om beslut då nätverket beslutade att:\n- inte förlänga avtalet\n",
       nullptr},
      {"Stadsstyrelsens beslut:\n   Godkändes.\n   ____\nNämnden 1.2.2023, 4 §\n"
       "Förslag:\n   Nämnden antecknar.\nNämndens beslut:\n   Antecknades för kännedom.\n   ____\n",
       "Antecknades för kännedom."},
      // Labels as broken PDF fonts leave them: a stray letter after the colon, "beslut"
      // itself garbled; the proposal before them stays a proposal.
      {"Kulturchef Eva Eks lörslag:i\n   Antecknas.\nKulturnämndens beslut:i\n"
       "   Nämnden tackade för presentationen.\n",
       "Nämnden tackade för presentationen."},
      {"Stadsdirektörens förslag:\n   Godkänns.\nPeesonalsektionens besluö:\n"
       "   Stadsdirektörens förslag godkändes.\n",
       "Stadsdirektörens förslag godkändes."},
      {"Tekniska nämndens beslut: Godkändes enligt förslag.\n", "Godkändes enligt förslag."},
      {"Ordförande Eva Eks förslag:\n   Nämnden godkänner planen.\n", nullptr},
      {"Planen gicks igenom.\nBeslöts att godkänna planen med ändringarna.\n",
       "Beslöts att godkänna planen med ändringarna."},
      {"Förra mötet beslöts att utreda frågan, vilket nu är gjort.\n", nullptr},
      // An agenda: this meeting's "beslut:" is still empty, an earlier handling's is not
      // this meeting's; the next case's reference number and an attachment's cover page
      // are no decision either.
      {"Tidigare behandling:\nStadsstyrelsen 3.4.2024, 50 §\nStadsstyrelsens beslut:\n"
       "   Ärendet remitteras.\n\nStadsstyrelsen 2.5.2024, 61 §\nFörslag:\n   Avtalet godkänns.\n"
       "\nStadsstyrelsens beslut:\n\n                                    KS/112/2024\n",
       nullptr},
      {"Förslag:\n   Undantag beviljas.\n\nStadsstyrelsens beslut:\n\n"
       "                                        Lindqvist\n                    893-12-4\n",
       nullptr},
      {"Stadsstyrelsens beslut:\n\nKONDITIONSRAPPORT FÖR GATOR OCH BROAR\n", nullptr},
      // The label with what or whose the decision is, as a heading of its own.
      {"Beslut – Förslag till kommunfullmäktige\nKommunfullmäktige noterar rapporten till "
       "protokollet.\n\nSammanfattning av ärendet\n",
       "Kommunfullmäktige noterar rapporten till protokollet."},
      {"Beslut i nämnden för Förskola & Grundskola\n\nVerksamheten flyttas till Sandlyckan.\n",
       "Verksamheten flyttas till Sandlyckan."},
      // A heading in capitals that a converter ran into the label after it; a sentence after
      // such a heading is no label.
      {"BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2019-11-19 Barn- och utbildningsnämndens "
       "beslut\n\n- Redovisningen godkänns.\n",
       "- Redovisningen godkänns."},
      {"BARN- OCH UTBILDNINGSNÄMNDENS BEHANDLING 2019-11-19 Ordförande Eva Ek yrkar bifall.\n",
       nullptr},
      {"Beslut i frågan fattas i juni.\n", nullptr},
  };
  for (const auto& c : cases) {
    std::vector<std::string_view> lines;
    std::string_view body(c.body);
    while (!body.empty()) {
      std::size_t nl = body.find('\n');
      lines.push_back(body.substr(0, nl));
      body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    }
    auto got = ExtractDecision(lines);
    if (c.decision) {
      ASSERT_TRUE(got.has_value()) << c.body;
      EXPECT_EQ(*got, c.decision) << c.body;
    } else {
      EXPECT_FALSE(got.has_value()) << c.body << " -> " << got.value_or("");
    }
  }
}

// ---------------------------------------------------------------- dates

TEST(Dates, FindsEveryWrittenForm) {
  auto d = FindDates("Fredag den 8 oktober 2021, 15.9.2022, 2021-10-08, 24/5 och 200828, 28 sep.");
  ASSERT_EQ(d.size(), 6u);
  EXPECT_EQ(d[0].weekday, 4);
  EXPECT_TRUE(d[0].after_den);
  EXPECT_EQ(d[0].year, 2021);
  EXPECT_EQ(d[1].month, 9);
  EXPECT_EQ(d[2].day, 8);
  EXPECT_TRUE(d[3].slash);
  EXPECT_TRUE(d[4].compact);
  EXPECT_EQ(d[4].year, 2020);
  EXPECT_EQ(d[5].month, 9);
  EXPECT_EQ(Weekday(2021, 10, 8), 4);
}

TEST(Dates, SlashAndDottedFormsWithTheirYear) {
  const std::pair<const char*, const char*> cases[] = {
      {"Tid: 3/3 2021 kl. 13.00\n\n1. Öppnande\n", "2021-03-03"},
      {"Datum 3/3-2021\n\n1. Öppnande\n", "2021-03-03"},
      {"Mötesdatum: 2021.03.04\n\n1. Öppnande\n", "2021-03-04"},
  };
  for (const auto& [text, want] : cases) {
    Meeting m = Parse(text);
    EXPECT_EQ(m.meeting_date.value_or(""), want) << text;
    EXPECT_FALSE(m.date_inferred) << text;
  }
  // "Torsdagen den 4 mars": the definite weekday decides the year among those mentioned.
  Meeting m = Parse(
      "Nätverket\n\nTid: Torsdagen den 4 mars kl. 9\n\n1) Budget\n\nUtfallet 2020 och "
      "prognosen 2021 och 2022.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2021-03-04");
  EXPECT_TRUE(m.date_inferred);
}

TEST(Dates, MeetingDateNotTemplateOrWritingDate) {
  Meeting m = Parse(
      "2021-06-04\n\nGruppen (GR)\nTid och plats\tFredag den 8 oktober 2021 kl. 9\n\n"
      "§ 1 Öppnande\n\nFöregående protokoll från 4 juni 2021.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2021-10-08");
  EXPECT_FALSE(m.date_inferred);
  m = Parse(
      "Minnesanteckningar\n\nDatum: 2020-09-28\n\nNätverket (NV) i Dalarna den 25 september "
      "2020\n\nTid: 8.00-9.00\n\n1. Öppnande\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2020-09-25");
  m = Parse(
      "Minnesanteckningar presidiet 29 mars 2019\n\n1. Öppnande\n\nNästa möte: 24/5 heldag\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2019-03-29");
}

TEST(Dates, YearInferredFromWeekdayAndMentionedYears) {
  Meeting m = Parse(
      "Nätverk\n\nTid:\tTorsdag den 9 april\n\n1) Budget\n\nPrognosen för 2020 och 2021 "
      "redovisas.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2020-04-09");
  EXPECT_TRUE(m.date_inferred);
}

TEST(Dates, FinnishSwedishProtocolAndFileNameFallback) {
  Meeting m = Parse(
      "Protokoll 5/2022\n\nOrgan            Välfärdsnämnden\nSammanträdestid  "
      "15.9.2022 kl. 18.00\n\n39 § Laglighet\n\nText publiceras 22.9.2022.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2022-09-15");
  EXPECT_EQ(m.body.value_or(""), "Välfärdsnämnden");
  m = Parse("Anteckningar utan datum.\n", "radet_protokoll_24_05_2023_16_00.txt");
  EXPECT_EQ(m.meeting_date.value_or(""), "2023-05-24");
  m = Parse("Anteckningar utan datum.\n", "natverket_2019-11-14_000012.txt");
  EXPECT_EQ(m.meeting_date.value_or(""), "2019-11-14");
}

TEST(Dates, NeverADateLabelledAsAnotherEvent) {
  // The header's only dates are the justering's and the next meeting's; the items date an
  // earlier decision and a document: no meeting date, and a warning says so.
  Meeting m = Parse(
      "Styrelsemöte i Solberga båtklubb\n\nJustering 2024-03-20\nNästa möte: 2024-04-17\n\n"
      "§ 1 Budget\n\nStyrelsen beslutade 2023-03-16 § 56 om ramen.\n\n"
      "§ 2 Hamnen\n\nBeslutsunderlag\nTjänsteskrivelse 2024-02-28\n");
  EXPECT_FALSE(m.meeting_date.has_value()) << *m.meeting_date;
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_NE(m.warnings[0].find("no meeting date"), std::string::npos);
  // With the label, the date comes from its line wherever the cover puts it; the dates of
  // signing and posting never win.
  m = Parse(
      "Sammanträdesprotokoll\nÖverförmyndarnämnden\n\nJusteringens plats och tid  Stadshuset "
      "2024-03-22\nDatum då anslaget sätts upp 2024-03-23\nSammanträdesdatum  2024-03-19\n\n"
      "§ 12 Ärende\n\nText.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2024-03-19");
  ASSERT_FALSE(m.evidence.empty());
  EXPECT_EQ(m.evidence[0].field, "meeting_date");
  EXPECT_EQ(m.evidence[0].line, "Sammanträdesdatum  2024-03-19");
  EXPECT_EQ(m.evidence[0].kind, "labelled 'sammanträdesdatum'");
}

TEST(Dates, TheStandardCoverWithItsPostingBlock) {
  // The common template: the date under a row of labels, the justering's place and time on
  // two lines, the posting ("anslag") block with the body and dates of its own.
  Meeting m = Parse(
      "                         SAMMANTRÄDESPROTOKOLL\n"
      "                         Sammanträdesdatum        Sida\n"
      "                         2025-05-19               1(12)\n"
      "Kommunstyrelsen\n\n"
      "Plats och tid        Kommunhuset, Sessionssalen, kl. 13.00–16.15\n"
      "Beslutande           Anna Ek (S), ordförande\n"
      "Utses att justera    Per Holm (M)\n"
      "Justeringens\n"
      "plats och tid        Kommunkansliet 2025-05-22\n"
      "Underskrifter        Sekreterare                       Paragrafer 61–74\n\n"
      "ANSLAG/BEVIS\n"
      "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.\n"
      "Organ                Kommunstyrelsen\n"
      "Sammanträdesdatum    2025-05-19\n"
      "Datum då anslaget sätts upp  2025-05-23    Datum då anslaget tas ned  2025-06-14\n\n"
      "§ 61 Val av justerare\n\nBeslut\nPer Holm utses.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2025-05-19");
  EXPECT_EQ(m.body.value_or(""), "Kommunstyrelsen");
}

// A label opens its line: an item's sentence that wraps to "sammanträdestid den 11 december
// …" dates another meeting, not this one.
TEST(Dates, NoLabelInTheMiddleOfASentence) {
  const std::string text =
      "KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL\nNämnden för Vård & Omsorg\nDatum\n"
      "2025-10-16\n\n§ 152 Tidplan\n\nOrdföranden frågar om nämnden kan ändra\n"
      "sammanträdestid den 11 december till klockan 13:00, och finner att nämnden bifaller.\n";
  const auto d = FindMeetingDate(text, text.find("§ 152"), "");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->iso, "2025-10-16");
  // Nor does a line a break began with the word ("tid, vilket bör utredas …"): outside the
  // header only a labelled line dates the meeting, and here none does.
  const std::string wrapped =
      "Miljönämnden\n\n§ 51 2026.050 BMN\n\nYttrande\n"
      "Variationer i vattenstånd kan påverka arter över\ntid, vilket bör utredas.\n\n"
      "Arbetsutskottet har behandlat ärendet under sitt sammanträde 9 juni 2026, § 39.\n";
  const auto none = FindMeetingDate(wrapped, wrapped.find("§ 51"), "");
  EXPECT_FALSE(none.has_value()) << none->iso;
}

TEST(Dates, LabelAboveItsValueAndFinnishAndWrittenOutForms) {
  EXPECT_EQ(Parse("SOLBERGA KOMMUN   PROTOKOLL\nValnämnden\nSammanträdesdatum\n19.5.2025\n\n"
                  "§ 3 Val\n\nText 2025-04-01.\n")
                .meeting_date.value_or(""),
            "2025-05-19");
  EXPECT_EQ(Parse("Protokoll fört vid sammanträde med kommunstyrelsen tisdagen den 4 mars 2025\n\n"
                  "§ 1 Öppnande\n\nNästa sammanträde hålls den 1 april 2025.\n")
                .meeting_date.value_or(""),
            "2025-03-04");
  // Outside the header only a labelled line tells the date.
  EXPECT_EQ(Parse("Anteckningar\n\n1. Info\n\nSkolan öppnar den 3 maj 2021.\n\n2. Mötet\n\n"
                  "Tid: 2021-04-12 kl. 10-12\n")
                .meeting_date.value_or(""),
            "2021-04-12");
}

TEST(Structure, ReadsTheSectionSignThatOcrReadAsADollar) {
  Meeting m = Parse(
      "Nämnden för Teknik\nDatum 2024-02-05\n\n$ 1 Dnr TE-2023-01081\nFöreskrift om "
      "bärighetsklass\n\nBeslut\nNämnden antar föreskriften.\n\n§ 2 Dnr TE-2023-01090\n"
      "Information\n\nBeslut\nNämnden noterar informationen. Kostnaden är $ 40 per ton.\n");
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(m.items[0].title, "Föreskrift om bärighetsklass");
}

TEST(Structure, BoldItemsWhoseNumberingRestartsAfterSubPoints) {
  // Converted from Word: the items are bold, the sub-points of item 2 are a plain list, and
  // the list numbering restarts after them.
  RawDocument doc;
  doc.format = "md";
  doc.pages.push_back(
      "Minnesanteckningar Styrgruppen för hemtjänst 2024-05-06\n\n**1. Mötets öppnande**\n\n"
      "Ordföranden öppnar.\n\n**2. Budget**\n\n1. Drift\n\n2. Investeringar\n\n"
      "3. Personal\n\n**1. Övrigt**\n\nInget övrigt.\n\n**2. Avslutning**\n\nMötet avslutas.\n");
  Meeting m;
  MetadataContext ctx;
  ParseMeeting(doc, ctx, &m);
  ASSERT_EQ(m.items.size(), 4u);
  EXPECT_EQ(m.items[1].title, "Budget");
  EXPECT_NE(m.items[1].text.find("3. Personal"), std::string::npos);
  EXPECT_EQ(m.items[2].title, "Övrigt");
  EXPECT_EQ(m.items[3].title, "Avslutning");
}

TEST(Structure, AFileInAnUnknownLayoutLosesNothingAndInventsNothing) {
  const std::string text =
      "Hej alla, här kommer en sammanfattning av vad vi pratade om i tisdags.\n\n"
      "Vi gick igenom budgeten och läget i hemtjänsten. Skolan öppnade den 3 maj 2021, "
      "och Eva skickar underlaget till Per.\n\nHälsningar Kim\n";
  Meeting m = Parse(text, "anteckningar.txt");
  ASSERT_EQ(m.items.size(), 1u);
  for (const char* words : {"sammanfattning", "läget i hemtjänsten", "Hälsningar Kim"}) {
    EXPECT_NE(m.items[0].text.find(words), std::string::npos) << words;
  }
  EXPECT_FALSE(m.meeting_date.has_value()) << *m.meeting_date;
  EXPECT_FALSE(m.body.has_value()) << *m.body;
  EXPECT_FALSE(m.warnings.empty());
}

// ---------------------------------------------------------------- body

TEST(Body, NeverAPersonATimeOrAPlace) {
  const std::pair<const char*, const char*> cases[] = {
      // The standard template: letterhead, the body, the date under its label.
      {"SOLBERGA KOMMUN        SAMMANTRÄDESPROTOKOLL\nByggnadsnämndens arbetsutskott\nDatum\n"
       "2025-05-19\n",
       "Byggnadsnämndens arbetsutskott"},
      // Place and time before the body; a chair before it.
      {"Plats och tid  Stadshuset, kl. 13.00-15.00\nAnna Berg (S), ordförande\nValnämnd\n",
       "Valnämnden"},
      {"Protokoll fört vid sammanträde med kommunstyrelsen\n", "Kommunstyrelsen"},
      {"Protokoll från socialnämndens sammanträde 2021-03-04\n", "Socialnämnden"},
      {"SAMMANTRÄDESPROTOKOLL\nUNGDOMSFULLMÄKTIGE\n", "Ungdomsfullmäktige"},
      {"Kungsbackarummet, Storgatan 37\nNämnden för Service\n", "Nämnden för Service"},
  };
  for (const auto& [header, want] : cases) {
    EXPECT_EQ(FindBody(header, nullptr, nullptr).value_or(""), want) << header;
  }
}

TEST(Body, NameFromTitleLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"\n\nSocialchefs nätverk\n\nTid:\tFredag den 23 oktober\n", "Socialchefsnätverket"},
      {" \tNätverk för socialnämndsrepresentanter\n\t \nTid:\tFredag",
       "Nätverket för socialnämndsrepresentanter"},
      {"Minnesanteckningar socialpresidiet 29 mars 2019\n", "Socialpresidiet"},
      {"2021-10-08\n\nSociala samrådsgruppen (SocSam)\t\t\n", "Sociala samrådsgruppen"},
      {"Socialchefs nätverket (SCHNV) i Dalarna den 25 september 2020\n", "Socialchefsnätverket"},
      {"IFO-chefs nätverket\n", "IFO-chefsnätverket"},
      {"Länsnätverket för missbruksvård i Västerbotten\n",
       "Länsnätverket för missbruksvård i Västerbotten"},
      // The label of the next column run into the line by the text layer.
      {"KUNGSBACKA KOMMUN SAMMANTRÄDESPROTOKOLL\n\nNämnden för Kultur & Fritid Datum\n"
       "2024-08-21\n",
       "Nämnden för Kultur & Fritid"},
      // A letterhead, the kind of document and the page number run into one line.
      {"JÖNKÖPINGS KOMMUN SAMMANTRÄDESPROTOKOLL 11 Barn- och utbildningsnämnden 2023-01-02\n",
       "Barn- och utbildningsnämnden"},
      {"Lomma kommun Samhällsbyggnadsnämnden\n", "Samhällsbyggnadsnämnden"},
      // A narrow title block breaks the name after its suspended compound.
      {"                                        1\n\n          Bygg- och\n          miljönämnden\n"
       "          Protokoll\n          2026-05-19\nPlats och tid    Skräddaren\n",
       "Bygg- och miljönämnden"},
      {"Kultur- och\nutbildningsnämnden\nProtokoll\n", "Kultur- och utbildningsnämnden"},
      {"Vård- och\n\nOmsorgsgruppen\n", "Omsorgsgruppen"},
      // ... or broke a word without a hyphen.
      {"     1\n\n        Överförmyndarnämnde\n        n\n        Protokoll\n\n     2026-06-11\n",
       "Överförmyndarnämnden"},
      {"Kommunstyrelsen\nProtokoll\nkl. 13.00\n", "Kommunstyrelsen"},
  };
  for (const auto& [header, want] : cases) {
    EXPECT_EQ(FindBody(header, nullptr, nullptr).value_or(""), want) << header;
  }
}

TEST(Body, OrganFieldTheHeaderRepeats) {
  // The cover's text layer garbled the body's name; the next page's copy of the block and
  // the signatures spell it right.
  std::string header =
      "Protokoll 2/2024\n\nOrgan          Rådet för äldrefrgr\nSammanträdestid   3.4.2024\n\n"
      "Eva Ek, ordförande i Rådet för äldrefrågor 8.4.2024\nProtokoll 2/2024\n"
      "Organ          Rådet för äldrefrågor\nSammanträdestid   03.04.2024 kl. 16:00\n";
  EXPECT_EQ(FindBody(header, nullptr, nullptr).value_or(""), "Rådet för äldrefrågor");
}

TEST(Body, OrganFieldOfACoverTableFlattenedIntoOneLine) {
  EXPECT_EQ(FindBody("Organ Barn- och utbildningsnämnden Sammanträdesdatum 2024-09-17 Datum för "
                     "anslags uppsättande 2024-09-25 Förvaringsplats för protokollet Stadshuset\n",
                     nullptr, nullptr)
                .value_or(""),
            "Barn- och utbildningsnämnden");
}

TEST(Metadata, ConvertersFrontMatterIsNotTheMinutes) {
  // The converter dated the file by its name, wrongly; the minutes state their date.
  Meeting m = Parse(
      "---\nnamnd: \"Barn- och utbildningsnämnden\"\ndatum: \"2021-01-25\"\n---\n\n"
      "Sammanträdesprotokoll Barn- och utbildningsnämnden\n\n2022-01-25\n\n"
      "Plats och tid   Rumlaborg kl. 08:30\n\n§ 1 Val av justerare\n\nPer Ek väljs.\n");
  EXPECT_EQ(m.meeting_date.value_or(""), "2022-01-25");
  EXPECT_EQ(m.body.value_or(""), "Barn- och utbildningsnämnden");
}

// ---------------------------------------------------------------- municipalities

std::vector<std::string> Munis(const std::string& text,
                               std::size_t header_end = std::string::npos) {
  const auto& finder = MunicipalityFinder::For(corpus::Gazetteer::Default());
  return finder.Find(text, header_end == std::string::npos ? text.size() : header_end);
}

TEST(Municipalities, NameMunicipalityListSkipsSurnames) {
  EXPECT_EQ(Munis("Närvarande: Anna Ek Ånge, Per Holm Sundsvall, Eva Mora Sollefteå, Lars Kempe, "
                  ", Salem Haddad Timrå, Lisa Berg Kommunförbundet.\n"),
            (std::vector<std::string>{"Ånge", "Sundsvall", "Sollefteå", "Timrå"}));
}

TEST(Municipalities, NameCommaMunicipalityList) {
  EXPECT_EQ(Munis("Deltagare: \tStefan Skoglund, Uddevalla, Ingrid Mora, Hjo, Magnus Berg, Vara, "
                  "Ulla Dahl, Dals Ed (digitalt), Lis Palm och Annica Johansson, Fyrbodals "
                  "kommunalförbund \n"),
            (std::vector<std::string>{"Uddevalla", "Hjo", "Vara", "Dals-Ed"}));
}

TEST(Municipalities, KommunColumnsAndGenitives) {
  EXPECT_EQ(Munis("Beslutande\tAnna Ek (S) Per Berg (M)\tBergs kommun Falu kommun Krokoms kommun\t"
                  "Ordförande\nEj närvarande\tPer Nilsson (M), Åre kommun\n"),
            (std::vector<std::string>{"Berg", "Falun", "Krokom"}));
}

TEST(Municipalities, SpellingSlipsOnlyInContext) {
  EXPECT_EQ(Munis("Text.\n", 0).size(), 0u);
  EXPECT_EQ(Munis("Ledamot Andreas Karlsson, Krokomb lyfter frågan.\n", 0),
            (std::vector<std::string>{"Krokom"}));
  EXPECT_EQ(Munis("Kromom och Ragunda har aviserat att de avstår.\n", 0),
            (std::vector<std::string>{"Ragunda", "Krokom"}));
  EXPECT_EQ(Munis("Vi besökte Kromom i våras.\n", 0).size(), 0u);
  EXPECT_EQ(Munis("Avtalet innefattar kommunerna Bräcke, Härjedalen, Krokoms och Åre.\n", 0),
            (std::vector<std::string>{"Bräcke", "Härjedalen", "Krokom", "Åre"}));
}

TEST(Municipalities, WordsAndNamesThatEqualMunicipalities) {
  EXPECT_EQ(Munis("Salem Haddad berättar att Södertälje har 40 lägenheter. Nora Ek menar att "
                  "det är svårt. Ale Andersson deltar. Mark är viktig. Regionförbundet i Kalmar "
                  "län.\n",
                  0),
            (std::vector<std::string>{"Södertälje"}));
  EXPECT_EQ(Munis("Erfarenheterna från Mora är goda. Tjänstemännen i Sala önskar mer.\n", 0),
            (std::vector<std::string>{"Mora", "Sala"}));
}

TEST(Municipalities, TheIssuerComesFirstFromLetterheadOrWebAddress) {
  const auto& finder = MunicipalityFinder::For(corpus::Gazetteer::Default());
  std::string line;
  const corpus::Municipality* m =
      finder.FindIssuer("ÖREBRO KOMMUN        SAMMANTRÄDESPROTOKOLL\nKommunstyrelsen\n", &line);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->name, "Örebro");
  EXPECT_EQ(line, "ÖREBRO KOMMUN        SAMMANTRÄDESPROTOKOLL");
  // Nothing on the cover but the place the protocol is published.
  m = finder.FindIssuer(
      "Protokoll 1/2023\nOrgan   Ungdomsfullmäktige\n\nPubliceras på www.nykarleby.fi "
      "8.2.2023\n",
      &line);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->name, "Nykarleby");
  // A municipality a participant came from is no letterhead.
  EXPECT_EQ(finder.FindIssuer("Ej närvarande:  Eva Ek, Ale kommun\nText.\n", &line), nullptr);
  Meeting meeting = Parse(
      "Protokoll\nNämnden för Miljö\nSammanträdesdatum 2024-02-01\n\n§ 1 Samråd med Mölndal "
      "och Härryda\n\nFrågor till registrator@kungsbacka.se.\n");
  EXPECT_EQ(meeting.municipalities, (std::vector<std::string>{"Kungsbacka", "Mölndal", "Härryda"}));
  EXPECT_EQ(meeting.county.value_or(""), "Hallands län");
}

TEST(Municipalities, SlipsWhereOnlyAPlaceCanStand) {
  EXPECT_EQ(
      Munis("Erfarenheterna från Vnigåker är goda. Karin redogör för läget i Nynäsahmn.\n", 0),
      (std::vector<std::string>{"Vingåker", "Nynäshamn"}));
  // Short names, foreign places and changed letters stay out: Vasa is not Vara, Borgå not
  // Borås (both are Finland's own), Tammerfors nothing, the programme "Bostad först" not
  // Båstad.
  EXPECT_EQ(Munis("Resan gick till Vasa och Borgå. Möte i Tammerfors. Tio platser inom "
                  "Bostad först.\n",
                  0),
            (std::vector<std::string>{"Vasa", "Borgå"}));
}

// Names that are no municipality of the minutes: the court "Mark- och miljödomstolen", a
// list of counties, a politician's first name after a party.
TEST(Municipalities, CourtsCountiesAndFirstNamesAreNone) {
  EXPECT_EQ(Munis("Beslutet överklagades till Mark- och\nmiljööverdomstolen. Överklagan ligger "
                  "nu hos Mark & miljödomstolen, och Mark och miljödomstolen dömde.\n",
                  0),
            (std::vector<std::string>{}));
  EXPECT_EQ(Munis("Distriktet omfattar Skånes län. Även Kronobergs, Örebro, Jönköpings, "
                  "Dalarnas\noch Jämtlands län ingår. Samverkan med Örebro kommun.\n",
                  0),
            (std::vector<std::string>{"Örebro"}));
  EXPECT_EQ(Munis("Närvarande: Birgitta Gustafsson (L) för Markus\nRidén (V)\n", 0),
            (std::vector<std::string>{}));
  // Before "&" a word is part of a name: "inom Vård & Omsorg" is no slip of Vårdö.
  EXPECT_EQ(Munis("Taxor och avgifter inom Vård & Omsorg höjs.\n", 0),
            (std::vector<std::string>{}));
  // A place all the same: "i Mark", "Mark och Borås", "i Salem och de flesta kommunerna".
  EXPECT_EQ(Munis("Mötet hölls i Mark. Mark och Borås samverkar. Besparingar i Salem och de "
                  "flesta kommunerna.\n",
                  0),
            (std::vector<std::string>{"Mark", "Borås", "Salem"}));
}

TEST(Municipalities, SlipsWhereASubjectOrAPlaceStands) {
  EXPECT_EQ(Munis("Plats: Socialkontoret i Bjjuv\n", 0), (std::vector<std::string>{"Bjuv"}));
  EXPECT_EQ(Munis("Arbetet har förstärkts i Orut.\n", 0), (std::vector<std::string>{"Orust"}));
  EXPECT_EQ(Munis("Hon berättar att Härrydda planerar ett nytt boende.\n", 0),
            (std::vector<std::string>{"Härryda"}));
  EXPECT_EQ(Munis("Gllivare har skickat in en skrivelse.\n", 0),
            (std::vector<std::string>{"Gällivare"}));
  // A list entry opens a sentence: "Klippan" (also a word) is a place before "har".
  EXPECT_EQ(Munis("- Klippan har aviserat att de inte deltar.\n", 0),
            (std::vector<std::string>{"Klippan"}));
  // A subject that is no place stays out, and so does a changed letter.
  EXPECT_TRUE(
      Munis("Hon berättar att Kristina planerar mötet. Resan går till Bostad.\n", 0).empty());
}

TEST(Municipalities, CountyFromMajorityOrBody) {
  Meeting m = Parse(
      "Nätverket\n\nDeltagare: Anna Ek, Uddevalla, Per Holm, Vänersborg, Eva Ek, "
      "Härnösand\n\n1) Punkt\n");
  EXPECT_EQ(m.county.value_or(""), "Västra Götalands län");
  m = Parse("Nätverket\n\nDeltagare: Lis Palm, Fyrbodals kommunalförbund\n\n1) Punkt\n");
  EXPECT_EQ(m.county.value_or(""), "Västra Götalands län");
  EXPECT_TRUE(m.municipalities.empty());
}

// ---------------------------------------------------------------- topics

// Topics matched through the analyzer (the suite is skipped without its dictionary).
class Topics : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!analyzer_ && !stemming::Analyzer::Open({}, &analyzer_).ok()) {
      GTEST_SKIP() << "no analyzer dictionary";
    }
  }

  // The topics of each item of minutes, parsed into meeting_.
  std::vector<std::vector<std::string>> ItemTopics(std::string_view minutes) {
    MetadataContext ctx;
    ctx.gazetteer = &corpus::Gazetteer::Default();
    ctx.analyzer = analyzer_.get();
    ParseMeeting(Txt(std::string(minutes)), ctx, &meeting_);
    std::vector<std::vector<std::string>> topics;
    for (const Item& item : meeting_.items) topics.push_back(item.topics);
    return topics;
  }

  static std::unique_ptr<stemming::Analyzer> analyzer_;
  Meeting meeting_;
};
std::unique_ptr<stemming::Analyzer> Topics::analyzer_;

TEST_F(Topics, MatchThroughTheAnalyzer) {
  const auto topics = ItemTopics(
      "Nätverket\n\n1. Sprutbyte i länet\n\nSprutbyte diskuteras. Ett sprutbyte "
      "startar.\n\n2. Väder\n\nDet regnade.\n");
  ASSERT_EQ(topics.size(), 2u);
  EXPECT_NE(std::find(topics[0].begin(), topics[0].end(), "sprutbyte"), topics[0].end());
  EXPECT_TRUE(topics[1].empty());
  ASSERT_FALSE(meeting_.topics.empty());
}

// A text word that has a keyword as its part is the topic; a part of a keyword is not: the
// streets, laws and supplies of a traffic item are no topic of the taxonomy's.
TEST_F(Topics, AKeywordsPartsAreNoMatch) {
  EXPECT_EQ(ItemTopics("Nätverket\n\n1. Trafikföreskrift för Järnvägsgatan\n\nLagen om lokala "
                       "trafikföreskrifter gäller. Försörjning av gatan med el och sociala ytor "
                       "diskuteras. Försörjningen och den sociala miljön ses över enligt "
                       "lagen.\n\n2. Sprutbytesprogrammet\n\nSprutbytesprogrammet fortsätter. "
                       "Sprutbytesverksamheten utvärderas.\n"),
            (std::vector<std::vector<std::string>>{{}, {"sprutbyte"}}));
}

// An abbreviation among the keywords ("SoL", "LSS", "KAST") is met by the word as written,
// not by its lowercase namesakes and their compounds: solar panels are no social services act.
TEST_F(Topics, AbbreviationsAsWritten) {
  EXPECT_EQ(
      ItemTopics("Nätverket\n\n1. Solceller på kommunhuset\n\nSolceller installeras på taket. "
                 "Solen ger el och solcellerna underhålls.\n\n2. Ny SoL\n\nFörslaget till ny "
                 "SoL remitteras. Enligt SoL ska socialtjänsten ge stöd.\n\n3. Insatser enligt "
                 "LSS\n\nLSS-handläggare beskriver insatser enligt LSS.\n\n4. Bollar\n\n"
                 "Kastet var långt och kasten räknades.\n"),
      (std::vector<std::vector<std::string>>{
          {}, {"socialtjänstlagen"}, {"funktionsnedsättning"}, {}}));
}

TEST(Metadata, WithoutGazetteerOrAnalyzerStillParses) {
  MetadataContext ctx;
  Meeting m;
  ParseMeeting(Txt("Nätverket\n\nTid: Fredag den 3 maj 2019\n\n1) Punkt\n\nText.\n"), ctx, &m);
  EXPECT_EQ(m.meeting_date.value_or(""), "2019-05-03");
  EXPECT_TRUE(m.municipalities.empty());
  EXPECT_EQ(Numbers(m), (std::vector<std::string>{"1"}));
}

// Notes of any kind name their body beside the kind ("SAMMANTRÄDESANTECKNINGAR").
TEST(Metadata, BodyBesideTheKindOfNotes) {
  MetadataContext ctx;
  Meeting m;
  ParseMeeting(
      Txt("KUNGSBACKA KOMMUN\nKommunrevisionen                   SAMMANTRÄDESANTECKNINGAR\n"
          "\nDatum\n2024-02-29\n\n1\nMötets öppnande\n\nText.\n"),
      ctx, &m);
  EXPECT_EQ(m.body.value_or(""), "Kommunrevisionen");
}

TEST(Metadata, AFileThatIsNoMinutesHasNoBody) {
  // A first line that names no board is a body only in minutes, which have a meeting date.
  MetadataContext ctx;
  Meeting m;
  ParseMeeting(Txt("Inköpslista\n\nMjölk\nÄgg\nBröd\n"), ctx, &m);
  EXPECT_FALSE(m.body) << *m.body;
  ParseMeeting(Txt("Shared MIME-info Database\n\n1 Introduction\n\nText.\n"), ctx, &m);
  EXPECT_FALSE(m.body) << *m.body;
  // With a date it is the meeting's title; with a board's word it is a body, dated or not.
  ParseMeeting(Txt("Presidiet\n\nDatum: 2024-03-11\n\n1. Mötets öppnande\n\nText.\n"), ctx, &m);
  EXPECT_EQ(m.body.value_or(""), "Presidiet");
  ParseMeeting(Txt("Socialnämnden\n\n1. Mötets öppnande\n\nText.\n"), ctx, &m);
  EXPECT_EQ(m.body.value_or(""), "Socialnämnden");
}

}  // namespace
}  // namespace protokoll::indexer
