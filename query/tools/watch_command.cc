// protokoll-query watch add|list|remove|run: saved searches that report what is new.
#include "watch_command.h"

#include <boost/program_options.hpp>
#include <iostream>

#include "protokoll/default_db.h"
#include "protokoll/query/query.h"
#include "protokoll/query/watch.h"

namespace po = boost::program_options;
using namespace protokoll::query;

namespace {

constexpr const char* kUsage = R"(Usage:
  protokoll-query watch add    [--db DIR] NAME QUERY [--kommun K] [--county L] [--topic T]
                                                     [--body B] [--from DATE] [--to DATE]
  protokoll-query watch list   [--db DIR] [--format text|json]
  protokoll-query watch remove [--db DIR] NAME
  protokoll-query watch run    [--db DIR] [--format text|json|atom] [--dry-run] [NAME...]

A watch is a saved search that reports what is new. Each protokoll-index run that adds,
changes or removes items is a generation of the database; an item carries the generation
in which it was added or its text last changed (a file touched, moved or re-read unchanged
keeps its items' generations). A watch remembers the generation it last reported: `run`
prints, for each watch (all, or those named), every matching item added or changed since
then, oldest meeting first, then records the generation it read - only once the report
was written, so a failed run reports the same items again. A new watch starts at the
current generation: what matches today is not new. Items of an indexing run still under
way are reported by the first run after it has finished.

  text  only the watches with something new, each under a line "== NAME: QUERY ..." (no
        output when nothing is new: cron mails nothing)
  json  one object a line a watch: {"name", "query", "since_generation", "generation",
        "hits"}, the hits as `protokoll-query --format json` gives them
  atom  one Atom feed, an entry an item, its category the watch's name

Watches are kept in DIR.watches.sqlite beside the database folder DIR.
Exit codes: 0 ok, 1 bad usage, an unknown or taken name or a bad query, 2 database
missing, locked or corrupt, or the report could not be written.
)";

}  // namespace

int WatchMain(const std::vector<std::string>& args, const std::string& default_db) {
  QueryOptions search;
  std::string format = "text";
  std::vector<std::string> words;
  po::options_description visible("Options");
  visible.add_options()("help", "show this help")(
      "db", po::value(&search.db)->default_value(default_db), protokoll::kDefaultDbHelp)(
      "format", po::value(&format), "list: text or json; run: text (default), json or atom")(
      "dry-run", "run: report, but record nothing (the next run reports the same)")(
      "kommun", po::value(&search.kommun), "add: only these municipalities (repeatable)")(
      "county", po::value(&search.county), "add: only these counties (repeatable)")(
      "topic", po::value(&search.topic), "add: only these topics (repeatable)")(
      "body", po::value(&search.body), "add: only these bodies, matched as organ: is (repeatable)")(
      "from", po::value(&search.from), "add: meetings on or after YYYY[-MM[-DD]]")(
      "to", po::value(&search.to), "add: meetings on or before YYYY[-MM[-DD]]");
  po::options_description all;
  all.add(visible).add_options()("words", po::value(&words), "command, name and query");
  po::positional_options_description positional;
  positional.add("words", -1);
  po::variables_map vm;
  try {
    // No short options: "-metadon" is a query word.
    int style = po::command_line_style::unix_style ^ po::command_line_style::allow_short;
    po::store(po::command_line_parser(args).options(all).positional(positional).style(style).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "protokoll-query watch: " << e.what() << " (see watch --help)\n";
    return 1;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible;
    return 0;
  }
  const std::string command = words.empty() ? "" : words[0];
  if (!words.empty()) words.erase(words.begin());
  auto usage = [](const std::string& message) {
    std::cerr << "protokoll-query watch: " << message << " (see watch --help)\n";
    return 1;
  };
  protokoll::Status s;
  if (command == "add") {
    if (words.size() < 2) return usage("add takes a NAME and a QUERY");
    for (std::size_t k = 1; k < words.size(); ++k) {
      search.query += (search.query.empty() ? "" : " ") + words[k];
    }
    s = AddWatch(search, words[0], std::cout);
  } else if (command == "list") {
    if (!words.empty()) return usage("list takes no names");
    if (format != "text" && format != "json") return usage("list's --format is text or json");
    s = ListWatches(search.db, format == "json", std::cout);
  } else if (command == "remove") {
    if (words.size() != 1) return usage("remove takes one NAME");
    s = RemoveWatch(search.db, words[0], std::cout);
  } else if (command == "run") {
    WatchRunOptions o;
    o.db = search.db;
    o.names = words;
    o.dry_run = vm.count("dry-run") > 0;
    if (!WatchFormatNamed(format, &o.format)) return usage("run's --format is text, json or atom");
    s = RunWatches(o, std::cout, std::cerr);
  } else {
    return usage(command.empty() ? "give a command: add, list, remove or run"
                                 : "unknown watch command '" + command + "'");
  }
  if (!s.ok()) std::cerr << "protokoll-query watch: " << s.message() << "\n";
  return ExitCode(s);
}
