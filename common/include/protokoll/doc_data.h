// Document data as it is stored: LZ4-compressed against a dictionary of what items share, and
// scrambled so that Xapian, which deflates every document data zlib can shrink, keeps it as it
// is: a hit's data then reads back with LZ4's decoding alone, several times faster than
// through zlib's inflate.
#ifndef PROTOKOLL_DOC_DATA_H_
#define PROTOKOLL_DOC_DATA_H_

#include <string>
#include <string_view>

namespace protokoll::schema {

// The packed form of data (see kDocDataTextMark for what it holds), as a database stores it.
std::string PackDocData(std::string_view data);
// The data that PackDocData packed into stored, into *data; false, with *data empty, when it
// is damaged. Data that is not packed is read as it is.
bool UnpackDocData(std::string_view stored, std::string* data);

}  // namespace protokoll::schema

#endif  // PROTOKOLL_DOC_DATA_H_
