// What the in-process latency tools (query_latency for Protokoll, xapian_latency for an
// omindex database) share: their command line, the timing loop and the JSON they print, so
// whole_run.py reads both the same way. A query's latency is the median of its K timed runs
// after one untimed warm-up pass over all queries; the summary is the median and the
// 95th percentile (nearest rank) of those over the queries.
#ifndef PROTOKOLL_BENCH_LATENCY_H_
#define PROTOKOLL_BENCH_LATENCY_H_

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace protokoll::bench {

struct LatencyOptions {
  std::string db;          // the database folder
  std::string queries;     // a file with one query a line
  int repeat = 5;          // timed runs of each query
  int limit = 10;          // hits a query asks for
  std::string system;      // the name printed in the JSON
  bool per_query = false;  // print each query's figures too
  bool snippets = false;   // xapian_latency: each hit's snippet as Omega's results page has it
};

// What one run of a query found.
struct QueryAnswer {
  long long total = 0;  // matches (as the system estimates them)
  std::string error;    // empty when the query ran
};

inline const char* kLatencyUsage =
    "  --db DIR        the database\n"
    "  --queries FILE  one query a line (empty lines skipped)\n"
    "  --repeat K      timed runs of each query (default 5), after one warm-up pass\n"
    "  --limit N       hits a query asks for (default 10)\n"
    "  --per-query     also print each query's median, total and error\n"
    "  --snippets      (xapian_latency) also make each hit's snippet as Omega's default\n"
    "                  results page does ($snippet of the stored sample)\n"
    "Prints one JSON object: system, queries, repeat, limit, open_ms, first_ms (the first\n"
    "query, untimed otherwise), median_ms, p95_ms, mean_ms, max_ms, errors, zero_hits (and\n"
    "per_query).\n";

// Parses the shared command line; false (after printing why) on bad usage or --help.
inline bool ParseLatencyArgs(int argc, char** argv, const char* what, LatencyOptions* o,
                             int* exit_code) {
  *exit_code = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--help" || a == "-h") {
      std::cout << "Usage: " << argv[0] << " --db DIR --queries FILE [options]\n"
                << what << "\n\n"
                << kLatencyUsage;
      *exit_code = 0;
      return false;
    } else if (a == "--db" && value(&o->db)) {
    } else if (a == "--queries" && value(&o->queries)) {
    } else if (a == "--repeat" && value(&v)) {
      o->repeat = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--limit" && value(&v)) {
      o->limit = std::max(1, std::atoi(v.c_str()));
    } else if (a == "--per-query") {
      o->per_query = true;
    } else if (a == "--snippets" && o->system == "omindex") {
      o->snippets = true;
    } else {
      std::cerr << argv[0] << ": bad argument '" << a << "' (see --help)\n";
      return false;
    }
  }
  if (o->db.empty() || o->queries.empty()) {
    std::cerr << argv[0] << ": --db and --queries are required (see --help)\n";
    return false;
  }
  return true;
}

inline bool ReadQueries(const std::string& path, std::vector<std::string>* out) {
  std::ifstream in(path);
  if (!in) return false;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out->push_back(line);
  }
  return true;
}

// Nearest-rank percentile of sorted values.
inline double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * sorted.size()));
  return sorted[std::min(sorted.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// Times run over the queries and prints the JSON summary; returns the exit code.
inline int TimeQueries(const LatencyOptions& o, double open_ms,
                       const std::vector<std::string>& queries,
                       const std::function<QueryAnswer(const std::string&)>& run) {
  using Clock = std::chrono::steady_clock;
  std::vector<QueryAnswer> answers;
  double first_ms = 0;                    // the first query pays for what the system loads lazily
  for (const std::string& q : queries) {  // warm-up
    auto t0 = Clock::now();
    answers.push_back(run(q));
    if (answers.size() == 1) {
      first_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
  }
  std::vector<double> medians;
  std::vector<double> runs(static_cast<std::size_t>(o.repeat));
  for (const std::string& q : queries) {
    for (double& ms : runs) {
      auto t0 = Clock::now();
      run(q);
      ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    }
    std::sort(runs.begin(), runs.end());
    medians.push_back(Percentile(runs, 50));
  }
  nlohmann::json per_query = nlohmann::json::array();
  int errors = 0, zero = 0;
  double sum = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    errors += !answers[i].error.empty();
    zero += answers[i].error.empty() && answers[i].total == 0;
    sum += medians[i];
    if (o.per_query) {
      per_query.push_back({{"query", queries[i]},
                           {"ms", medians[i]},
                           {"total", answers[i].total},
                           {"error", answers[i].error}});
    }
  }
  std::vector<double> sorted = medians;
  std::sort(sorted.begin(), sorted.end());
  nlohmann::json out = {{"system", o.system},
                        {"queries", queries.size()},
                        {"repeat", o.repeat},
                        {"limit", o.limit},
                        {"open_ms", open_ms},
                        {"first_ms", first_ms},
                        {"median_ms", Percentile(sorted, 50)},
                        {"p95_ms", Percentile(sorted, 95)},
                        {"mean_ms", queries.empty() ? 0.0 : sum / queries.size()},
                        {"max_ms", sorted.empty() ? 0.0 : sorted.back()},
                        {"errors", errors},
                        {"zero_hits", zero}};
  if (o.per_query) out["per_query"] = per_query;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace protokoll::bench

#endif  // PROTOKOLL_BENCH_LATENCY_H_
