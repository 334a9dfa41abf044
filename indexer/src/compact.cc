#include "compact.h"

#include <xapian.h>

#include <filesystem>
#include <system_error>

#include "db_layout.h"
#include "protokoll/xapian_status.h"
#include "raw_tables.h"

namespace protokoll::indexer {
namespace {

// Puts the complete database at fresh in the place of the one at path, by two renames.
Status ReplaceDatabase(const std::string& path, const std::string& fresh) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::rename(path, CompactOld(path), ec);
  if (!ec) {
    fs::rename(fresh, path, ec);
    if (ec) RecoverCompaction(path);
  }
  if (ec) {
    fs::remove_all(fresh, ec);
    return Status::IOError("cannot replace database " + path +
                           " by its compact copy: " + ec.message());
  }
  // The pages read by OCR stay with the database (a lost cache is only slower).
  const fs::path cache = fs::path(CompactOld(path)) / kOcrCacheDir;
  if (fs::exists(cache, ec)) fs::rename(cache, fs::path(path) / kOcrCacheDir, ec);
  fs::remove_all(CompactOld(path), ec);
  return Status::OK();
}

}  // namespace

void RecoverCompaction(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec) && fs::exists(CompactOld(path), ec)) {
    fs::rename(CompactOld(path), path, ec);
  }
  fs::remove_all(CompactOld(path), ec);
  fs::remove_all(CompactTmp(path), ec);
  for (int k = 0; fs::exists(BuildShardPath(path, k), ec); ++k) {
    fs::remove_all(BuildShardPath(path, k), ec);
  }
}

Status CompactInto(const std::vector<std::string>& sources, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::remove_all(CompactTmp(path), ec);
  try {
    Xapian::Database all;
    for (const std::string& source : sources) all.add_database(Xapian::Database(source));
    all.compact(CompactTmp(path), sources.size() == 1 ? Xapian::DBCOMPACT_NO_RENUMBER : 0,
                kBlockSize);
  } catch (const Xapian::Error& e) {
    fs::remove_all(CompactTmp(path), ec);
    return FromXapian(e, Status::Code::kIOError, "cannot compact database " + path);
  }
  // The copy's version file has Xapian's defaults; later runs' data goes in raw too.
  SetTablesRaw(CompactTmp(path));
  return ReplaceDatabase(path, CompactTmp(path));
}

}  // namespace protokoll::indexer
