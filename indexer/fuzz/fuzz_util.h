// What the fuzz targets of the readers share: the check every reader's output must pass, and
// a ZIP writer so the DOCX and ODT targets fuzz the XML the readers walk (a mutated deflate
// stream or CRC would only ever reach libzip's error path).
#ifndef PROTOKOLL_INDEXER_FUZZ_FUZZ_UTIL_H_
#define PROTOKOLL_INDEXER_FUZZ_FUZZ_UTIL_H_

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protokoll/indexer/reader.h"
#include "protokoll/status.h"
#include "protokoll/utf8.h"

namespace protokoll::fuzz {

// A reader that succeeds gives valid UTF-8 (everything after it assumes so); one that fails
// says why.
inline void CheckRead(const Status& status, const indexer::RawDocument& doc) {
  if (!status.ok()) {
    if (status.message().empty()) std::abort();
    return;
  }
  for (const std::string& page : doc.pages) {
    if (!IsValidUtf8(page)) std::abort();
  }
  for (const std::string& header : doc.headers) {
    if (!IsValidUtf8(header)) std::abort();
  }
}

// The input split at each line "--part--": the members of the ZIP, in the order of names.
inline std::vector<std::string_view> SplitParts(std::string_view input, std::size_t max_parts) {
  static constexpr std::string_view kSeparator = "\n--part--\n";
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    std::size_t at = input.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + kSeparator.size());
  }
  parts.push_back(input);
  return parts;
}

inline std::uint32_t Crc32(std::string_view bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

// A ZIP of stored (uncompressed) members with correct sizes and CRCs.
inline std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& members) {
  auto u16 = [](std::string* out, unsigned v) {
    out->push_back(static_cast<char>(v & 0xFF));
    out->push_back(static_cast<char>((v >> 8) & 0xFF));
  };
  auto u32 = [&](std::string* out, std::uint32_t v) {
    u16(out, v & 0xFFFF);
    u16(out, v >> 16);
  };
  std::string zip, directory;
  for (const auto& [name, data] : members) {
    std::uint32_t offset = static_cast<std::uint32_t>(zip.size());
    std::uint32_t crc = Crc32(data);
    std::uint32_t size = static_cast<std::uint32_t>(data.size());
    // Local header: signature, version, flags, method 0 (stored), time, date, crc, sizes, name.
    u32(&zip, 0x04034b50);
    u16(&zip, 20), u16(&zip, 0), u16(&zip, 0), u16(&zip, 0), u16(&zip, 0x21);
    u32(&zip, crc), u32(&zip, size), u32(&zip, size);
    u16(&zip, static_cast<unsigned>(name.size())), u16(&zip, 0);
    zip += name;
    zip += data;
    u32(&directory, 0x02014b50);
    u16(&directory, 20), u16(&directory, 20), u16(&directory, 0), u16(&directory, 0);
    u16(&directory, 0), u16(&directory, 0x21);
    u32(&directory, crc), u32(&directory, size), u32(&directory, size);
    u16(&directory, static_cast<unsigned>(name.size()));
    u16(&directory, 0), u16(&directory, 0), u16(&directory, 0), u16(&directory, 0);
    u32(&directory, 0), u32(&directory, offset);
    directory += name;
  }
  std::uint32_t directory_offset = static_cast<std::uint32_t>(zip.size());
  zip += directory;
  u32(&zip, 0x06054b50);
  u16(&zip, 0), u16(&zip, 0);
  u16(&zip, static_cast<unsigned>(members.size())),
      u16(&zip, static_cast<unsigned>(members.size()));
  u32(&zip, static_cast<std::uint32_t>(directory.size())), u32(&zip, directory_offset);
  u16(&zip, 0);
  return zip;
}

// Limits that keep one input from running long: the fuzzer's own timeout stays for real hangs.
inline indexer::ReadOptions FuzzReadOptions() {
  indexer::ReadOptions options;
  options.max_unpacked_bytes = 8u << 20;
  options.max_seconds = 10;
  options.ocr = false;  // Tesseract is not what is fuzzed, and takes seconds a page
  return options;
}

}  // namespace protokoll::fuzz

#endif  // PROTOKOLL_INDEXER_FUZZ_FUZZ_UTIL_H_
