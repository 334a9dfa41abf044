// Document writer: turns a parsed Meeting into Xapian documents, one per agenda item (plus
// one for the meeting header when it has text), with the terms, values and data laid out in
// protokoll/schema.h: the analyze step. The writer (writer.h) puts them in the database. Also
// the dry-run JSON of a meeting.
#ifndef PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_
#define PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_

#include <xapian.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "protokoll/indexer/meeting.h"
#include "topics.h"

namespace protokoll::indexer {

struct BuiltMeeting {
  // Each document as Xapian::Document::serialise() gives it, until it is written: a document
  // held as an object keeps every term and position in a map node of its own, about 15 times
  // the bytes of its text, and a long file's items are all built before any is written.
  std::vector<std::string> documents;
  std::unordered_map<std::string, unsigned> words;  // surface words, for spelling suggestions
  std::vector<stemming::WordEntry> vocabulary;      // words first analyzed for this meeting

  // Document k, to write.
  Xapian::Document Document(std::size_t k) const {
    return Xapian::Document::unserialise(documents[k]);
  }
};

// Builds the item documents of meeting with analyzer's terms. With topics, each item's topics
// are matched on the same analysis (the meeting's own topic lists are then not used). Gives
// up, returning false, when over_time (if set) says so before an item.
bool BuildDocuments(const Meeting& meeting, stemming::Analyzer* analyzer, TopicMatcher* topics,
                    const std::function<bool()>& over_time, BuiltMeeting* out);

// The --dry-run --json object of a meeting.
nlohmann::json MeetingJson(const Meeting& meeting);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DOCUMENT_WRITER_H_
