// Stopwords: the Swedish function words ("och", "att", "som") that the analyzer flags. The
// list is Protokoll's own, in stemming/data/stopwords.txt, compiled into the library so the
// tools need no data path at run time.
#ifndef PROTOKOLL_STEMMING_SRC_STOPWORDS_H_
#define PROTOKOLL_STEMMING_SRC_STOPWORDS_H_

#include <string_view>

namespace protokoll::stemming {

// True if the folded word is a stopword. Thread-safe (the set is built once).
bool IsStopword(std::string_view folded_word);

}  // namespace protokoll::stemming

#endif  // PROTOKOLL_STEMMING_SRC_STOPWORDS_H_
