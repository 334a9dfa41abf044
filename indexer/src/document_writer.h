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
  // The documents, in order, until they are written: the first as objects, and once the
  // meeting's items pass kHeldTextBytes of text, the rest as Xapian::Document::serialise()
  // gives them. An object keeps every term and position in a map node of its own, about 15
  // times the bytes of its text, and a long file's items are all built before any is written;
  // a short file's are written as they are, without the round trip.
  static constexpr std::size_t kHeldTextBytes = 256 << 10;
  std::vector<Xapian::Document> held;
  std::vector<std::string> serialised;
  std::unordered_map<std::string, unsigned> words;  // surface words, for spelling suggestions
  std::vector<stemming::WordEntry> vocabulary;      // words first analyzed for this meeting

  std::size_t size() const { return held.size() + serialised.size(); }
  // Document k (a handle to the one held, or a copy of the serialised one).
  Xapian::Document Document(std::size_t k) const {
    return k < held.size() ? held[k] : Xapian::Document::unserialise(serialised[k - held.size()]);
  }
  // Document k, to write: the builder's copy is freed.
  Xapian::Document Take(std::size_t k);
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
