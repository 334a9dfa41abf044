// Request parameters to query options: the API and the page take protokoll-query's options
// by their long names (q for the query words), and refuse what the command line could not
// be given (a word for a number, bytes that are not UTF-8) or what no reader needs (rows
// past kMaxRows, a query past kMaxQueryBytes), with a message for a 400.
#ifndef PROTOKOLL_SERVER_PARAMS_H_
#define PROTOKOLL_SERVER_PARAMS_H_

#include <map>
#include <string>

#include "protokoll/query/options.h"
#include "protokoll/status.h"

namespace protokoll::server {

// A request's query string, decoded: a name may repeat (kommun=Berg&kommun=Åre).
using Params = std::multimap<std::string, std::string>;

inline constexpr std::size_t kMaxQueryBytes = 2000;
inline constexpr int kMaxRows = 10000;

// The options of command from params; the format is json unless params name one, and a
// timeline or KWIC without a limit gives kMaxRows rows.
Status ParseOptions(const Params& params, query::Command command, query::QueryOptions* out);

// The first value of name, or fallback.
std::string Param(const Params& params, const std::string& name, const std::string& fallback = "");

// Checks that every name and value is UTF-8 and not overlong.
Status CheckParams(const Params& params);

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_PARAMS_H_
