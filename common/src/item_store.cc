#include "protokoll/item_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "protokoll/doc_data.h"
#include "protokoll/schema.h"

namespace protokoll::schema {
namespace {

// A segment file: this magic, the number of entries (8 bytes) and where their table starts
// (8 bytes); then the packed data of each document; then the table, one entry per document
// in docid order: docid (4 bytes), size (4 bytes), offset of its data (8 bytes). Integers
// are little-endian.
constexpr char kMagic[8] = {'P', 'K', 'I', 'T', 'E', 'M', 'S', '1'};
constexpr std::size_t kHeaderSize = 24;
constexpr std::size_t kEntrySize = 16;
constexpr std::string_view kSegmentPrefix = "items.";

template <typename T>
T Load(const char* p) {
  T v = 0;
  for (std::size_t k = 0; k < sizeof(T); ++k) v |= T(static_cast<unsigned char>(p[k])) << (8 * k);
  return v;
}

template <typename T>
void Store(T v, char* p) {
  for (std::size_t k = 0; k < sizeof(T); ++k) p[k] = static_cast<char>((v >> (8 * k)) & 0xFF);
}

std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> names;
  std::istringstream in(list);
  for (std::string name; in >> name;) names.push_back(name);
  return names;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : " ") + n;
  return list;
}

// The number of a segment named "items.N", or 0.
int SegmentNumber(std::string_view name) {
  if (name.substr(0, kSegmentPrefix.size()) != kSegmentPrefix) return 0;
  int n = 0;
  for (char c : name.substr(kSegmentPrefix.size())) {
    if (c < '0' || c > '9' || n > 100000000) return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

// One segment file, mapped into memory.
struct ItemStore::Segment {
  const char* base = nullptr;
  std::size_t size = 0;
  const char* table = nullptr;
  std::uint64_t count = 0;

  ~Segment() {
    if (base) munmap(const_cast<char*>(base), size);
  }
  Xapian::docid DocidAt(std::uint64_t k) const {
    return Load<std::uint32_t>(table + k * kEntrySize);
  }
  Xapian::docid First() const { return count ? DocidAt(0) : 0; }
  Xapian::docid Last() const { return count ? DocidAt(count - 1) : 0; }

  // The stored data of did, or empty.
  std::string_view Find(Xapian::docid did) const {
    std::uint64_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint64_t mid = lo + (hi - lo) / 2;
      if (DocidAt(mid) < did) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == count || DocidAt(lo) != did) return {};
    const char* e = table + lo * kEntrySize;
    const std::uint64_t length = Load<std::uint32_t>(e + 4);
    const std::uint64_t offset = Load<std::uint64_t>(e + 8);
    if (offset < kHeaderSize || offset > size || length > size - offset) return {};
    return std::string_view(base + offset, length);
  }

  static Status Map(const std::string& path, std::unique_ptr<Segment>* out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::Corruption("cannot open " + path + ": " + std::strerror(errno));
    struct stat st;
    auto seg = std::make_unique<Segment>();
    if (fstat(fd, &st) == 0 && st.st_size >= static_cast<off_t>(kHeaderSize)) {
      void* p = mmap(nullptr, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        seg->base = static_cast<const char*>(p);
        seg->size = st.st_size;
      }
    }
    ::close(fd);
    if (!seg->base || std::memcmp(seg->base, kMagic, sizeof kMagic) != 0) {
      return Status::Corruption(path + " is not an item store segment");
    }
    seg->count = Load<std::uint64_t>(seg->base + 8);
    const std::uint64_t table = Load<std::uint64_t>(seg->base + 16);
    if (table < kHeaderSize || table > seg->size || seg->count > (seg->size - table) / kEntrySize) {
      return Status::Corruption(path + " is damaged (its table is out of the file)");
    }
    seg->table = seg->base + table;
    *out = std::move(seg);
    return Status::OK();
  }
};

ItemStore::~ItemStore() = default;

Status ItemStore::Open(const std::string& dir, const Xapian::Database& db,
                       std::unique_ptr<ItemStore>* out) {
  std::unique_ptr<ItemStore> store(new ItemStore);
  // A stub database (a folder holding a XAPIANDB file) searches shards as one: each has its
  // own store, and Xapian interleaves their docids.
  std::error_code ec;
  const std::string stub = dir + "/XAPIANDB";
  if (!std::filesystem::exists(dir + "/iamglass", ec) && std::filesystem::exists(stub, ec)) {
    std::ifstream in(stub);
    for (std::string line; std::getline(in, line);) {
      std::istringstream words(line);
      std::string type, path;
      words >> type;
      if (type.empty() || type[0] == '#') continue;
      std::getline(words >> std::ws, path);
      if (type != "auto" && type != "glass") {
        return Status::Unsupported("the shard '" + line + "' of " + dir +
                                   " is not a local database: its items cannot be read");
      }
      if (path.empty() || path[0] != '/') path = dir + "/" + path;
      std::unique_ptr<ItemStore> shard;
      try {
        Status s = Open(path, Xapian::Database(path), &shard);
        if (!s.ok()) return s;
      } catch (const Xapian::Error& e) {
        return Status::Corruption("cannot open the shard " + path + ": " + e.get_msg());
      }
      store->shards_.push_back(std::move(shard));
    }
    *out = std::move(store);
    return Status::OK();
  }
  std::string list;
  try {
    list = db.get_metadata(std::string(kItemsKey));
    if (list.empty() && db.get_doccount() > 0) {
      store->db_ = db;
      store->in_values_ = true;
    }
  } catch (const Xapian::Error& e) {
    return Status::Corruption("cannot read database " + dir + ": " + e.get_msg());
  }
  for (const std::string& name : SplitNames(list)) {
    std::unique_ptr<Segment> seg;
    Status s = Segment::Map(dir + "/" + name, &seg);
    if (!s.ok()) return s;
    store->segments_.push_back(std::move(seg));
  }
  std::sort(store->segments_.begin(), store->segments_.end(),
            [](const auto& a, const auto& b) { return a->First() < b->First(); });
  *out = std::move(store);
  return Status::OK();
}

std::string_view ItemStore::GetPacked(Xapian::docid did) const {
  if (!shards_.empty()) {
    const Xapian::docid n = shards_.size();
    return did ? shards_[(did - 1) % n]->GetPacked((did - 1) / n + 1) : std::string_view();
  }
  if (in_values_) {
    try {
      value_ = db_.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(kDataSlot);
    } catch (const Xapian::DocNotFoundError&) {
      value_.clear();
    }
    return value_;
  }
  // Segments hold increasing docids (a database never gives a docid twice): the last one
  // that starts at or before did has it.
  auto it = std::upper_bound(segments_.begin(), segments_.end(), did,
                             [](Xapian::docid d, const auto& s) { return d < s->First(); });
  if (it != segments_.begin()) {
    const Segment& seg = **std::prev(it);
    if (did <= seg.Last()) return seg.Find(did);
  }
  return {};
}

bool ItemStore::Get(Xapian::docid did, std::string* data) const {
  const std::string_view packed = GetPacked(did);
  if (packed.empty()) {
    data->clear();
    return false;
  }
  return UnpackDocData(packed, data);
}

ItemStoreWriter::~ItemStoreWriter() {
  if (file_) {
    std::fclose(file_);
    std::remove((dir_ + "/" + names_.back() + ".tmp").c_str());
  }
}

Status ItemStoreWriter::Open(const std::string& dir, Xapian::WritableDatabase* db, bool sync) {
  dir_ = dir;
  db_ = db;
  sync_ = sync;
  try {
    names_ = SplitNames(db->get_metadata(std::string(kItemsKey)));
  } catch (const Xapian::Error& e) {
    return Status::Corruption("cannot read database " + dir + ": " + e.get_msg());
  }
  const std::set<std::string> named(names_.begin(), names_.end());
  next_ = 1;
  for (const std::string& n : names_) next_ = std::max(next_, SegmentNumber(n) + 1);
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.compare(0, kSegmentPrefix.size(), kSegmentPrefix) == 0 && !named.count(name)) {
      std::filesystem::remove(e.path(), ec);
    }
  }
  return Status::OK();
}

Status ItemStoreWriter::Fail(const std::string& what) {
  const std::string why = std::strerror(errno);
  if (file_) std::fclose(file_);
  file_ = nullptr;
  return Status::IOError("cannot " + what + " " + dir_ + "/" + names_.back() + ": " + why);
}

Status ItemStoreWriter::Add(Xapian::docid did, std::string_view packed) {
  if (!file_) {
    names_.push_back(std::string(kSegmentPrefix) + std::to_string(next_++));
    file_ = std::fopen((dir_ + "/" + names_.back() + ".tmp").c_str(), "wb");
    if (!file_) {
      const std::string why = std::strerror(errno);
      names_.pop_back();
      return Status::IOError("cannot create an item store segment in " + dir_ + ": " + why);
    }
    char header[kHeaderSize] = {};
    if (std::fwrite(header, 1, kHeaderSize, file_) != kHeaderSize) return Fail("write");
    entries_.clear();
    written_ = kHeaderSize;
  }
  if (packed.size() > UINT32_MAX) return Status::InvalidArgument("an item's data is over 4 GB");
  if (std::fwrite(packed.data(), 1, packed.size(), file_) != packed.size()) return Fail("write");
  entries_.push_back({did, static_cast<std::uint32_t>(packed.size()), written_});
  written_ += packed.size();
  return Status::OK();
}

Status ItemStoreWriter::Flush() {
  if (!file_) return Status::OK();
  std::sort(entries_.begin(), entries_.end(),
            [](const Entry& a, const Entry& b) { return a.did < b.did; });
  std::string table(entries_.size() * kEntrySize, '\0');
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    char* e = table.data() + k * kEntrySize;
    Store<std::uint32_t>(entries_[k].did, e);
    Store<std::uint32_t>(entries_[k].size, e + 4);
    Store<std::uint64_t>(entries_[k].offset, e + 8);
  }
  char header[kHeaderSize];
  std::memcpy(header, kMagic, sizeof kMagic);
  Store<std::uint64_t>(entries_.size(), header + 8);
  Store<std::uint64_t>(written_, header + 16);
  if (std::fwrite(table.data(), 1, table.size(), file_) != table.size() ||
      std::fseek(file_, 0, SEEK_SET) != 0 ||
      std::fwrite(header, 1, kHeaderSize, file_) != kHeaderSize || std::fflush(file_) != 0 ||
      (sync_ && ::fsync(fileno(file_)) != 0)) {
    return Fail("write");
  }
  std::fclose(file_);
  file_ = nullptr;
  const std::string path = dir_ + "/" + names_.back();
  if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
    return Status::IOError("cannot rename " + path + ".tmp: " + std::strerror(errno));
  }
  try {
    db_->set_metadata(std::string(kItemsKey), JoinNames(names_));
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot write database " + dir_ + ": " + e.get_msg());
  }
  return Status::OK();
}

Status CompactItems(const std::vector<std::string>& sources, bool renumber,
                    const std::string& dest) {
  try {
    Xapian::WritableDatabase out(dest, Xapian::DB_OPEN);
    // The compact copy holds the sources' list of segments, which are not in its folder.
    out.set_metadata(std::string(kItemsKey), "");
    ItemStoreWriter writer;
    Status s = writer.Open(dest, &out, true);
    Xapian::docid offset_total = 0;
    Xapian::doccount copied = 0;
    for (std::size_t k = 0; k < sources.size() && s.ok(); ++k) {
      // As compact numbers them: a source's documents follow the previous source's last
      // one, less the unused docids before its first.
      Xapian::Database db(sources[k]);
      std::unique_ptr<ItemStore> store;
      s = ItemStore::Open(sources[k], db, &store);
      Xapian::docid offset = 0, last = 0;
      for (auto p = db.postlist_begin(""); s.ok() && p != db.postlist_end(""); ++p) {
        if (last == 0 && renumber) offset = offset_total - (*p - 1);
        last = *p;
        const std::string_view packed = store->GetPacked(*p);
        if (packed.empty()) {
          return Status::Corruption("the data of document " + std::to_string(*p) + " of " +
                                    sources[k] + " is missing");
        }
        s = writer.Add(*p + offset, packed);
        ++copied;
      }
      if (renumber && last) offset_total = offset + last;
    }
    if (s.ok()) s = writer.Flush();
    if (!s.ok()) return s;
    if (copied != out.get_doccount()) {
      return Status::Corruption("the compact copy " + dest + " has " +
                                std::to_string(out.get_doccount()) + " documents but " +
                                std::to_string(copied) + " items' data");
    }
    out.commit();
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot write the item store of " + dest + ": " + e.get_msg());
  }
  return Status::OK();
}

}  // namespace protokoll::schema
