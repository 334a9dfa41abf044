// Output writers: one class per format (text for a terminal, JSON for scripts, CSV for
// spreadsheets and R), each writing every command's result. run.cc picks one from a table.
#ifndef PROTOKOLL_QUERY_WRITERS_H_
#define PROTOKOLL_QUERY_WRITERS_H_

#include <memory>
#include <ostream>

#include "kwic.h"
#include "matter.h"
#include "searcher.h"
#include "stats.h"
#include "timeline.h"

namespace protokoll::query {

class Writer {
 public:
  virtual ~Writer() = default;
  virtual void Search(const SearchResult& result, std::ostream& out) = 0;
  virtual void Timeline(const TimelineResult& result, std::ostream& out) = 0;
  virtual void Stats(const StatsResult& result, std::ostream& out) = 0;
  virtual void Kwic(const KwicResult& result, std::ostream& out) = 0;
  virtual void Matter(const MatterResult& result, std::ostream& out) = 0;
};

// Human-readable; color: matches in ANSI bold instead of [[ ]].
std::unique_ptr<Writer> MakeTextWriter(bool color);
// One JSON object per answer; hits as in DESIGN.md "JSON of a search hit" (matter: the
// search answer's shape, its hits without rank, score and snippet); with
// QueryOptions::generations a hit ends with its "generation" and the time it was "added".
std::unique_ptr<Writer> MakeJsonWriter();
// RFC 4180: a header row, fields quoted where needed, CRLF line ends, UTF-8.
std::unique_ptr<Writer> MakeCsvWriter();

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_WRITERS_H_
