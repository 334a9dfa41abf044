#include "protokoll/corpus/lexicon.h"

#include <cstdint>
#include <cstdio>

#include "tsv.h"

extern const char* const kTopicsTsv;
extern const std::size_t kTopicsTsv_size;
extern const char* const kSynonymsTsv;
extern const std::size_t kSynonymsTsv_size;

namespace protokoll::corpus {

std::vector<Topic> ParseTopics(std::string_view tsv) {
  std::vector<Topic> topics;
  for (const auto& row : ReadTsv(tsv)) {
    if (row.empty() || row[0].empty()) continue;
    Topic t{row[0], row.size() > 1 ? SplitList(row[1]) : std::vector<std::string>{}};
    topics.push_back(std::move(t));
  }
  return topics;
}

std::vector<Synonym> ParseSynonyms(std::string_view tsv) {
  std::vector<Synonym> synonyms;
  for (const auto& row : ReadTsv(tsv)) {
    if (row.size() < 2 || row[0].empty()) continue;
    synonyms.push_back({row[0], SplitList(row[1])});
  }
  return synonyms;
}

const std::vector<Topic>& Topics() {
  static const auto* topics =
      new std::vector<Topic>(ParseTopics(std::string_view(kTopicsTsv, kTopicsTsv_size)));
  return *topics;
}

const std::vector<Synonym>& Synonyms() {
  static const auto* synonyms =
      new std::vector<Synonym>(ParseSynonyms(std::string_view(kSynonymsTsv, kSynonymsTsv_size)));
  return *synonyms;
}

std::string SynonymsFingerprint() {
  static const std::string* const fingerprint = [] {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the table's text
    for (std::size_t i = 0; i < kSynonymsTsv_size; ++i) {
      h = (h ^ static_cast<unsigned char>(kSynonymsTsv[i])) * 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return new std::string(buf);
  }();
  return *fingerprint;
}

}  // namespace protokoll::corpus
