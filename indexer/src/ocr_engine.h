// The Tesseract side of OCR, built as a module of its own (libprotokoll_ocr.so) that ocr.cc
// loads when the first scanned page is read: a run without one loads neither Tesseract nor
// the fifty libraries it needs, and OpenMP, loaded with it, reads its thread limit then.
#ifndef PROTOKOLL_INDEXER_OCR_ENGINE_H_
#define PROTOKOLL_INDEXER_OCR_ENGINE_H_

extern "C" {

// What protokoll_ocr_read made of a page.
enum ProtokollOcrResult {
  kProtokollOcrRead = 0,      // *text is the page's text
  kProtokollOcrNoModel = 1,   // Tesseract has no Swedish model
  kProtokollOcrTimedOut = 2,  // reading took longer than max_ms
  kProtokollOcrFailed = 3,
};

// Reads an 8-bit gray image (rows bytes_per_row apart, rendered at dpi) with the calling
// thread's engine. On kProtokollOcrRead, *text is the UTF-8 text, to be released with free().
int protokoll_ocr_read(const unsigned char* pixels, int width, int height, int bytes_per_row,
                       int dpi, int max_ms, char** text);

// The name the module exports it by, and its type.
#define PROTOKOLL_OCR_READ_SYMBOL "protokoll_ocr_read"
using ProtokollOcrRead = int (*)(const unsigned char*, int, int, int, int, int, char**);
}

#endif  // PROTOKOLL_INDEXER_OCR_ENGINE_H_
