#include "ocr_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace {

// A thread's engine. Automatic page segmentation (PSM 3) finds the blocks of a page, so
// columns of running text are read one after the other; inter-word spaces are kept, so a
// cover's label and value on one row stay one line with a gap ("Datum      2025-05-19"), as
// the text layer of a typed protocol has them.
class Engine {
 public:
  tesseract::TessBaseAPI* Open() {
    if (!tried_) {
      tried_ = true;
      auto api = std::make_unique<tesseract::TessBaseAPI>();
      if (api->Init(nullptr, "swe", tesseract::OEM_LSTM_ONLY) == 0) {
        api->SetPageSegMode(tesseract::PSM_AUTO);
        api->SetVariable("preserve_interword_spaces", "1");
        api->SetVariable("debug_file", "/dev/null");
        api_ = std::move(api);
      }
    }
    return api_.get();
  }

 private:
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  bool tried_ = false;
};

}  // namespace

extern "C" __attribute__((visibility("default"))) int protokoll_ocr_read(
    const unsigned char* pixels, int width, int height, int bytes_per_row, int dpi, int max_ms,
    char** text) {
  *text = nullptr;
  thread_local Engine engine;
  tesseract::TessBaseAPI* api = engine.Open();
  if (api == nullptr) return kProtokollOcrNoModel;
  api->SetImage(pixels, width, height, 1, bytes_per_row);
  api->SetSourceResolution(dpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(max_ms);
  const bool done = api->Recognize(&monitor) == 0 && !monitor.deadline_exceeded();
  if (!done) {
    api->Clear();
    return monitor.deadline_exceeded() ? kProtokollOcrTimedOut : kProtokollOcrFailed;
  }
  std::unique_ptr<char[]> utf8(api->GetUTF8Text());
  api->Clear();
  // Each page reads the same whatever the thread read before (and the cache holds what a
  // fresh read gives).
  api->ClearAdaptiveClassifier();
  *text = strdup(utf8 ? utf8.get() : "");
  return *text != nullptr ? kProtokollOcrRead : kProtokollOcrFailed;
}
