// libFuzzer target for the parsing steps after a reader: cleaner -> structure -> metadata, with
// the Swedish analyzer and the gazetteer as protokoll-index uses them. The input is a
// document's text, form feeds between pages ("**bold**" lines as the DOCX reader marks them).
// Any text in: no crash, at least one item, and every string out valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/stemming/analyzer.h"
#include "protokoll/utf8.h"

namespace {

void CheckText(std::string_view s) {
  if (!protokoll::IsValidUtf8(s)) std::abort();
}

protokoll::stemming::Analyzer* analyzer = nullptr;

}  // namespace

// The analyzer is opened, and loads its dictionaries with a first word, and the gazetteer is
// read, before the first input: that takes seconds under ASan on a busy machine, which
// libFuzzer would count against one input's -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace protokoll;
  std::unique_ptr<stemming::Analyzer> a;
  if (!stemming::Analyzer::Open({}, &a).ok()) std::abort();  // needs hunspell-sv
  std::vector<stemming::Token> tokens;
  a->Analyze("sammanträdesprotokollet", &tokens);
  analyzer = a.release();
  (void)corpus::Gazetteer::Default();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace protokoll;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // The readers hand on valid UTF-8 only (reader_fuzz checks that they do).
  if (!IsValidUtf8(text)) return -1;
  indexer::RawDocument doc;
  doc.format = "txt";
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\f') {
      doc.pages.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  indexer::MetadataContext context;
  context.gazetteer = &corpus::Gazetteer::Default();
  context.analyzer = analyzer;
  context.file_name = "fuzz.txt";
  indexer::Meeting meeting;
  indexer::CleanedText cleaned;
  indexer::ParseMeeting(doc, context, &meeting, &cleaned);
  if (meeting.items.empty()) std::abort();
  CheckText(cleaned.text);
  CheckText(meeting.header);
  for (const auto& item : meeting.items) {
    CheckText(item.number);
    CheckText(item.title);
    CheckText(item.text);
    if (item.decision) CheckText(*item.decision);
    for (const auto& dnr : item.dnr) CheckText(dnr);
  }
  if (meeting.body) CheckText(*meeting.body);
  if (meeting.meeting_date && meeting.meeting_date->size() != 10) std::abort();
  return 0;
}
