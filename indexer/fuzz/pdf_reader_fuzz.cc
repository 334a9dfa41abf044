// libFuzzer target for the PDF reader (poppler-cpp, the layout and column detection around it).
// OCR is off: a page without text is left empty instead of going to Tesseract.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  protokoll::indexer::RawDocument doc;
  protokoll::Status s =
      protokoll::indexer::ReadPdf(bytes, protokoll::fuzz::FuzzReadOptions(), &doc);
  protokoll::fuzz::CheckRead(s, doc);
  for (const auto& page : doc.pages) (void)protokoll::indexer::LooksMultiColumn(page);
  return 0;
}
