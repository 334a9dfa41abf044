// protokoll-query: searches a Protokoll database (search, timeline, stats, kwic, matter), and
// keeps saved searches that report what is new (watch, in watch_command.cc).
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <map>

#include "protokoll/default_db.h"
#include "protokoll/query/query.h"
#include "watch_command.h"

namespace po = boost::program_options;
using namespace protokoll::query;

namespace {

const std::map<std::string, std::pair<Command, const char*>> kCommands = {
    {"search", {Command::kSearch, "ranked hits: items that match the query, best first"}},
    {"timeline",
     {Command::kTimeline, "decisions and positions on the query's topic, oldest first"}},
    {"stats",
     {Command::kStats,
      "matching items and meetings per year, municipality, county, topic or body"}},
    {"kwic",
     {Command::kKwic, "every occurrence with its context (keyword in context), for export"}},
    {"matter",
     {Command::kMatter,
      "every item that carries a case number (diarienummer), oldest first, with its decision"}},
};

template <typename T>
bool Pick(const std::map<std::string, T>& table, const std::string& key, T* out) {
  auto it = table.find(key);
  if (it != table.end()) *out = it->second;
  return it != table.end();
}

}  // namespace

int main(int argc, char** argv) try {
  QueryOptions o;
  // protokoll-query [--db DIR] watch ...: its own command line.
  for (int k = 1; k < argc && k <= 3; ++k) {
    if (std::string(argv[k]) != "watch") continue;
    if (k == 1 || (k == 3 && std::string(argv[1]) == "--db")) {
      std::vector<std::string> args(argv + 1, argv + argc);
      args.erase(args.begin() + (k - 1));
      return WatchMain(args, protokoll::DefaultDb());
    }
  }
  std::string sort = "relevance", format = "text", by = "year";
  std::vector<std::string> words;
  po::options_description visible("Options");
  visible.add_options()("help", "show this help")(
      "db", po::value(&o.db)->default_value(protokoll::DefaultDb()), protokoll::kDefaultDbHelp)(
      "kommun", po::value(&o.kommun), "only these municipalities (repeatable)")(
      "county", po::value(&o.county), "only these counties (repeatable)")(
      "topic", po::value(&o.topic), "only these topics (repeatable)")(
      "body", po::value(&o.body),
      "only these bodies, matched as organ: is (part of a name finds all; repeatable)")(
      "from", po::value(&o.from), "meetings on or after YYYY[-MM[-DD]]")(
      "to", po::value(&o.to), "meetings on or before YYYY[-MM[-DD]]")(
      "sort", po::value(&sort),
      "relevance (default), date (newest first), date-asc, or added (newest in the "
      "archive first)")("limit", po::value(&o.limit), "rows to show (search: 10; others: all)")(
      "offset", po::value(&o.offset)->default_value(0), "rows to skip")(
      "format", po::value(&format), "text (default), json or csv")(
      "facets", "search: counts per kommun, län, organ, ämne, år over all matches")(
      "collapse", "search: one hit per meeting")(
      "prefer", po::value(&o.prefer),
      "rank kommun:X, län:X or ämne:X first without filtering (repeatable)")(
      "recent", "weigh newer meetings up")(
      "by", po::value(&by), "stats: year (default), municipality, county, topic or body")(
      "width", po::value(&o.width)->default_value(40), "kwic: characters of context each side")(
      "allow-partial",
      "a stub database's shards that do not answer are left out (and named) instead of an error");
  po::options_description all;
  all.add(visible).add_options()("words", po::value(&words), "query words");
  po::positional_options_description positional;
  positional.add("words", -1);
  po::variables_map vm;
  try {
    // No short options: "-metadon" is a query word (exclude metadon), not a flag.
    int style = po::command_line_style::unix_style ^ po::command_line_style::allow_short;
    po::store(
        po::command_line_parser(argc, argv).options(all).positional(positional).style(style).run(),
        vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "protokoll-query: " << e.what() << " (see --help)\n";
    return 1;
  }
  // The command is the first word: protokoll-query [--db DIR] timeline sprutbyte.
  std::pair<Command, const char*> command = kCommands.at("search");
  const bool explicit_command = !words.empty() && Pick(kCommands, words[0], &command);
  if (explicit_command) words.erase(words.begin());
  o.command = command.first;
  if (vm.count("help")) {
    std::cout
        << "Usage: protokoll-query [search|timeline|stats|kwic|matter] [--db DIR] [options] QUERY\n"
        << (explicit_command ? command.second
                             : "Searches meeting minutes indexed by protokoll-index.")
        << "\nExit codes: 0 ok (also with no hits), 1 bad usage or query, 2 database missing, "
           "locked or corrupt.\n\n"
        << visible << "\n"
        << QueryHelp();
    if (!explicit_command) {
      std::cout << "\nCommands:\n";
      for (const auto& [n, c] : kCommands) std::cout << "  " << n << "\t" << c.second << "\n";
      std::cout << "  watch\tsaved searches that report what is new since they last ran "
                   "(see watch --help)\n";
    }
    return 0;
  }
  for (const std::string& w : words) o.query += (o.query.empty() ? "" : " ") + w;
  o.facets = vm.count("facets");
  o.collapse = vm.count("collapse");
  o.recent = vm.count("recent");
  o.allow_partial = vm.count("allow-partial");
  o.color = o.format == Format::kText && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  const std::pair<bool, const char*> choices[] = {
      {SortOrderNamed(sort, &o.sort), "--sort takes relevance, date, date-asc or added"},
      {FormatNamed(format, &o.format), "--format takes text, json or csv"},
      {StatsByNamed(by, &o.by), "--by takes year, municipality, county, topic or body"}};
  for (const auto& [ok, message] : choices) {
    if (!ok) {
      std::cerr << "protokoll-query: " << message << " (see --help)\n";
      return 1;
    }
  }
  // A limit below 0 is no limit the user can mean (inside, -1 stands for the default).
  if (vm.count("limit") && o.limit < 0) {
    std::cerr << "protokoll-query: --limit takes a number of 0 or more (see --help)\n";
    return 1;
  }
  o.color = o.format == Format::kText && isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
  protokoll::Status s = Run(o, std::cout, std::cerr);
  if (!s.ok()) std::cerr << "protokoll-query: " << s.message() << "\n";
  return ExitCode(s);
} catch (const std::exception& e) {
  std::cerr << "protokoll-query: internal error: " << e.what() << "\n";
  return 2;
} catch (...) {
  std::cerr << "protokoll-query: internal error\n";
  return 2;
}
