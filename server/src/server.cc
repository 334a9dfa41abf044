// The HTTP side: routes by a table of paths, each request's parameters checked, answers from
// the session pool, statuses from the query tools' codes (bad query 400, no such item 404,
// database missing or damaged 503). Routing never runs a regular expression over a path from
// the request.
#include "protokoll/server/server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "html.h"
#include "messages.h"
#include "pages.h"
#include "params.h"
#include "protokoll/query/query.h"
#include "protokoll/utf8.h"
#include "session_pool.h"

namespace protokoll::server {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The largest original file served, and the largest request body read (the API takes GETs).
constexpr std::uintmax_t kMaxFileBytes = 256u << 20;
constexpr std::size_t kMaxBodyBytes = 64 << 10;
// Rows of a timeline and lines of a KWIC on one page view (the API gives what it is asked).
constexpr int kPageRows = 200;

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kInvalidArgument:
    case Status::Code::kLimitExceeded:
    case Status::Code::kUnsupported:
      return 400;
    default:
      return 503;
  }
}

std::string ContentType(query::Format format) {
  switch (format) {
    case query::Format::kJson:
      return "application/json; charset=utf-8";
    case query::Format::kCsv:
      return "text/csv; charset=utf-8";
    default:
      return "text/plain; charset=utf-8";
  }
}

std::string ErrorJson(const std::string& message) {
  return json({{"error", message}}).dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

// seconds since the epoch in format, local time (utc: in UTC, as Atom's dates are written).
std::string LocalTime(std::int64_t seconds, const char* format, bool utc = false) {
  if (seconds <= 0) return "";
  std::time_t t = seconds;
  std::tm tm;
  if (utc) {
    gmtime_r(&t, &tm);
  } else {
    localtime_r(&t, &tm);
  }
  char buffer[64];
  std::strftime(buffer, sizeof buffer, format, &tm);
  return buffer;
}

// The MIME type of an original file, by its extension; text is sent as bytes, since minutes
// come in several encodings.
std::string FileType(const fs::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".docx")
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (ext == ".odt") return "application/vnd.oasis.opendocument.text";
  if (ext == ".txt" || ext == ".md") return "text/plain";
  return "application/octet-stream";
}

class ServerImpl final : public Server {
 public:
  explicit ServerImpl(const ServerOptions& options)
      : options_(options),
        pool_(options.db, options.sessions, std::chrono::milliseconds(options.reload_ms)) {}

  Status Bind() {
    std::error_code ec;
    archive_ = fs::weakly_canonical(fs::absolute(options_.archive, ec), ec);
    const int threads = std::max(2, options_.threads);
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_.set_read_timeout(options_.timeout_s, 0);
    http_.set_write_timeout(options_.timeout_s, 0);
    http_.set_payload_max_length(kMaxBodyBytes);
    http_.set_keep_alive_max_count(100);
    // An answer goes out as headers and body in two writes: with Nagle's algorithm the body
    // waited for the client's delayed ACK, 40 ms an answer on a kept-alive connection.
    http_.set_tcp_nodelay(true);
    // cpp-httplib's default options set SO_REUSEPORT, which let a second server bind a port in
    // use and take every other connection to it; SO_REUSEADDR alone refuses that and still
    // lets a restart bind while the stopped server's connections wait in TIME_WAIT.
    http_.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    http_.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                               {"Referrer-Policy", "same-origin"},
                               {"X-Frame-Options", "DENY"}});
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      Route(req, res);
      return httplib::Server::HandlerResponse::Handled;
    });
    http_.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          res.status = 500;
          res.set_content(ErrorJson("internal error"), "application/json; charset=utf-8");
        });
    if (options_.port == 0) {
      port_ = http_.bind_to_any_port(options_.bind);
      if (port_ <= 0) return Status::IOError("cannot listen on " + options_.bind);
    } else if (errno = 0; !http_.bind_to_port(options_.bind, options_.port)) {
      const std::string address = options_.bind + ":" + std::to_string(options_.port);
      if (errno == EADDRINUSE) {
        return Status::IOError("cannot listen on " + address +
                               ": the address is in use (another protokoll-serve, or another "
                               "program, listens there)");
      }
      return Status::IOError("cannot listen on " + address + " (not an address here?)");
    } else {
      port_ = options_.port;
    }
    return Status::OK();
  }

  int port() const override { return port_; }

  Status Run() override {
    if (!http_.listen_after_bind()) return Status::IOError("the server stopped listening");
    return Status::OK();
  }

  void Stop() override { http_.stop(); }

 private:
  using Handler = void (ServerImpl::*)(const httplib::Request&, httplib::Response&,
                                       const std::string& rest);
  struct RouteEntry {
    const char* path;
    bool prefix;  // the path starts with it; the rest is an id
    Handler handler;
  };

  void Route(const httplib::Request& req, httplib::Response& res) {
    static const RouteEntry kRoutes[] = {
        {"/", false, &ServerImpl::SearchView},
        {"/tidslinje", false, &ServerImpl::TimelineView},
        {"/statistik", false, &ServerImpl::StatsView},
        {"/kwic", false, &ServerImpl::KwicView},
        {"/hjalp", false, &ServerImpl::HelpView},
        {"/atom", false, &ServerImpl::Feed},
        {"/style.css", false, &ServerImpl::Style},
        {"/item/", true, &ServerImpl::ItemView},
        {"/file/", true, &ServerImpl::File},
        {"/api/search", false, &ServerImpl::ApiSearch},
        {"/api/timeline", false, &ServerImpl::ApiTimeline},
        {"/api/stats", false, &ServerImpl::ApiStats},
        {"/api/kwic", false, &ServerImpl::ApiKwic},
        {"/api/item/", true, &ServerImpl::ApiItem},
        {"/api/status", false, &ServerImpl::ApiStatus},
    };
    const bool api = req.path.rfind("/api/", 0) == 0;
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      return Fail(req, res, 405, "only GET and HEAD are answered here", api);
    }
    if (!IsValidUtf8(req.path)) return Fail(req, res, 400, "the path is not UTF-8", api);
    for (const RouteEntry& r : kRoutes) {
      const std::string_view path(r.path);
      if (r.prefix ? req.path.size() > path.size() && req.path.compare(0, path.size(), path) == 0
                   : req.path == path) {
        Status s = CheckParams(Params(req.params.begin(), req.params.end()));
        if (!s.ok()) return Fail(req, res, 400, s.message(), api);
        return (this->*r.handler)(req, res, req.path.substr(r.prefix ? path.size() : 0));
      }
    }
    Fail(req, res, 404, "no page at " + req.path, api);
  }

  PageContext Context(const httplib::Request& req) {
    PageContext c;
    c.params = Params(req.params.begin(), req.params.end());
    c.last_indexed = LocalTime(pool_.LastCommit(), "%Y-%m-%d %H:%M");
    return c;
  }

  void Fail(const httplib::Request& req, httplib::Response& res, int status,
            const std::string& message, bool api) {
    if (!api) return FailPage(req, res, status, SwedishMessage(message));
    res.status = status;
    if (status == 503) res.set_header("Retry-After", "5");
    res.set_content(ErrorJson(message), "application/json; charset=utf-8");
  }

  // A page's error, its message in Swedish.
  void FailPage(const httplib::Request& req, httplib::Response& res, int status,
                const std::string& swedish) {
    res.status = status;
    if (status == 503) res.set_header("Retry-After", "5");
    Html(res, ErrorPage(Context(req), status, swedish));
  }

  static void Html(httplib::Response& res, const std::string& page) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                   "frame-ancestors 'none'; base-uri 'none'");
    res.set_content(page, "text/html; charset=utf-8");
  }

  // Runs a command as protokoll-query would, into *out (and its notes into *notes).
  Status RunQuery(const query::QueryOptions& options, std::string* out,
                  std::vector<std::string>* notes = nullptr) {
    query::QueryOptions limited = options;
    limited.time_limit = options_.query_s;
    return pool_.With([&](query::Session* session) {
      std::ostringstream answer, err;
      Status s = session->Run(limited, answer, err);
      if (!s.ok()) return s;
      *out = answer.str();
      if (notes) {
        notes->clear();
        std::istringstream lines(err.str());
        for (std::string line; std::getline(lines, line);) {
          const std::string prefix = "protokoll-query: note: ";
          notes->push_back(line.rfind(prefix, 0) == 0 ? line.substr(prefix.size()) : line);
        }
      }
      return Status::OK();
    });
  }

  // The API: a command's answer in the format asked for, exactly as protokoll-query's.
  void Api(const httplib::Request& req, httplib::Response& res, query::Command command) {
    query::QueryOptions options;
    Status s = ParseOptions(Params(req.params.begin(), req.params.end()), command, &options);
    std::string answer;
    if (s.ok()) s = RunQuery(options, &answer);
    if (!s.ok()) return Fail(req, res, HttpStatus(s), s.message(), true);
    res.set_content(answer, ContentType(options.format));
  }

  void ApiSearch(const httplib::Request& q, httplib::Response& r, const std::string&) {
    Api(q, r, query::Command::kSearch);
  }
  void ApiTimeline(const httplib::Request& q, httplib::Response& r, const std::string&) {
    Api(q, r, query::Command::kTimeline);
  }
  void ApiStats(const httplib::Request& q, httplib::Response& r, const std::string&) {
    Api(q, r, query::Command::kStats);
  }
  void ApiKwic(const httplib::Request& q, httplib::Response& r, const std::string&) {
    Api(q, r, query::Command::kKwic);
  }

  Status ItemJson(const std::string& id, const std::string& q, std::string* out) {
    return pool_.With([&](query::Session* session) {
      std::ostringstream answer;
      Status s = session->Item(id, q, answer);
      if (s.ok()) *out = answer.str();
      return s;
    });
  }

  void ApiItem(const httplib::Request& req, httplib::Response& res, const std::string& id) {
    std::string answer;
    Status s = ItemJson(id, req.get_param_value("q"), &answer);
    if (s.code() == Status::Code::kNotFound && s.message().rfind("no item", 0) == 0) {
      return Fail(req, res, 404, s.message(), true);
    }
    if (!s.ok()) return Fail(req, res, HttpStatus(s), s.message(), true);
    res.set_content(answer, "application/json; charset=utf-8");
  }

  void ApiStatus(const httplib::Request&, httplib::Response& res, const std::string&) {
    const std::int64_t commit = pool_.LastCommit();
    Status s = pool_.With([](query::Session*) { return Status::OK(); });
    res.status = s.ok() ? 200 : 503;
    json answer = {{"ok", s.ok()},
                   {"last_indexed", commit > 0 ? json(LocalTime(commit, "%Y-%m-%dT%H:%M:%SZ", true))
                                               : json(nullptr)}};
    if (!s.ok()) answer["error"] = s.message();
    res.set_content(answer.dump(-1, ' ', false, json::error_handler_t::replace) + "\n",
                    "application/json; charset=utf-8");
  }

  // A page view's answer: the JSON of command, or the page's error for a bad query.
  bool ViewAnswer(const httplib::Request& req, httplib::Response& res, PageContext* c,
                  query::QueryOptions options, json* answer) {
    std::string text;
    Status s = RunQuery(options, &text, &c->notes);
    for (std::string& note : c->notes) note = SwedishMessage(note);
    if (s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kLimitExceeded) {
      c->error = SwedishMessage(s.message());
      res.status = 400;
      return false;
    }
    if (!s.ok()) {
      Fail(req, res, HttpStatus(s), s.message(), false);
      return false;
    }
    *answer = json::parse(text, nullptr, false);
    return true;
  }

  // The options of a view's request, or false with the page's error set.
  bool ViewOptions(const PageContext& c, query::Command command, query::QueryOptions* options,
                   PageContext* out) {
    Status s = ParseOptions(c.params, command, options);
    if (!s.ok()) {
      out->error = SwedishMessage(s.message());
      return false;
    }
    options->format = query::Format::kJson;
    return true;
  }

  bool HasSearch(const PageContext& c) {
    for (const char* name : {"q", "kommun", "county", "topic", "body", "from", "to"}) {
      if (!Param(c.params, name).empty()) return true;
    }
    return false;
  }

  void SearchView(const httplib::Request& req, httplib::Response& res, const std::string&) {
    PageContext c = Context(req);
    json answer;
    query::QueryOptions options;
    if (HasSearch(c) && ViewOptions(c, query::Command::kSearch, &options, &c)) {
      options.facets = true;
      if (options.limit < 0 || options.limit > 100) options.limit = 10;
      if (!ViewAnswer(req, res, &c, options, &answer) && c.error.empty()) return;
    } else if (!c.error.empty()) {
      res.status = 400;
    }
    Html(res, SearchPage(c, answer));
  }

  void TimelineView(const httplib::Request& req, httplib::Response& res, const std::string&) {
    PageContext c = Context(req);
    json timeline, per_year;
    query::QueryOptions options;
    if (HasSearch(c) && ViewOptions(c, query::Command::kTimeline, &options, &c)) {
      if (options.limit < 0 || options.limit > kPageRows) options.limit = kPageRows;
      query::QueryOptions years = options;
      years.command = query::Command::kStats;
      years.by = query::StatsBy::kYear;
      years.limit = -1;
      years.offset = 0;
      if (!ViewAnswer(req, res, &c, options, &timeline) ||
          !ViewAnswer(req, res, &c, years, &per_year)) {
        if (c.error.empty()) return;
        timeline = json();
      }
    } else if (!c.error.empty()) {
      res.status = 400;
    }
    Html(res, TimelinePage(c, timeline, per_year));
  }

  void StatsView(const httplib::Request& req, httplib::Response& res, const std::string&) {
    PageContext c = Context(req);
    json stats;
    query::QueryOptions options;
    if (HasSearch(c) && ViewOptions(c, query::Command::kStats, &options, &c)) {
      if (options.limit < 0 || options.limit > kPageRows) options.limit = 50;
      if (!ViewAnswer(req, res, &c, options, &stats) && c.error.empty()) return;
    } else if (!c.error.empty()) {
      res.status = 400;
    }
    Html(res, StatsPage(c, stats));
  }

  void KwicView(const httplib::Request& req, httplib::Response& res, const std::string&) {
    PageContext c = Context(req);
    json kwic;
    query::QueryOptions options;
    if (HasSearch(c) && ViewOptions(c, query::Command::kKwic, &options, &c)) {
      if (options.limit < 0 || options.limit > kPageRows) options.limit = kPageRows;
      if (!ViewAnswer(req, res, &c, options, &kwic) && c.error.empty()) return;
    } else if (!c.error.empty()) {
      res.status = 400;
    }
    Html(res, KwicPage(c, kwic));
  }

  void HelpView(const httplib::Request& req, httplib::Response& res, const std::string&) {
    Html(res, HelpPage(Context(req)));
  }

  void Style(const httplib::Request&, httplib::Response& res, const std::string&) {
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(StyleSheet(), "text/css; charset=utf-8");
  }

  void Feed(const httplib::Request& req, httplib::Response& res, const std::string&) {
    PageContext c = Context(req);
    query::QueryOptions options;
    // The feed answers a bad request as the API does, in the command line's words.
    Status s = ParseOptions(c.params, query::Command::kSearch, &options);
    if (!s.ok()) return Fail(req, res, 400, s.message(), true);
    options.format = query::Format::kJson;
    // Newest in the archive first: a reader's new entries are the items added or changed
    // since it last looked, whatever their meeting date.
    options.sort = query::SortOrder::kAdded;
    options.generations = true;
    options.limit = 30;
    options.offset = 0;
    if (!HasSearch(c)) options.from = "0001";  // every meeting: the newest ones
    std::string text;
    s = RunQuery(options, &text);
    if (!s.ok()) return Fail(req, res, HttpStatus(s), s.message(), true);
    // Behind a proxy that keeps the Host header (see the README) the links name the host
    // the reader used.
    const std::string host = req.get_header_value("Host");
    const std::string base = "http://" + (host.empty() ? options_.bind : host);
    res.set_content(AtomFeed(c.params, text, base, base + req.target,
                             LocalTime(pool_.LastCommit(), "%Y-%m-%dT%H:%M:%SZ", true)),
                    "application/atom+xml; charset=utf-8");
  }

  void ItemView(const httplib::Request& req, httplib::Response& res, const std::string& id) {
    std::string text;
    Status s = ItemJson(id, req.get_param_value("q"), &text);
    if (s.code() == Status::Code::kNotFound && s.message().rfind("no item", 0) == 0) {
      return FailPage(req, res, 404, "Punkten finns inte i arkivet.");
    }
    if (!s.ok()) return Fail(req, res, HttpStatus(s), s.message(), false);
    Html(res, ItemPage(Context(req), json::parse(text, nullptr, false)));
  }

  // An original file, found by its meeting's id in the database: the request names no path,
  // and the file must lie under the archive folder (symbolic links resolved).
  void File(const httplib::Request& req, httplib::Response& res, const std::string& id) {
    std::string file;
    Status s = pool_.With([&](query::Session* session) { return session->MeetingFile(id, &file); });
    if (s.code() == Status::Code::kNotFound && s.message().rfind("no meeting", 0) == 0) {
      return FailPage(req, res, 404, "Mötet finns inte i arkivet.");
    }
    if (!s.ok()) return Fail(req, res, HttpStatus(s), s.message(), false);
    std::error_code ec;
    const fs::path real = fs::canonical(fs::absolute(file, ec), ec);
    const auto [a, r] = std::mismatch(archive_.begin(), archive_.end(), real.begin(), real.end());
    if (ec || a != archive_.end() || !fs::is_regular_file(real, ec) ||
        fs::file_size(real, ec) > kMaxFileBytes) {
      return FailPage(req, res, 404, "Originalfilen finns inte i arkivet som servern visar.");
    }
    std::ifstream in(real, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return FailPage(req, res, 404, "Originalfilen går inte att läsa.");
    std::string name = real.filename().string();
    // The name in ASCII for old clients (quotes, control and non-ASCII bytes as '_'), and
    // whole in filename*.
    std::string safe;
    for (char ch : name) safe += (ch == '"' || ch == '\\' || ch < 0x20) ? '_' : ch;
    res.set_header("Content-Disposition",
                   "inline; filename=\"" + safe + "\"; filename*=UTF-8''" + UrlEncode(name));
    res.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
    res.set_content(bytes.str(), FileType(real));
  }

  ServerOptions options_;
  SessionPool pool_;
  httplib::Server http_;
  fs::path archive_;
  int port_ = 0;
};

}  // namespace

Status Server::Start(const ServerOptions& options, std::unique_ptr<Server>* out) {
  auto server = std::make_unique<ServerImpl>(options);
  Status s = server->Bind();
  if (!s.ok()) return s;
  *out = std::move(server);
  return Status::OK();
}

}  // namespace protokoll::server
