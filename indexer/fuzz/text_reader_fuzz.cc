// libFuzzer target for the plain-text reader: encoding detection (UTF-8, UTF-16 with BOM,
// Windows-1252), NFC, form feeds as page breaks. Any bytes in: no crash, and valid UTF-8 out.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  protokoll::indexer::RawDocument doc;
  protokoll::Status s =
      protokoll::indexer::ReadText(bytes, protokoll::fuzz::FuzzReadOptions(), &doc);
  protokoll::fuzz::CheckRead(s, doc);
  return 0;
}
