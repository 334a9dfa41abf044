// Normalizer: NFC normalization and Unicode case folding of one token, the form every index
// term is built from. Soft hyphens and zero-width characters are dropped here so that a word
// with invisible junk inside matches the clean word. Pure ASCII and Latin-1 letters (nearly
// all Swedish text) take a byte-level fast path; anything else goes through ICU.
#ifndef PROTOKOLL_STEMMING_SRC_NORMALIZER_H_
#define PROTOKOLL_STEMMING_SRC_NORMALIZER_H_

#include <string>
#include <string_view>

namespace protokoll::stemming {

// Byte length of the invisible character starting at s[i] (soft hyphen, zero-width space,
// joiners, word joiner, BOM), or 0 when s[i] starts something else.
std::size_t IgnorableLength(std::string_view s, std::size_t i);

class Normalizer {
 public:
  // Sets *out to the NFC, case-folded form of text without ignorable characters. Invalid
  // UTF-8 becomes U+FFFD. Never throws.
  void Fold(std::string_view text, std::string* out) const;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_NORMALIZER_H_
