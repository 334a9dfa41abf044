// ZipArchive: read-only access to the members of a ZIP held in memory (DOCX and ODT are ZIPs),
// with the limits that keep a zip bomb from exhausting the machine: the total unpacked size,
// each member's compression ratio and the time spent, checked against the sizes the archive
// declares before a member is read and again on the bytes actually inflated while reading it.
#ifndef PROTOKOLL_INDEXER_READER_ZIP_H_
#define PROTOKOLL_INDEXER_READER_ZIP_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/indexer/reader.h"

struct zip;  // libzip's archive handle, kept out of this header

namespace protokoll::indexer {

class ZipArchive {
 public:
  // Opens bytes (which must outlive the archive) as a ZIP; Corruption when they are not one.
  static Status Open(std::string_view bytes, const ReadOptions& options,
                     std::unique_ptr<ZipArchive>* out);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // The members' names, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  bool Has(std::string_view name) const;

  // Reads one member whole. NotFound when absent; LimitExceeded when it, together with what
  // was read before, breaks max_unpacked_bytes, max_compression_ratio or max_seconds.
  Status Read(std::string_view name, std::string* out);

  // LimitExceeded once more than options.max_seconds passed since Open.
  Status CheckTime() const;

 private:
  ZipArchive(zip* archive, const ReadOptions& options);

  zip* archive_;
  ReadOptions options_;
  std::vector<std::string> names_;
  std::uint64_t unpacked_ = 0;  // bytes inflated so far, over all members
  std::chrono::steady_clock::time_point start_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_READER_ZIP_H_
