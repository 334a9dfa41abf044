// How much of a text is words the Swedish dictionary knows. A PDF's text layer set in a font
// whose letters map to the wrong characters ("protokojjet", "grsättarg") scores low.
#ifndef PROTOKOLL_STEMMING_SPELLING_H_
#define PROTOKOLL_STEMMING_SPELLING_H_

#include <memory>
#include <string>
#include <string_view>

#include "protokoll/status.h"

namespace protokoll::stemming {

class Lemmatizer;

// Not thread-safe: one a thread.
class Spelling {
 public:
  // Opens dir/sv_SE.{aff,dic} (Debian's hunspell-sv).
  static Status Open(const std::string& dir, std::unique_ptr<Spelling>* spelling);
  ~Spelling();

  struct Score {
    int words = 0;              // words in lower case of four letters or more (no names)
    double known = 1.0;         // ... the share of them the dictionary knows, compounds too
    double function_words = 0;  // share of all lower-case words that are Swedish function
                                // words ("och", "att", "som"): low in another language
    double a_ring = 0;          // share of all letters that are "å", which Swedish has and
                                // Finnish and English lack: kept where a broken font maps
                                // the spaces or the function words away
  };
  // How Swedish text reads to the dictionary.
  Score Check(std::string_view text);

  // Gives back the letters a PDF's ligatures lost: a font that draws "fi", "fl", "ff",
  // "ft", "ti" or "tt" as one glyph whose text is only its first letter turns "att",
  // "finskspråkig" and "långfristiga" into "at", "fnskspråkig" and "långfristga". A
  // lower-case word the dictionary does not know gets the letters (one or two) that make it
  // a word it knows; only where the text shows the fault (kMinMends mends, of two words or
  // more). Returns the number of words mended.
  int MendLigatures(std::string* text);

 private:
  explicit Spelling(std::unique_ptr<Lemmatizer> lemmatizer);
  std::unique_ptr<Lemmatizer> lemmatizer_;
};

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SPELLING_H_
