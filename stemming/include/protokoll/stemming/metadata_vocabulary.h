// MetadataVocabulary: a Vocabulary kept in a Xapian database's user metadata, one key a word
// (prefix + folded word -> EncodeTerms()), as the indexer stores it for its index.
#ifndef PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
#define PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace protokoll::stemming {

class MetadataVocabulary final : public Vocabulary {
 public:
  // Reads words from db under key_prefix; a database error reads as an unknown word.
  MetadataVocabulary(const Xapian::Database& db, std::string_view key_prefix)
      : db_(db), key_(key_prefix), prefix_size_(key_prefix.size()) {}

  bool Find(std::string_view word, std::vector<Term>* terms) override {
    key_.resize(prefix_size_);
    key_ += word;
    std::string value;
    try {
      value = db_.get_metadata(key_);
    } catch (const Xapian::Error&) {
      return false;
    }
    return !value.empty() && DecodeTerms(value, terms);
  }

 private:
  Xapian::Database db_;
  std::string key_;
  std::size_t prefix_size_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
