// protokoll-serve: the web page and the HTTP JSON API over a Protokoll database.
#include <signal.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "protokoll/default_db.h"
#include "protokoll/server/server.h"

namespace po = boost::program_options;
using protokoll::server::Server;
using protokoll::server::ServerOptions;

int main(int argc, char** argv) try {
  ServerOptions o;
  po::options_description visible("Options");
  visible.add_options()("help", "show this help")(
      "db", po::value(&o.db)->default_value(protokoll::DefaultDb()), protokoll::kDefaultDbHelp)(
      "bind", po::value(&o.bind)->default_value(o.bind),
      "address to listen on (keep 127.0.0.1 behind nginx or Apache)")(
      "port", po::value(&o.port)->default_value(o.port), "port (0: any free one)")(
      "archive", po::value(&o.archive)->default_value(o.archive),
      "original files are served only from under this folder")(
      "sessions", po::value(&o.sessions)->default_value(o.sessions), "queries answered at once")(
      "query-seconds", po::value(&o.query_s)->default_value(o.query_s),
      "a query's time before it is refused as too broad");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, visible), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "protokoll-serve: " << e.what() << " (see --help)\n";
    return 1;
  }
  if (vm.count("help")) {
    std::cout << "Usage: protokoll-serve [--db DIR] [--bind 127.0.0.1] [--port 8080]\n"
                 "Serves the search page at / and the JSON API at /api/search, /api/timeline,\n"
                 "/api/stats, /api/kwic and /api/item/ID (protokoll-query's options as "
                 "parameters).\n\n"
              << visible;
    return 0;
  }
  // SIGINT and SIGTERM stop the server from a thread of their own, not a signal handler.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  std::unique_ptr<Server> server;
  protokoll::Status s = Server::Start(o, &server);
  if (!s.ok()) {
    std::cerr << "protokoll-serve: " << s.message() << "\n";
    return 2;
  }
  std::thread([&server, stop_signals] {
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    server->Stop();
  }).detach();
  std::cout << "protokoll-serve: http://" << o.bind << ":" << server->port() << "/ (database "
            << o.db << ")" << std::endl;
  s = server->Run();
  if (!s.ok()) std::cerr << "protokoll-serve: " << s.message() << "\n";
  return s.ok() ? 0 : 2;
} catch (const std::exception& e) {
  std::cerr << "protokoll-serve: internal error: " << e.what() << "\n";
  return 2;
}
