// What the DOCX and ODT readers share: a builder that collects paragraphs and table rows into
// pages, list-number formatting for both formats' vocabularies, and parsing a ZIP member as
// XML with pugixml. Both formats are walked by element local names, so a producer that picks
// unusual namespace prefixes still reads.
#ifndef PROTOKOLL_INDEXER_READER_OFFICE_H_
#define PROTOKOLL_INDEXER_READER_OFFICE_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/indexer/reader.h"
#include "reader_zip.h"

namespace protokoll::indexer {

// Lines (a paragraph or a table row each) collected into pages. A page break only starts a
// new page when the current one has text, so a break the format records twice (DOCX writes an
// explicit break and a "last rendered" one) gives no empty page.
class PagedText {
 public:
  explicit PagedText(bool keep_pages = true) : keep_pages_(keep_pages) {}
  void AddLine(std::string_view line);
  void PageBreak();
  bool empty() const { return pages_.size() == 1 && pages_[0].empty(); }
  // The pages, each in NFC; a table cell or header joins its lines with join.
  std::vector<std::string> TakePages();
  std::string TakeJoined(std::string_view join);

 private:
  bool keep_pages_;
  std::vector<std::string> pages_ = {std::string()};
  std::vector<std::string> lines_;  // when !keep_pages_, for TakeJoined
};

// n in a list numbering format: OOXML's "decimal", "lowerLetter", "upperRoman", … or ODF's
// "1", "a", "A", "i", "I". Unknown formats are decimal.
std::string FormatListNumber(int n, std::string_view format);

// A list's first number as a file's attribute gives it (1 when absent), kept to what a list
// counts from (0 to a million), so a hostile 2147483647 cannot overflow the counting.
int ListStart(const pugi::xml_attribute& value);

// "w:p" → "p": elements are matched by local name.
std::string_view LocalName(const pugi::xml_node& node);

// Reads member from zip and parses it as XML, keeping whitespace-only text (" " in a run).
Status ParseXmlMember(ZipArchive& zip, std::string_view member, pugi::xml_document* xml);

// The DOCX main part named by _rels/.rels, or "" (usually "word/document.xml").
std::string DocxMainPart(ZipArchive& zip);

// Readers of the two formats over an opened archive.
Status ReadDocx(ZipArchive& zip, RawDocument* doc);
Status ReadOdt(ZipArchive& zip, RawDocument* doc);

// XML nesting deeper than this is not walked (and reported): the walkers recurse.
inline constexpr int kMaxXmlDepth = 256;

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_READER_OFFICE_H_
