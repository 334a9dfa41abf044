// Reading a database's user metadata as a key-value store: what stemming::MetadataVocabulary
// reads the indexer's stored analyses through, in the indexer and in the query tools alike.
// Internal, as xapian_status.h: only .cc files include it.
#ifndef PROTOKOLL_XAPIAN_METADATA_H_
#define PROTOKOLL_XAPIAN_METADATA_H_

#include <xapian.h>

#include <functional>
#include <string>

namespace protokoll {

// Reads key of db's metadata into *value; false when the database cannot be read.
inline std::function<bool(const std::string& key, std::string* value)> MetadataReader(
    const Xapian::Database& db) {
  return [db](const std::string& key, std::string* value) {
    try {
      *value = db.get_metadata(key);
      return true;
    } catch (const Xapian::Error&) {
      return false;
    }
  };
}

}  // namespace protokoll

#endif  // PROTOKOLL_XAPIAN_METADATA_H_
