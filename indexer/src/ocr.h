// OCR of scanned PDF pages: a page without a text layer is rendered by poppler and read by
// Tesseract with its Swedish model (Debian's tesseract-ocr-swe). One Tesseract engine a
// thread, made on first use; Tesseract's own threads are held to one, since the indexer
// already reads files on all cores.
#ifndef PROTOKOLL_INDEXER_OCR_H_
#define PROTOKOLL_INDEXER_OCR_H_

#include <string>

#include "protokoll/status.h"

namespace poppler {
class page;
}

namespace protokoll::indexer {

// Whether this build reads scanned pages (it was built with libtesseract).
bool OcrAvailable();

// The text of a rendered page, in reading order. LimitExceeded when it takes longer than
// max_seconds, Unsupported when the Swedish model is missing or OCR was not built.
Status OcrPage(const poppler::page& page, double max_seconds, std::string* text);

// Mends what OCR makes of protocols' print: a "§" read as "&", "$" or "8" at the start of
// an item's heading ("& 21 Dnr SN 2025/0007"), the dot leaders of a table of contents read as
// letters ("…ssssrsrr rr rs 3"), which become dots again, and O, l or I in dates and numbers
// ("2O25-05-l9").
std::string MendOcrText(std::string_view text);

// Whether a page's text layer is too thin to be the page's text (a scan, or a scan with a
// stamp or a page number set in a font): fewer than a few letters.
bool NeedsOcr(std::string_view page_text);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_OCR_H_
