#include "item_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "protokoll/doc_data.h"
#include "protokoll/schema.h"
#include "protokoll/xapian_status.h"

namespace protokoll::schema {
namespace {

// A segment file: this magic, the number of entries (8 bytes) and where their table starts
// (8 bytes); then the packed data of each document; then the table, one entry per document
// in docid order: docid (4 bytes), size (4 bytes), offset of its data (8 bytes). Integers
// are little-endian.
constexpr char kMagic[8] = {'P', 'K', 'I', 'T', 'E', 'M', 'S', '1'};
constexpr std::size_t kHeaderSize = 24;
constexpr std::size_t kEntrySize = 16;

template <typename T>
T Load(const char* p) {
  T v = 0;
  for (std::size_t k = 0; k < sizeof(T); ++k) v |= T(static_cast<unsigned char>(p[k])) << (8 * k);
  return v;
}

std::vector<std::string> SplitNames(const std::string& list) {
  std::vector<std::string> names;
  std::istringstream in(list);
  for (std::string name; in >> name;) names.push_back(name);
  return names;
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
  std::string version, list;
  try {
    // Of a stub database, the first shard's: all shards of one database share a schema.
    version = db.get_metadata(std::string(kSchemaVersionKey));
    list = db.get_metadata(std::string(kItemsKey));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kCorruption, "cannot read database " + dir);
  }
  store->db_ = db;
  if (version != "5" && version != "6" && version != "7") {
    // Schemas 8 and 9: Xapian's document data, through any backend (stub, remote, replica).
    store->in_data_ = true;
    *out = std::move(store);
    return Status::OK();
  }
  // A stub database (a folder holding a XAPIANDB file) of schema 6 or 7 shards: each has its
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
                                   " is not a local database: a schema " + version +
                                   " database keeps its items beside it (re-index it)");
      }
      if (path.empty() || path[0] != '/') path = dir + "/" + path;
      std::unique_ptr<ItemStore> shard;
      try {
        Status s = Open(path, Xapian::Database(path), &shard);
        if (!s.ok()) return s;
      } catch (const Xapian::Error& e) {
        return FromXapian(e, Status::Code::kCorruption, "cannot open the shard " + path);
      }
      store->shards_.push_back(std::move(shard));
    }
    *out = std::move(store);
    return Status::OK();
  }
  try {
    if (list.empty() && db.get_doccount() > 0) store->in_values_ = true;
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kCorruption, "cannot read database " + dir);
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
  if (in_values_ || in_data_) {
    try {
      Xapian::Document doc = db_.get_document(did, Xapian::DOC_ASSUME_VALID);
      value_ = in_data_ ? doc.get_data() : doc.get_value(kDataSlot);
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

void ItemStore::SetParts(std::vector<Xapian::Database> parts, std::vector<bool> remote) {
  parts_ = std::move(parts);
  remote_parts_ = std::find(remote.begin(), remote.end(), true) != remote.end();
}

bool ItemStore::ReadInParallel(const std::vector<Xapian::docid>& dids, Xapian::valueno slot,
                               std::vector<Read>* out) const {
  const Xapian::docid n = parts_.size();
  if (!in_data_ || !remote_parts_ || n < 2) return false;
  out->assign(dids.size(), Read());
  // Each part's documents (Xapian numbers a stub's documents round-robin over its parts).
  std::vector<std::vector<std::size_t>> of_part(n);
  for (std::size_t i = 0; i < dids.size(); ++i) {
    if (dids[i] > 0) of_part[(dids[i] - 1) % n].push_back(i);
  }
  auto read = [&](Xapian::docid part) {
    for (std::size_t i : of_part[part]) {
      Xapian::Document doc = parts_[part].get_document((dids[i] - 1) / n + 1);
      (*out)[i].packed = doc.get_data();
      (*out)[i].value = doc.get_value(slot);
    }
  };
  // A part's connection is used by one thread only; the caller waits for all of them, so
  // nothing else uses the database meanwhile. Errors come back through the futures.
  std::vector<std::future<void>> running;
  Xapian::docid own = n;  // the first part with documents is read on this thread
  for (Xapian::docid part = 0; part < n; ++part) {
    if (of_part[part].empty()) continue;
    if (own == n) {
      own = part;
    } else {
      running.push_back(std::async(std::launch::async, read, part));
    }
  }
  std::exception_ptr failed;
  try {
    if (own < n) read(own);
  } catch (...) {
    failed = std::current_exception();
  }
  for (auto& r : running) {
    try {
      r.get();
    } catch (...) {
      if (!failed) failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);
  return true;
}

bool ItemStore::Get(Xapian::docid did, std::string* data) const {
  const std::string_view packed = GetPacked(did);
  if (packed.empty()) {
    data->clear();
    return false;
  }
  return UnpackDocData(packed, data);
}

bool ItemStore::Get(Xapian::docid did, const Xapian::Document& doc, std::string* data) const {
  if (!in_data_) return Get(did, data);
  value_ = doc.get_data();
  if (value_.empty()) {
    data->clear();
    return false;
  }
  return UnpackDocData(value_, data);
}

}  // namespace protokoll::schema
