// query_latency: in-process search latency of a Protokoll database through the public API
// (protokoll::query::Session), as a long-running front end sees it: the database and
// analyzer opened once, then each query run as `protokoll-query --format json --limit N`
// would, facets off. See latency.h for the timing and the output.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "latency.h"
#include "protokoll/query/query.h"

namespace bench = protokoll::bench;
namespace query = protokoll::query;

int main(int argc, char** argv) {
  bench::LatencyOptions o;
  o.system = "protokoll";
  int code = 0;
  if (!bench::ParseLatencyArgs(argc, argv,
                               "Times searches of a Protokoll database in-process "
                               "(query::Session, JSON answers, facets off).",
                               &o, &code)) {
    return code;
  }
  std::vector<std::string> queries;
  if (!bench::ReadQueries(o.queries, &queries)) {
    std::cerr << "query_latency: cannot read " << o.queries << "\n";
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<query::Session> session;
  protokoll::Status s = query::Session::Open(o.db, &session);
  if (!s.ok()) {
    std::cerr << "query_latency: " << s.message() << "\n";
    return query::ExitCode(s);
  }
  double open_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  query::QueryOptions options;
  options.command = query::Command::kSearch;
  options.format = query::Format::kJson;
  options.limit = o.limit;
  options.facets = false;
  // The answers are written to streams made once, as a server would: making a stream per
  // query is the harness's work, not the system's.
  std::ostringstream out, err;
  return bench::TimeQueries(o, open_ms, queries, [&](const std::string& q) {
    bench::QueryAnswer answer;
    options.query = q;
    out.str(std::string());
    err.str(std::string());
    protokoll::Status st = session->Run(options, out, err);
    if (!st.ok()) {
      answer.error = st.message();
      return answer;
    }
    // The answer's "total", read without parsing the whole answer: the harness's own work
    // is not the system's latency.
    const std::string text = out.str();
    const std::size_t at = text.find("\"total\":");
    if (text.empty() || text.front() != '{' || at == std::string::npos) {
      answer.error = "answer is not the JSON of a search";
    } else {
      answer.total = std::strtoll(text.c_str() + at + 8, nullptr, 10);
    }
    return answer;
  });
}
