// libFuzzer target for the DOCX reader. The input is the XML of word/document.xml, then
// optionally ("\n--part--\n" between them) word/numbering.xml and word/header1.xml, packed
// into a ZIP here so the mutations reach the XML walker; an input that already is a ZIP
// ("PK\3\4") is read as it is.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_util.h"
#include "readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using protokoll::fuzz::SplitParts;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string zip;
  if (input.substr(0, 4) == std::string_view("PK\3\4", 4)) {
    zip = input;
  } else {
    static const char* const kNames[] = {"word/document.xml", "word/numbering.xml",
                                         "word/header1.xml"};
    std::vector<std::string_view> parts = SplitParts(input, 3);
    std::vector<std::pair<std::string, std::string_view>> members = {
        {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types/>"}};
    for (std::size_t i = 0; i < parts.size(); ++i) members.emplace_back(kNames[i], parts[i]);
    zip = protokoll::fuzz::StoredZip(members);
  }
  protokoll::indexer::RawDocument doc;
  protokoll::Status s =
      protokoll::indexer::ReadZipDocument(zip, protokoll::fuzz::FuzzReadOptions(), &doc);
  protokoll::fuzz::CheckRead(s, doc);
  return 0;
}
