// Participating municipalities of a meeting: canonical names of Sweden's 290 municipalities
// read from participant lists in all their shapes ("Name Municipality", "Name, Municipality",
// a column of "Bergs kommun" in a tab-separated block), "X kommun"/"X stad" mentions,
// "kommunerna X, Y och Z" and other coordinations, and names in running text. Context decides
// what counts: a surname or first name that equals a municipality name ("Eva Mora", "Salem
// Haddad") does not; names that are also ordinary words count only in a list or before
// "kommun"; misspellings ("Krokomb", "Kromom") are corrected only in such contexts; the
// municipalities of people reported absent do not count.
#ifndef PROTOKOLL_INDEXER_MUNICIPALITIES_H_
#define PROTOKOLL_INDEXER_MUNICIPALITIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "protokoll/corpus/gazetteer.h"

namespace protokoll::indexer {

class MunicipalityFinder {
 public:
  explicit MunicipalityFinder(const corpus::Gazetteer& gazetteer);

  // A finder for the gazetteer; the one for Gazetteer::Default() is built once and shared.
  static const MunicipalityFinder& For(const corpus::Gazetteer& gazetteer);

  // Canonical names, in order of first mention, in text whose header ends at header_end;
  // *lines (when given) gets the line of each first mention.
  std::vector<std::string> Find(std::string_view text, std::size_t header_end,
                                std::vector<std::string>* lines = nullptr) const;

  // The municipality that issued the minutes, and the line that says so: its letterhead on
  // the first lines ("KUNGSBACKA KOMMUN   SAMMANTRÄDESPROTOKOLL", "Nykarleby stad"), else the
  // web or mail domain the text gives most ("www.nykarleby.fi", "namn@ljusdal.se"). Null if
  // neither.
  const corpus::Municipality* FindIssuer(std::string_view text, std::string* line) const;

  // The municipality a written name denotes: exact (any case), or, when fuzzy, within the
  // edit distance its length allows (adjacent swaps count one). Null if none or a tie.
  // max_edits < 0: by length (one edit up to 7 letters, two from 8).
  const corpus::Municipality* Lookup(std::string_view name, bool fuzzy, int max_edits = -1) const;

 private:
  struct Form {
    std::u32string text;  // lowercase
    const corpus::Municipality* municipality;
  };
  const corpus::Gazetteer& gazetteer_;
  std::vector<Form> forms_;
  // ASCII-folded names without spaces or hyphens ("kungsbacka", "upplandsvasby"), as domains
  // write them.
  std::vector<std::pair<std::string, const corpus::Municipality*>> domains_;
};

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_MUNICIPALITIES_H_
