// Cleaner, first cut: joins the pages.
#include "protokoll/indexer/parser.h"

namespace protokoll::indexer {

CleanedText Clean(const RawDocument& doc) {
  CleanedText out;
  for (const auto& page : doc.pages) {
    if (!out.text.empty() && out.text.back() != '\n') out.text += '\n';
    out.text += page;
  }
  return out;
}

}  // namespace protokoll::indexer
