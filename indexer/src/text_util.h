// Small text helpers shared by the cleaner, the structure parser and the metadata
// extractors: line splitting, trimming, UTF-8-aware case checks and the recognizers of item
// headings and decision labels. Hand-written scanning, no std::regex: these run on every line
// of every file, and libstdc++'s regex is far too slow for that.
#ifndef PROTOKOLL_INDEXER_TEXT_UTIL_H_
#define PROTOKOLL_INDEXER_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace protokoll::indexer::text {

// The lines of text, without their '\n' (and a trailing '\r').
std::vector<std::string_view> SplitLines(std::string_view text);

// Without leading and trailing white space (space, tab, CR, NBSP).
std::string_view Trim(std::string_view s);
std::string_view TrimLeft(std::string_view s);
std::string_view TrimRight(std::string_view s);

// Lowercase of ASCII and Latin-1 letters (Swedish names) in UTF-8.
std::string Lower(std::string_view s);

bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
// Case-insensitive (ASCII + Latin-1) prefix test.
bool StartsWithCI(std::string_view s, std::string_view prefix);
// Whether Lower(a) == Lower(b), without the copies.
bool EqualsCI(std::string_view a, std::string_view b);

// Whether the first character is an uppercase letter (ASCII or Latin-1: Å, Ä, Ö, É ...).
bool StartsUpper(std::string_view s);
// Whether s has letters and all of them are capitals ("SOCIALNÄMNDEN", "2019-11-19 BN").
bool AllCaps(std::string_view s);
// Whether the byte at s[i] begins a letter (ASCII letter or any UTF-8 multibyte sequence).
bool IsLetterByte(unsigned char c);
bool IsDigit(char c);

// Optimal string alignment distance of two words (an adjacent swap costs one), cut off:
// limit + 1 when it is larger than limit.
int EditDistance(const std::u32string& a, const std::u32string& b, int limit);

// Words of a line: maximal runs of letters, digits and inner hyphens/apostrophes.
struct Word {
  std::string_view text;
  std::size_t begin = 0;  // byte offset in the line
};
std::vector<Word> Words(std::string_view line);

// Whether s is a page's number as headers print it: "Sida 6 av 12", "Sida 3", "2 (14)", "4 av 9".
bool IsPageMarker(std::string_view s);

// s without a last column that a page's header ran into it, after a gap of three spaces or
// a tab: a page number, the meeting's date or its label ("Beslut om avfallsföreskrifter
// 2025-09-01", "Delegationsbeslut och meddelanden     Sammanträdesdatum").
std::string_view WithoutPageColumn(std::string_view s);

// How an agenda item's heading is written.
enum class HeadingKind {
  kNone,
  kSection,  // "§ 48 Title", "48 § Title", "1§ Title", "KS § 48"; the title may be on the next line
  kParen,  // "4) Title"
  kDot,    // "3. Title"
};

struct Heading {
  HeadingKind kind = HeadingKind::kNone;
  int number = 0;
  std::string_view title;  // as written after the number, trimmed
};

// Recognizes an item heading line; kind kNone if the line is not one. Lines that end in a
// page number after a tab or dot leaders (tables of contents) are not headings.
Heading ClassifyHeading(std::string_view line);

// Whether the line names a politician by party: "(S)", "(M)", "(KD)" …, any case.
bool HasPartyMark(std::string_view line);

// Whether the line is a case's reference number ("Dnr KS 2022/00045",
// "NKBY/497/12.03.01/2022"): it names the case, it is neither title nor decision.
bool LooksLikeReference(std::string_view line);

// Whether the line ends like a table-of-contents entry: dot leaders or a tab (or a wide
// gap) followed by a page number.
bool LooksLikeTocEntry(std::string_view line);

}  // namespace protokoll::indexer::text

#endif  // PROTOKOLL_INDEXER_TEXT_UTIL_H_
