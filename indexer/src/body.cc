#include "body.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "dates.h"
#include "text_util.h"

namespace protokoll::indexer {
namespace {

using text::Lower;
using text::StartsWith;
using text::Trim;

// Words that name the kind of document, not the body.
bool DocTypeWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kWords = {"minnesanteckningar",
                                                              "protokoll",
                                                              "anteckningar",
                                                              "mötesanteckningar",
                                                              "sammanträdesprotokoll",
                                                              "dagordning",
                                                              "kallelse",
                                                              "föredragningslista",
                                                              "justerat",
                                                              "från",
                                                              "mötet",
                                                              "möte"};
  std::string l = Lower(w);
  while (!l.empty() && (l.back() == ':' || l.back() == ',')) l.pop_back();
  // Any kind of notes or protocol: "sammanträdesanteckningar", "protokollsutdrag".
  return std::find(kWords.begin(), kWords.end(), l) != kWords.end() ||
         text::EndsWith(l, "anteckningar") || text::EndsWith(l, "protokoll") ||
         l == "protokollsutdrag";
}

std::string Capitalize(std::string s) {
  if (s.empty()) return s;
  unsigned char c = s[0];
  if (c >= 'a' && c <= 'z') {
    s[0] = static_cast<char>(c - 32);
  } else if (c == 0xC3 && s.size() > 1) {
    unsigned char d = s[1];
    if (d >= 0xA0 && d <= 0xBE && d != 0xB7) s[1] = static_cast<char>(d - 0x20);
  }
  return s;
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}

// The word after a municipality's name that makes it the organiser: "Lomma kommun",
// "Nykarleby stad" (lowercase).
bool OrganiserWord(std::string_view lower) { return lower == "kommun" || lower == "stad"; }

// Words between a document's kind and the body's name: "fört vid", "från", "med".
bool LinkWord(std::string_view w) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "fört",        "förd",         "vid",   "från",      "med",      "i",   "hos",
      "sammanträde", "sammanträdet", "extra", "ordinarie", "avseende", "för", "över"};
  std::string l = Lower(w);
  return std::find(kWords.begin(), kWords.end(), l) != kWords.end();
}

// A meeting, after the body whose it is ("Socialnämndens sammanträde").
bool MeetingWord(std::string_view w) {
  std::string l = Lower(w);
  return l == "sammanträde" || l == "sammanträdet" || l == "möte" || l == "mötet" ||
         l == "sammanträdesprotokoll" || l == "protokoll";
}

// Without parentheticals ("(SCHNV)") and what follows the date.
std::string TitleCore(std::string_view line) {
  std::string s;
  int depth = 0;
  for (char c : line) {
    if (c == '(') ++depth;
    if (depth == 0) s.push_back(c);
    if (c == ')' && depth > 0) --depth;
  }
  auto dates = FindDates(s);
  bool dated = !dates.empty();
  if (dated) s.resize(dates[0].offset);
  std::vector<std::string> words = SplitWords(s);
  // The kind of document, and a letterhead run into the line before the body's name
  // ("JÖNKÖPINGS KOMMUN SAMMANTRÄDESPROTOKOLL 11 Barn- och utbildningsnämnden"): the
  // municipality, the kind of document and the page number.
  bool doc_type = false, letterhead = false;
  while (words.size() > 1) {
    if (DocTypeWord(words.front())) {
      words.erase(words.begin());
      doc_type = true;
      continue;
    }
    if (words.size() > 2 && OrganiserWord(Lower(words[1]))) {
      words.erase(words.begin(), words.begin() + 2);
      letterhead = true;
      continue;
    }
    const std::string& w = words.front();
    if ((doc_type || letterhead) && w.size() <= 3 &&
        std::all_of(w.begin(), w.end(), [](char c) { return text::IsDigit(c); })) {
      words.erase(words.begin());
      continue;
    }
    break;
  }
  if (words.size() == 1 && DocTypeWord(words.front())) words.clear();
  // "Protokoll fört vid sammanträde med kommunstyrelsen", "Minnesanteckningar från mötet i
  // socialnämnden": the words that lead from the document's kind to the body.
  // The document's kind may stand on the line above ("PROTOKOLL" / "fört vid styrelsemöte i
  // Solberga hembygdsförening").
  doc_type = doc_type ||
             (!words.empty() && (Lower(words.front()) == "fört" || Lower(words.front()) == "förd"));
  while (doc_type && words.size() > 1 && LinkWord(words.front())) words.erase(words.begin());
  // "styrelsemöte i Solberga hembygdsförening": the organisation whose board met.
  if (doc_type && words.size() > 2 && text::EndsWith(Lower(words[0]), "möte") &&
      (words[1] == "i" || words[1] == "med" || words[1] == "för" || words[1] == "hos")) {
    words.erase(words.begin(), words.begin() + 2);
  }
  // Trailing "den", "kl." and, in a title that dates the meeting ("Socialchefs nätverket
  // (SCHNV) i Dalarna den 25 september 2020"), the region it was held for.
  for (std::size_t i = 1; i < words.size(); ++i) {
    bool region =
        dated && words[i] == "i" && i + 1 < words.size() && text::StartsUpper(words[i + 1]);
    if (region || words[i] == "den" || words[i] == "kl." || words[i] == "kl") {
      words.resize(i);
      break;
    }
  }
  while (!words.empty()) {
    std::string& last = words.back();
    while (!last.empty() &&
           (last.back() == ',' || last.back() == '.' || last.back() == ':' || last.back() == '-')) {
      last.pop_back();
    }
    // A text layer may run the label of the next column into the line ("Nämnden för Kultur
    // & Fritid Datum" over "2024-08-21").
    const std::string l = Lower(last);
    if (last.empty() || l == "den" ||
        (words.size() > 1 && (l == "datum" || l == "sammanträdesdatum" || l == "mötesdatum" ||
                              l == "tid" || l == "sida" || l == "plats"))) {
      words.pop_back();
      continue;
    }
    break;
  }
  // "Kommunstyrelsens sammanträde": the body is the one whose meeting it was.
  if (words.size() >= 2 && MeetingWord(words.back())) {
    words.pop_back();
    std::string& owner = words.back();
    std::string l = Lower(owner);
    for (std::string_view end : {"ens", "ets", "nas", "iges", "ns"}) {
      if (l.size() > end.size() + 2 && text::EndsWith(l, end)) {
        owner.pop_back();
        break;
      }
    }
  }
  return Join(words);
}

bool LabelLine(std::string_view t) {
  std::size_t colon = t.find(':');
  return colon != std::string_view::npos && colon < 40;
}

// The columns of a line laid out on a page or by tabs: parts apart by a tab or 3+ spaces.
std::vector<std::string_view> Columns(std::string_view t) {
  std::vector<std::string_view> out;
  std::size_t start = 0, i = 0;
  while (i < t.size()) {
    std::size_t gap = i;
    while (gap < t.size() && (t[gap] == ' ' || t[gap] == '\t')) ++gap;
    bool wide = gap - i >= 3 || (gap > i && t.substr(i, gap - i).find('\t') != std::string::npos);
    if (gap > i && wide) {
      if (i > start) out.push_back(t.substr(start, i - start));
      start = gap;
    }
    i = gap > i ? gap : i + 1;
  }
  if (start < t.size()) out.push_back(Trim(t.substr(start)));
  return out;
}

int Letters(std::string_view s) {
  int n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++n;
    } else if (c >= 0xC0) {
      ++n;  // a multibyte letter (å, ä, ö, é …) counts once
    }
  }
  return n;
}

// A label of the meeting's time or date ("Sammanträdesdatum", "Tid"), not a body.
bool TimeLabel(std::string_view column) {
  std::vector<std::string> words = SplitWords(column);
  if (words.size() != 1) return false;
  std::string w = Lower(words[0]);
  return text::EndsWith(w, "tid") || text::EndsWith(w, "datum") || w == "dag" || w == "plats";
}

// The name of a municipality or town ("LJUSDALS KOMMUN", "Nykarleby stad"): the organiser,
// not the body that met.
bool MunicipalityName(std::string_view column) {
  std::vector<std::string> words = SplitWords(column);
  if (words.size() < 2 || words.size() > 3) return false;
  return OrganiserWord(Lower(words.back()));
}

// Whether a column of a header line is furniture around the body's name: the kind of
// document, a page number ("Sida 1(4)"), a date, a number ("5/2022"), the municipality.
bool HeaderFurniture(std::string_view column) {
  std::vector<std::string> words = SplitWords(column);
  if (words.empty()) return true;
  if (Letters(column) == 0) return true;
  if (std::all_of(words.begin(), words.end(),
                  [](const std::string& w) { return DocTypeWord(w); })) {
    return true;
  }
  std::string first = Lower(words[0]);
  if ((first == "sida" || first == "page") && words.size() <= 4) return true;
  if (!FindDates(column).empty() && Letters(column) <= 20) return true;
  return MunicipalityName(column);
}

// The one column of a header line that may name the body, or "" when the line is a label
// and its value ("Plats och tid   Kommunhuset, kl. 13.00") or furniture only.
std::string_view BodyColumn(std::string_view t) {
  std::vector<std::string_view> columns = Columns(t);
  if (columns.size() <= 1) return t;
  std::string_view found;
  for (std::string_view c : columns) {
    if (HeaderFurniture(c)) continue;
    if (!found.empty()) return {};
    found = c;
  }
  return found;
}

// A word of a body's name: a board, committee, council, network or group ("Valnämnden",
// "arbetsutskott", "Rådet", "Socialchefsnätverket", "Styrgruppen").
bool OrganWord(std::string_view word) {
  static constexpr std::array<std::string_view, 22> kStems = {
      "nämnd",      "styrelse",   "fullmäktige", "utskott",  "beredning", "sektion",
      "direktion",  "delegation", "presidi",     "kommitt",  "nätverk",   "grupp",
      "förbund",    "forum",      "kollegi",     "konvent",  "revision",  "revisor",
      "förmyndare", "stämma",     "årsmöte",     "parlament"};
  std::string l = Lower(word);
  for (auto stem : kStems) {
    if (l.find(stem) != std::string::npos) return true;
  }
  return StartsWith(l, "råd") || text::EndsWith(l, "råd") || text::EndsWith(l, "rådet") ||
         text::EndsWith(l, "rådets");
}

bool HasOrganWord(std::string_view name) {
  for (const std::string& w : SplitWords(name)) {
    if (OrganWord(w)) return true;
  }
  return false;
}

// Whether a header line speaks of a person, a time or a place rather than naming a body:
// a party ("(S)"), a role ("ordförande"), a clock time, a room, or a label of those.
bool PersonTimeOrPlace(std::string_view line) {
  static constexpr std::array<std::string_view, 12> kRoles = {
      "ordförande",      "sekreterare", "justerare",  "ledamot",   "ledamöter",       "ersättare",
      "protokollförare", "närvarande",  "beslutande", "deltagare", "tjänstepersoner", "ordf"};
  static constexpr std::array<std::string_view, 8> kLabels = {
      "plats", "tid", "lokal", "paragrafer", "ärenden", "underskrifter", "övriga", "justering"};
  static constexpr std::array<std::string_view, 5> kRooms = {"rummet", "salen", "huset", "lokalen",
                                                             "gatan"};
  if (text::HasPartyMark(line)) return true;
  std::string l = Lower(line);
  std::vector<std::string> words = SplitWords(l);
  if (words.empty()) return false;
  for (std::string& w : words) {
    while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == ':')) w.pop_back();
    if (std::find(kRoles.begin(), kRoles.end(), w) != kRoles.end()) return true;
    if (w == "kl" || w == "klockan") return true;
    for (auto r : kRooms) {
      if (text::EndsWith(w, r)) return true;
    }
  }
  std::string first = words[0];
  if (std::find(kLabels.begin(), kLabels.end(), first) != kLabels.end()) return true;
  for (std::size_t i = 0; i + 2 < l.size(); ++i) {  // "13:00", "13.00"
    if (text::IsDigit(l[i]) && (l[i + 1] == ':' || l[i + 1] == '.') && text::IsDigit(l[i + 2]) &&
        i + 3 < l.size() && text::IsDigit(l[i + 3]) &&
        (i + 4 >= l.size() || !text::IsDigit(l[i + 4])))
      return true;
  }
  return false;
}

// The first line of a name broken over two: it ends in a suspended compound and "och" or
// "samt" ("Bygg- och", "Kultur- och"), the only words a name ends in before its organ word.
bool OpensName(std::string_view column) {
  std::vector<std::string> words = SplitWords(column);
  if (words.size() < 2 || words.size() > 4) return false;
  const std::string last = Lower(words.back());
  return (last == "och" || last == "samt") && text::EndsWith(words[words.size() - 2], "-");
}

// The rest of a word broken at a line's end without a hyphen: the next non-blank line when it
// is one to three lowercase letters alone ("n", "en"), else "".
std::string WordEnd(const std::vector<std::string_view>& lines, std::size_t next) {
  while (next < lines.size() && Trim(lines[next]).empty()) ++next;
  if (next >= lines.size()) return {};
  const std::string_view t = Trim(lines[next]);
  if (t.empty() || t.size() > 6 || text::StartsUpper(t) || Letters(t) > 3) return {};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const unsigned char c = t[i];
    if (!(c >= 'a' && c <= 'z') && c < 0x80) return {};
  }
  return std::string(t);
}

}  // namespace

std::string NormalizeBodyName(std::string_view name) {
  std::vector<std::string> words = SplitWords(name);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string l = Lower(words[i]);
    bool network = l == "nätverk" || l == "nätverket";
    if (network && !out.empty() && out.back().size() > 2 && out.back().back() == 's' &&
        Lower(out.back()) != "för") {
      out.back() += "nätverket";  // "Socialchefs nätverk" is "Socialchefsnätverket"
      continue;
    }
    if (network && out.empty()) {
      out.push_back("Nätverket");  // "Nätverk för socialnämndsrepresentanter"
      continue;
    }
    out.push_back(words[i]);
  }
  // One word in the indefinite form names the same body as the definite one the minutes
  // mostly write: "Valnämnd" is "Valnämnden", "Kommunstyrelse" "Kommunstyrelsen".
  if (out.size() == 1) {
    std::string l = Lower(out[0]);
    if (text::EndsWith(l, "nämnd")) out[0] += "en";
    if (text::EndsWith(l, "styrelse")) out[0] += "n";
  }
  std::string joined = Join(out);
  if (text::AllCaps(joined) && joined.size() > 5) joined = Lower(joined);
  return Capitalize(joined);
}

const corpus::Organisation* FindOrganisationIn(std::string_view text,
                                               const corpus::Gazetteer& gazetteer) {
  for (std::string_view line : text::SplitLines(text)) {
    std::vector<text::Word> w = text::Words(line);
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!text::StartsUpper(w[i].text)) continue;
      for (std::size_t n = std::min<std::size_t>(5, w.size() - i); n >= 1; --n) {
        std::size_t end = w[i + n - 1].begin + w[i + n - 1].text.size();
        if (const auto* org =
                gazetteer.FindOrganisation(line.substr(w[i].begin, end - w[i].begin))) {
          return org;
        }
      }
    }
  }
  return nullptr;
}

namespace {

// The value of an "Organ  Välfärdsnämnden" line (Finnish-Swedish protocols), or "".
std::string OrganField(std::string_view t) {
  if (!text::StartsWithCI(t, "organ") || t.size() <= 6 ||
      (t[5] != ' ' && t[5] != '\t' && t[5] != ':')) {
    return {};
  }
  std::string value(Trim(t.substr(6)));
  if (!value.empty() && value[0] == ':') value = std::string(Trim(value.substr(1)));
  // A cover's table flattened into one line ("Organ Barn- och utbildningsnämnden
  // Sammanträdesdatum 2024-09-17 Datum för anslags uppsättande …"): up to the next label.
  std::vector<std::string> words = SplitWords(value);
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (text::EndsWith(Lower(words[i]), "datum") || !FindDates(words[i]).empty()) {
      words.resize(i);
      return Join(words);
    }
  }
  return value;
}

// Occurrences of name in text, case-insensitive.
int CountIn(std::string_view text, const std::string& name) {
  std::string lower_text = Lower(text), lower_name = Lower(name);
  int n = 0;
  for (std::size_t at = lower_text.find(lower_name); at != std::string::npos;
       at = lower_text.find(lower_name, at + 1)) {
    ++n;
  }
  return n;
}

// The body an "Organ" field names. Protocols repeat their cover block, and a text layer
// may garble one copy ("Rådet för funktinnshndrade" on the cover, "Rådet för
// funktionshindrade" on the next page): of differing values, the one the header repeats
// most wins.
std::optional<std::string> FromOrganFields(std::string_view header, std::string* line_out) {
  std::vector<std::string> values;
  std::vector<std::string_view> lines;
  for (std::string_view line : text::SplitLines(header)) {
    std::string value = OrganField(Trim(line));
    if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) {
      values.push_back(value);
      lines.push_back(Trim(line));
    }
  }
  if (values.empty()) return std::nullopt;
  std::size_t best = 0;
  if (values.size() > 1) {
    int best_count = -1;
    for (std::size_t i = 0; i < values.size(); ++i) {
      int count = CountIn(header, values[i]);
      if (count > best_count) {
        best = i;
        best_count = count;
      }
    }
  }
  if (line_out) *line_out = std::string(lines[best]);
  return NormalizeBodyName(values[best]);
}

}  // namespace

std::optional<std::string> FindBody(std::string_view header, const corpus::Gazetteer* gazetteer,
                                    const corpus::Organisation** organisation,
                                    std::string* line_out, std::string* kind_out) {
  if (organisation) *organisation = nullptr;
  if (auto organ = FromOrganFields(header, line_out)) {
    if (kind_out) *kind_out = "labelled 'Organ'";
    return organ;
  }
  // The first line of the header that names a body; one with a word of a body's name
  // ("nämnd", "utskott", "nätverk") before one without.
  struct Candidate {
    std::string core;
    std::string_view line;
  };
  std::optional<Candidate> first, organ;
  int seen = 0;
  std::string_view before;  // the previous line's column that may begin a name
  const std::vector<std::string_view> lines = text::SplitLines(header);
  for (std::size_t at = 0; at < lines.size(); ++at) {
    std::string_view t = Trim(lines[at]);
    if (t.empty()) continue;
    if (++seen > 15) break;
    const std::string_view opening = std::exchange(before, {});
    if (LabelLine(t)) continue;
    std::string_view column = BodyColumn(t);
    if (column.empty() || column.size() > 100 || MunicipalityName(column)) continue;
    if (PersonTimeOrPlace(column)) continue;
    if (OpensName(column)) {
      before = column;
      continue;
    }
    // A name a narrow title block broke over two lines ("Bygg- och" / "miljönämnden").
    const std::string joined =
        opening.empty() || text::StartsUpper(column) || !text::IsLetterByte(column[0])
            ? std::string(column)
            : std::string(Trim(opening)) + " " + std::string(column);
    column = joined;
    std::string core = TitleCore(column);
    // A word it broke without a hyphen ("Överförmyndarnämnde" / "n"): the next line is the
    // rest of the word, a few lowercase letters.
    if (!core.empty() && text::IsLetterByte(core.back())) core += WordEnd(lines, at + 1);
    if (core.size() < 3 || !text::IsLetterByte(core[0]) || TimeLabel(core)) continue;
    if (core.find('.') != std::string::npos) continue;  // a sentence, not a title
    // Without a word of a body's name, only a title on the first lines names one: a few
    // words, no clause ("Hej alla, här kommer anteckningarna" names nobody).
    if (!first && seen <= 3 && SplitWords(core).size() <= 6 &&
        column.find(',') == std::string::npos && text::StartsUpper(core)) {
      first = Candidate{core, t};
    }
    if (HasOrganWord(core)) {
      organ = Candidate{core, t};
      break;
    }
  }
  const std::optional<Candidate>& pick = organ ? organ : first;
  if (!pick) return std::nullopt;
  if (gazetteer && organisation) {
    // "Socialchefsnätverket Storsthlm": the last words may name the organisation, whose
    // county then applies; the name stays as written.
    std::vector<std::string> words = SplitWords(pick->core);
    for (std::size_t k = 0; k < words.size() && !*organisation; ++k) {
      std::vector<std::string> tail(words.begin() + k, words.end());
      *organisation = gazetteer->FindOrganisation(Join(tail));
    }
  }
  if (line_out) *line_out = std::string(pick->line);
  if (kind_out) *kind_out = organ ? "header line naming a body" : std::string(kFirstHeaderLine);
  return NormalizeBodyName(pick->core);
}

}  // namespace protokoll::indexer
