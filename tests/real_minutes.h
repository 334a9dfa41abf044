// Real minutes for the tests: where the reference data outside the repository is
// (../shared, or a folder an environment variable names), and reading and parsing one file
// of it as the indexer does. Suites that use it skip when the data is absent.
#ifndef PROTOKOLL_TESTS_REAL_MINUTES_H_
#define PROTOKOLL_TESTS_REAL_MINUTES_H_

#include <cstdlib>
#include <filesystem>

#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"
#include "protokoll/indexer/reader.h"

namespace protokoll::testing {

// The folder env names, else ../shared/<relative> beside the source tree.
inline std::filesystem::path SharedData(const char* env, const char* relative) {
  const char* set = std::getenv(env);
  return set ? std::filesystem::path(set)
             : std::filesystem::path(PROTOKOLL_SOURCE_DIR) / ".." / "shared" / relative;
}

// Reads a file of minutes with the readers (any format) and parses it with the gazetteer;
// false if it cannot be read. A broken text layer is parsed as it is (OCR takes minutes).
inline bool ReadAndParse(const std::filesystem::path& file, indexer::Meeting* m) {
  indexer::RawDocument doc;
  indexer::ReadOptions options;
  options.ocr_broken_layers = false;
  if (!indexer::ReadDocument(file.string(), options, &doc).ok()) return false;
  indexer::MetadataContext ctx;
  ctx.gazetteer = &corpus::Gazetteer::Default();
  ctx.file_name = file.filename().string();
  indexer::ParseMeeting(doc, ctx, m);
  return true;
}

}  // namespace protokoll::testing

#endif  // PROTOKOLL_TESTS_REAL_MINUTES_H_
