#include "municipalities.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include "text_util.h"

namespace protokoll::indexer {
namespace {

using corpus::Municipality;
using text::Lower;
using text::StartsUpper;
using text::StartsWith;
using text::Trim;
using text::Word;

// Words that may open a sentence before a place name ("I Övertorneå och Pajala …").
bool FunctionWord(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kWords = {
      "i",    "från", "även",   "både", "och",   "med",  "till", "för",
      "hos",  "av",   "om",     "när",  "där",   "inom", "vid",  "mellan",
      "utom", "samt", "enligt", "men",  "eller", "då",   "som",  "att"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&](std::string_view k) { return text::EqualsCI(w, k); });
}

bool KommunWord(std::string_view w) {
  return text::EqualsCI(w, "kommun") || text::EqualsCI(w, "kommuns") || text::EqualsCI(w, "stad") ||
         text::EqualsCI(w, "stads");
}

// Labels of participant lists; "Ej närvarande" and the like name people who were absent.
enum class LineKind { kText, kParticipants, kAbsent };

LineKind Classify(std::string_view line, bool in_header) {
  std::string_view t = Trim(line);
  std::size_t end = t.find_first_of(":\t");
  if (end == std::string_view::npos || end > 40) return LineKind::kText;
  const std::string_view label = Trim(t.substr(0, end));
  static constexpr std::array<std::string_view, 5> kAbsent = {
      "ej närvarande", "frånvarande", "förhinder", "anmält förhinder", "ej närvarande ledamöter"};
  for (auto a : kAbsent) {
    if (text::EqualsCI(label, a)) return LineKind::kAbsent;
  }
  if (!in_header) return LineKind::kText;
  static constexpr std::array<std::string_view, 16> kPresent = {"närvarande",
                                                                "deltagare",
                                                                "digitalt",
                                                                "beslutande",
                                                                "tjänstepersoner",
                                                                "tjänstemän",
                                                                "övriga deltagare",
                                                                "övriga närvarande",
                                                                "ledamöter",
                                                                "ersättare",
                                                                "närvarande ledamöter",
                                                                "deltagande",
                                                                "på plats",
                                                                "adjungerade",
                                                                "inbjudna",
                                                                "närvarande tjänstemän"};
  for (auto p : kPresent) {
    if (text::EqualsCI(label, p)) return LineKind::kParticipants;
  }
  return LineKind::kText;
}

// Strips "(digitalt)", "(S)" and trailing punctuation from a list entry.
std::string CleanEntry(std::string_view e) {
  std::string out;
  int depth = 0;
  for (char c : e) {
    if (c == '(') ++depth;
    if (depth == 0) out.push_back(c);
    if (c == ')' && depth > 0) --depth;
  }
  std::string_view t = Trim(out);
  while (!t.empty() && (t.back() == '.' || t.back() == ';')) t.remove_suffix(1);
  return std::string(Trim(t));
}

// A name as a web domain writes it: lowercase ASCII, å/ä as a, ö as o, é as e, ü as u, no
// spaces or hyphens ("Upplands Väsby" -> "upplandsvasby").
std::string DomainName(std::string_view name) {
  std::string out;
  const std::u32string cps = corpus::DecodeUtf8(Lower(name));
  for (char32_t c : cps) {
    if (c == U'å' || c == U'ä' || c == U'à' || c == U'á') {
      out.push_back('a');
    } else if (c == U'ö' || c == U'ø') {
      out.push_back('o');
    } else if (c == U'é' || c == U'è') {
      out.push_back('e');
    } else if (c == U'ü') {
      out.push_back('u');
    } else if ((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9')) {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

class Collector {
 public:
  // The line the next names are read from.
  void SetLine(std::string_view line) { line_ = line; }
  void Add(const Municipality* m) {
    if (m && std::find(names_.begin(), names_.end(), m->name) == names_.end()) {
      names_.push_back(m->name);
      lines_.emplace_back(Trim(line_));
    }
  }
  std::vector<std::string> Take(std::vector<std::string>* lines) {
    if (lines) *lines = std::move(lines_);
    return std::move(names_);
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::string> lines_;
  std::string_view line_;
};

}  // namespace

MunicipalityFinder::MunicipalityFinder(const corpus::Gazetteer& gazetteer) : gazetteer_(gazetteer) {
  for (const Municipality& m : gazetteer.municipalities()) {
    forms_.push_back({corpus::DecodeUtf8(Lower(m.name)), &m});
    for (const auto& f : m.forms) forms_.push_back({corpus::DecodeUtf8(Lower(f)), &m});
    domains_.emplace_back(DomainName(m.name), &m);
  }
  // By length, so that a fuzzy lookup reads only the forms a few edits can reach.
  std::stable_sort(forms_.begin(), forms_.end(),
                   [](const Form& a, const Form& b) { return a.text.size() < b.text.size(); });
}

const MunicipalityFinder& MunicipalityFinder::For(const corpus::Gazetteer& gazetteer) {
  static std::mutex mu;
  static auto* finders =
      new std::map<const corpus::Gazetteer*, std::unique_ptr<MunicipalityFinder>>;
  std::lock_guard<std::mutex> lock(mu);
  auto& f = (*finders)[&gazetteer];
  if (!f) f = std::make_unique<MunicipalityFinder>(gazetteer);
  return *f;
}

const Municipality* MunicipalityFinder::Lookup(std::string_view name, bool fuzzy,
                                               int max_edits) const {
  if (name.empty()) return nullptr;
  if (const Municipality* m = gazetteer_.FindMunicipality(name)) return m;
  if (!fuzzy) return nullptr;
  std::u32string target = corpus::DecodeUtf8(Lower(name));
  if (target.size() < 4) return nullptr;
  int limit = max_edits >= 0 ? max_edits : target.size() >= 8 ? 2 : 1;
  const Municipality* best = nullptr;
  int best_d = limit + 1;
  bool tie = false;
  // The forms within limit letters of the target's length (a form further off needs more
  // edits); which of them is met first does not change the answer.
  const auto edits = static_cast<std::size_t>(limit);
  auto from =
      std::lower_bound(forms_.begin(), forms_.end(), target.size() - std::min(edits, target.size()),
                       [](const Form& f, std::size_t size) { return f.text.size() < size; });
  for (auto it = from; it != forms_.end() && it->text.size() <= target.size() + edits; ++it) {
    const Form& f = *it;
    int d = text::EditDistance(f.text, target, limit);
    if (d > limit) continue;
    if (d < best_d) {
      best = f.municipality;
      best_d = d;
      tie = false;
    } else if (d == best_d && f.municipality != best) {
      tie = true;
    }
  }
  return tie ? nullptr : best;
}

namespace {

// The separator text between two words of a line.
std::string_view Sep(std::string_view line, const std::vector<Word>& w, std::size_t i) {
  std::size_t from = i == 0 ? 0 : w[i - 1].begin + w[i - 1].text.size();
  return line.substr(from, w[i].begin - from);
}

// Whether word k is part of a person's name: next to another capitalized word.
bool PartOfName(std::string_view line, const std::vector<Word>& w, std::size_t k) {
  bool before = k > 0 && Trim(Sep(line, w, k)).empty() && StartsUpper(w[k - 1].text) &&
                !FunctionWord(w[k - 1].text);
  bool after = k + 1 < w.size() && Trim(Sep(line, w, k + 1)).empty() &&
               StartsUpper(w[k + 1].text) && !KommunWord(w[k + 1].text);
  return before || after;
}

// Whether word i is the first half of a pair of compounds, so a word and no place: "Mark- och
// miljödomstolen" (a suspended hyphen after it), "Mark & miljödomstolen" ("&" after it); for
// a name that is also an ordinary word, "Mark och miljödomstolen" (a lowercase compound after
// "och").
bool FirstOfCompoundPair(std::string_view line, const std::vector<Word>& w, std::size_t i,
                         bool ambiguous) {
  const std::string_view rest = line.substr(w[i].begin + w[i].text.size());
  if (rest.starts_with("-") && (rest.size() == 1 || rest[1] == ' ')) return true;
  if (i + 1 >= w.size()) return false;
  std::size_t next = i + 1;
  // Before "&" a word is part of a name ("Vård & Omsorg" is no slip of Vårdö).
  if (Trim(Sep(line, w, next)) == "&") return true;
  if (!ambiguous || !Trim(Sep(line, w, next)).empty() || !text::EqualsCI(w[next].text, "och")) {
    return false;
  }
  ++next;
  // After "och" a lowercase long compound, as the other half is ("i Salem och de flesta").
  return next < w.size() && !StartsUpper(w[next].text) && Trim(Sep(line, w, next)).empty() &&
         corpus::DecodeUtf8(w[next].text).size() >= 12;
}

// Whether the names from word i on are a list of counties: "Kronobergs, Örebro, Jönköpings,
// Dalarnas" / "och Jämtlands län", the list going on at the start of the next line.
bool InCountyList(std::string_view line, const std::vector<Word>& w, std::size_t i,
                  std::string_view next_line) {
  std::string_view text = line;
  const std::vector<Word>* words = &w;
  std::vector<Word> next_words;  // read only when the list reaches the line's end
  std::size_t j = i + 1;
  bool after_name = true;  // a name came last: another needs a comma or "och" before it
  for (int lines = 0; lines < 2; ++lines) {
    for (; j < words->size(); ++j) {
      const std::string_view word = (*words)[j].text;
      const std::string_view sep = Trim(Sep(text, *words, j));
      if (text::EqualsCI(word, "län") || text::EqualsCI(word, "länen")) return sep.empty();
      if (text::EqualsCI(word, "och") || text::EqualsCI(word, "samt")) {
        after_name = false;
        continue;
      }
      if (!StartsUpper(word) || (!sep.empty() && sep != ",")) return false;
      // Two names in a row are a person's ("Eva Sjödin"), or one county's ("Västra Götalands
      // län").
      const bool next_is_lan = j + 1 < words->size() && text::EqualsCI((*words)[j + 1].text, "län");
      if (after_name && sep.empty() && !next_is_lan) return false;
      after_name = true;
    }
    text = next_line;
    next_words = text::Words(next_line);
    words = &next_words;
    j = 0;
  }
  return false;
}

// Whether a name that is also an ordinary word or a person's name stands where a place
// does: after a preposition or "att"/"hur" ("i Säter", "från Mora", "att Sala har"), or
// opening a sentence with "har" after it ("Klippan har tagit fram …").
bool PlaceContext(std::string_view line, const std::vector<Word>& w, std::size_t i,
                  std::size_t after) {
  static constexpr std::array<std::string_view, 14> kBefore = {"i",    "från", "för", "till", "hos",
                                                               "vid",  "inom", "att", "hur",  "har",
                                                               "låta", "mot",  "på",  "och"};
  if (i > 0 && Trim(Sep(line, w, i)).empty()) {
    const std::string_view prev = w[i - 1].text;
    if (std::any_of(kBefore.begin(), kBefore.end(),
                    [&](std::string_view k) { return text::EqualsCI(prev, k); }) &&
        !StartsUpper(w[i - 1].text)) {
      return true;
    }
  }
  std::string_view before = Trim(line.substr(0, w[i].begin));
  // A sentence or a list entry starts here ("- Klippan har aviserat").
  bool sentence_start = before.empty() || before.back() == '.' || before.back() == ':' ||
                        before == "-" || before == "*" || before == "•" || before == "–";
  return sentence_start && after < w.size() && text::EqualsCI(w[after].text, "har");
}

// Whether written is one of the municipality's names with a letter swapped, doubled or
// dropped, not changed.
bool SlipWithoutChangedLetter(std::string_view written, const Municipality& m) {
  std::u32string w = corpus::DecodeUtf8(Lower(written));
  std::u32string sorted_w = w;
  std::sort(sorted_w.begin(), sorted_w.end());
  auto fits = [&](const std::string& name) {
    std::u32string n = corpus::DecodeUtf8(Lower(name));
    if (text::EditDistance(n, w, 1) > 1) return false;
    if (n.size() != w.size()) return true;  // one letter more or less
    std::sort(n.begin(), n.end());
    return n == sorted_w;  // a swap
  };
  if (fits(m.name)) return true;
  return std::any_of(m.forms.begin(), m.forms.end(), fits);
}

// Whether the word before word i is a lowercase preposition of place ("i", "från").
bool AfterPlacePreposition(std::string_view line, const std::vector<Word>& w, std::size_t i) {
  static constexpr std::array<std::string_view, 6> kPlace = {"i",   "från", "hos",
                                                             "vid", "inom", "till"};
  if (i == 0 || !Trim(Sep(line, w, i)).empty()) return false;
  std::string_view prev = w[i - 1].text;
  return std::find(kPlace.begin(), kPlace.end(), prev) != kPlace.end();
}

}  // namespace

std::vector<std::string> MunicipalityFinder::Find(std::string_view text, std::size_t header_end,
                                                  std::vector<std::string>* lines) const {
  Collector found;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    bool in_header = pos < header_end;
    pos = nl + 1;
    const std::string_view next_line =
        pos < text.size() ? text.substr(pos, text.find('\n', pos) - pos) : std::string_view();
    LineKind kind = Classify(line, in_header);
    if (kind == LineKind::kAbsent) continue;
    found.SetLine(line);
    std::vector<Word> w = text::Words(line);
    if (w.empty()) continue;

    // Participant entries: "Name, Municipality", "Name Surname Municipality".
    if (kind == LineKind::kParticipants) {
      std::size_t colon = line.find_first_of(":\t");
      std::string_view list = line.substr(colon + 1);
      std::size_t start = 0;
      while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string_view::npos) comma = list.size();
        const std::string_view raw = list.substr(start, comma - start);
        std::string entry = CleanEntry(raw);
        start = comma + 1;
        std::vector<Word> ew = text::Words(entry);
        if (ew.empty() || !StartsUpper(ew[0].text)) continue;
        std::size_t last = ew.size() - 1;
        if (ew.size() >= 2 && KommunWord(ew[last].text)) continue;  // scanned below
        if (ew.size() <= 2) {
          if (const Municipality* m = Lookup(entry, false)) {
            found.Add(m);
          } else if (ew.size() == 1) {
            found.Add(Lookup(entry, true));
          }
        } else if (StartsUpper(ew[last].text) && entry.find(" och ") == std::string::npos) {
          std::string two = std::string(ew[last - 1].text) + " " + std::string(ew[last].text);
          const Municipality* m = Lookup(two, false);
          if (!m) m = Lookup(ew[last].text, false);
          // One slip at most in a name after a person's name, not after a politician's
          // party ("Gustafsson (L) för Markus").
          if (!m && ew[last].text.size() >= 5 && !text::HasPartyMark(raw)) {
            m = Lookup(ew[last].text, true, 1);
          }
          found.Add(m);
        }
      }
    }

    // Word scan: "X kommun", "kommunerna X, Y och Z", "Name Surname, X", bare names.
    std::vector<int> strong(w.size(), 0);  // 1 = matched in a list-like context
    const bool names_politicians = text::HasPartyMark(line);
    bool list_mode = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
      std::string_view sep = Sep(line, w, i);
      const std::string_view lw = w[i].text;
      if (text::EqualsCI(lw, "kommunerna") || text::EqualsCI(lw, "kommunerna:")) {
        list_mode = true;
        continue;
      }
      if (list_mode) {
        const std::string_view prev = i > 0 ? w[i - 1].text : std::string_view();
        bool joined =
            Trim(sep) == "," ||
            (Trim(sep).empty() && (text::EqualsCI(prev, "och") || text::EqualsCI(prev, "samt") ||
                                   text::EqualsCI(prev, "kommunerna")));
        if (text::EqualsCI(lw, "och") || text::EqualsCI(lw, "samt")) continue;
        if (!joined || !StartsUpper(w[i].text)) list_mode = false;
      }
      if (!StartsUpper(w[i].text)) continue;
      // Two-word names first ("Upplands Väsby", "Lilla Edet", "Dals Ed").
      std::size_t span = 1;
      const Municipality* m = nullptr;
      if (i + 1 < w.size() && Trim(Sep(line, w, i + 1)).empty() && StartsUpper(w[i + 1].text)) {
        std::string two = std::string(w[i].text) + " " + std::string(w[i + 1].text);
        if ((m = Lookup(two, false))) span = 2;
      }
      std::size_t after = i + span;
      bool kommun_after =
          after < w.size() && KommunWord(w[after].text) && Trim(Sep(line, w, after)).empty();
      bool lan_after = after < w.size() && text::EqualsCI(w[after].text, "län");
      if (lan_after || InCountyList(line, w, after - 1, next_line)) {
        i = after;
        continue;
      }
      bool prev_upper =
          i > 0 && Trim(sep).empty() && StartsUpper(w[i - 1].text) && !FunctionWord(w[i - 1].text);
      bool after_name = i >= 2 && Trim(sep) == "," && StartsUpper(w[i - 1].text) &&
                        StartsUpper(w[i - 2].text) && Trim(Sep(line, w, i - 1)).empty() &&
                        span == 1 && !PartOfName(line, w, i);
      bool context = kommun_after || list_mode || after_name;
      if (!m) m = Lookup(w[i].text, false);
      if (!m && context) m = Lookup(w[i].text, true);
      // "läget i Nynäsahmn", "Erfarenheterna från Vnigåker": a place slipped by a swapped,
      // doubled or dropped letter, where only a place can stand. A changed letter makes
      // other words ("inom Bostad först" is no Båstad), and short names are left alone.
      // Where a place or a subject stands ("för Kamar", "att Härrydda planerar", "Gllivare har
      // skickat"), a word may be a place name with a slip.
      const std::size_t letters = corpus::DecodeUtf8(w[i].text).size();
      // Not on a line naming politicians by party ("(L) för Markus"): first names are near
      // places ("Markus", "Marks").
      const bool slip_place =
          !names_politicians &&
          (AfterPlacePreposition(line, w, i) || (letters >= 5 && PlaceContext(line, w, i, after)));
      if (!m && span == 1 && letters >= 4 && slip_place &&
          !(after < w.size() && Trim(Sep(line, w, after)).empty() && StartsUpper(w[after].text))) {
        m = Lookup(w[i].text, true, 1);
        if (m && !SlipWithoutChangedLetter(w[i].text, *m)) m = nullptr;
        // Short words only as a letter added to a four-letter name ("Bjjuv") or dropped from
        // a five-letter one ("i Orut"): a changed letter is ruled out above.
        if (m && letters < 6 && corpus::DecodeUtf8(Lower(m->name)).size() < 4) m = nullptr;
        if (m) context = true;
      }
      if (!m) continue;
      if (span == 1 && FirstOfCompoundPair(line, w, i, m->ambiguous)) continue;
      if (context) {
        found.Add(m);
        strong[i] = 1;
      } else if (!prev_upper) {
        bool next_upper = after < w.size() && Trim(Sep(line, w, after)).empty() &&
                          StartsUpper(w[after].text) && !Lookup(w[after].text, false);
        if (!next_upper && (!m->ambiguous || PlaceContext(line, w, i, after))) {
          found.Add(m);
          strong[i] = 1;
        }
      }
      i += span - 1;
    }
    // Coordinations next to a municipality: "Kromom och Ragunda", "Piteå och Gällivara".
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!strong[i]) continue;
      for (int dir : {-1, 1}) {
        std::size_t j = i;
        while (true) {
          std::size_t k = dir < 0 ? j - 1 : j + 1;
          if ((dir < 0 && j == 0) || k >= w.size()) break;
          std::size_t right = dir < 0 ? j : k;
          std::string_view s = Trim(Sep(line, w, right));
          std::size_t cand = k;
          if (s != ",") {
            // "X och Y": the conjunction is a word of its own.
            const std::string_view lk = w[k].text;
            if (!s.empty() || (!text::EqualsCI(lk, "och") && !text::EqualsCI(lk, "samt"))) break;
            std::size_t k2 = dir < 0 ? (k == 0 ? w.size() : k - 1) : k + 1;
            if (k2 >= w.size()) break;
            cand = k2;
          }
          if (!StartsUpper(w[cand].text) || PartOfName(line, w, cand)) break;
          const Municipality* m = Lookup(w[cand].text, true);
          if (!m) break;
          found.Add(m);
          j = cand;
        }
      }
    }
  }
  return found.Take(lines);
}

const Municipality* MunicipalityFinder::FindIssuer(std::string_view text,
                                                   std::string* line_out) const {
  // The letterhead: "X kommun" or "X stad" opening one of the first lines or standing as a
  // column of its own, in a line that is not a list of people.
  constexpr int kTopLines = 12;
  int seen = 0;
  for (std::string_view line : text::SplitLines(text)) {
    std::string_view t = Trim(line);
    if (t.empty()) continue;
    if (++seen > kTopLines) break;
    if (Classify(t, true) != LineKind::kText) continue;
    std::vector<Word> w = text::Words(t);
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      const bool column_start = i == 0 || t.substr(0, w[i].begin).ends_with("  ") ||
                                t.substr(0, w[i].begin).ends_with('\t');
      if (!column_start || !StartsUpper(w[i].text)) continue;
      for (std::size_t span = 1; span <= 2 && i + span < w.size(); ++span) {
        std::string_view last = w[i + span].text;
        if (!text::EqualsCI(last, "kommun") && !text::EqualsCI(last, "stad")) continue;
        std::size_t end = w[i + span].begin + last.size();
        std::string_view rest = t.substr(end);
        if (!rest.empty() && !rest.starts_with("  ") && !rest.starts_with('\t')) continue;
        std::string_view name =
            t.substr(w[i].begin, w[i + span - 1].begin + w[i + span - 1].text.size() - w[i].begin);
        if (const Municipality* m = Lookup(name, false)) {
          if (line_out) *line_out = std::string(t);
          return m;
        }
      }
    }
  }
  // The domain of the municipality's web site or mail: "www.nykarleby.fi", "x@kungsbacka.se".
  std::map<const Municipality*, int> counts;
  std::map<const Municipality*, std::string> first_line;
  for (std::string_view line : text::SplitLines(text)) {
    for (std::size_t dot = line.find('.'); dot != std::string_view::npos;
         dot = line.find('.', dot + 1)) {
      std::string_view tld = line.substr(dot + 1, 2);
      bool ends = dot + 3 >= line.size() || !text::IsLetterByte(line[dot + 3]);
      if (!ends || (tld != "se" && tld != "fi" && tld != "ax")) continue;
      std::size_t b = dot;
      while (b > 0 && (std::isalnum(static_cast<unsigned char>(line[b - 1])) || line[b - 1] == '-'))
        --b;
      std::string label = text::Lower(line.substr(b, dot - b));
      for (std::string_view suffix : {"kommun", "stad"}) {
        if (label.size() > suffix.size() && label.ends_with(suffix)) {
          label.resize(label.size() - suffix.size());
        }
      }
      for (const auto& [domain, m] : domains_) {
        if (domain == label) {
          if (++counts[m] == 1) first_line[m] = std::string(Trim(line));
          break;
        }
      }
    }
  }
  const Municipality* best = nullptr;
  int best_count = 0;
  for (const auto& [m, n] : counts) {
    if (n > best_count) {
      best = m;
      best_count = n;
    }
  }
  if (best && line_out) *line_out = first_line[best];
  return best;
}

}  // namespace protokoll::indexer
