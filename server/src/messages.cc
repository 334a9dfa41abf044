#include "messages.h"

#include <cctype>
#include <vector>

namespace protokoll::server {
namespace {

// A message's English form, each {} one or more characters, and its Swedish, where {1}, {2}
// ... give those characters back and {f1} gives them as the page's label of a parameter.
// The first form that matches wins, so a specific form stands before a general one.
struct Translation {
  std::string_view english;
  std::string_view swedish;
};

constexpr Translation kTranslations[] = {
    // The query language (query_parser.cc, query_builder.cc).
    {"empty query: give words to search for (see --help)",
     "Sökfrågan är tom: skriv orden du söker efter i rutan Sökfråga."},
    {"empty query: give words to search for",
     "Sökfrågan är tom: skriv orden du söker efter i rutan Sökfråga."},
    {"nothing to search for: the query has no words", "Sökfrågan har inga ord att söka efter."},
    {"query too long: {} bytes (at most {})", "Sökfrågan är för lång: {1} byte (högst {2})."},
    {"query too long: {} words (at most {})", "Sökfrågan har för många ord: {1} (högst {2})."},
    {"invalid UTF-8 at column {} (queries are UTF-8 text)",
     "Sökfrågan har ett tecken som inte är UTF-8-text vid position {1}."},
    {"control character {} at column {} in the query",
     "Sökfrågan har ett styrtecken ({1}) vid position {2}."},
    {"unbalanced quotes: the quote at column {} is never closed",
     "Citattecknet vid position {1} avslutas aldrig: sätt ett \" efter frasen."},
    {"NEAR/n at column {} needs a positive number of words (like NEAR/5)",
     "NEAR/n vid position {1} behöver ett antal ord större än noll (som NEAR/5)."},
    {"unknown field '{}' at column {} (fields: {})",
     "Fältet '{1}' vid position {2} finns inte (fälten: {3})."},
    {"a lone '*' at column {}: a wildcard needs the start of a word (like sprut*)",
     "En ensam '*' vid position {1}: * står efter början av ett ord (som sprut*)."},
    {"'*' at column {} is allowed only at the end of a word (like sprut*)",
     "'*' vid position {1} får bara stå sist i ett ord (som sprut*)."},
    {"unbalanced parentheses: the ')' at column {} has no '('",
     "Parentesen ')' vid position {1} har ingen '(' före sig."},
    {"unbalanced parentheses: the '(' at column {} is never closed",
     "Parentesen '(' vid position {1} stängs aldrig med en ')'."},
    {"NOT or - at column {} inside OR has nothing to exclude from (write a AND NOT b)",
     "NOT eller - vid position {1} inom OR har inget att utesluta från (skriv a AND NOT b)."},
    {"NOT NOT at column {} is not allowed", "NOT NOT vid position {1} går inte att använda."},
    {"NEAR operand at column {}: NEAR joins words or phrases, not groups or fields",
     "Det som står vid position {1}: NEAR förenar ord eller fraser, inte grupper eller fält."},
    {"sign at column {}: + and - do not apply inside NEAR",
     "Tecknet vid position {1}: + och - går inte att använda inom NEAR."},
    {"empty phrase \"\" at column {}", "Tom fras \"\" vid position {1}."},
    {"empty parentheses () at column {}", "Tomma parenteser () vid position {1}."},
    {"'(' at column {} opens more than {} nested parentheses",
     "'(' vid position {1} öppnar fler än {2} parenteser i varandra."},
    {"sign before '(' at column {} and another inside it",
     "+ eller - står både före '(' vid position {1} och inom parentesen."},
    {"field {}: at column {} inside {}:(...)",
     "Fältet {1}: vid position {2} står inom {3}:(...); ett fält kan inte stå i ett annat."},
    {"field {}: at column {} needs a value right after it {}",
     "Fältet {1}: vid position {2} behöver ett värde direkt efter kolon (som {1}:Berg eller "
     "{1}:\"två ord\")."},
    {"the query ends too early at column {}",
     "Sökfrågan tar slut för tidigt (vid position {1}): något saknas i slutet."},
    {"unexpected {} at column {}", "Oväntat {1} vid position {2}."},
    {"{} at column {} needs a word after it", "{1} vid position {2} behöver ett ord efter sig."},
    {"{} at column {} needs a word before it", "{1} vid position {2} behöver ett ord före sig."},
    {"field {}: needs a value", "Fältet {1}: behöver ett värde."},
    {"field {}: is not a filter", "Fältet {1}: går inte att avgränsa med."},
    {"unknown municipality '{}' in kommun: (did you mean {}?)",
     "Det finns ingen kommun som heter '{1}' (menade du {2}?)."},
    {"unknown municipality '{}' in kommun:", "Det finns ingen kommun som heter '{1}'."},
    {"unknown county '{}' in län: {}",
     "Det finns inget län som heter '{1}' (skriv som län:jämtland eller län:\"Västra Götalands "
     "län\")."},
    {"unknown topic '{}' in ämne: (topics: {})", "Ämnet '{1}' finns inte (ämnena: {2})."},
    {"invalid year '{}' in år: {}",
     "Årtalet '{1}' i år: går inte att läsa (skriv som år:2020 eller år:2019..2021)."},
    {"empty year range '{}' in år: {}",
     "Åren '{1}' i år: är inga år: det första är senare än det sista."},
    {"'{}' in dnr: is no case number {}",
     "'{1}' i dnr: är inget diarienummer (skriv som dnr:KS-2025-00010 eller dnr:\"KS "
     "2021/123\", med citattecken när det har ett mellanslag)."},
    // The form's dates (searcher.cc prefixes the date filter's message with its options).
    {"--from/--to: invalid date '{}' in datum: {}",
     "Datumet '{1}' i Från eller Till går inte att läsa: skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD."},
    {"--from/--to: empty date range '{}' in datum: {}",
     "Datumet i Från är senare än datumet i Till ({1})."},
    {"invalid date '{}' in datum: {}",
     "Datumet '{1}' i datum: går inte att läsa (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD, och "
     "FRÅN..TILL för ett intervall, som datum:2019..2020-06)."},
    {"empty date range '{}' in datum: {}",
     "Datumen '{1}' i datum: är inget intervall: det första är senare än det sista."},
    {"--prefer takes a field and a value, like kommun:Berg, län:jämtland or ämne:missbruk (got "
     "'{}')",
     "prefer tar ett fält och ett värde, som kommun:Berg, län:jämtland eller ämne:missbruk "
     "(inte '{1}')."},
    {"the query took longer than {} s; narrow it with more words, filters or a date range",
     "Sökningen tog längre tid än {1} s. Avgränsa den med fler ord, filter eller datum i Från "
     "och Till."},
    {"--limit, --offset and --width take numbers of 0 or more",
     "limit, offset och Tecken runt ordet tar tal från 0 och uppåt."},
    // The server's checks of a request (params.cc, server.cc, session_pool.cc).
    {"limit, offset and width take numbers of 0 or more (got {}={})",
     "{f1} tar tal från 0 och uppåt (inte {2})."},
    {"{} takes a whole number (got '{}')", "{f1} tar ett heltal (inte '{2}')."},
    {"{} takes numbers up to {}", "{f1} tar tal upp till {2}."},
    {"{} takes 1 or 0 (got '{}')", "{f1} tar 1 eller 0 (inte '{2}')."},
    {"parameter values must be UTF-8 text", "Adressens parametrar måste vara UTF-8-text."},
    {"{} is longer than {} bytes", "{f1} är längre än {2} byte."},
    {"bad sort, format or by value {}",
     "Sorteringen, formatet eller Räkna per har ett okänt värde (Sortering: relevance, date, "
     "date-asc eller added; format: json, csv eller text; Räkna per: year, municipality, "
     "county, topic eller body)."},
    {"no page at {}", "Det finns ingen sida på adressen {1}."},
    {"only GET and HEAD are answered here", "Servern svarar bara på GET och HEAD."},
    {"the path is not UTF-8", "Adressen är inte UTF-8-text."},
    {"the server is busy: every query session was taken for {} s; try again",
     "Servern är upptagen: alla sökningar har varit upptagna i {1} s. Försök igen om en stund."},
    {"no database at '{}' {}",
     "Det finns ingen databas på '{1}' (den skapas med protokoll-index)."},
    {"'{}' is not a Protokoll database ({})", "'{1}' är ingen Protokoll-databas ({2})."},
    {"database '{}' has schema version {}; this tool reads versions {} to {} (re-index it)",
     "Databasen '{1}' har schemaversion {2}; servern läser version {3} till {4} (indexera om "
     "den)."},
    {"cannot read {}", "Servern kan inte läsa {1}."},
    // Notes beside an answer.
    {"no item has all of the words; showing items with some of them",
     "Ingen punkt har alla orden; här visas punkter med några av dem."},
    {"no item has the word \"{}\"; showing items with its parts ({})",
     "Ingen punkt har ordet \"{1}\"; här visas punkter med dess delar ({2})."},
    {"kommun:{} taken as the members of {}", "kommun:{1} tolkas som medlemmarna i {2}."},
    {"kommun:{} taken as {}", "kommun:{1} tolkas som {2}."},
    {"no body in the database is named '{}' (organ:)",
     "Inget organ i databasen heter '{1}' (organ:)."},
};

// A command-line option's prefix before another message, and the page's field for it.
constexpr Translation kPrefixes[] = {
    {"--from/--to: ", "Från/Till: "}, {"--kommun: ", "Kommun: "}, {"--county: ", "Län: "},
    {"--topic: ", "Ämne: "},          {"--body: ", "Organ: "},    {"--prefer: ", "prefer: "},
};

// A request parameter's label on the page.
constexpr Translation kLabels[] = {
    {"q", "Sökfråga"},
    {"from", "Från"},
    {"to", "Till"},
    {"sort", "Sortering"},
    {"by", "Räkna per"},
    {"width", "Tecken runt ordet"},
    {"kommun", "Kommun"},
    {"county", "Län"},
    {"topic", "Ämne"},
    {"body", "Organ"},
    {"offset", "Sidan (offset)"},
    {"limit", "Antal (limit)"},
};

// Whether text has the form pattern; each {} matches one or more characters, which go to
// *parts. A {} before more literal text takes the shortest span that lets the rest match.
bool Match(std::string_view pattern, std::string_view text, std::vector<std::string_view>* parts) {
  const std::size_t hole = pattern.find("{}");
  if (hole == std::string_view::npos) return pattern == text;
  if (text.substr(0, hole) != pattern.substr(0, hole)) return false;
  text.remove_prefix(hole);
  pattern.remove_prefix(hole + 2);
  const std::size_t next = pattern.find("{}");
  const std::string_view literal = pattern.substr(0, next);
  if (next == std::string_view::npos) {
    if (text.size() <= literal.size() || text.substr(text.size() - literal.size()) != literal) {
      return false;
    }
    parts->push_back(text.substr(0, text.size() - literal.size()));
    return true;
  }
  for (std::size_t at = text.find(literal, 1); at != std::string_view::npos;
       at = text.find(literal, at + 1)) {
    parts->push_back(text.substr(0, at));
    if (Match(pattern, text.substr(at), parts)) return true;
    parts->pop_back();
  }
  return false;
}

// swedish with its {1}, {f1} ... filled in from parts.
std::string Fill(std::string_view swedish, const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::size_t i = 0; i < swedish.size(); ++i) {
    const bool label = swedish.substr(i, 2) == "{f";
    const std::size_t digit = i + (label ? 2 : 1);
    if (swedish[i] == '{' && digit + 1 < swedish.size() &&
        std::isdigit(static_cast<unsigned char>(swedish[digit])) && swedish[digit + 1] == '}') {
      const std::size_t n = swedish[digit] - '1';
      if (n < parts.size()) out += label ? Label(parts[n]) : std::string(parts[n]);
      i = digit + 1;
    } else {
      out += swedish[i];
    }
  }
  return out;
}

}  // namespace

std::string Label(std::string_view name) {
  for (const Translation& t : kLabels) {
    if (t.english == name) return std::string(t.swedish);
  }
  return std::string(name);
}

std::string SwedishMessage(std::string_view message) {
  std::vector<std::string_view> parts;
  for (const Translation& t : kTranslations) {
    parts.clear();
    if (Match(t.english, message, &parts)) return Fill(t.swedish, parts);
  }
  for (const Translation& t : kPrefixes) {
    if (message.substr(0, t.english.size()) == t.english) {
      return std::string(t.swedish) + SwedishMessage(message.substr(t.english.size()));
    }
  }
  // An unknown message: its detail in English, without the command line's pointers.
  std::string detail(message);
  for (std::string_view cli : {" (see --help)", "(see --help)"}) {
    for (std::size_t at = detail.find(cli); at != std::string::npos; at = detail.find(cli)) {
      detail.erase(at, cli.size());
    }
  }
  return "Sökmotorn svarade (på engelska): " + detail;
}

}  // namespace protokoll::server
