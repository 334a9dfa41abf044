#include "sharding.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "protokoll/corpus/lexicon.h"
#include "protokoll/schema.h"
#include "protokoll/xapian_status.h"

namespace protokoll::indexer {
namespace {

std::string StubFile(const std::string& db) { return db + "/XAPIANDB"; }

// The stub's first line, a comment to Xapian, names its sharding: "# protokoll-index --shard-by
// county".
constexpr std::string_view kStubComment = "# protokoll-index --shard-by ";

}  // namespace

bool IsStub(const std::string& db) {
  std::error_code ec;
  return !std::filesystem::exists(db + "/iamglass", ec) &&
         std::filesystem::exists(StubFile(db), ec);
}

ShardedDb::ShardedDb(std::string dir, std::vector<ShardDb>* shards)
    : dir_(std::move(dir)), shards_(shards) {}

Status ShardedDb::Open(const std::string& want) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir_ + "/iamglass", ec)) {
    return Status::InvalidArgument("database " + dir_ +
                                   " is one database, not sharded: give --shard-by a new folder");
  }
  fs::create_directories(dir_, ec);
  std::vector<std::string> names;
  std::string stub_by;  // the sharding the stub's comment names
  std::ifstream stub(StubFile(dir_));
  for (std::string line; std::getline(stub, line);) {
    if (line.rfind("auto ", 0) == 0) names.push_back(line.substr(5));
    if (line.rfind(kStubComment, 0) == 0) stub_by = line.substr(kStubComment.size());
  }
  std::vector<std::string> unlisted;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    if (fs::exists(e.path() / "iamglass", ec) &&
        std::find(names.begin(), names.end(), name) == names.end()) {
      unlisted.push_back(name);
    }
  }
  std::sort(unlisted.begin(), unlisted.end());
  names.insert(names.end(), unlisted.begin(), unlisted.end());
  by_ = want.empty() ? stub_by : want;
  if (!stub_by.empty() && stub_by != by_) {
    return Status::InvalidArgument("database " + dir_ + " is sharded by " + stub_by + ", not by " +
                                   by_ + ": index into a new folder");
  }
  for (const std::string& name : names) {
    ShardDb shard;
    shard.name = name;
    shard.path = Path(name);
    Status s = OpenWritable(shard.path, &shard.db);
    if (!s.ok()) return s;
    std::string key;
    try {
      key = shard.db.get_metadata(std::string(schema::kShardKey));
      shard.mixed =
          shard.db.get_doccount() > 0 &&
          shard.db.get_metadata(std::string(schema::kSynonymsKey)) != corpus::SynonymsFingerprint();
    } catch (const Xapian::Error& e) {
      return FromXapian(e, Status::Code::kCorruption, "cannot read the shard " + shard.path);
    }
    const std::string shard_by = key.substr(0, key.find(' '));
    if (shard_by.empty()) {
      return Status::InvalidArgument("database " + dir_ + " holds " + name +
                                     ", which is not a shard made by --shard-by");
    }
    if (by_.empty()) by_ = shard_by;
    if (shard_by != by_) {
      return Status::InvalidArgument("database " + dir_ + " is sharded by " + shard_by +
                                     ", not by " + by_ + ": index into a new folder");
    }
    by_key_[key.substr(key.find(' ') + 1)] = shards_->size();
    shards_->push_back(std::move(shard));
  }
  if (by_.empty()) {
    return Status::InvalidArgument("database " + dir_ +
                                   " is a stub database without shards of protokoll-index: "
                                   "give --shard-by county or year, or index into its shards");
  }
  // The sharding is remembered from the start, before a shard is made.
  if (!unlisted.empty() || stub_by.empty()) return WriteStub();
  return Status::OK();
}

Status ShardedDb::ShardFor(const FileResult& r, std::size_t* index) {
  std::string key;
  if (r.built.size() > 0) {
    key =
        r.built.Document(0).get_value(by_ == "county" ? schema::kCountiesSlot : schema::kYearsSlot);
    key = key.substr(0, key.find(schema::kFacetSeparator));
  }
  if (key.empty()) key.assign(1, '-');  // (not = "-": a false -Wrestrict of GCC 12)
  auto it = by_key_.find(key);
  if (it != by_key_.end()) {
    *index = it->second;
    return Status::OK();
  }
  std::string name = by_ + "-";
  for (char c : key == "-" ? std::string("none") : key) name += c == ' ' || c == '/' ? '-' : c;
  ShardDb shard;
  shard.name = name;
  shard.path = Path(name);
  shard.made = true;
  Status s = OpenWritable(shard.path, &shard.db);
  if (!s.ok()) return s;
  try {
    shard.db.set_metadata(std::string(schema::kShardKey), by_ + " " + key);
    shard.db.commit();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, Status::Code::kIOError, "cannot write the shard " + shard.path);
  }
  *index = by_key_[key] = shards_->size();
  shards_->push_back(std::move(shard));
  return WriteStub();
}

// Lists the shards in XAPIANDB, the first made first (it keeps the vocabulary of all, as a
// stub's metadata is its first shard's), replaced by a rename so readers see a whole file.
Status ShardedDb::WriteStub() {
  const std::string tmp = StubFile(dir_) + ".tmp";
  {
    std::ofstream out(tmp);
    out << kStubComment << by_ << "\n";
    for (const ShardDb& s : *shards_) out << "auto " << s.name << "\n";
    if (!out) return Status::IOError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), StubFile(dir_).c_str()) != 0) {
    return Status::IOError("cannot write " + StubFile(dir_));
  }
  return Status::OK();
}

}  // namespace protokoll::indexer
