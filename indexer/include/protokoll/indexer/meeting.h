// Meeting and Item: what the indexer reads out of one file of minutes, and what it writes
// to the index (one Xapian document per item, each carrying its meeting's metadata).
#ifndef PROTOKOLL_INDEXER_MEETING_H_
#define PROTOKOLL_INDEXER_MEETING_H_

#include <optional>
#include <string>
#include <vector>

namespace protokoll::indexer {

struct Item {
  std::string number;  // as written, without "§" or ")": "48", "4", "3"; "" if none
  std::string title;   // "Avtal Familjehemscentrum"
  std::string text;    // the item's whole text, title line included
  std::optional<std::string> decision;  // the decision or position text, if the item has one
  std::vector<std::string> topics;      // topic names from the taxonomy
  std::vector<std::string> dnr;         // case numbers as written: "KS-2025-00010", "SN 2023/0031"
};

// Why a field of a meeting has its value: the line it was read from and what kind of
// evidence that line is, for `--dry-run --explain`.
struct Evidence {
  std::string field;  // "meeting_date", "body", "municipalities"
  std::string kind;   // "labelled 'sammanträdesdatum'", "letterhead", "title line", ...
  std::string line;   // the line as the cleaned text has it
};

struct Meeting {
  std::string file;                         // path as given on the command line
  std::string meeting_id;                   // stable id from the path relative to the root
  std::optional<std::string> meeting_date;  // "2020-10-23"
  bool date_inferred = false;               // the year (or date) was inferred, not read
  std::optional<std::string> body;          // "Socialchefsnätverket"
  std::optional<std::string> county;        // "Västra Götalands län"
  std::vector<std::string> municipalities;  // canonical names, in order of first mention
  std::vector<std::string> topics;          // union of the items' topics, most frequent first
  std::vector<Item> items;                  // at least one: a file without structure is one item
  std::string header;                       // text before the first item, searchable on its own
  std::vector<Evidence> evidence;           // where date, body and municipalities came from
  std::vector<std::string> warnings;        // what could not be read ("no meeting date")
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_MEETING_H_
