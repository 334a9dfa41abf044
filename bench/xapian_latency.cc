// xapian_latency: in-process search latency of a database built by Xapian's omindex, queried
// as Omega does by default: QueryParser with the Swedish stemmer, STEM_SOME, default
// operator OR, BM25; the top N hits' documents are fetched (their url), as a results page
// needs. The peer of query_latency; see latency.h for the timing and the output.
#include <xapian.h>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "latency.h"

namespace bench = protokoll::bench;

int main(int argc, char** argv) try {
  bench::LatencyOptions o;
  o.system = "omindex";
  int code = 0;
  if (!bench::ParseLatencyArgs(argc, argv,
                               "Times searches of an omindex database in-process "
                               "(Omega's query defaults, BM25).",
                               &o, &code)) {
    return code;
  }
  std::vector<std::string> queries;
  if (!bench::ReadQueries(o.queries, &queries)) {
    std::cerr << "xapian_latency: cannot read " << o.queries << "\n";
    return 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  Xapian::Database db(o.db);
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("swedish"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  parser.set_database(db);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  double open_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  return bench::TimeQueries(o, open_ms, queries, [&](const std::string& q) {
    bench::QueryAnswer answer;
    try {
      enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT));
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(o.limit));
      std::vector<std::string> urls;  // what a results page shows of each hit
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        std::string data = it.get_document().get_data();
        std::size_t at = data.find("url=");
        urls.push_back(at == std::string::npos ? std::string()
                                               : data.substr(at + 4, data.find('\n', at) - at - 4));
      }
      answer.total = mset.get_matches_estimated();
    } catch (const Xapian::Error& e) {
      answer.error = e.get_description();
    }
    return answer;
  });
} catch (const Xapian::Error& e) {
  std::cerr << "xapian_latency: " << e.get_description() << "\n";
  return 2;
}
