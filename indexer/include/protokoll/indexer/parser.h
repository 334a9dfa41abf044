// The parsing steps from a read document to a Meeting: cleaner (drops page headers, footers,
// tables of contents and markup residue) -> structure (meeting header, agenda items,
// decisions) -> metadata (date, body, county, municipalities, topics). Each step is a
// function of its own so it can be tested alone; ParseMeeting runs them in order.
#ifndef PROTOKOLL_INDEXER_PARSER_H_
#define PROTOKOLL_INDEXER_PARSER_H_

#include <string>
#include <vector>

#include "protokoll/indexer/meeting.h"
#include "protokoll/indexer/reader.h"

namespace protokoll::corpus {
class Gazetteer;
}
namespace protokoll::stemming {
class Analyzer;
}

namespace protokoll::indexer {

struct DroppedLine {
  std::size_t page = 0;  // 0-based page the line was on
  std::string text;      // the line as it was
  std::string reason;    // "repeated page header", "table of contents", "markup"
};

struct CleanedText {
  std::string text;                  // the minutes' text, pages joined
  std::vector<DroppedLine> dropped;  // what the cleaner removed, for --explain
  // Byte offsets in text of lines that were bold as a whole in the source ("**Title**"):
  // some styles mark item titles only by bold, which the text no longer shows.
  std::vector<std::size_t> bold_lines;
};

struct Structure {
  std::string header;       // the text before the first item (title, time, place, people)
  std::vector<Item> items;  // number, title, text, decision; topics left empty
};

// Step 1: removes what is not minutes text.
CleanedText Clean(const RawDocument& doc);

// Step 2: the meeting header and the agenda items, with their decisions. Never empty: text
// without recognizable items becomes one item holding all of it.
Structure ParseStructure(const std::string& text);
// The same, also using what the cleaner saw of the layout (bold lines).
Structure ParseStructure(const CleanedText& cleaned);

struct MetadataContext {
  const corpus::Gazetteer* gazetteer = nullptr;  // municipalities, counties, bodies
  stemming::Analyzer* analyzer = nullptr;        // topic keywords match through the analyzer
  std::string file_name;                         // the file's name, a last hint for the date
};

// Step 3: fills meeting_date, date_inferred, body, county, municipalities, topics and the
// items' topics of meeting from the cleaned text and its structure.
void ExtractMetadata(const CleanedText& cleaned, const Structure& structure,
                     const MetadataContext& context, Meeting* meeting);

// All three steps; meeting->file and meeting->meeting_id are left to the caller.
void ParseMeeting(const RawDocument& doc, const MetadataContext& context, Meeting* meeting,
                  CleanedText* cleaned = nullptr);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_PARSER_H_
