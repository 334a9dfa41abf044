// protokoll-serve: a web page for officials and an HTTP JSON API over one Protokoll database.
// The API answers with protokoll-query's own JSON and CSV, made by the same library call
// (protokoll::query::Session::Run); the page is rendered on the server from those answers.
// The database is reopened when protokoll-index commits, so new minutes show without a restart.
#ifndef PROTOKOLL_SERVER_SERVER_H_
#define PROTOKOLL_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "protokoll/status.h"

namespace protokoll::server {

struct ServerOptions {
  std::string db = "./protokoll-db";  // database folder
  std::string bind = "127.0.0.1";     // address to listen on; behind a proxy, keep loopback
  int port = 8080;                    // 0: any free port (see Server::port)
  // Original files are served only when the database names them and they lie under this
  // folder (relative names in the database are taken from the working directory).
  std::string archive = ".";
  int sessions = 4;     // queries answered at once, each on a database of its own
  int threads = 32;     // connections served at once (keep-alive holds one each)
  int reload_ms = 500;  // how often a query checks whether the database was committed
  int timeout_s = 10;   // reading a request and writing an answer, each
  double query_s = 10;  // seconds a query may take before it is refused (400) as too broad
};

class Server {
 public:
  // Binds the address; the database may be missing (the server then answers 503).
  static Status Start(const ServerOptions& options, std::unique_ptr<Server>* out);
  virtual ~Server() = default;
  // The port it listens on.
  virtual int port() const = 0;
  // Serves until Stop (from another thread or a signal watcher).
  virtual Status Run() = 0;
  virtual void Stop() = 0;
};

}  // namespace protokoll::server

#endif  // PROTOKOLL_SERVER_SERVER_H_
