// Tests of the readers behind reader.h: real files of each format, made here in a temporary
// folder (DOCX and ODT zipped with libzip from XML strings, a PDF written by hand with the
// PDF operators a generator would use), text in the encodings Swedish archives hold, and the
// damaged, hostile and empty files an archive also holds. Where the real Nykarleby minutes
// are on disk, they are read and compared with `pdftotext -layout`.
#include "protokoll/indexer/reader.h"

#include <zip.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ocr.h"
#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/utf8.h"
#include "readers.h"

namespace protokoll::indexer {
namespace {

namespace fs = std::filesystem;
using Code = Status::Code;

// A folder under the system temp dir, removed with everything in it at the end of a test.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "reader_test_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

void WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Member {
  std::string name;
  std::string data;
  bool store = false;  // no compression (ODF wants its mimetype stored)
};

// Writes a real ZIP with libzip and returns its path.
fs::path MakeZip(const fs::path& path, const std::vector<Member>& members) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(z, nullptr);
  for (const Member& m : members) {
    zip_source_t* src = zip_source_buffer(z, m.data.data(), m.data.size(), 0);
    zip_int64_t index = zip_file_add(z, m.name.c_str(), src, ZIP_FL_ENC_UTF_8);
    EXPECT_GE(index, 0);
    if (m.store) zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  EXPECT_EQ(zip_close(z), 0);  // compresses now, while members' data is alive
  return path;
}

Status Read(const fs::path& path, RawDocument* doc, const ReadOptions& options = {}) {
  return ReadDocument(path.string(), options, doc);
}

std::string Joined(const std::vector<std::string>& pages) {
  std::string all;
  for (const auto& p : pages) all += p + "\n";
  return all;
}

// ---------------------------------------------------------------------------------------------
// DOCX

constexpr const char* kW =
    R"(xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")";

std::string WordXml(const std::string& root, const std::string& body) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)") + "<w:" + root +
         " " + kW + ">" + body + "</w:" + root + ">";
}

std::string WPara(const std::string& runs, const std::string& ppr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + runs + "</w:p>";
}
std::string WRun(const std::string& text) {
  return R"(<w:r><w:t xml:space="preserve">)" + text + "</w:t></w:r>";
}
std::string WNumbered(const std::string& text, int num_id, int ilvl = 0) {
  return WPara(WRun(text), "<w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) +
                               "\"/><w:numId w:val=\"" + std::to_string(num_id) + "\"/></w:numPr>");
}

const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>)";

std::string Numbering() {
  return WordXml("numbering", R"xml(
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>)xml");
}

std::vector<Member> SampleDocx() {
  std::string body =
      WPara(WRun("Protokoll fört vid sammanträde med socialnämnden")) +
      WPara(WRun("§ 48") + "<w:r><w:tab/></w:r>" + WRun("Avtal Familjehemscentrum")) +
      WPara(WRun("Rad ett") + "<w:r><w:br/></w:r>" + WRun("rad två")) +
      WPara(R"(<w:hyperlink r:id="x" xmlns:r="r">)" + WRun("länk") + "</w:hyperlink>" +
            "<w:del><w:r><w:delText>struket</w:delText></w:r></w:del>" +
            R"(<w:r><w:instrText> PAGE </w:instrText></w:r>)" + WRun(" kvar")) +
      WNumbered("Behov av nya boenden", 1) + WNumbered("Fokusfrågor", 1) +
      WNumbered("Delfråga", 1, 1) + WNumbered("Ekonomi", 1) + WNumbered("En punkt", 2) +
      "<w:tbl><w:tblPr/>"
      "<w:tr><w:tc>" +
      WPara(WRun("Kommun")) + "</w:tc><w:tc>" + WPara(WRun("Närvarande")) +
      "</w:tc></w:tr>"
      "<w:tr><w:tc>" +
      WPara(WRun("Bräcke")) + "</w:tc><w:tc>" + WPara(WRun("Anna")) + WPara(WRun("Bertil")) +
      "</w:tc></w:tr></w:tbl>" +
      WPara(WRun("Före sidbrytningen") + R"(<w:r><w:br w:type="page"/></w:r>)" +
            "<w:r><w:lastRenderedPageBreak/></w:r>" + WRun("Sida två")) +
      WPara(WRun("Beslut: att godkänna avtalet")) + "<w:sectPr/>";
  return {
      {"[Content_Types].xml", kContentTypes},
      {"word/document.xml", WordXml("document", "<w:body>" + body + "</w:body>")},
      {"word/numbering.xml", Numbering()},
      {"word/header1.xml", WordXml("hdr", WPara(WRun("Bräcke kommun – Socialnämnden")))},
      {"word/footer1.xml", WordXml("ftr", WPara(WRun("Justerare:")))},
  };
}

TEST(DocxReader, ReadsParagraphsRunsTabsAndLineBreaks) {
  TempFolder tmp;
  RawDocument doc;
  Status s = Read(MakeZip(tmp / "m.docx", SampleDocx()), &doc);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.format, "docx");
  ASSERT_EQ(doc.pages.size(), 2u);
  const std::string& p = doc.pages[0];
  EXPECT_EQ(p.rfind("Protokoll fört vid sammanträde med socialnämnden\n", 0), 0u) << p;
  EXPECT_NE(p.find("\n§ 48\tAvtal Familjehemscentrum\n"), std::string::npos) << p;
  EXPECT_NE(p.find("\nRad ett\nrad två\n"), std::string::npos) << p;
  // Deleted text and field codes are not text.
  EXPECT_NE(p.find("\nlänk kvar\n"), std::string::npos) << p;
  EXPECT_EQ(p.find("struket"), std::string::npos);
  EXPECT_EQ(p.find("PAGE"), std::string::npos);
}

TEST(DocxReader, HostileListStartsDoNotOverflowTheCounter) {
  // Found by the docx_reader fuzz target: a list starting at INT_MAX (or restarted there)
  // overflowed the counter. The numbers now start from at most a million.
  TempFolder tmp;
  std::vector<Member> docx = {
      {"[Content_Types].xml", kContentTypes},
      {"word/document.xml",
       WordXml("document", "<w:body>" + WNumbered("Ett", 1) + WNumbered("Två", 1) +
                               WNumbered("Tre", 2) + WNumbered("Fyra", 2) + "</w:body>")},
      {"word/numbering.xml", WordXml("numbering", R"xml(
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="2147483647"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="-2147483648"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/>
      <w:lvlOverride w:ilvl="0"><w:startOverride w:val="2147483647"/></w:lvlOverride></w:num>)xml")},
  };
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", docx), &doc).ok());
  ASSERT_FALSE(doc.pages.empty());
  EXPECT_EQ(doc.pages[0], "1000000. Ett\n1000001. Två\n1000000. Tre\n1000001. Fyra");
}

TEST(DocxReader, MarksHeadingStyledParagraphsAsBold) {
  TempFolder tmp;
  std::vector<Member> docx = {
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml",
       WordXml("document", "<w:body>" + WPara(WRun("3. Budget"), R"(<w:pStyle w:val="Rubrik2"/>)") +
                               WPara(WRun("1. Drift")) +
                               WPara(WRun("1. Övrigt"), R"(<w:pStyle w:val="Heading2"/>)") +
                               "</w:body>")}};
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", docx), &doc).ok());
  ASSERT_FALSE(doc.pages.empty());
  EXPECT_EQ(doc.pages[0], "**3. Budget**\n1. Drift\n**1. Övrigt**");
}

TEST(DocxReader, RendersListNumbersByCounting) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", SampleDocx()), &doc).ok());
  EXPECT_NE(doc.pages[0].find("\n1. Behov av nya boenden\n2. Fokusfrågor\na) Delfråga\n"
                              "3. Ekonomi\n• En punkt\n"),
            std::string::npos)
      << doc.pages[0];
}

TEST(DocxReader, ReadsTablesRowByRow) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", SampleDocx()), &doc).ok());
  EXPECT_NE(doc.pages[0].find("\nKommun\tNärvarande\nBräcke\tAnna Bertil\n"), std::string::npos)
      << doc.pages[0];
}

TEST(DocxReader, SplitsPagesAtPageBreaksWithoutEmptyPages) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", SampleDocx()), &doc).ok());
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_NE(doc.pages[0].find("Före sidbrytningen"), std::string::npos);
  EXPECT_EQ(doc.pages[1], "Sida två\nBeslut: att godkänna avtalet");
}

TEST(DocxReader, PutsHeadersAndFootersInHeaders) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.docx", SampleDocx()), &doc).ok());
  EXPECT_EQ(doc.headers, (std::vector<std::string>{"Bräcke kommun – Socialnämnden", "Justerare:"}));
  EXPECT_EQ(Joined(doc.pages).find("Socialnämnden\n"), std::string::npos);
}

TEST(DocxReader, IsFoundByContentWhateverItsName) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "protokoll.bin", SampleDocx()), &doc).ok());
  EXPECT_EQ(doc.format, "docx");
}

TEST(DocxReader, RefusesAZipBombBeforeInflatingIt) {
  TempFolder tmp;
  // 64 MB of zeros inside a paragraph: deflate packs it about 1000:1.
  std::string xml = WordXml("document", "<w:body><w:p><w:r><w:t>" + std::string(64 << 20, '0') +
                                            "</w:t></w:r></w:p></w:body>");
  fs::path path = MakeZip(tmp / "bomb.docx",
                          {{"[Content_Types].xml", kContentTypes}, {"word/document.xml", xml}});
  xml.clear();
  EXPECT_LT(fs::file_size(path), 1u << 20);
  RawDocument doc;
  auto start = std::chrono::steady_clock::now();
  Status s = Read(path, &doc);
  EXPECT_EQ(s.code(), Code::kLimitExceeded);
  EXPECT_NE(s.message().find("word/document.xml unpacks"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("times its packed size"), std::string::npos) << s.message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));

  ReadOptions small;
  small.max_compression_ratio = 1e9;
  small.max_unpacked_bytes = 16 << 20;
  s = Read(path, &doc, small);
  EXPECT_EQ(s.code(), Code::kLimitExceeded);
  EXPECT_NE(s.message().find("unpacks to 64 MB, over the limit of 16 MB"), std::string::npos)
      << s.message();
}

TEST(DocxReader, CountsInflatedBytesWhenTheArchiveLiesAboutSizes) {
  TempFolder tmp;
  std::string xml = WordXml("document", "<w:body><w:p><w:r><w:t>" + std::string(8 << 20, ' ') +
                                            "</w:t></w:r></w:p></w:body>");
  fs::path path = MakeZip(tmp / "liar.docx",
                          {{"[Content_Types].xml", kContentTypes}, {"word/document.xml", xml}});
  // Rewrite document.xml's uncompressed size to 1000 bytes in its local and central headers.
  std::string bytes = ReadFile(path);
  auto patch = [&](std::string_view signature, std::size_t size_offset) {
    for (std::size_t at = bytes.find(signature); at != std::string::npos;
         at = bytes.find(signature, at + 1)) {
      std::size_t name_at = signature[2] == 1 ? at + 46 : at + 30;
      if (bytes.compare(name_at, 17, "word/document.xml") != 0) continue;
      const char small[4] = {static_cast<char>(0xE8), 0x03, 0, 0};
      bytes.replace(at + size_offset, 4, small, 4);
    }
  };
  patch(std::string_view("PK\x01\x02", 4), 24);
  patch(std::string_view("PK\x03\x04", 4), 22);
  WriteFile(path, bytes);
  ReadOptions options;
  options.max_unpacked_bytes = 4 << 20;
  RawDocument doc;
  Status s = Read(path, &doc, options);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.code() == Code::kLimitExceeded || s.code() == Code::kCorruption) << s.message();
}

TEST(DocxReader, ReportsTruncatedAndMalformedFiles) {
  TempFolder tmp;
  std::string whole = ReadFile(MakeZip(tmp / "m.docx", SampleDocx()));
  WriteFile(tmp / "cut.docx", whole.substr(0, whole.size() / 2));
  RawDocument doc;
  Status s = Read(tmp / "cut.docx", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_NE(s.message().find("not a readable ZIP archive"), std::string::npos) << s.message();

  MakeZip(tmp / "bad.docx", {{"[Content_Types].xml", kContentTypes},
                             {"word/document.xml", "<w:document><w:body><w:p>"}});
  s = Read(tmp / "bad.docx", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_NE(s.message().find("word/document.xml is not well-formed XML"), std::string::npos)
      << s.message();

  MakeZip(tmp / "other.zip", {{"data.csv", "a,b\n"}});
  s = Read(tmp / "other.zip", &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_EQ(s.message(), "ZIP archive that is not a DOCX or ODT document");
}

TEST(DocxReader, RefusesXmlNestedTooDeeply) {
  TempFolder tmp;
  std::string nest;
  for (int i = 0; i < 5000; ++i) nest += "<w:sdt>";
  for (int i = 0; i < 5000; ++i) nest += "</w:sdt>";
  MakeZip(tmp / "deep.docx",
          {{"[Content_Types].xml", kContentTypes},
           {"word/document.xml", WordXml("document", "<w:body>" + nest + "</w:body>")}});
  RawDocument doc;
  Status s = Read(tmp / "deep.docx", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_EQ(s.message(), "word/document.xml is nested too deeply");
}

// ---------------------------------------------------------------------------------------------
// ODT

constexpr const char* kOdfNs =
    R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
    R"(xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" )"
    R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
    R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
    R"(xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0")";

std::vector<Member> SampleOdt() {
  std::string content = std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") +
                        "<office:document-content " + kOdfNs + R"xml(>
<office:automatic-styles>
  <text:list-style style:name="L1">
    <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
    <text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"/>
  </text:list-style>
  <text:list-style style:name="L2">
    <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  </text:list-style>
  <style:style style:name="P9" style:family="paragraph">
    <style:paragraph-properties fo:break-before="page"/>
  </style:style>
</office:automatic-styles>
<office:body><office:text>
  <text:sequence-decls><text:sequence-decl text:name="Table"/></text:sequence-decls>
  <text:h text:outline-level="1">Protokoll   Socialnämnden</text:h>
  <text:p>Närvarande:<text:tab/>Anna<text:s text:c="3"/>Bertil</text:p>
  <text:p>  Rad  ett<text:line-break/>rad två  </text:p>
  <text:p><text:span>Fet</text:span>stil och <text:a>länk</text:a><text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Fotnot</text:p></text:note-body></text:note></text:p>
  <text:list text:style-name="L1">
    <text:list-item><text:p>Behov av nya boenden</text:p></text:list-item>
    <text:list-item><text:p>Fokusfrågor</text:p>
      <text:list><text:list-item><text:p>Delfråga</text:p></text:list-item></text:list>
    </text:list-item>
  </text:list>
  <text:p>Mellan listorna</text:p>
  <text:list text:style-name="L1" text:continue-numbering="true">
    <text:list-item><text:p>Ekonomi</text:p></text:list-item>
  </text:list>
  <text:list text:style-name="L2"><text:list-item><text:p>En punkt</text:p></text:list-item></text:list>
  <table:table table:name="T1">
    <table:table-column table:number-columns-repeated="2"/>
    <table:table-header-rows><table:table-row>
      <table:table-cell><text:p>Kommun</text:p></table:table-cell>
      <table:table-cell><text:p>Närvarande</text:p></table:table-cell>
    </table:table-row></table:table-header-rows>
    <table:table-row>
      <table:table-cell><text:p>Bräcke</text:p></table:table-cell>
      <table:table-cell><text:p>Anna</text:p><text:p>Bertil</text:p></table:table-cell>
    </table:table-row>
    <table:table-row><table:table-cell/><table:table-cell/></table:table-row>
  </table:table>
  <text:p>Före brytningen</text:p>
  <text:soft-page-break/>
  <text:p>Sida två</text:p>
  <text:p text:style-name="P9">Sida tre</text:p>
</office:text></office:body></office:document-content>)xml";
  std::string styles = std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") +
                       "<office:document-styles " + kOdfNs + R"(>
<office:master-styles>
  <style:master-page style:name="Standard">
    <style:header><text:p>Bräcke kommun – Socialnämnden</text:p></style:header>
    <style:footer><text:p>Sida <text:page-number>1</text:page-number></text:p></style:footer>
  </style:master-page>
  <style:master-page style:name="Other">
    <style:header><text:p>Bräcke kommun – Socialnämnden</text:p></style:header>
  </style:master-page>
</office:master-styles></office:document-styles>)";
  return {{"mimetype", "application/vnd.oasis.opendocument.text", true},
          {"content.xml", content},
          {"styles.xml", styles}};
}

TEST(OdtReader, ReadsParagraphsWithOdfWhitespaceRules) {
  TempFolder tmp;
  RawDocument doc;
  Status s = Read(MakeZip(tmp / "m.odt", SampleOdt()), &doc);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.format, "odt");
  ASSERT_EQ(doc.pages.size(), 3u);
  const std::string& p = doc.pages[0];
  // The heading (text:h) is marked as Markdown marks bold.
  EXPECT_EQ(p.rfind("**Protokoll Socialnämnden**\nNärvarande:\tAnna   Bertil\nRad ett\nrad två\n"
                    "Fetstil och länk\n",
                    0),
            0u)
      << p;
  EXPECT_EQ(p.find("Fotnot"), std::string::npos);
}

TEST(OdtReader, RendersListNumbersFromTheListStyle) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.odt", SampleOdt()), &doc).ok());
  EXPECT_NE(doc.pages[0].find("\n1. Behov av nya boenden\n2. Fokusfrågor\na) Delfråga\n"
                              "Mellan listorna\n3. Ekonomi\n• En punkt\n"),
            std::string::npos)
      << doc.pages[0];
}

TEST(OdtReader, HostileListStartsDoNotOverflowTheCounter) {
  // As in DOCX: a list style or an item starting at INT_MAX (or INT_MIN) counts from at most
  // a million (and at least 0) instead of overflowing.
  std::string content = std::string(R"(<?xml version="1.0" encoding="UTF-8"?>)") +
                        "<office:document-content " + kOdfNs + R"xml(>
<office:automatic-styles>
  <text:list-style style:name="L1">
    <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"
      text:start-value="2147483647"/>
  </text:list-style>
</office:automatic-styles>
<office:body><office:text>
  <text:list text:style-name="L1">
    <text:list-item><text:p>Ett</text:p></text:list-item>
    <text:list-item><text:p>Två</text:p></text:list-item>
    <text:list-item text:start-value="-2147483648"><text:p>Tre</text:p></text:list-item>
  </text:list>
</office:text></office:body></office:document-content>)xml";
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(
      Read(MakeZip(tmp / "m.odt", {{"mimetype", "application/vnd.oasis.opendocument.text", true},
                                   {"content.xml", content}}),
           &doc)
          .ok());
  ASSERT_FALSE(doc.pages.empty());
  EXPECT_EQ(doc.pages[0], "1000000. Ett\n1000001. Två\n0. Tre");
}

TEST(OdtReader, ReadsTablesRowByRowAndSkipsEmptyRows) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.odt", SampleOdt()), &doc).ok());
  EXPECT_NE(doc.pages[0].find("\nKommun\tNärvarande\nBräcke\tAnna Bertil\nFöre brytningen"),
            std::string::npos)
      << doc.pages[0];
}

TEST(OdtReader, SplitsPagesAtSoftAndHardBreaks) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.odt", SampleOdt()), &doc).ok());
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[1], "Sida två");
  EXPECT_EQ(doc.pages[2], "Sida tre");
}

TEST(OdtReader, PutsMasterPageHeadersInHeadersOnce) {
  TempFolder tmp;
  RawDocument doc;
  ASSERT_TRUE(Read(MakeZip(tmp / "m.odt", SampleOdt()), &doc).ok());
  EXPECT_EQ(doc.headers, (std::vector<std::string>{"Bräcke kommun – Socialnämnden", "Sida 1"}));
}

TEST(OdtReader, LeavesSpreadsheetsAlone) {
  TempFolder tmp;
  MakeZip(tmp / "budget.ods",
          {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true}});
  RawDocument doc;
  Status s = ReadDocument((tmp / "budget.ods").string(), {}, &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_NE(s.message().find("opendocument.spreadsheet"), std::string::npos) << s.message();
}

// ---------------------------------------------------------------------------------------------
// PDF

struct PdfLine {
  double x, y;
  std::string text;  // UTF-8; Latin-1 letters only (written in WinAnsiEncoding)
};

// A PDF as a generator writes it: catalog, page tree, Helvetica, one content stream a page
// drawing each line with Tm/Tj, and a correct xref table.
std::string MakePdf(const std::vector<std::vector<PdfLine>>& pages,
                    const std::string& trailer_extra = "") {
  std::vector<std::string> objects;  // object i+1
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("");  // page tree, filled in below
  objects.push_back(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
      "/Encoding /WinAnsiEncoding >>");
  std::string kids;
  for (const auto& lines : pages) {
    std::string stream = "BT /F1 10 Tf\n";
    for (const auto& line : lines) {
      std::string s;
      for (std::size_t i = 0; i < line.text.size(); ++i) {
        unsigned char c = line.text[i];
        if (c >= 0xC0 && i + 1 < line.text.size()) {  // two-byte UTF-8 → Latin-1 octal
          unsigned code = ((c & 0x1F) << 6) | (line.text[++i] & 0x3F);
          char octal[8];
          std::snprintf(octal, sizeof octal, "\\%03o", code);
          s += octal;
        } else {
          if (c == '(' || c == ')' || c == '\\') s += '\\';
          s += static_cast<char>(c);
        }
      }
      s = "1 0 0 1 " + std::to_string(line.x) + " " + std::to_string(line.y) + " Tm (" + s +
          ") Tj\n";
      stream += s;
    }
    stream += "ET\n";
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "endstream");
    int contents = static_cast<int>(objects.size());
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 3 0 R >> >> /Contents " +
        std::to_string(contents) + " 0 R >>");
    kids += std::to_string(objects.size()) + " 0 R ";
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         trailer_extra + ">>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::vector<std::vector<PdfLine>> TwoPagesWithHeaders() {
  return {
      {{50, 800, "Protokoll 5/2022 - Socialnämnden - Sida 1"},
       {50, 700, "§ 48 Avtal Familjehemscentrum"},
       {50, 680, "Beslut: att godkänna avtalet."}},
      {{50, 800, "Protokoll 5/2022 - Socialnämnden - Sida 2"},
       {50, 700, "§ 49 Färdtjänst i Västerås"}},
  };
}

TEST(PdfReader, ReadsPageByPageWithHeaderLines) {
  TempFolder tmp;
  WriteFile(tmp / "m.pdf", MakePdf(TwoPagesWithHeaders()));
  RawDocument doc;
  Status s = Read(tmp / "m.pdf", &doc);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.format, "pdf");
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_NE(doc.pages[0].find("Protokoll 5/2022 - Socialnämnden - Sida 1"), std::string::npos)
      << doc.pages[0];
  EXPECT_NE(doc.pages[0].find("§ 48 Avtal Familjehemscentrum"), std::string::npos);
  EXPECT_LT(doc.pages[0].find("Sida 1"), doc.pages[0].find("§ 48"));
  EXPECT_NE(doc.pages[1].find("Protokoll 5/2022 - Socialnämnden - Sida 2"), std::string::npos);
  EXPECT_NE(doc.pages[1].find("§ 49 Färdtjänst i Västerås"), std::string::npos) << doc.pages[1];
  EXPECT_EQ(doc.pages[1].find('\f'), std::string::npos);
}

TEST(PdfReader, IsFoundByContentEvenAfterLeadingJunk) {
  TempFolder tmp;
  WriteFile(tmp / "m.txt", "junk from a mail gateway\n" + MakePdf(TwoPagesWithHeaders()));
  RawDocument doc;
  Status s = Read(tmp / "m.txt", &doc);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.format, "pdf");
  EXPECT_EQ(doc.pages.size(), 2u);
}

std::vector<std::vector<PdfLine>> TwoColumnPage() {
  std::vector<PdfLine> lines = {{50, 800, "Verksamhetsberättelse / Toimintakertomus"}};
  for (int i = 0; i < 10; ++i) {
    lines.push_back({50, 700.0 - 14 * i, "vänster spalt rad " + std::to_string(i) + " med text"});
    lines.push_back({320, 700.0 - 14 * i, "oikea palsta rivi " + std::to_string(i) + " tekstiä"});
  }
  return {lines};
}

TEST(PdfReader, ReadsTwoColumnPagesColumnByColumn) {
  TempFolder tmp;
  WriteFile(tmp / "cols.pdf", MakePdf(TwoColumnPage()));
  RawDocument doc;
  ASSERT_TRUE(Read(tmp / "cols.pdf", &doc).ok());
  const std::string& p = doc.pages.at(0);
  // All of the left column before any of the right one.
  EXPECT_LT(p.find("vänster spalt rad 9"), p.find("oikea palsta rivi 0")) << p;

  ReadOptions physical;
  physical.pdf_layout = ReadOptions::PdfLayout::kPhysical;
  ASSERT_TRUE(Read(tmp / "cols.pdf", &doc, physical).ok());
  EXPECT_TRUE(LooksMultiColumn(doc.pages.at(0))) << doc.pages[0];
  EXPECT_GT(doc.pages[0].find("vänster spalt rad 9"), doc.pages[0].find("oikea palsta rivi 0"));
}

TEST(PdfReader, KeepsLabelsAndValuesOnOneLine) {
  TempFolder tmp;
  WriteFile(tmp / "label.pdf", MakePdf({{{50, 800, "Organ"},
                                         {150, 800, "Välfärdsnämnden"},
                                         {50, 786, "Sammanträdestid"},
                                         {150, 786, "15.9.2022 kl. 18.00 - 19.37"}}}));
  RawDocument doc;
  ASSERT_TRUE(Read(tmp / "label.pdf", &doc).ok());
  EXPECT_NE(doc.pages.at(0).find("Organ"), std::string::npos);
  std::string first_line = doc.pages[0].substr(0, doc.pages[0].find('\n'));
  EXPECT_NE(first_line.find("Välfärdsnämnden"), std::string::npos) << doc.pages[0];
  EXPECT_FALSE(LooksMultiColumn(doc.pages[0]));
}

TEST(PdfReader, StopsWhenOverTheTimeLimit) {
  TempFolder tmp;
  WriteFile(tmp / "m.pdf", MakePdf(TwoPagesWithHeaders()));
  ReadOptions options;
  options.max_seconds = 1e-9;
  RawDocument doc;
  Status s = Read(tmp / "m.pdf", &doc, options);
  EXPECT_EQ(s.code(), Code::kLimitExceeded);
  EXPECT_NE(s.message().find("stopped at page 1 of 2"), std::string::npos) << s.message();
}

TEST(PdfReader, RefusesEncryptedPdfs) {
  TempFolder tmp;
  // A standard security handler whose user password is not empty: O and U are made up.
  std::string key(64, 'A');
  WriteFile(tmp / "locked.pdf", MakePdf(TwoPagesWithHeaders(),
                                        "/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + key +
                                            "> /U <" + key + "> /P -4 >> /ID [<" +
                                            key.substr(0, 32) + "> <" + key.substr(0, 32) + ">] "));
  RawDocument doc;
  Status s = Read(tmp / "locked.pdf", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_EQ(s.message(), "PDF is encrypted and needs a password");
}

TEST(PdfReader, ReportsBrokenPdfsWithAReason) {
  TempFolder tmp;
  WriteFile(tmp / "broken.pdf", "%PDF-1.7\nthis is not a PDF at all\n");
  RawDocument doc;
  Status s = Read(tmp / "broken.pdf", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_EQ(s.message().rfind("not a readable PDF", 0), 0u) << s.message();

  WriteFile(tmp / "blank.pdf", MakePdf({{}}));
  s = Read(tmp / "blank.pdf", &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_EQ(s.message(), "PDF has no text, not even by OCR");
}

TEST(PdfReader, SurvivesTruncation) {
  TempFolder tmp;
  std::string pdf = MakePdf(TwoPagesWithHeaders());
  for (std::size_t cut : {pdf.size() * 9 / 10, pdf.size() / 2, pdf.size() / 5, std::size_t{20}}) {
    WriteFile(tmp / "cut.pdf", pdf.substr(0, cut));
    RawDocument doc;
    Status s = Read(tmp / "cut.pdf", &doc);
    // poppler reconstructs what it can; whatever it makes of it, a Status comes back.
    EXPECT_TRUE(s.ok() || s.code() == Code::kCorruption || s.code() == Code::kUnsupported)
        << cut << ": " << s.message();
  }
}

// ---------------------------------------------------------------------------------------------
// Text

// A string literal with its NUL bytes, without the terminating one.
template <std::size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

struct TextCase {
  const char* name;
  std::string bytes;
  const char* encoding;
  std::vector<std::string> pages;
};

// ---------------------------------------------------------------------------------------------
// Scanned PDFs (OCR)

// A typed protocol of two pages and a signature page, as lines of a PDF.
std::vector<std::vector<PdfLine>> TypedProtocol() {
  return {
      {{50, 800, "ÖREBRO KOMMUN                 SAMMANTRÄDESPROTOKOLL"},
       {50, 780, "Socialnämnden"},
       {50, 760, "Sammanträdesdatum   2024-10-22"},
       {50, 720, "Plats och tid   Stadshuset, klockan 13.00-15.00"},
       {50, 680, "§ 101   Dnr SN 2024/0311"},
       {50, 660, "Kartläggning av hemlöshet"},
       {50, 630, "Beslut"},
       {50, 610, "Socialnämnden lägger kartläggningen till handlingarna."},
       {50, 580, "Kartläggningen visar att fjorton personer saknade bostad."}},
      {{50, 800, "§ 102   Dnr SN 2024/0290"},
       {50, 780, "Riktlinjer för ekonomiskt bistånd"},
       {50, 750, "Beslut"},
       {50, 730, "Socialnämnden antar riktlinjerna för försörjningsstöd."}},
  };
}

// The PDF's pages as a scanner gives them: rendered to images (pdftoppm) and wrapped as a PDF
// with no text layer (img2pdf). Empty when the tools are missing.
std::string Scan(const TempFolder& tmp, const std::string& typed_pdf) {
  WriteFile(tmp / "typed.pdf", typed_pdf);
  const std::string dir = (tmp / "").string();
  const std::string cmd = "pdftoppm -r 200 -gray -png " + dir + "typed.pdf " + dir +
                          "page >/dev/null 2>&1 && img2pdf -o " + dir + "scan.pdf " + dir +
                          "page-*.png >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) return {};
  return ReadFile(tmp / "scan.pdf");
}

TEST(OcrText, MendsTheSectionSignAndTheLeadersOcrMisreads) {
  EXPECT_EQ(MendOcrText("& 21 Dnr SN 2025/0007\n$ 22\n8 24\n8 23 Dnr SN 2025/0042\n"
                        "Per Wiklund, enhetschef, 8 23\n"),
            "§ 21 Dnr SN 2025/0007\n§ 22\n§ 24\n§ 23 Dnr SN 2025/0042\n"
            "Per Wiklund, enhetschef, 8 23\n");
  // A list of 8 things stays a list.
  EXPECT_EQ(MendOcrText("8102 Dnr SN 2024/0290"), "§ 102 Dnr SN 2024/0290");
  EXPECT_EQ(MendOcrText("8 23 personer deltog"), "8 23 personer deltog");
  EXPECT_EQ(MendOcrText("Kartläggning av hemlöshet i Timrå 2024 ...sssssssssessessesrsrsrrs rs rr "
                        "sr rr rer rr ere ss ss"),
            "Kartläggning av hemlöshet i Timrå 2024 ..........");
  EXPECT_EQ(MendOcrText("Information från förvaltningen ossssssssrssrrsrrrrr rr rss rskr 5"),
            "Information från förvaltningen .......... 5");
  EXPECT_EQ(MendOcrText("föräldrabalken soseoseseresererersss areas rear rskr k rask K As RAKA "
                        "ARA RAKA RA KKR ARR R RK KKR KRK KRK RR"),
            "föräldrabalken ..........");
  EXPECT_EQ(MendOcrText("Godkännande av dagOordnNinNQCN....rrsrrsksererererer er sker ars kr KAKA"),
            "Godkännande av dagOordnNinNQCN ..........");
  EXPECT_EQ(MendOcrText("föräldrabalken soseseeseksekraerererar skakas Aarre rk AAA krk AKA RR RR "
                        "KRA RA RR RAR K KKR KRKA RK RKA RR KRK RR 7"),
            "föräldrabalken .......... 7");
  EXPECT_EQ(MendOcrText("Sammanträdesdatum 2O25-05-l9\nDnr KS 2O21/123 i Oslo 2025"),
            "Sammanträdesdatum 2025-05-19\nDnr KS 2021/123 i Oslo 2025");
  // Running text with an ellipsis, or ending in short words, is left alone.
  EXPECT_EQ(MendOcrText("Nämnden beslutar att se över kostnaderna, sa ordföranden."),
            "Nämnden beslutar att se över kostnaderna, sa ordföranden.");
  EXPECT_EQ(MendOcrText("Vi väntar... Sedan kommer beslutet."),
            "Vi väntar... Sedan kommer beslutet.");
  // Leaders read with m's and ='s (a scanned Nykarleby table of contents).
  EXPECT_EQ(MendOcrText("16 § Sammanträdets laglighet och beslutförhet =nmnsmsssssssrsssrsssrsrrrsr"
                        "rrsrrrerererererersrsrsrrrrrrrrr rr rr rr rr rr rr rna 1"),
            "16 § Sammanträdets laglighet och beslutförhet .......... 1");
  EXPECT_EQ(
      MendOcrText("17 § Val av protokolljuSterar€ .esmssssssssssrrserrrsrrerererererererererer "
                  "aren er er arena rer ere renen era rare R ARR R RK RKA KRK KKR RR rr rna 2"),
      "17 § Val av protokolljuSterar€ .......... 2");
  EXPECT_TRUE(NeedsOcr("  \n 3 \n"));
  EXPECT_FALSE(NeedsOcr("Socialnämnden beslutar att anta riktlinjerna."));
}

TEST(OcrText, MendsTheSignAfterAnItemsNumberWhereTheNumbersRunOn) {
  // Finland-Swedish minutes put the "§" after the number; OCR reads it as "$", "&" or an 8,
  // glued to the number or not (a scanned Nykarleby protocol: contents, then the items).
  std::string contents =
      "Ärenden\n16 8 Sammanträdets laglighet .......... 1\n"
      "17 8 Val av protokolljusterare .......... 2\n";
  std::string first = "Protokoll    168    09.05.2023\n168 Sammanträdets laglighet\nText.\n";
  std::string second =
      "Protokoll    17 $   09.05.2023\n178 Val av protokolljusterare\n"
      "18& Godkännande av föredragningslistan\n19 8 — Övriga frågor\n";
  MendSignsAfterNumbers({&contents, &first, &second}, {true, true, true});
  EXPECT_EQ(contents,
            "Ärenden\n16 § Sammanträdets laglighet .......... 1\n"
            "17 § Val av protokolljusterare .......... 2\n");
  EXPECT_EQ(first, "Protokoll    168    09.05.2023\n16 § Sammanträdets laglighet\nText.\n");
  EXPECT_EQ(second,
            "Protokoll    17 $   09.05.2023\n17 § Val av protokolljusterare\n"
            "18 § Godkännande av föredragningslistan\n19 § Övriga frågor\n");
  // An 8 whose numbers do not run on is a digit: counts, years and a lone heading stay.
  std::string counts = "18 Ledamöter var närvarande.\n2018 Budgeten antogs.\n";
  std::string lone = "98 Övriga frågor\n";
  MendSignsAfterNumbers({&counts}, {true});
  MendSignsAfterNumbers({&lone}, {true});
  EXPECT_EQ(counts, "18 Ledamöter var närvarande.\n2018 Budgeten antogs.\n");
  EXPECT_EQ(lone, "98 Övriga frågor\n");
  // Items numbered 108, 118, 128 in a typed order stay as they are.
  std::string typed = "108 Budget\n109 Taxor\n110 Val\n";
  MendSignsAfterNumbers({&typed}, {true});
  EXPECT_EQ(typed, "108 Budget\n109 Taxor\n110 Val\n");
  // A page read by OCR between pages with a text layer: their headings are the evidence,
  // and they are left as they are.
  std::string before = "16 § Sammanträdets laglighet\n", after = "18 § Godkännande\n178 Text\n";
  std::string scanned = "Protokoll 178 09.05.2023\n178 Val av protokolljusterare\n";
  // The sign read as "8&", and a speck before the title.
  std::string fifteen = "15 § Val\n", twice = "168 pPersonalenkät\n178& Godkännande\n",
              eighteen = "18 § Budget\n";
  std::string last = "198 = Övriga frågor\n";
  MendSignsAfterNumbers({&before, &scanned, &after, &last}, {false, true, false, true});
  MendSignsAfterNumbers({&fifteen, &twice, &eighteen}, {false, true, false});
  EXPECT_EQ(scanned, "Protokoll 178 09.05.2023\n17 § Val av protokolljusterare\n");
  EXPECT_EQ(last, "19 § Övriga frågor\n");
  EXPECT_EQ(twice, "16 § Personalenkät\n17 § Godkännande\n");
  EXPECT_EQ(after, "18 § Godkännande\n178 Text\n");
  // The title's capital read small after the sign read as 8: a heading where the numbering
  // runs on ("1978 suomenkielinen", "2008 sÖFUK:s"), else a line of text.
  std::string runs =
      "196 § Lån\n1978 suomenkielinen nämnd\n198 § Ändring\n"
      "199 § Bidrag\n2008 sÖFUK:s stämmor\n201 § Motion\n";
  std::string text = "Den 12 maj.\n2018 skrevs avtalet.\n";
  MendSignsAfterNumbers({&runs}, {true});
  MendSignsAfterNumbers({&text}, {true});
  EXPECT_EQ(runs,
            "196 § Lån\n197 § Suomenkielinen nämnd\n198 § Ändring\n"
            "199 § Bidrag\n200 § SÖFUK:s stämmor\n201 § Motion\n");
  EXPECT_EQ(text, "Den 12 maj.\n2018 skrevs avtalet.\n");
  // Appendices between the items number their own sections: the items' numbers still run.
  std::string item30 = "30 § Lokal justeringspott AKTA\n",
              appendix = "1 § Anvisningar\n2 § Fördelning av potten\n",
              item31 = "318 Lokal justeringspott TS\n", appendix2 = "1 § Anvisningar\n",
              item32 = "32 § Lokal justeringspott TIM\n";
  MendSignsAfterNumbers({&item30, &appendix, &item31, &appendix2, &item32},
                        {false, false, true, false, false});
  EXPECT_EQ(item31, "31 § Lokal justeringspott TS\n");
}

TEST(PdfReader, ReadsScannedPagesByOcrAndKeepsThemInTheCache) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  TempFolder tmp;
  const std::string scan = Scan(tmp, MakePdf(TypedProtocol()));
  if (scan.empty()) GTEST_SKIP() << "pdftoppm or img2pdf missing";
  ReadOptions options;
  options.ocr_cache_dir = (tmp / "ocr-cache").string();
  options.ocr_cache_key = "scan";
  options.ocr_threads = 2;  // the two pages read side by side, and put back in their order
  RawDocument doc;
  Status s = ReadDocumentBytes(scan, "scan.pdf", options, &doc);
  if (!s.ok() && s.message().find("Swedish OCR model") != std::string::npos) {
    GTEST_SKIP() << s.message();
  }
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.ocr_pages, 2);
  EXPECT_EQ(doc.ocr_cached_pages, 0);
  // The scan reads as its typed original: the same meeting date, body, issuer and items.
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  Meeting m;
  ParseMeeting(doc, ctx, &m);
  EXPECT_EQ(m.meeting_date.value_or(""), "2024-10-22");
  EXPECT_EQ(m.body.value_or(""), "Socialnämnden");
  ASSERT_FALSE(m.municipalities.empty());
  EXPECT_EQ(m.municipalities[0], "Örebro");
  ASSERT_EQ(m.items.size(), 2u) << doc.pages[0] << "\f" << doc.pages[1];
  EXPECT_EQ(m.items[0].number, "101");
  EXPECT_EQ(m.items[1].title, "Riktlinjer för ekonomiskt bistånd");
  std::string all = doc.pages[0] + doc.pages[1];
  for (const char* word : {"hemlöshet", "fjorton", "handlingarna", "försörjningsstöd"}) {
    EXPECT_NE(all.find(word), std::string::npos) << word << " in " << all;
  }
  // Read again: every page from the cache, the same text, no OCR.
  RawDocument again;
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(ReadDocumentBytes(scan, "scan.pdf", options, &again).ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(again.ocr_cached_pages, 2);
  EXPECT_EQ(again.pages, doc.pages);
}

// Tesseract and the libraries it needs are loaded for the first scanned page, not before: a
// run with none starts without them.
TEST(PdfReader, LoadsTesseractOnlyForAScannedPage) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  auto tesseract_loaded = [] {
    return ReadFile("/proc/self/maps").find("libtesseract") != std::string::npos;
  };
  // Run alone (as ctest runs it), nothing has loaded it yet; after other tests, one may have.
  if (::testing::UnitTest::GetInstance()->test_to_run_count() > 1 && tesseract_loaded()) {
    GTEST_SKIP() << "an earlier test in this process read a scan";
  }
  TempFolder tmp;
  const std::string typed = MakePdf(TypedProtocol());
  const std::string scan = Scan(tmp, typed);
  if (scan.empty()) GTEST_SKIP() << "pdftoppm or img2pdf missing";
  ReadOptions options;
  options.ocr_cache_dir = (tmp / "ocr-cache").string();
  options.ocr_cache_key = "scan";
  RawDocument doc;
  ASSERT_TRUE(ReadDocumentBytes(typed, "typed.pdf", options, &doc).ok());
  EXPECT_EQ(doc.ocr_pages, 0);
  EXPECT_FALSE(tesseract_loaded());
  Status s = ReadDocumentBytes(scan, "scan.pdf", options, &doc);
  if (!s.ok() && s.message().find("Swedish OCR model") != std::string::npos) {
    GTEST_SKIP() << s.message();
  }
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.ocr_pages, 2);
  EXPECT_TRUE(tesseract_loaded());
}

TEST(PdfReader, ReadsAScannedPageAfterTypedPagesAndKeepsTheTypedText) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  TempFolder tmp;
  const std::string typed = MakePdf(TypedProtocol());
  const std::string scan = Scan(tmp, typed);
  if (scan.empty()) GTEST_SKIP() << "pdftoppm or img2pdf missing";
  // The typed first page, then the scanned copy of the second (a signed page scanned in).
  WriteFile(tmp / "scan.pdf", scan);
  const std::string dir = (tmp / "").string();
  const std::string cmd = "pdfseparate -f 2 -l 2 " + dir + "scan.pdf " + dir + "signed.pdf && " +
                          "pdfseparate -f 1 -l 1 " + dir + "typed.pdf " + dir + "first.pdf && " +
                          "pdfunite " + dir + "first.pdf " + dir + "signed.pdf " + dir +
                          "mixed.pdf >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "pdfseparate or pdfunite missing";
  const std::string mixed = ReadFile(tmp / "mixed.pdf");
  ReadOptions options;
  options.ocr_threads = 2;
  RawDocument doc, first;
  Status s = ReadDocumentBytes(mixed, "mixed.pdf", options, &doc);
  if (!s.ok() && s.message().find("Swedish OCR model") != std::string::npos) {
    GTEST_SKIP() << s.message();
  }
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(ReadDocumentBytes(typed, "typed.pdf", options, &first).ok());
  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_EQ(doc.ocr_pages, 1);
  EXPECT_EQ(doc.pages[0], first.pages[0]);  // the text layer as it was, not read again
  EXPECT_NE(doc.pages[1].find("Riktlinjer"), std::string::npos) << doc.pages[1];
  EXPECT_NE(doc.pages[1].find("försörjningsstöd"), std::string::npos) << doc.pages[1];
}

TEST(PdfReader, NamesTheScannedPagesItDidNotRead) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  TempFolder tmp;
  std::string scan = Scan(tmp, MakePdf({TypedProtocol()[1]}));
  if (scan.empty()) GTEST_SKIP() << "pdftoppm or img2pdf missing";
  ReadOptions options;
  options.ocr = false;
  RawDocument doc;
  Status s = ReadDocumentBytes(scan, "scan.pdf", options, &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_NE(s.message().find("--no-ocr"), std::string::npos) << s.message();
  options.ocr = true;
  options.ocr_max_pages = 0;
  doc = RawDocument();
  s = ReadDocumentBytes(scan, "scan.pdf", options, &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_NE(s.message().find("page 1: not read by OCR, over 0 pages a file"), std::string::npos)
      << s.message();
}

TEST(TextReader, DecodesTheEncodingsSwedishArchivesHold) {
  const std::vector<TextCase> cases = {
      {"utf-8", "Sammanträde i Västerås – beslut", "UTF-8", {"Sammanträde i Västerås – beslut"}},
      {"utf-8 with BOM", "\xEF\xBB\xBF§ 48 Färdtjänst", "UTF-8", {"§ 48 Färdtjänst"}},
      // A BOM before bytes that are no UTF-8: each bad byte becomes U+FFFD.
      {"utf-8 BOM, then windows-1252",
       "\xEF\xBB\xBF"
       "F\xE4rdtj\xE4nst",
       "UTF-8",
       {"F\uFFFDrdtj\uFFFDnst"}},
      {"windows-1252",
       "Sammantr\xE4"
       "de i V\xE4ster\xE5s \x96 beslut",
       "windows-1252",
       {"Sammanträde i Västerås – beslut"}},
      {"iso-8859-1", "\xC5tg\xE4rder f\xF6r \xE4ldre", "windows-1252", {"Åtgärder för äldre"}},
      {"utf-16le with BOM",
       Bytes("\xFF\xFE\xC5\x00t\x00g\x00\xE4\x00r\x00"
             "d\x00"),
       "UTF-16LE",
       {"Åtgärd"}},
      {"utf-16be with BOM",
       Bytes("\xFE\xFF\x00\xC5\x00t\x00g\x00\xE4\x00r\x00"
             "d"),
       "UTF-16BE",
       {"Åtgärd"}},
      {"utf-16le without BOM",
       Bytes("B\x00"
             "e\x00s\x00l\x00u\x00t\x00"),
       "UTF-16LE",
       {"Beslut"}},
      {"nfd becomes nfc", "Va\xCC\x8Aga\xCC\x8Ar ma\xCC\x88nniskor", "UTF-8", {"Vågår människor"}},
      {"form feeds split pages", "sida ett\fsida två\f", "UTF-8", {"sida ett", "sida två"}},
      {"nul dropped, crlf", Bytes("rad\0 ett\r\nrad två\rtre"), "UTF-8", {"rad ett\nrad två\ntre"}},
  };
  for (const auto& c : cases) {
    RawDocument doc;
    Status s = ReadDocumentBytes(c.bytes, "m.txt", {}, &doc);
    ASSERT_TRUE(s.ok()) << c.name << ": " << s.message();
    EXPECT_EQ(doc.format, "txt") << c.name;
    EXPECT_EQ(doc.encoding, c.encoding) << c.name;
    EXPECT_EQ(doc.pages, c.pages) << c.name;
  }
}

TEST(TextReader, SplitsPagesAtThePageMarksOfConvertedMarkdown) {
  // Converters of PDF to Markdown mark each page with an HTML comment on a line of its own.
  TempFolder tmp;
  WriteFile(tmp / "p.md",
            "\n<!-- sida 1 -->\n\nSOLBERGA KOMMUN\nSida ett.\n\n<!-- sida 2 -->\n\nSida två.\n"
            "<!-- Page 3 -->\nSida tre.\n<!-- en kommentar -->\n");
  RawDocument doc;
  ASSERT_TRUE(Read(tmp / "p.md", &doc).ok());
  ASSERT_EQ(doc.pages.size(), 3u);
  EXPECT_EQ(doc.pages[0], "\nSOLBERGA KOMMUN\nSida ett.\n\n");
  EXPECT_EQ(doc.pages[1], "\nSida två.\n");
  // A comment that names no page is the page's text (the cleaner takes it off).
  EXPECT_EQ(doc.pages[2], "Sida tre.\n<!-- en kommentar -->\n");
}

TEST(TextReader, RefusesBinaryFiles) {
  std::string bytes(4096, '\0');
  std::mt19937 rng(7);
  for (char& c : bytes) c = static_cast<char>(rng() % 32);
  RawDocument doc;
  Status s = ReadDocumentBytes(bytes, "data.txt", {}, &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_EQ(s.message(), "binary file, not text");
}

// ---------------------------------------------------------------------------------------------
// Dispatch and limits

TEST(Reader, SupportsTheFormatsByExtension) {
  for (const char* name :
       {"a.pdf", "b.PDF", "c.docx", "d.odt", "e.txt", "f.md", "g.text", "dir.v2/h.Docx"}) {
    EXPECT_TRUE(IsSupportedFile(name)) << name;
  }
  for (const char* name : {"a.doc", "b.xlsx", "c", "dir.pdf/c", "d.zip", "e.ods"}) {
    EXPECT_FALSE(IsSupportedFile(name)) << name;
  }
}

TEST(Reader, ReportsEmptyMissingUnknownAndOversizedFiles) {
  TempFolder tmp;
  RawDocument doc;
  WriteFile(tmp / "empty.pdf", "");
  Status s = Read(tmp / "empty.pdf", &doc);
  EXPECT_EQ(s.code(), Code::kCorruption);
  EXPECT_EQ(s.message(), "empty file");

  s = Read(tmp / "missing.txt", &doc);
  EXPECT_EQ(s.code(), Code::kNotFound);

  WriteFile(tmp / "old.wpd", "WordPerfect");
  s = Read(tmp / "old.wpd", &doc);
  EXPECT_EQ(s.code(), Code::kUnsupported);
  EXPECT_EQ(s.message(), "unsupported format '.wpd'");

  WriteFile(tmp / "big.txt", std::string(3 << 20, 'a'));
  ReadOptions options;
  options.max_file_bytes = 1 << 20;
  s = Read(tmp / "big.txt", &doc, options);
  EXPECT_EQ(s.code(), Code::kLimitExceeded);
  EXPECT_EQ(s.message(), "file is 3 MB, over the limit of 1 MB");
}

TEST(Reader, SurvivesRandomBytesUnderEveryName) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 20; ++round) {
    std::string bytes(1 + rng() % 20000, '\0');
    for (char& c : bytes) c = static_cast<char>(rng());
    for (const char* prefix : {"", "%PDF-1.4\n", "PK\x03\x04"}) {
      for (const char* name : {"r.pdf", "r.docx", "r.odt", "r.txt"}) {
        RawDocument doc;
        Status s = ReadDocumentBytes(prefix + bytes, name, {}, &doc);
        // Short random bytes can pass for cp1252 text; nothing else may pass.
        if (*prefix == '\0' && std::string_view(name) == "r.txt" && s.ok()) continue;
        EXPECT_FALSE(s.ok()) << name << " round " << round;
        EXPECT_FALSE(s.message().empty());
        EXPECT_EQ(s.message().find('\n'), std::string::npos) << s.message();
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The real minutes from Nykarleby, with `pdftotext -layout` output beside each PDF.

const std::string kNykarleby = PROTOKOLL_SOURCE_DIR "/../shared/data/minutes-nykarleby-fi/";

// The text layer as it is, as pdftotext reads it: no page of it replaced by OCR.
ReadOptions LayerOnly() {
  ReadOptions options;
  options.ocr_broken_layers = false;
  options.mend_ligatures = false;
  return options;
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

TEST(PdfReaderOnRealMinutes, MatchesPdftotextLayoutOnSingleColumnMinutes) {
  const std::string stem = kNykarleby + "valfardsnamnden_protokoll_15_09_2022_18_00_139758";
  if (!fs::exists(stem + ".pdf")) GTEST_SKIP() << "no " << stem << ".pdf";
  RawDocument doc;
  Status s = ReadDocument(stem + ".pdf", LayerOnly(), &doc);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(doc.pages.size(), 25u);
  EXPECT_NE(doc.pages[0].find("Organ                       Välfärdsnämnden"), std::string::npos)
      << doc.pages[0];
  std::string layout = ReadFile(stem + ".txt");
  EXPECT_EQ(Words(Joined(doc.pages)), Words(layout));
}

// This agenda is set in Calibri, whose "ti", "tt" and "fi" glyphs give only their first
// letter as text: "långfristga", "fnskspråkig", "at". The reader gives the letters back.
TEST(PdfReaderOnRealMinutes, GivesBackLettersLigaturesLost) {
  const std::string pdf =
      kNykarleby + "stadsstyrelsen_foredragningslista_26_09_2022_16_30_140208.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << "no " << pdf;
  RawDocument raw, mended;
  ASSERT_TRUE(ReadDocument(pdf, LayerOnly(), &raw).ok());
  ReadOptions options = LayerOnly();
  options.mend_ligatures = true;
  ASSERT_TRUE(ReadDocument(pdf, options, &mended).ok());
  const std::string before = Joined(raw.pages), after = Joined(mended.pages);
  EXPECT_EQ(raw.mended_words, 0);
  EXPECT_GT(mended.mended_words, 100);
  for (const char* word : {"långfristga lån", "fnskspråkig utbildning", "fullmäktge"}) {
    EXPECT_NE(before.find(word), std::string::npos) << word;
    EXPECT_EQ(after.find(word), std::string::npos) << word;
  }
  for (const char* word : {"långfristiga lån", "finskspråkig utbildning", "fullmäktige"}) {
    EXPECT_NE(after.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(Words(after).size(), Words(before).size());  // letters back, no word lost
}

TEST(PdfReaderOnRealMinutes, KeepsTextAfterNulCharacters) {
  const std::string pdf = kNykarleby + "ungdomsfullmaktige_protokoll_30_01_2023_16_15_153457.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << "no " << pdf;
  RawDocument doc;
  ASSERT_TRUE(ReadDocument(pdf, LayerOnly(), &doc).ok());
  ASSERT_EQ(doc.pages.size(), 11u);
  // poppler's ustring::to_utf8() stops at the NUL after "39 §" on this page.
  EXPECT_NE(doc.pages[5].find("Stadsstyrelsen 19.12.2022, 284 §"), std::string::npos)
      << doc.pages[5];
  EXPECT_EQ(Joined(doc.pages).find('\0'), std::string::npos);
}

TEST(PdfReaderOnRealMinutes, ReadsBilingualColumnsInReadingOrder) {
  const std::string pdf = kNykarleby + "personalsektionen_protokoll_28_03_2023_15_00_159076.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << "no " << pdf;
  RawDocument doc;
  ASSERT_TRUE(ReadDocument(pdf, LayerOnly(), &doc).ok());
  ASSERT_EQ(doc.pages.size(), 47u);
  const std::string& p = doc.pages[14];
  std::size_t swedish = p.find("Resultatområdet Personal handhar stadens");
  std::size_t swedish_end = p.find("riskbedömning gjord på arbetsplatsen.");
  std::size_t finnish = p.find("Tulosalue Henkilökunta hoitaa kaupungin");
  ASSERT_NE(swedish, std::string::npos) << p;
  ASSERT_NE(finnish, std::string::npos) << p;
  EXPECT_LT(swedish, swedish_end);
  EXPECT_LT(swedish_end, finnish);
}

// Reads pdf as the indexer does, OCR on two threads.
Status ReadByOcr(const std::string& pdf, RawDocument* doc) {
  ReadOptions options;
  options.ocr_threads = 2;
  return ReadDocument(pdf, options, doc);
}

bool NoSwedishModel(const Status& s) {
  return !s.ok() && s.message().find("Swedish OCR model") != std::string::npos;
}

TEST(PdfReaderOnRealMinutes, ReadsPagesWithABrokenTextLayerByOcr) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  const std::string pdf =
      kNykarleby + "radet_for_funktionshindrade_protokoll_24_05_2023_16_00_163978.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << "no " << pdf;
  // Its font maps some letters wrong: "Protokojjet", "funktonshindrade", "fömr".
  RawDocument layer;
  ASSERT_TRUE(ReadDocument(pdf, LayerOnly(), &layer).ok());
  ASSERT_NE(Joined(layer.pages).find("protokojjet"), std::string::npos);
  RawDocument doc;
  Status s = ReadByOcr(pdf, &doc);
  if (NoSwedishModel(s)) GTEST_SKIP() << s.message();
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(doc.pages.size(), layer.pages.size());
  EXPECT_GT(doc.ocr_pages, 0);
  EXPECT_LT(doc.ocr_pages, static_cast<int>(doc.pages.size()));  // sound pages keep their layer
  const std::string all = Joined(doc.pages);
  EXPECT_EQ(all.find("rotokojjet"), std::string::npos) << all;
  EXPECT_NE(all.find("Protokollet justeras"), std::string::npos) << all;
  // The items' "N §" headings on the pages OCR read are mended, so every item is found.
  Meeting m;
  MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  ParseMeeting(doc, ctx, &m);
  std::vector<std::string> numbers;
  for (const auto& item : m.items) numbers.push_back(item.number);
  EXPECT_EQ(numbers,
            (std::vector<std::string>{"10", "11", "12", "13", "14", "15", "16", "17", "18", "19"}));
}

// The font of a page can garble its function words too ("ohh" for "och", "at" for "att"),
// which then does not read as Swedish by them; its "å" tells it from a Finnish page.
TEST(PdfReaderOnRealMinutes, ReadsBrokenPagesWithoutFunctionWordsByOcr) {
  if (!OcrAvailable()) GTEST_SKIP() << "built without libtesseract";
  const std::string pdf = kNykarleby + "ungdomsfullmaktige_protokoll_09_05_2023_16_15_162526.pdf";
  if (!fs::exists(pdf)) GTEST_SKIP() << "no " << pdf;
  RawDocument layer;
  ASSERT_TRUE(ReadDocument(pdf, LayerOnly(), &layer).ok());
  ASSERT_GT(layer.pages.size(), 8u);
  ASSERT_NE(layer.pages[8].find("gngaggra glgvgrna at mlohka"), std::string::npos)
      << layer.pages[8];
  RawDocument doc;
  Status s = ReadByOcr(pdf, &doc);
  if (NoSwedishModel(s)) GTEST_SKIP() << s.message();
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(doc.pages.size(), layer.pages.size());
  EXPECT_NE(doc.pages[8].find("engagera eleverna att plocka"), std::string::npos) << doc.pages[8];
  EXPECT_NE(doc.pages[8].find("Miljoner soppåsar"), std::string::npos) << doc.pages[8];
}

// The UTF-8 check that decides whether a text file is UTF-8 (and that the JSON writer trusts)
// reads eight ASCII bytes at a time; it must agree with a byte-by-byte reading of RFC 3629 at
// every length and alignment.
TEST(Utf8, CheckAgreesWithAByteByByteReading) {
  auto reference = [](std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
      const unsigned char c = s[i];
      std::size_t n = 0;
      unsigned low = 0x80, high = 0xBF;  // the range of the first continuation byte
      if (c < 0x80) {
        n = 0;
      } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) low = 0xA0;
        if (c == 0xED) high = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;
      } else {
        return false;
      }
      if (i + n >= s.size() + (n == 0 ? 1 : 0)) return false;
      for (std::size_t k = 1; k <= n; ++k) {
        const unsigned char d = s[i + k];
        if (d < (k == 1 ? low : 0x80) || d > (k == 1 ? high : 0xBF)) return false;
      }
      i += n + 1;
    }
    return true;
  };
  const std::string pieces[] = {"a",
                                "sprutbyte ",
                                "å",
                                "€",
                                "𝄞",
                                "\xC3",
                                "\x80",
                                "\xE0\x80\x80",
                                "\xED\xA0\x80",
                                "\xF4\x90\x80\x80",
                                "\xC0\xAF",
                                "\xFF",
                                "\x7F"};
  std::mt19937 random(11);
  int valid = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    const int length = static_cast<int>(random() % 12);
    for (int k = 0; k < length; ++k) {
      // Mostly ASCII, so that runs of eight ASCII bytes meet the other forms at every offset.
      s += random() % 3 ? pieces[random() % 2] : pieces[random() % std::size(pieces)];
    }
    const bool want = reference(s);
    valid += want;
    ASSERT_EQ(IsValidUtf8(s), want) << s;
  }
  EXPECT_GT(valid, 1000);
  EXPECT_LT(valid, 19000);
}

}  // namespace
}  // namespace protokoll::indexer
