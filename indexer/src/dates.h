// Dates in minutes and the choice of the meeting date. Minutes write dates many ways
// ("2021-10-08", "2021.10.08", "Fredag den 8 oktober 2021", "Torsdagen den 4 mars",
// "29 mars 2019", "15.9.2022", "24/5", "3/3 2021", "200828")
// and carry several of them: the meeting's, the notes' writing date, a page template's date,
// the next meeting's, the dates of documents and earlier decisions in the items' text. The
// meeting date is the one in the header's time line or title, or on a line labelled as the
// meeting's date; a date without a year takes its year from its weekday and the years the
// text mentions.
#ifndef PROTOKOLL_INDEXER_DATES_H_
#define PROTOKOLL_INDEXER_DATES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace protokoll::indexer {

struct DateMention {
  int year = 0;  // 0 when not written
  int month = 0;
  int day = 0;
  int weekday = -1;        // 0 = Monday, when a weekday name is written with it
  bool long_form = false;  // a month name
  bool compact = false;    // "200828"
  bool slash = false;      // "24/5"
  bool after_den = false;  // "den 8 oktober"
  std::size_t offset = 0;  // byte offset in the line
};

// All dates written in one line, in order.
std::vector<DateMention> FindDates(std::string_view line);

// Day of the week (0 = Monday) of a valid date.
int Weekday(int year, int month, int day);

struct MeetingDate {
  std::string iso;        // "2020-10-23"
  bool inferred = false;  // the year was not written with the date
  std::string line;       // the line it was read from (the file name when from there)
  std::string evidence;   // what kind of line: "labelled 'Tid'", "header", "file name"
};

// The meeting date of cleaned minutes whose header (text before the first item) ends at
// header_end: a date in the header, or one on a line labelled as the meeting's date or time
// anywhere; never one of a line about another event (the next meeting, the justering, an
// earlier decision). The file name is used only when the text has no such date.
std::optional<MeetingDate> FindMeetingDate(std::string_view text, std::size_t header_end,
                                           std::string_view file_name);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DATES_H_
