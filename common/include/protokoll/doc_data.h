// Document data as it is stored: zstd-compressed by Protokoll, so that Xapian finds it
// incompressible and stores it as it is. A hit's data then reads back several times faster
// than through Xapian's own zlib compression, and takes less room.
#ifndef PROTOKOLL_DOC_DATA_H_
#define PROTOKOLL_DOC_DATA_H_

#include <string>
#include <string_view>

namespace protokoll::schema {

// The stored form of data (see kDocDataTextMark for what data holds).
std::string PackDocData(std::string_view data);

// The data that PackDocData stored into *data; data not stored by it (no zstd frame) is copied
// as it is. False, with *data empty, when the stored frame is corrupt.
bool UnpackDocData(std::string_view stored, std::string* data);

}  // namespace protokoll::schema

#endif  // PROTOKOLL_DOC_DATA_H_
