// Item view: one item read whole, for a reader who opens a hit (protokoll-serve's item page
// and /api/item): its hit data, its whole text with the query's matches, and the other items
// of its meeting in order. The same stored data and match finder as search and KWIC.
#ifndef PROTOKOLL_QUERY_ITEM_VIEW_H_
#define PROTOKOLL_QUERY_ITEM_VIEW_H_

#include <xapian.h>

#include <ostream>
#include <string>

#include "item_store.h"
#include "protokoll/status.h"
#include "protokoll/stemming/analyzer.h"

namespace protokoll::query {

// Writes the JSON of item item_id of db: {"item": {the search hit's keys, "text",
// "match_offsets"}, "meeting_items": [{"item_id", "number", "title", "decision"}]}. Matches are
// query's (none when it is empty or bad). NotFound when db has no such item.
Status WriteItem(const Xapian::Database& db, const schema::ItemStore& items,
                 stemming::Analyzer* analyzer, stemming::Vocabulary* vocabulary, bool phrase_terms,
                 const std::string& item_id, const std::string& query, std::ostream& out);

// The file that the indexer read for meeting_id, as the database stores it.
Status MeetingFile(const Xapian::Database& db, const schema::ItemStore& items,
                   const std::string& meeting_id, std::string* file);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_ITEM_VIEW_H_
