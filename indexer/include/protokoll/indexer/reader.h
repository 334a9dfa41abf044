// Readers: turn a file (plain text in any common encoding, PDF, DOCX, ODT) into UTF-8 NFC
// text, page by page where the format has pages. The format is chosen from the content
// (magic bytes) first and the extension second, through one table of readers.
#ifndef PROTOKOLL_INDEXER_READER_H_
#define PROTOKOLL_INDEXER_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::indexer {

struct ReadOptions {
  // Files larger than this are skipped (LimitExceeded).
  std::uint64_t max_file_bytes = 200ull << 20;
  // Inside DOCX/ODT: total uncompressed bytes and compression ratio allowed (zip bombs).
  std::uint64_t max_unpacked_bytes = 500ull << 20;
  double max_compression_ratio = 200.0;
  // Wall-clock seconds one file may take to read (checked between PDF pages and ZIP members).
  double max_seconds = 120.0;
  // How PDF page text is laid out. kAuto keeps the physical layout, as `pdftotext -layout`
  // does (a label and its value, or a table row, stay on one line), except on pages set in
  // two or more columns of running text, which it reads column by column.
  enum class PdfLayout { kAuto, kPhysical, kReadingOrder };
  PdfLayout pdf_layout = PdfLayout::kAuto;
  // Scanned PDF pages (no text layer, or a few letters only) are read by OCR, at most
  // ocr_max_pages a file and ocr_page_seconds a page; the pages skipped are named in
  // RawDocument::ocr_skipped. OCR time does not count against max_seconds. Pages are read
  // on ocr_threads threads that all files being read share.
  bool ocr = true;
  int ocr_max_pages = 50;
  double ocr_page_seconds = 60.0;
  int ocr_threads = 1;
  // A page whose text layer reads as broken Swedish (a font that maps its letters to the
  // wrong characters: "protokojjet") is read by OCR as well, and OCR's reading kept when the
  // dictionary (hunspell's sv_SE in dictionary_dir) knows clearly more of its words.
  bool ocr_broken_layers = true;
  std::string dictionary_dir = "/usr/share/hunspell";
  // A text layer whose ligatures lost letters ("at" for "att", "fnns" for "finns": a font
  // that draws "ti", "tt", "fi", "ft", "fl" as one glyph) gets them back where the
  // dictionary knows the mended words (stemming::Spelling::MendLigatures).
  bool mend_ligatures = true;
  // Where OCR'd pages are kept ("<db>/ocr-cache"), by ocr_cache_key (the file's content) and
  // page, so that no page is read twice; empty: no cache. ocr_cache_write: store new pages.
  std::string ocr_cache_dir;
  std::string ocr_cache_key;
  bool ocr_cache_write = true;
};

struct RawDocument {
  std::string format;                    // "txt", "pdf", "docx", "odt"
  std::string encoding;                  // source encoding of text files: "UTF-8", "windows-1252"
  std::vector<std::string> pages;        // UTF-8 NFC text; one entry when the format has no pages
  std::vector<std::string> headers;      // page header/footer text the format marks as such (DOCX)
  int ocr_pages = 0;                     // pages whose text is OCR's (from the cache or not)
  int ocr_cached_pages = 0;              // ... of them, taken from the cache
  double ocr_seconds = 0;                // time spent in OCR
  std::vector<std::string> ocr_skipped;  // "page 7: OCR took over 60 s"
  int mended_words = 0;  // words a PDF's ligatures lost letters of, mended ("at" -> "att")
};

// Whether a path looks like a file the readers handle (by extension), for folder walks.
bool IsSupportedFile(std::string_view path);

// Reads one file. NotFound/IOError when it cannot be read, Unsupported for an unknown format,
// Corruption when it does not parse, LimitExceeded when it breaks a ReadOptions limit.
Status ReadDocument(const std::string& path, const ReadOptions& options, RawDocument* doc);

// Reads a file's bytes already in memory; name supplies the extension.
Status ReadDocumentBytes(std::string_view bytes, std::string_view name, const ReadOptions& options,
                         RawDocument* doc);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_READER_H_
