// The items' data (doc_data.h's packed form) of a database, wherever its schema keeps it:
// Xapian's document data (schemas 8 and 9, read through any backend: a local database, a stub of
// shards, a remote shard served by xapian-tcpsrv, a replica), or, for databases written by
// schemas 6 and 7, segment files beside Xapian's tables in the database's folder (named by
// the metadata kItemsKey), or schema 5's value slot.
#ifndef PROTOKOLL_QUERY_ITEM_STORE_H_
#define PROTOKOLL_QUERY_ITEM_STORE_H_

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::schema {

// Database metadata key (schemas 6 and 7): the item store's segment files, separated by
// spaces.
inline constexpr std::string_view kItemsKey = "protokoll:items";

// Reads the items' data of an open database.
class ItemStore {
 public:
  // Opens the store of db, the database at dir (a stub database of several shards too). A
  // schema 8 database is read through db alone; older ones from their files in dir.
  static Status Open(const std::string& dir, const Xapian::Database& db,
                     std::unique_ptr<ItemStore>* out);
  ~ItemStore();
  ItemStore(const ItemStore&) = delete;
  ItemStore& operator=(const ItemStore&) = delete;

  // The data of document did into *data; false, with *data empty, when missing or damaged.
  bool Get(Xapian::docid did, std::string* data) const;
  // The same for a match whose document the caller has (MSet::fetch() asks a remote shard for
  // a page's documents at once): read from doc where the data is Xapian's document data.
  bool Get(Xapian::docid did, const Xapian::Document& doc, std::string* data) const;
  // The stored (packed) form of document did's data; empty when there is none.
  std::string_view GetPacked(Xapian::docid did) const;

  // The databases a stub joined, in its order, and which of them are remote (OpenStub).
  void SetParts(std::vector<Xapian::Database> parts, std::vector<bool> remote);
  // A document's data (packed) and one of its values.
  struct Read {
    std::string packed;
    std::string value;
  };
  // Reads dids' data and value slot, each remote part of the stub on a thread of its own:
  // Xapian 1.4 fetches a remote document in a round trip of its own (one message a value),
  // so a page of hits from two servers takes half the time. False, reading nothing, when
  // the database has fewer than two parts or none remote: read the hits one by one.
  bool ReadInParallel(const std::vector<Xapian::docid>& dids, Xapian::valueno slot,
                      std::vector<Read>* out) const;
  // Whether some part of the stub is remote (xapian-tcpsrv).
  bool remote_parts() const { return remote_parts_; }

 private:
  struct Segment;
  ItemStore() = default;
  std::vector<std::unique_ptr<Segment>> segments_;  // by their first docid
  std::vector<std::unique_ptr<ItemStore>> shards_;  // of a stub database, in its order
  Xapian::Database db_;                             // read for a store-less database
  bool in_values_ = false;                          // schema 5: kDataSlot
  bool in_data_ = false;                            // schema 8: the document data
  mutable std::string value_;                       // the last data read from db_
  std::vector<Xapian::Database> parts_;             // of a stub, in its order
  bool remote_parts_ = false;                       // ... some of them remote
};

}  // namespace protokoll::schema

#endif  // PROTOKOLL_QUERY_ITEM_STORE_H_
