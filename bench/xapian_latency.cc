// xapian_latency: in-process search latency of a database built by Xapian's omindex, queried
// as Omega does by default: QueryParser with the Swedish stemmer, STEM_SOME, default
// operator OR, BM25; each of the top N hits' documents is fetched for its url. With
// --snippets, each hit also gets the snippet Omega's default results page (templates/query)
// shows: $snippet of its stored sample, with $snippet's defaults (MSet::snippet, 200 bytes,
// background model, exhaustive), as query_latency's answers carry a snippet of each hit.
// The peer of query_latency; see latency.h for the timing and the output.
#include <xapian.h>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "latency.h"

namespace bench = protokoll::bench;

namespace {

// The value of one "name=value" line of an omindex document's data ("" when absent).
std::string Field(const std::string& data, const std::string& name) {
  const std::string key = name + "=";
  std::size_t at = 0;  // the first line, or the line after a newline
  if (data.compare(0, key.size(), key) != 0) {
    at = data.find("\n" + key);
    if (at == std::string::npos) return std::string();
    ++at;
  }
  at += key.size();
  return data.substr(at, data.find('\n', at) - at);
}

}  // namespace

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
  const Xapian::Stem stemmer("swedish");
  Xapian::QueryParser parser;
  parser.set_stemmer(stemmer);
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
      std::vector<std::string> shown;  // what a results page shows of each hit
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        const std::string data = it.get_document().get_data();
        shown.push_back(Field(data, "url"));
        if (!o.snippets) continue;
        shown.push_back(
            mset.snippet(Field(data, "sample"), 200, stemmer,
                         Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                         "<strong>", "</strong>", "..."));
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
