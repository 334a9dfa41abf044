// Document data stored as it is. Xapian's glass backend deflates every document data and
// termlist entry that zlib makes smaller, and has no switch for it. The items' data is
// LZ4-packed and scrambled (protokoll/doc_data.h), so zlib does not make it smaller, but glass
// still tries each one (about a twentieth of the time of indexing). Termlists are left to
// zlib: it makes them a quarter smaller, and an entry deflated when it is written is copied as
// it is by a compaction, which would otherwise deflate it (on the one core that merges the
// shards of a parallel build). Glass reads, per table, the size above which it tries from the
// database's version file (iamglass, "compress_min"; 0: never). OpenWritableRaw sets the
// document data's to 0 while it holds the database's lock, and reopens it.
#ifndef PROTOKOLL_INDEXER_RAW_TABLES_H_
#define PROTOKOLL_INDEXER_RAW_TABLES_H_

#include <xapian.h>

#include <string>

namespace protokoll::indexer {

// Two glass tables, by their place in the version file.
enum class RawTable { kDocData = 1, kTermList = 2 };

// Opens the glass database at path for writing with flags (Xapian::DB_*) and block size, and
// makes it store its document data without trying zlib, unless it does so already or its
// version file is not one this code knows (then it is left as Xapian wrote it).
// Throws Xapian::Error.
Xapian::WritableDatabase OpenWritableRaw(const std::string& path, int flags, int block_size);

// Sets the document data table of the glass database at path, which no writer has open, to be
// stored without trying zlib; false (the file untouched) if its version file is not one this
// code knows or cannot be replaced.
bool SetTablesRaw(const std::string& path);

// The size above which the glass database at path deflates the table's entries (0: never); -1
// if its version file cannot be read.
long CompressMin(const std::string& path, RawTable table);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_RAW_TABLES_H_
