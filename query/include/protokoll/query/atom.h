// An Atom feed (RFC 4287) of search hits: the web server's feed of a search and the
// `protokoll-query watch run --format atom` report write their entries here, one an item.
#ifndef PROTOKOLL_QUERY_ATOM_H_
#define PROTOKOLL_QUERY_ATOM_H_

#include <string>
#include <string_view>
#include <vector>

namespace protokoll::query {

struct FeedHead {
  std::string title;    // the feed's title, as it is (escaped here)
  std::string id;       // its permanent id: its URL, or a urn
  std::string self;     // its own URL, for rel="self"; empty: none
  std::string updated;  // UTC time of the feed ("2026-12-04T14:20:00Z")
  // An entry links to item_url + its item id (URL-encoded), as a web page of it; empty: to
  // the file the item was read from.
  std::string item_url;
};

// One search's hits in a feed.
struct FeedSection {
  std::string category;     // an entry's category (a saved search's name); empty: none
  std::string answer_json;  // a search answer in JSON (the JSON writer's), its hits in order
};

// text with & < > " ' as character references, for XML and HTML element content and quoted
// attributes (the feed's and the web page's).
std::string EscapeMarkup(std::string_view text);

// text percent-encoded for a URL's query string or path (all but A-Z a-z 0-9 - _ . ~).
std::string UrlEncode(std::string_view text);

// The feed of the sections' hits in their order. An entry is updated at the time its item
// was added to the archive (the hit's "added", see QueryOptions::generations), else at its
// meeting date, else at head.updated.
std::string AtomFeed(const FeedHead& head, const std::vector<FeedSection>& sections);

}  // namespace protokoll::query

#endif  // PROTOKOLL_QUERY_ATOM_H_
