// Gazetteer: Sweden's 290 municipalities with their counties and the regional bodies that
// hold meetings, loaded from corpus/data/ (compiled into the tools). Both the indexer (to read
// municipalities and counties out of minutes) and the query tools (to canonicalize
// "kommun:Bergs" to Berg) look names up here, so both agree on every name.
#ifndef PROTOKOLL_CORPUS_GAZETTEER_H_
#define PROTOKOLL_CORPUS_GAZETTEER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "protokoll/status.h"

namespace protokoll::corpus {

struct Municipality {
  std::string name;                // canonical: "Berg", "Dals-Ed"
  std::string county;              // "Jämtlands län"
  std::vector<std::string> forms;  // other spellings, genitives: "Bergs", "Dals Ed"
  bool ambiguous = false;          // also a common word or person name: needs context
};

struct Organisation {
  std::string name;                  // "Fyrbodals kommunalförbund"
  std::string county;                // "Västra Götalands län"
  std::vector<std::string> members;  // canonical municipality names; empty = whole county
  std::vector<std::string> aliases;  // "Fyrbodal"
};

class Gazetteer {
 public:
  // The gazetteer built from the data compiled into the tools.
  static const Gazetteer& Default();
  // Parses kommuner.tsv and organisationer.tsv text (formats in corpus/README.md).
  static Status Parse(std::string_view municipalities_tsv, std::string_view organisations_tsv,
                      Gazetteer* out);

  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }
  // Distinct county names, in file order.
  const std::vector<std::string>& counties() const { return counties_; }

  // The municipality a name or form denotes, ignoring case ("bergs" -> Berg); null if none.
  const Municipality* FindMunicipality(std::string_view name) const;
  // The closest municipality within edit distance max_edits of name (typos: "Krokomb").
  const Municipality* FindMunicipalityFuzzy(std::string_view name, int max_edits) const;
  // The organisation a name or alias denotes, ignoring case; null if none.
  const Organisation* FindOrganisation(std::string_view name) const;
  // The canonical county for "Jämtlands län", "jämtland", "Jämtlands"; empty if none.
  std::string CanonicalCounty(std::string_view name) const;

 private:
  std::vector<Municipality> municipalities_;
  std::vector<Organisation> organisations_;
  std::vector<std::string> counties_;
  std::unordered_map<std::string, std::size_t> municipality_index_;  // lowered form -> index
  std::unordered_map<std::string, std::size_t> organisation_index_;  // lowered alias -> index
};

// Lowercases ASCII and the Latin-1 letters of Swedish names (Å, Ä, Ö, É, Ü ...) in UTF-8.
std::string LowerName(std::string_view s);

// True if d, the byte after 0xC3, makes a Latin-1 capital (À..Þ but ×): LowerName adds 0x20.
inline bool IsLatin1CapitalTail(unsigned char d) { return d >= 0x80 && d <= 0x9E && d != 0x97; }
// Decodes UTF-8 to code points (for edit distances); an invalid byte stands for itself.
std::u32string DecodeUtf8(std::string_view s);

}  // namespace protokoll::corpus

#endif  // PROTOKOLL_CORPUS_GAZETTEER_H_
