// MetadataVocabulary: a Vocabulary kept in a key-value store, one key a word (prefix + folded
// word -> EncodeTerms()), as the indexer keeps it in its Xapian database's user metadata. The
// store is read through a function, so this module needs no database of its own.
#ifndef PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
#define PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace protokoll::stemming {

class MetadataVocabulary final : public Vocabulary {
 public:
  // The value of key into *value; false when the store cannot be read (an unknown word).
  using Lookup = std::function<bool(const std::string& key, std::string* value)>;

  // Reads words through lookup under key_prefix.
  MetadataVocabulary(Lookup lookup, std::string_view key_prefix)
      : lookup_(std::move(lookup)), key_(key_prefix), prefix_size_(key_prefix.size()) {}

  bool Find(std::string_view word, std::vector<Term>* terms) override {
    key_.resize(prefix_size_);
    key_ += word;
    std::string value;
    return lookup_(key_, &value) && !value.empty() && DecodeTerms(value, terms);
  }

 private:
  Lookup lookup_;
  std::string key_;
  std::size_t prefix_size_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
