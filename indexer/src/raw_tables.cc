#include "raw_tables.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>

namespace protokoll::indexer {
namespace {

// The version file of a glass database (Xapian 1.4, glass_version.cc): a magic string and the
// format version, the database's UUID, the revision, then one root record a table (postlist,
// document data, termlist, ...) of variable-length numbers: root block, level and flags,
// entries, block size / 2048, compress_min, and the free list as a counted string.
constexpr std::string_view kMagic = "\x0f\x0dXapian Glass";
constexpr std::string_view kFormat = "\x04\x6e";  // glass 2016-03-14, the only one of Xapian 1.4
constexpr std::size_t kUuidBytes = 16;
constexpr RawTable kRawTables[] = {RawTable::kDocData};

std::string VersionFile(const std::string& path) { return path + "/iamglass"; }

std::optional<std::string> ReadAll(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Reads one of Xapian's variable-length numbers (seven bits a byte, low first) at *at.
bool ReadNumber(std::string_view s, std::size_t* at, unsigned long long* value) {
  *value = 0;
  for (int shift = 0; *at < s.size() && shift < 64; shift += 7) {
    const auto byte = static_cast<unsigned char>(s[(*at)++]);
    *value |= static_cast<unsigned long long>(byte & 0x7F) << shift;
    if (byte < 0x80) return true;
  }
  return false;
}

// Where a table's compress_min is written in a version file, and its value.
struct Field {
  std::size_t at = 0;
  std::size_t bytes = 0;
  unsigned long long value = 0;
};

std::optional<Field> CompressMinField(std::string_view file, RawTable want) {
  if (!file.starts_with(kMagic) || file.substr(kMagic.size(), kFormat.size()) != kFormat) {
    return std::nullopt;
  }
  std::size_t at = kMagic.size() + kFormat.size() + kUuidBytes;
  unsigned long long n = 0;
  if (!ReadNumber(file, &at, &n)) return std::nullopt;  // the revision
  for (int table = 0; table <= static_cast<int>(want); ++table) {
    for (int k = 0; k < 4; ++k) {  // root, level and flags, entries, block size
      if (!ReadNumber(file, &at, &n)) return std::nullopt;
    }
    Field f;
    f.at = at;
    if (!ReadNumber(file, &at, &f.value)) return std::nullopt;
    f.bytes = at - f.at;
    if (table == static_cast<int>(want)) return f;
    if (!ReadNumber(file, &at, &n) || n > file.size() - at) return std::nullopt;  // free list
    at += n;
  }
  return std::nullopt;
}

// Replaces file by contents, as Xapian does: a new file, synced, renamed over it.
bool Replace(const std::string& file, const std::string& contents) {
  const std::string tmp = file + ".protokoll-tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  bool ok =
      ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size()) &&
      ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), file.c_str()) == 0) return true;
  std::remove(tmp.c_str());
  return false;
}

// The version file's contents with the raw tables set to be stored without trying zlib;
// nullopt if they are so already or the file is not one this code knows.
std::optional<std::string> RawVersion(std::string file) {
  bool changed = false;
  for (RawTable table : kRawTables) {
    const std::optional<Field> f = CompressMinField(file, table);
    if (!f) return std::nullopt;
    if (f->value == 0) continue;
    // 0 takes one byte: only a one-byte value is replaced, so no field moves.
    if (f->bytes != 1) return std::nullopt;
    file[f->at] = '\0';
    changed = true;
  }
  if (!changed) return std::nullopt;
  return file;
}

}  // namespace

long CompressMin(const std::string& path, RawTable table) {
  const std::optional<std::string> file = ReadAll(VersionFile(path));
  if (!file) return -1;
  const std::optional<Field> f = CompressMinField(*file, table);
  return f ? static_cast<long>(f->value) : -1;
}

bool SetTablesRaw(const std::string& path) {
  const std::optional<std::string> file = ReadAll(VersionFile(path));
  if (!file) return false;
  if (const std::optional<std::string> raw = RawVersion(*file)) {
    return Replace(VersionFile(path), *raw);
  }
  // Unchanged: raw already, or a file this code does not know.
  for (RawTable table : kRawTables) {
    const std::optional<Field> f = CompressMinField(*file, table);
    if (!f || f->value != 0) return false;
  }
  return true;
}

Xapian::WritableDatabase OpenWritableRaw(const std::string& path, int flags, int block_size) {
  Xapian::WritableDatabase db(path, flags, block_size);
  // This writer holds the lock and has written nothing, so nothing else writes the version
  // file meanwhile, and closing writes nothing either; opened again, glass reads the new
  // value. A file it will not read is put back as it was.
  const std::optional<std::string> before = ReadAll(VersionFile(path));
  if (!before) return db;
  const std::optional<std::string> raw = RawVersion(*before);
  if (!raw || !Replace(VersionFile(path), *raw)) return db;
  db.close();
  // The action is flags' two low bits (DB_CREATE_OR_OPEN ... DB_OPEN); the rest are kept.
  const int reopen = (flags & ~0x03) | Xapian::DB_OPEN;
  try {
    return Xapian::WritableDatabase(path, reopen, block_size);
  } catch (const Xapian::DatabaseLockError&) {
    throw;  // another writer has it now, and reads the new file
  } catch (const Xapian::DatabaseError&) {
    if (!Replace(VersionFile(path), *before)) throw;
  }
  return Xapian::WritableDatabase(path, reopen, block_size);
}

}  // namespace protokoll::indexer
