// MetadataVocabulary: a Vocabulary kept in a key-value store, one key a word (prefix + folded
// word -> EncodeTerms()), as the indexer keeps it in its Xapian database's user metadata. The
// store is read through a function, so this module needs no database of its own.
#ifndef PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
#define PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "protokoll/stemming/analyzer.h"

namespace protokoll::stemming {

class MetadataVocabulary final : public Vocabulary {
 public:
  // The value of key into *value; false when the store cannot be read (an unknown word).
  using Lookup = std::function<bool(const std::string& key, std::string* value)>;

  // Reads words through lookup under key_prefix, keeping the answers (known or not) for up to
  // cache_entries words: a store across a network (a remote shard) then answers each once.
  MetadataVocabulary(Lookup lookup, std::string_view key_prefix, std::size_t cache_entries = 0)
      : lookup_(std::move(lookup)),
        key_(key_prefix),
        prefix_size_(key_prefix.size()),
        cache_entries_(cache_entries) {}

  bool Find(std::string_view word, std::vector<Term>* terms) override {
    key_.resize(prefix_size_);
    key_ += word;
    if (cache_entries_ > 0) {
      auto it = cache_.find(key_);
      if (it != cache_.end()) {
        *terms = it->second.second;
        return it->second.first;
      }
    }
    std::string value;
    if (!lookup_(key_, &value)) return false;  // not kept: the store may answer later
    const bool known = !value.empty() && DecodeTerms(value, terms);
    if (cache_entries_ > 0) {
      if (cache_.size() >= cache_entries_) cache_.clear();
      cache_.emplace(key_, std::make_pair(known, known ? *terms : std::vector<Term>()));
    }
    return known;
  }

  // Drops the kept answers: the store has changed (words were added).
  void Forget() { cache_.clear(); }

 private:
  Lookup lookup_;
  std::string key_;
  std::size_t prefix_size_;
  std::size_t cache_entries_;
  std::unordered_map<std::string, std::pair<bool, std::vector<Term>>> cache_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_METADATA_VOCABULARY_H_
