// Document data stored as it is. Xapian's glass backend deflates every document data that zlib
// makes smaller, and has no switch for it. The items' data is LZ4-packed and scrambled
// (protokoll/doc_data.h), so zlib never makes it smaller, but glass still tries each one: about
// a twentieth of the time of indexing. Glass reads, per table, the size above which it tries
// from the database's version file (iamglass, "compress_min"; 0: never). OpenWritableRaw sets
// the document data table's to 0 while it holds the database's lock, and reopens it.
#ifndef PROTOKOLL_INDEXER_DOCDATA_RAW_H_
#define PROTOKOLL_INDEXER_DOCDATA_RAW_H_

#include <xapian.h>

#include <string>

namespace protokoll::indexer {

// Opens the glass database at path for writing with flags (Xapian::DB_*) and block size, and
// makes it store document data without trying zlib, unless it does so already or its version
// file is not one this code knows (then it is left as Xapian wrote it). Throws Xapian::Error.
Xapian::WritableDatabase OpenWritableRaw(const std::string& path, int flags, int block_size);

// Sets the document data table of the glass database at path, which no writer has open, to be
// stored without trying zlib; false (the file untouched) if its version file is not one this
// code knows or cannot be replaced.
bool SetDocDataRaw(const std::string& path);

// The size above which the glass database at path deflates document data (0: never); -1 if its
// version file cannot be read.
long DocDataCompressMin(const std::string& path);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_DOCDATA_RAW_H_
