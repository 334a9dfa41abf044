// The body that met ("Socialchefsnätverket", "Sociala samrådsgruppen", "Välfärdsnämnden"),
// read from the meeting header: an "Organ" field, or the title line with the document type,
// date, abbreviation and region taken off ("Minnesanteckningar socialpresidiet 29 mars 2019",
// "Socialchefs nätverket (SCHNV) i Dalarna den 25 september 2020"), written as one name in
// the definite form ("Socialchefs nätverk" -> "Socialchefsnätverket").
#ifndef PROTOKOLL_INDEXER_BODY_H_
#define PROTOKOLL_INDEXER_BODY_H_

#include <optional>
#include <string>
#include <string_view>

#include "protokoll/corpus/gazetteer.h"

namespace protokoll::indexer {

// FindBody's *kind for a body taken from a title on the first lines that names no board.
inline constexpr std::string_view kFirstHeaderLine = "first header line";

// The body named in the header, if any, never a person, a time or a place. With a gazetteer,
// a trailing organisation name ("Socialchefsnätverket Storsthlm") is taken off and returned in
// *organisation. *line and *kind (when given) tell the line it came from and why.
std::optional<std::string> FindBody(std::string_view header, const corpus::Gazetteer* gazetteer,
                                    const corpus::Organisation** organisation,
                                    std::string* line = nullptr, std::string* kind = nullptr);

// The regional organisation first named in text ("Fyrbodals kommunalförbund"), if any.
const corpus::Organisation* FindOrganisationIn(std::string_view text,
                                               const corpus::Gazetteer& gazetteer);

// A body's name as one word in the definite form, first letter uppercase.
std::string NormalizeBodyName(std::string_view name);

}  // namespace protokoll::indexer

#endif  // PROTOKOLL_INDEXER_BODY_H_
