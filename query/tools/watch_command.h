// The `protokoll-query watch` command line: arguments after "watch" to one of the watch
// calls (protokoll/query/watch.h), and its exit code.
#ifndef PROTOKOLL_QUERY_TOOLS_WATCH_COMMAND_H_
#define PROTOKOLL_QUERY_TOOLS_WATCH_COMMAND_H_

#include <string>
#include <vector>

// args: the command line without the program and "watch"; default_db: --db's default.
int WatchMain(const std::vector<std::string>& args, const std::string& default_db);

#endif  // PROTOKOLL_QUERY_TOOLS_WATCH_COMMAND_H_
