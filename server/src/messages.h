// The page's Swedish for the English messages of the query tools and of the server's own
// checks (errors and notes): the command line and the JSON API keep the English, which
// scripts and the tools' tests read, while an official on the page reads Swedish that names
// the page's own fields (Från, Till, Sortering), not the command line's options. Known
// messages are translated by a table of their forms; any other message is shown whole after
// a Swedish lead-in, so its detail is never lost.
#ifndef PROTOKOLL_SERVER_MESSAGES_H_
#define PROTOKOLL_SERVER_MESSAGES_H_

#include <string>
#include <string_view>

namespace protokoll::server {

// message in Swedish, for the page.
std::string SwedishMessage(std::string_view message);

// A request parameter's label on the page ("body": "Organ"); the name itself if it has none.
std::string Label(std::string_view name);

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_MESSAGES_H_
