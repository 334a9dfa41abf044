// OCR of scanned PDF pages: a page without a text layer is rendered by poppler and read by
// Tesseract with its Swedish model (Debian's tesseract-ocr-swe). Pages are read on a pool of
// threads the whole process shares, one page a thread, so the pages of one file are read side
// by side; each thread keeps its engine. Tesseract's own threads are held to one. Tesseract
// is loaded with the OCR module (ocr_engine.h) when the first page is read.
#ifndef PROTOKOLL_INDEXER_OCR_H_
#define PROTOKOLL_INDEXER_OCR_H_

#include <string>
#include <vector>

#include "protokoll/status.h"

namespace poppler {
class document;
}

namespace protokoll::indexer {

// Whether this build reads scanned pages (it was built with libtesseract).
bool OcrAvailable();

// A page to read by OCR (its index in the document) and what came of it: its text in reading
// order, or LimitExceeded when it took longer than the limit, Unsupported when the Swedish
// model is missing or OCR was not built.
struct OcrPage {
  int index = 0;
  Status status;
  std::string text;
};

// Reads *pages of pdf by OCR. Each is rendered on the calling thread, one after the other,
// and read on the process's OCR threads: at most `threads` of them (the first call's figure
// or a larger one), shared by all files being read. Each page may take max_seconds.
void OcrPages(const poppler::document& pdf, int threads, double max_seconds,
              std::vector<OcrPage>* pages);

// Mends what OCR makes of protocols' print: a "§" read as "&", "$" or "8" at the start of
// an item's heading ("& 21 Dnr SN 2025/0007"), the dot leaders of a table of contents read as
// letters ("…ssssrsrr rr rs 3"), which become dots again, and O, l or I in dates and numbers
// ("2O25-05-l9").
std::string MendOcrText(std::string_view text);

// Mends the "§" after an item's number ("16 § Title", the order of Finland-Swedish minutes)
// as OCR reads it, on the pages read by OCR (by_ocr, by page): "16 $ Title" and "16 & Title"
// always; an 8 ("168 Title", "16 8 Title") where the number it leaves follows the heading
// before or leads to the one after (on any page, a text layer's "17 §" too) and the number
// with the 8 does neither.
void MendSignsAfterNumbers(const std::vector<std::string*>& pages, const std::vector<bool>& by_ocr);

// Whether a page's text layer is too thin to be the page's text (a scan, or a scan with a
// stamp or a page number set in a font): fewer than a few letters.
bool NeedsOcr(std::string_view page_text);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_OCR_H_
