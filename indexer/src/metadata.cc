// Metadata extraction, first cut: ISO dates and "X kommun" mentions.
#include <regex>

#include "protokoll/corpus/gazetteer.h"
#include "protokoll/indexer/parser.h"

namespace protokoll::indexer {

void ExtractMetadata(const CleanedText& cleaned, const Structure& structure,
                     const MetadataContext& context, Meeting* meeting) {
  static const std::regex kIsoDate(R"((20\d\d)-(\d\d)-(\d\d))");
  std::smatch m;
  if (std::regex_search(cleaned.text, m, kIsoDate)) meeting->meeting_date = m[0].str();
  static const std::regex kKommun(R"(([A-ZÅÄÖ][a-zåäö-]+) kommun)");
  for (auto it = std::sregex_iterator(cleaned.text.begin(), cleaned.text.end(), kKommun);
       it != std::sregex_iterator(); ++it) {
    const auto* mun = context.gazetteer->FindMunicipality((*it)[1].str());
    if (!mun) continue;
    bool seen = false;
    for (const auto& n : meeting->municipalities) seen |= n == mun->name;
    if (!seen) meeting->municipalities.push_back(mun->name);
    if (!meeting->county) meeting->county = mun->county;
  }
  meeting->items = structure.items;
}

void ParseMeeting(const RawDocument& doc, const MetadataContext& context, Meeting* meeting,
                  CleanedText* cleaned_out) {
  CleanedText cleaned = Clean(doc);
  Structure structure = ParseStructure(cleaned.text);
  ExtractMetadata(cleaned, structure, context, meeting);
  if (cleaned_out) *cleaned_out = std::move(cleaned);
}

}  // namespace protokoll::indexer
