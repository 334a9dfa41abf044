// The item store: every item's data (doc_data.h's packed form) beside the Xapian database, in
// segment files of its folder, so that a hit's data is read from a memory map rather than
// from Xapian's B-tree (a search reads the data of every hit it shows). The database's
// metadata (kItemsKey) names the segments of each revision, so a commit changes both at once.
#ifndef PROTOKOLL_ITEM_STORE_H_
#define PROTOKOLL_ITEM_STORE_H_

#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::schema {

// Database metadata key: the item store's segment files, separated by spaces.
inline constexpr std::string_view kItemsKey = "protokoll:items";

// Reads the items' data of an open database.
class ItemStore {
 public:
  // Opens the store of db, the database at dir. A database written before the store (schema
  // 5) is read from its value slot (kDataSlot); a stub database (dir/XAPIANDB) of local
  // shards, from their stores.
  static Status Open(const std::string& dir, const Xapian::Database& db,
                     std::unique_ptr<ItemStore>* out);
  ~ItemStore();
  ItemStore(const ItemStore&) = delete;
  ItemStore& operator=(const ItemStore&) = delete;

  // The data of document did into *data; false, with *data empty, when missing or damaged.
  bool Get(Xapian::docid did, std::string* data) const;
  // The stored (packed) form of document did's data; empty when there is none.
  std::string_view GetPacked(Xapian::docid did) const;

 private:
  struct Segment;
  ItemStore() = default;
  std::vector<std::unique_ptr<Segment>> segments_;  // by their first docid
  std::vector<std::unique_ptr<ItemStore>> shards_;  // of a stub database, in its order
  Xapian::Database db_;                             // read for a store-less database
  bool in_values_ = false;
  mutable std::string value_;  // the last value read from db_
};

// Collects the packed data of documents added to a writable database and writes it as a new
// segment when the database commits.
class ItemStoreWriter {
 public:
  ItemStoreWriter() = default;
  ~ItemStoreWriter();
  ItemStoreWriter(const ItemStoreWriter&) = delete;
  ItemStoreWriter& operator=(const ItemStoreWriter&) = delete;

  // For db, the writable database at dir; sync: flush segments to disk before naming them.
  // Segment files that db does not name (left by a crash before a commit) are removed.
  Status Open(const std::string& dir, Xapian::WritableDatabase* db, bool sync);
  // Adds document did's packed data (docids increase from call to call).
  Status Add(Xapian::docid did, std::string_view packed);
  // Writes what was added since the last flush as a segment and names it in the database's
  // metadata: call it just before each commit of the database.
  Status Flush();

 private:
  struct Entry {
    std::uint32_t did, size;
    std::uint64_t offset;
  };
  Status Fail(const std::string& what);
  std::string dir_;
  Xapian::WritableDatabase* db_ = nullptr;
  bool sync_ = true;
  std::vector<std::string> names_;  // the segments the database names
  int next_ = 1;                    // the number of the next segment
  std::FILE* file_ = nullptr;       // the segment being written, or null
  std::vector<Entry> entries_;
  std::uint64_t written_ = 0;
};

// Writes the items' data of the databases at sources into dest, the database that
// Xapian::Database::compact made of them (renumber: without DBCOMPACT_NO_RENUMBER), as its
// one segment, numbered as compact numbered the documents, and commits dest.
Status CompactItems(const std::vector<std::string>& sources, bool renumber,
                    const std::string& dest);

}  // namespace protokoll::schema

#endif  // PROTOKOLL_ITEM_STORE_H_
