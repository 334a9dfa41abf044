// Document writer: turns a parsed Meeting into Xapian documents, one per agenda item (plus
// one for the meeting header when it has text), with the terms, values and data laid out in
// protokoll/schema.h. Also the dry-run JSON of a meeting.
#ifndef PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_
#define PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "protokoll/indexer/meeting.h"

namespace protokoll::stemming {
class Analyzer;
}

namespace protokoll::indexer {

struct BuiltMeeting {
  std::vector<Xapian::Document> documents;
  std::unordered_map<std::string, unsigned> words;  // surface words, for spelling suggestions
};

// Builds the item documents of meeting with analyzer's terms.
void BuildDocuments(const Meeting& meeting, stemming::Analyzer* analyzer, BuiltMeeting* out);

// The --dry-run --json object of a meeting.
nlohmann::json MeetingJson(const Meeting& meeting);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_
