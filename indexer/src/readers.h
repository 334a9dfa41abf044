// The individual readers behind reader.h's dispatch table, and the helpers they share. Each
// reader fills doc->pages (and doc->encoding or doc->headers where they apply) from a file's
// bytes, returns a Status with a one-line reason when the file breaks a limit or does not
// parse, and catches every exception of the library it adapts (poppler, libzip, pugixml, ICU).
#ifndef PROTOKOLL_INDEXER_READERS_H_
#define PROTOKOLL_INDEXER_READERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "protokoll/indexer/reader.h"

namespace protokoll::indexer {

using ReaderFn = Status (*)(std::string_view bytes, const ReadOptions& options, RawDocument* doc);

// Plain text: UTF-8 (with or without BOM), UTF-16 LE/BE, Windows-1252/ISO-8859-1; NFC after
// decoding; form feeds split pages; NUL bytes dropped; mostly-binary input is Unsupported.
Status ReadText(std::string_view bytes, const ReadOptions& options, RawDocument* doc);

// PDF through poppler-cpp, one entry in doc->pages per PDF page.
Status ReadPdf(std::string_view bytes, const ReadOptions& options, RawDocument* doc);

// Whether a page in physical layout is set in columns of running text: many lines hold two
// long runs of words with the second starting at the same column. (The PDF reader then
// re-reads the page in reading order; exposed for tests.)
bool LooksMultiColumn(std::string_view page_text);

// A ZIP container: looks inside and reads it as DOCX (word/document.xml) or ODT (mimetype
// application/vnd.oasis.opendocument.text), setting doc->format accordingly.
Status ReadZipDocument(std::string_view bytes, const ReadOptions& options, RawDocument* doc);

// Decodes text bytes in a detected encoding to UTF-8 NFC; *encoding names the one detected.
Status DecodeText(std::string_view bytes, std::string* utf8, std::string* encoding);

// UTF-8 → UTF-8 in Normalization Form C (so NFD input, as macOS writes it, matches queries).
// Invalid sequences become U+FFFD.
std::string ToNfc(std::string_view utf8);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_READERS_H_
