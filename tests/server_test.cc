// End-to-end tests of protokoll-serve: index corpus/minutes (and a hostile one) with the built
// protokoll-index, start the built server on a free port, and check what a browser or a
// script gets: the API's answers byte for byte against protokoll-query's, status codes,
// escaping, no file outside the archive, and answers while protokoll-index updates the
// archive. The page is also loaded in headless Chromium when it is installed.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tool_runner.h"

namespace protokoll::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A minute whose item title and text carry markup: the page must show it as text.
constexpr char kHostileMinute[] = R"(BRÄCKE KOMMUN                 SAMMANTRÄDESPROTOKOLL
Socialnämnden                 2025-01-10

§ 1 Zebrafinkar <script async>alert(1)</script async> på äldreboendet

Nämnden diskuterade zebrafinkar på äldreboendet "Solgläntan" & <img src onerror> i Bräcke.

Beslut
Nämnden beslutar att köpa zebrafinkar.

§ 2 Övriga frågor

Inga övriga frågor.
)";

std::string ServeBin() {
  return (fs::path(PROTOKOLL_BIN_DIR).parent_path() / "server" / "protokoll-serve").string();
}

// A running protokoll-serve, stopped when it goes out of scope.
class ServerProcess {
 public:
  // port 0: any free port.
  ServerProcess(const std::string& db, const std::string& archive,
                std::vector<std::string> extra = {}, int port = 0) {
    log_ = fs::temp_directory_path() / ("protokoll-serve-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter_++) + ".log");
    const std::string bin = ServeBin();
    std::vector<std::string> args = {bin,         "--db", db, "--port", std::to_string(port),
                                     "--archive", archive};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
      std::FILE* out = std::freopen(log_.c_str(), "w", stdout);
      (void)out;
      ::execv(bin.c_str(), argv.data());
      std::_Exit(127);
    }
    // It prints its address once it listens.
    for (int k = 0; k < 200 && port_ == 0; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string text = ReadFile(log_);
      const std::size_t at = text.find("http://127.0.0.1:");
      if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
        port_ = std::stoi(text.substr(at + 17));
      }
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
    std::error_code ec;
    fs::remove(log_, ec);
  }
  int port() const { return port_; }

 private:
  static inline int counter_ = 0;
  fs::path log_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Answer {
  int status = 0;  // 0: no answer
  std::string body;
  std::string type;
};

Answer Get(int port, const std::string& target) {
  httplib::Client client("127.0.0.1", port);
  client.set_url_encode(false);
  client.set_read_timeout(30, 0);
  Answer a;
  if (auto res = client.Get(target.c_str())) {
    a.status = res->status;
    a.body = res->body;
    a.type = res->get_header_value("Content-Type");
  }
  return a;
}

std::string Encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A URL as an HTML attribute writes it: & as &amp;.
std::string InAttribute(const std::string& url) {
  std::string out;
  for (char c : url) out += c == '&' ? std::string("&amp;") : std::string(1, c);
  return out;
}

class ServeTool : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    archive_ = *dir_ / "minutes";
    fs::copy(SourceDir() + "/corpus/minutes", archive_, fs::copy_options::recursive);
    std::ofstream(archive_ + "/2025-01-10_bracke-zebrafinkar.txt") << kHostileMinute;
    db_ = *dir_ / "db";
    ToolResult r = RunTool("protokoll-index", {"--db", db_, "--quiet", archive_});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    server_ = new ServerProcess(db_, archive_);
    ASSERT_GT(server_->port(), 0) << "protokoll-serve did not start";
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
    dir_ = nullptr;
  }

  static Answer Api(const std::string& target) { return Get(server_->port(), target); }

  static ToolResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_});
    return RunTool("protokoll-query", args);
  }

  static TempDir* dir_;
  static std::string archive_, db_;
  static ServerProcess* server_;
};

TempDir* ServeTool::dir_ = nullptr;
std::string ServeTool::archive_, ServeTool::db_;
ServerProcess* ServeTool::server_ = nullptr;

struct Same {
  const char* target;                // the API request
  std::vector<std::string> command;  // protokoll-query's arguments for the same answer
};

TEST_F(ServeTool, ApiAnswersAsTheCommandLine) {
  const Same cases[] = {
      {"/api/search?q=sprutbyte", {"sprutbyte", "--format", "json"}},
      {"/api/search?q=familjehem&facets=1&limit=3&offset=1",
       {"familjehem", "--facets", "--limit", "3", "--offset", "1", "--format", "json"}},
      {"/api/search?q=beslut%3Afamiljehem+kommun%3ABr%C3%A4cke",
       {"beslut:familjehem kommun:Bräcke", "--format", "json"}},
      {"/api/search?q=LSS&kommun=Hallsberg&kommun=Ume%C3%A5&sort=date&collapse=1",
       {"LSS", "--kommun", "Hallsberg", "--kommun", "Umeå", "--sort", "date", "--collapse",
        "--format", "json"}},
      {"/api/search?q=missbruk&county=j%C3%A4mtland&from=2019&to=2023-06&recent=1",
       {"missbruk", "--county", "jämtland", "--from", "2019", "--to", "2023-06", "--recent",
        "--format", "json"}},
      {"/api/search?q=boende&prefer=kommun%3AUme%C3%A5&topic=missbruk",
       {"boende", "--prefer", "kommun:Umeå", "--topic", "missbruk", "--format", "json"}},
      {"/api/search?q=sprutbyte&format=csv", {"sprutbyte", "--format", "csv"}},
      {"/api/search?q=socialtj%C3%A4nsten&body=Socialn%C3%A4mnden&body=chefsn%C3%A4tverket"
       "&facets=1",
       {"socialtjänsten", "--body", "Socialnämnden", "--body", "chefsnätverket", "--facets",
        "--format", "json"}},
      {"/api/stats?body=chefsn%C3%A4tverket&by=body",
       {"stats", "--body", "chefsnätverket", "--by", "body", "--format", "json"}},
      {"/api/timeline?q=sprutbyte", {"timeline", "sprutbyte", "--format", "json"}},
      {"/api/timeline?q=familjehem&format=csv&limit=2",
       {"timeline", "familjehem", "--format", "csv", "--limit", "2"}},
      {"/api/stats?q=sprutbyte&by=county",
       {"stats", "sprutbyte", "--by", "county", "--format", "json"}},
      {"/api/stats?q=familjehem&by=year&format=csv",
       {"stats", "familjehem", "--by", "year", "--format", "csv"}},
      {"/api/kwic?q=hemsjukv%C3%A5rdsavtalet&width=30",
       {"kwic", "hemsjukvårdsavtalet", "--width", "30", "--format", "json"}},
      {"/api/kwic?q=sprutbyte&format=csv", {"kwic", "sprutbyte", "--format", "csv"}},
  };
  for (const Same& c : cases) {
    Answer a = Api(c.target);
    ToolResult r = Cli(c.command);
    ASSERT_EQ(r.exit_code, 0) << c.target << r.err;
    EXPECT_EQ(a.status, 200) << c.target << a.body;
    EXPECT_EQ(a.body, r.out) << c.target;
    const bool csv = std::string(c.target).find("format=csv") != std::string::npos;
    EXPECT_EQ(a.type, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        << c.target;
  }
}

TEST_F(ServeTool, BadQueriesAre400WithTheCommandLinesMessage) {
  const std::pair<const char*, std::string> cases[] = {
      {"/api/search?q=%28", "("},
      {"/api/search?q=foo%3Abar", "foo:bar"},
      {"/api/search?q=", ""},
  };
  for (const auto& [target, query] : cases) {
    Answer a = Api(target);
    ToolResult r = Cli({query});
    ASSERT_EQ(r.exit_code, 1) << target;
    EXPECT_EQ(a.status, 400) << target;
    EXPECT_EQ(a.type, "application/json; charset=utf-8");
    json error = json::parse(a.body, nullptr, false);
    ASSERT_TRUE(error.is_object()) << a.body;
    EXPECT_EQ("protokoll-query: " + error["error"].get<std::string>() + "\n", r.err) << target;
  }
  // The date range's message, from the same check as --from.
  Answer a = Api("/api/search?q=sprutbyte&from=2020-13-45");
  EXPECT_EQ(a.status, 400);
  ToolResult r = Cli({"sprutbyte", "--from", "2020-13-45"});
  EXPECT_EQ("protokoll-query: " + json::parse(a.body)["error"].get<std::string>() + "\n", r.err);
}

TEST_F(ServeTool, HostileRequestsGet4xxAndTheServerStaysUp) {
  const std::string huge(100 * 1024, 'a');
  const std::string targets[] = {
      "/api/search?q=" + huge,
      "/?q=" + huge,
      "/api/search?q=sprutbyte&limit=-1",
      "/api/search?q=sprutbyte&offset=-5",
      "/api/kwic?q=sprutbyte&width=-3",
      "/api/search?q=sprutbyte&limit=99999999999999999999",
      "/api/search?q=sprutbyte&limit=abc",
      "/api/search?q=sprutbyte&from=2020-13-45",
      "/api/search?q=sprutbyte&to=2020-02-30",
      "/api/search?q=%FF%FE%80",
      "/?q=%C3%28",
      "/api/search?q=sprutbyte&sort=sideways",
      "/api/stats?q=sprutbyte&by=shoe",
      "/api/search?q=sprutbyte&facets=maybe",
      "/api/search?q=" + Encode(std::string(3000, 'x')),
      "/api/item/" + std::string(300, 'f'),
      "/item/%00",
      "/%FF",
      "/no/such/page",
  };
  for (const std::string& t : targets) {
    Answer a = Api(t);
    EXPECT_GE(a.status, 400) << t.substr(0, 80);
    EXPECT_LT(a.status, 500) << t.substr(0, 80) << a.body;
  }
  // Only reading methods.
  httplib::Client client("127.0.0.1", server_->port());
  auto post = client.Post("/api/search", std::string(200 * 1024, 'x'), "text/plain");
  ASSERT_TRUE(post);
  EXPECT_GE(post->status, 400);
  EXPECT_LT(post->status, 500);
  EXPECT_EQ(Api("/api/search?q=sprutbyte").status, 200);
}

TEST_F(ServeTool, ItemApiGivesTheWholeItemAndItsMeeting) {
  json hits = json::parse(Api("/api/search?q=sprutbyte&limit=1").body)["hits"];
  ASSERT_EQ(hits.size(), 1u);
  const std::string id = hits[0]["item_id"];
  Answer a = Api("/api/item/" + id + "?q=sprutbyte");
  ASSERT_EQ(a.status, 200) << a.body;
  json item = json::parse(a.body);
  EXPECT_EQ(item["item"]["item_id"], id);
  EXPECT_EQ(item["item"]["item"], hits[0]["item"]);
  const std::string text = item["item"]["text"];
  ASSERT_FALSE(item["item"]["match_offsets"].empty());
  for (const auto& m : item["item"]["match_offsets"]) {
    std::string word =
        text.substr(m[0].get<std::size_t>(), m[1].get<std::size_t>() - m[0].get<std::size_t>());
    EXPECT_NE(word.find("prutbyte"), std::string::npos) << word;
  }
  bool listed = false;
  for (const auto& other : item["meeting_items"]) listed |= other["item_id"] == id;
  EXPECT_TRUE(listed);
  EXPECT_GT(item["meeting_items"].size(), 1u);
  EXPECT_EQ(Api("/api/item/0000000000000000-1").status, 404);
}

TEST_F(ServeTool, DocumentTextIsEscapedOnEveryView) {
  for (const std::string target :
       {"/?q=zebrafinkar", "/tidslinje?q=zebrafinkar", "/kwic?q=zebrafinkar&width=80",
        "/statistik?q=zebrafinkar&by=body", "/atom?q=zebrafinkar"}) {
    Answer a = Api(target);
    ASSERT_EQ(a.status, 200) << target;
    EXPECT_EQ(a.body.find("<script"), std::string::npos) << target;
    EXPECT_EQ(a.body.find("<img"), std::string::npos) << target;
  }
  Answer page = Api("/?q=zebrafinkar");
  EXPECT_NE(page.body.find("&lt;script async&gt;"), std::string::npos) << page.body;
  const std::string id = json::parse(Api("/api/search?q=zebrafinkar").body)["hits"][0]["item_id"];
  Answer item = Api("/item/" + id + "?q=zebrafinkar");
  ASSERT_EQ(item.status, 200);
  EXPECT_EQ(item.body.find("<script"), std::string::npos);
  EXPECT_NE(item.body.find("&lt;img src onerror&gt;"), std::string::npos);
  EXPECT_NE(item.body.find("<mark>zebrafinkar</mark>"), std::string::npos);
  // A query echoed into the page is text too.
  Answer echo = Api("/?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(echo.body.find("<script>"), std::string::npos);
  EXPECT_NE(echo.body.find("&quot;&gt;&lt;script&gt;"), std::string::npos);
}

TEST_F(ServeTool, ServesOriginalFilesByMeetingIdFromTheArchiveOnly) {
  json hit = json::parse(Api("/api/search?q=zebrafinkar").body)["hits"][0];
  Answer file = Api("/file/" + hit["meeting_id"].get<std::string>());
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kHostileMinute);
  for (const std::string target :
       {"/file/../../../../etc/passwd", "/file/..%2F..%2F..%2Fetc%2Fpasswd",
        "/file/%2Fetc%2Fpasswd", "/file/", "/file/0000000000000000", "/../../etc/passwd",
        "/style.css/../../etc/passwd"}) {
    Answer a = Api(target);
    EXPECT_GE(a.status, 400) << target;
    EXPECT_LT(a.status, 500) << target;
    EXPECT_EQ(a.body.find("root:"), std::string::npos) << target;
  }
  // A server whose archive is elsewhere serves none of these files.
  TempDir elsewhere;
  ServerProcess other(db_, elsewhere.path().string());
  ASSERT_GT(other.port(), 0);
  EXPECT_EQ(Get(other.port(), "/file/" + hit["meeting_id"].get<std::string>()).status, 404);
}

TEST_F(ServeTool, PagesCarryTheirStateInTheUrl) {
  Answer page = Api("/?q=familjehem");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(page.body.find("<label for=\"q\">"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/hjalp\""), std::string::npos);
  EXPECT_NE(page.body.find("träffar</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("<mark>"), std::string::npos);
  EXPECT_NE(page.body.find("Senast indexerad: 20"), std::string::npos);
  // A facet link filters by the URL.
  EXPECT_NE(page.body.find("href=\"/?q=familjehem&amp;kommun=Br%C3%A4cke\""), std::string::npos);
  Answer filtered = Api("/?q=familjehem&kommun=Br%C3%A4cke");
  EXPECT_NE(filtered.body.find("Kommun: Bräcke"), std::string::npos);
  json api = json::parse(Api("/api/search?q=familjehem&kommun=Br%C3%A4cke").body);
  EXPECT_NE(filtered.body.find(std::to_string(api["total"].get<int>()) + " tr"), std::string::npos);
  // Views.
  Answer timeline = Api("/tidslinje?q=sprutbyte");
  EXPECT_NE(timeline.body.find("<svg"), std::string::npos);
  EXPECT_NE(timeline.body.find("/api/timeline?q=sprutbyte&amp;format=csv"), std::string::npos);
  Answer stats = Api("/statistik?q=sprutbyte&by=county");
  EXPECT_NE(stats.body.find("<svg"), std::string::npos);
  EXPECT_NE(stats.body.find("Jämtlands län"), std::string::npos);
  EXPECT_NE(stats.body.find("format=csv"), std::string::npos);
  Answer kwic = Api("/kwic?q=sprutbyte");
  EXPECT_NE(kwic.body.find("<mark>Sprutbyte</mark>"), std::string::npos);
  Answer help = Api("/hjalp");
  EXPECT_NE(help.body.find("kommun:"), std::string::npos);
  // A bad query on the page: the message, as a 400.
  Answer bad = Api("/?q=%28");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("Sökfrågan tar slut för tidigt"), std::string::npos);
}

// Two servers on one port took turns answering its requests (cpp-httplib's default sets
// SO_REUSEPORT): the second must not start, and must say why.
TEST_F(ServeTool, ASecondServerOnAPortInUseExitsAndSaysSo) {
  const std::string port = std::to_string(server_->port());
  // timeout stops a second server that starts anyway (exit 124), not to hang the suite.
  ToolResult second =
      RunTool("timeout", {"5", ServeBin(), "--db", db_, "--port", port, "--archive", archive_});
  EXPECT_EQ(second.exit_code, 2) << second.out << second.err;
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + port + ": the address is in use"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(second.out.find("http://"), std::string::npos) << second.out;
  EXPECT_EQ(Api("/api/status").status, 200);
}

// A stopped server's side of the connections it closed waits in TIME_WAIT; a server started
// right after on the same port listens all the same (SO_REUSEADDR).
TEST_F(ServeTool, RestartsOnItsPortRightAfterAStop) {
  auto first = std::make_unique<ServerProcess>(db_, archive_);
  const int port = first->port();
  ASSERT_GT(port, 0);
  // cpp-httplib's client asks for Connection: close, so the server closes first.
  for (int k = 0; k < 3; ++k) EXPECT_EQ(Get(port, "/api/status").status, 200);
  first.reset();
  ServerProcess second(db_, archive_, {}, port);
  EXPECT_EQ(second.port(), port);
  EXPECT_EQ(Get(port, "/api/status").status, 200);
}

// The footer's "Samma svar som JSON" link of each view gives that view's answer: the API of
// its command, with the view's parameters.
TEST_F(ServeTool, EachViewsJsonLinkGivesThatViewsAnswer) {
  const std::string id =
      json::parse(Api("/api/search?q=sprutbyte&limit=1").body)["hits"][0]["item_id"];
  const struct {
    std::string page, api;
    std::vector<std::string> command;  // protokoll-query's arguments for the same answer
  } cases[] = {
      {"/?q=sprutbyte", "/api/search?q=sprutbyte", {"sprutbyte", "--format", "json"}},
      {"/statistik?q=sprutbyte&by=county",
       "/api/stats?q=sprutbyte&by=county",
       {"stats", "sprutbyte", "--by", "county", "--format", "json"}},
      {"/tidslinje?q=sprutbyte&kommun=Br%C3%A4cke",
       "/api/timeline?q=sprutbyte&kommun=Br%C3%A4cke",
       {"timeline", "sprutbyte", "--kommun", "Bräcke", "--format", "json"}},
      {"/kwic?q=sprutbyte&width=30",
       "/api/kwic?q=sprutbyte&width=30",
       {"kwic", "sprutbyte", "--width", "30", "--format", "json"}},
      {"/item/" + id + "?q=sprutbyte", "/api/item/" + id + "?q=sprutbyte", {}},
  };
  const std::string lead = "Samma svar som JSON: <a href=\"";
  for (const auto& c : cases) {
    Answer page = Api(c.page);
    ASSERT_EQ(page.status, 200) << c.page;
    const std::size_t at = page.body.find(lead);
    ASSERT_NE(at, std::string::npos) << c.page;
    const std::size_t from = at + lead.size();
    std::string href = page.body.substr(from, page.body.find('"', from) - from);
    for (std::size_t amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;"))
      href.replace(amp, 5, "&");
    EXPECT_EQ(href, c.api) << c.page;
    if (href != c.api) continue;
    Answer api = Api(href);
    EXPECT_EQ(api.status, 200) << href;
    if (!c.command.empty()) {
      ToolResult r = Cli(c.command);
      EXPECT_EQ(api.body, r.out) << href;
    }
  }
}

// A page past the last (an old link, an offset typed by hand) showed "Sida 10001 av 10001" for
// 18 hits; it says there are no more and links back to the first page.
TEST_F(ServeTool, PagingPastTheLastPageSaysThereAreNoMoreHits) {
  const int total = json::parse(Api("/api/search?q=boende").body)["total"];
  ASSERT_GT(total, 10);
  const int last = (total + 9) / 10;
  for (const std::string& offset : {std::string("100000"), std::to_string(last * 10)}) {
    Answer page = Api("/?q=boende&offset=" + offset);
    ASSERT_EQ(page.status, 200) << offset;
    EXPECT_NE(page.body.find(std::to_string(total) + " träffar</h2>"), std::string::npos);
    EXPECT_NE(page.body.find("Inga fler träffar. <a href=\"/?q=boende\">Till första sidan</a>"),
              std::string::npos)
        << offset << page.body;
    EXPECT_EQ(page.body.find("Sida "), std::string::npos) << offset;
    EXPECT_EQ(page.body.find("Föregående"), std::string::npos) << offset;
  }
  // The last page itself is still numbered, as the last.
  Answer page = Api("/?q=boende&offset=" + std::to_string((last - 1) * 10));
  const std::string n = std::to_string(last);
  EXPECT_NE(page.body.find("Sida " + n + " av " + n), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("Inga fler träffar"), std::string::npos);
}

// Statistik showed "Andel av alla punkter 11.3 %" in the Swedish page: it writes 11,3 %.
TEST_F(ServeTool, StatisticsPageWritesSharesWithADecimalComma) {
  const json api = json::parse(Api("/api/stats?q=familjehem&by=county").body);
  Answer page = Api("/statistik?q=familjehem&by=county");
  ASSERT_EQ(page.status, 200);
  int shares = 0;
  for (const auto& b : api["buckets"]) {
    if (!b["share"].is_number()) continue;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f %%", b["share"].get<double>() * 100);
    std::string swedish = percent;
    swedish[swedish.find('.')] = ',';
    EXPECT_NE(page.body.find("<td>" + swedish + "</td>"), std::string::npos) << swedish;
    EXPECT_EQ(page.body.find(std::string("<td>") + percent + "</td>"), std::string::npos);
    ++shares;
  }
  EXPECT_GT(shares, 0) << api.dump();
  // The API keeps the decimal point: it is the command line's JSON.
  EXPECT_NE(Api("/api/stats?q=familjehem&by=county&format=csv").body.find('.'), std::string::npos);
}

// The organ facet rewrote the search box ('familjehem organ:"Sociala samrådsgruppen"') and
// added no chip; like the kommun, län and ämne facets it now adds a parameter (body=), shown
// as a chip with "ta bort", and leaves the query as it was. The API takes body= too, matched
// as organ: is.
TEST_F(ServeTool, OrganFacetAddsARemovableFilterAndLeavesTheQueryAlone) {
  const std::string body = "Sociala samrådsgruppen";
  const std::string filtered = "/?q=familjehem&body=" + Encode(body);
  Answer page = Api("/?q=familjehem");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<a href=\"" + InAttribute(filtered) + "\">" + body + "</a>"),
            std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find("organ%3A"), std::string::npos);
  Answer after = Api(filtered);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("name=\"q\" type=\"search\" value=\"familjehem\""), std::string::npos)
      << after.body;
  EXPECT_NE(after.body.find("<li>Organ: " + body +
                            " <a href=\"/?q=familjehem\" aria-label=\"Ta "
                            "bort Organ " +
                            body + "\">ta bort</a></li>"),
            std::string::npos)
      << after.body;
  // The filter stays through the form, the other views and the footer's JSON link.
  EXPECT_NE(after.body.find("<input type=\"hidden\" name=\"body\" value=\"" + body + "\">"),
            std::string::npos);
  EXPECT_NE(after.body.find("href=\"" + InAttribute("/tidslinje" + filtered.substr(1)) + "\""),
            std::string::npos);
  EXPECT_NE(after.body.find("href=\"" + InAttribute("/api/search" + filtered.substr(1)) + "\""),
            std::string::npos);
  const json by_param = json::parse(Api("/api/search" + filtered.substr(1) + "&limit=100").body);
  const json by_field = json::parse(
      Api("/api/search?limit=100&q=" + Encode("familjehem organ:\"" + body + "\"")).body);
  ASSERT_GT(by_param["total"].get<int>(), 0);
  EXPECT_EQ(by_param["total"], by_field["total"]);
  EXPECT_EQ(by_param["hits"], by_field["hits"]);
  for (const auto& h : by_param["hits"]) EXPECT_EQ(h["body"], body);
  const int total = by_param["total"];
  EXPECT_NE(after.body.find(">" + std::to_string(total) + (total == 1 ? " träff<" : " träffar<")),
            std::string::npos);
  // A filter with no words is a search too.
  Answer alone = Api("/?body=" + Encode(body));
  EXPECT_NE(alone.body.find("<li>Organ: " + body), std::string::npos) << alone.body;
  EXPECT_NE(alone.body.find("träffar</h2>"), std::string::npos) << alone.body;
}

// A search of filters alone comes newest first: the page marks that order, not "Relevans",
// and the answer says which order it applied.
TEST_F(ServeTool, FiltersAloneMarkTheOrderTheyComeIn) {
  const std::string body = Encode("Sociala samrådsgruppen");
  Answer alone = Api("/?body=" + body);
  ASSERT_EQ(alone.status, 200);
  EXPECT_NE(alone.body.find("Sortera: <strong aria-current=\"true\">Nyast först</strong>"),
            std::string::npos)
      << alone.body;
  EXPECT_EQ(alone.body.find("Relevans"), std::string::npos) << alone.body;
  EXPECT_EQ(json::parse(Api("/api/search?body=" + body).body)["sort"], "date");
  Answer oldest = Api("/?body=" + body + "&sort=date-asc");
  EXPECT_NE(oldest.body.find("<strong aria-current=\"true\">Äldst först</strong>"),
            std::string::npos)
      << oldest.body;
  EXPECT_EQ(json::parse(Api("/api/search?sort=date-asc&body=" + body).body)["sort"], "date-asc");
  // With words, relevance is the order and the page says so.
  Answer words = Api("/?q=familjehem&body=" + body);
  EXPECT_NE(words.body.find("Sortera: <strong aria-current=\"true\">Relevans</strong>"),
            std::string::npos)
      << words.body;
  EXPECT_EQ(json::parse(Api("/api/search?q=familjehem").body)["sort"], "relevance");
}

// A search with no hits showed an empty "Avgränsa" heading and links to follow the search and
// download it as CSV; a search with hits shows them.
TEST_F(ServeTool, SearchWithNoHitsShowsNoFacetsHeadingNorFeedAndCsvLinks) {
  Answer none = Api("/?q=zebrafinkar&kommun=Ume%C3%A5");
  ASSERT_EQ(none.status, 200);
  ASSERT_NE(none.body.find(">0 träffar</h2>"), std::string::npos) << none.body;
  for (const char* absent : {"Avgränsa", "Följ sökningen", "Ladda ner som CSV"}) {
    EXPECT_EQ(none.body.find(absent), std::string::npos) << absent;
  }
  Answer some = Api("/?q=sprutbyte");
  ASSERT_EQ(some.status, 200);
  for (const char* present :
       {"Avgränsa</h2>", "Följ sökningen (Atom-flöde)", "Ladda ner som CSV"}) {
    EXPECT_NE(some.body.find(present), std::string::npos) << present;
  }
}

// The page says in Swedish what went wrong, naming its own fields (Från, Till, Sortering),
// never the command line's options; the API keeps the command line's words.
TEST_F(ServeTool, PagesGiveTheirMessagesInSwedish) {
  const struct {
    const char* target;
    int status;
    const char* swedish;  // what the page says
    const char* english;  // the command line's message, which it no longer shows
  } cases[] = {
      {"/?q=%20", 400, "Sökfrågan är tom: skriv orden du söker efter i rutan Sökfråga.",
       "empty query"},
      {"/?q=%22sprutbyte", 400, "Citattecknet vid position 1 avslutas aldrig", "unbalanced quotes"},
      {"/?q=sprutbyte&from=2025-13-45", 400,
       "Datumet &#39;2025-13-45&#39; i Från eller Till går inte att läsa: skriv ÅÅÅÅ, ÅÅÅÅ-MM "
       "eller ÅÅÅÅ-MM-DD.",
       "invalid date"},
      {"/statistik?q=sprutbyte&from=2025&to=2020", 400,
       "Datumet i Från är senare än datumet i Till", "empty date range"},
      {"/?q=sprutbyte+zebrafinkar", 200,
       "<p class=\"note\">Ingen punkt har alla orden; här visas punkter med några av dem.</p>",
       "no item has all"},
      {"/?q=barnkulturprogram", 200, "<p class=\"note\">Ingen punkt har ordet ",
       "no item has the word"},
      {"/?q=kommun%3AUmea", 200, "<p class=\"note\">kommun:Umea tolkas som Umeå.</p>", "taken as"},
      {"/?q=sprutbyte&sort=sideways", 400,
       "Sorteringen, formatet eller Räkna per har ett okänt värde", "bad sort"},
      {"/statistik?q=sprutbyte&by=shoe", 400,
       "Sorteringen, formatet eller Räkna per har ett okänt värde", "bad sort"},
      {"/nosuchpage", 404, "Det finns ingen sida på adressen /nosuchpage.", "no page at"},
      {"/?q=%28", 400, "Sökfrågan tar slut för tidigt (vid position 2)", "ends too early"},
      {"/?q=foo%3Abar", 400, "Fältet &#39;foo:&#39; vid position 1 finns inte", "unknown field"},
      {"/kwic?q=sprutbyte&kommun=Nowhere", 400,
       "Kommun: Det finns ingen kommun som heter &#39;Nowhere&#39;", "unknown municipality"},
      {"/?q=sprutbyte&offset=abc", 400, "Sidan (offset) tar ett heltal (inte &#39;abc&#39;)",
       "whole number"},
      {"/tidslinje?q=a+AND", 400, "AND vid position 3 behöver ett ord efter sig.", "needs a word"},
  };
  for (const auto& c : cases) {
    Answer a = Api(c.target);
    EXPECT_EQ(a.status, c.status) << c.target;
    EXPECT_NE(a.body.find(c.swedish), std::string::npos) << c.target << "\n" << a.body;
    EXPECT_EQ(a.body.find(c.english), std::string::npos) << c.target;
    for (const char* cli : {"--help", "--from", "--to", "--kommun", " at column "}) {
      EXPECT_EQ(a.body.find(cli), std::string::npos) << c.target << ": " << cli;
    }
  }
  // The API's errors are the command line's.
  EXPECT_NE(Api("/api/search?q=sprutbyte&from=2025-13-45")
                .body.find("--from/--to: invalid date '2025-13-45' in datum:"),
            std::string::npos);
  EXPECT_NE(Api("/api/nosuchpage").body.find("no page at /api/nosuchpage"), std::string::npos);
}

// /hjalp gives the query language in Swedish, with every field the command line's help lists.
TEST_F(ServeTool, HelpPageGivesTheQueryLanguageInSwedish) {
  Answer help = Api("/hjalp");
  ASSERT_EQ(help.status, 200);
  EXPECT_NE(help.body.find("Frågespråket"), std::string::npos);
  EXPECT_NE(help.body.find("alla orden"), std::string::npos);
  EXPECT_EQ(help.body.find("Query language"), std::string::npos);
  EXPECT_EQ(help.body.find("all of the words"), std::string::npos);
  ToolResult r = RunTool("protokoll-query", {"--help"});
  const std::size_t fields = r.out.find("Fields (Swedish or English):\n");
  ASSERT_NE(fields, std::string::npos) << r.out;
  std::istringstream lines(r.out.substr(fields));
  std::string line;
  std::getline(lines, line);
  int listed = 0;
  while (std::getline(lines, line) && !line.empty()) {
    if (line.rfind("  ", 0) != 0 || line[2] == ' ') continue;  // an example's second line
    const std::size_t second = line.find(':', line.find(':') + 1);
    const std::string names = line.substr(0, second + 1);  // "  kommun: municipality:"
    EXPECT_NE(help.body.find(names), std::string::npos) << names;
    ++listed;
  }
  EXPECT_GE(listed, 9);
}

// Entries of an Atom feed: their titles and updated times, in order.
std::vector<std::pair<std::string, std::string>> FeedEntries(const std::string& feed) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t at = feed.find("<entry>"); at != std::string::npos;
       at = feed.find("<entry>", at + 1)) {
    const std::size_t t = feed.find("<title>", at) + 7, u = feed.find("<updated>", at) + 9;
    entries.emplace_back(feed.substr(t, feed.find("</title>", t) - t),
                         feed.substr(u, feed.find("</updated>", u) - u));
  }
  return entries;
}

TEST(ServeFeed, ListsItemsNewestInTheArchiveFirstAndTheResultPageLinksToIt) {
  TempDir tmp;
  const fs::path archive = tmp.path() / "minutes";
  fs::create_directories(archive);
  auto write = [&](const std::string& name, const std::string& date, const std::string& title) {
    std::ofstream(archive / name) << "Minnesanteckningar Socialchefsnätverket " << date
                                  << "\n\nNärvarande: Anna Berg, Krokoms kommun\n\n1. " << title
                                  << "\nNätverket diskuterar zebrafinkar på äldreboendet.\n\n";
  };
  // The newest meeting first in the archive, an older one added later.
  write("2024-05-02_ny.txt", "2024-05-02", "Zebrafinkar i Krokom");
  write("2023-01-20_mellan.txt", "2023-01-20", "Zebrafinkar igen");
  const std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive.string()}).exit_code, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // another second for its time
  write("2019-03-01_gammal.txt", "2019-03-01", "Zebrafinkar förr");
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive.string()}).exit_code, 0);
  ServerProcess server(db, archive.string());
  ASSERT_GT(server.port(), 0);

  // The result page's follow link gives the feed of the search.
  Answer page = Get(server.port(), "/?q=zebrafinkar&sort=date");
  ASSERT_EQ(page.status, 200);
  const std::size_t link = page.body.find("<a class=\"follow\" href=\"");
  ASSERT_NE(link, std::string::npos) << page.body;
  const std::size_t href = link + 24;
  const std::string target = page.body.substr(href, page.body.find('"', href) - href);
  EXPECT_EQ(target, "/atom?q=zebrafinkar");
  EXPECT_NE(page.body.find("Följ sökningen", link), std::string::npos);

  Answer feed = Get(server.port(), target);
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.type, "application/atom+xml; charset=utf-8");
  const auto entries = FeedEntries(feed.body);
  ASSERT_EQ(entries.size(), 3u) << feed.body;
  // Newest in the archive first, then by meeting date, newest first.
  EXPECT_EQ(entries[0].first.rfind("§ 1 Zebrafinkar förr", 0), 0u) << entries[0].first;
  EXPECT_EQ(entries[1].first.rfind("§ 1 Zebrafinkar i Krokom", 0), 0u) << entries[1].first;
  EXPECT_EQ(entries[2].first.rfind("§ 1 Zebrafinkar igen", 0), 0u) << entries[2].first;
  // Each updated when its item came into the archive.
  EXPECT_GT(entries[0].second, entries[1].second);
  EXPECT_EQ(entries[1].second, entries[2].second);
  EXPECT_EQ(entries[0].second.size(), 20u) << entries[0].second;  // 2026-12-04T14:20:00Z
}

TEST_F(ServeTool, MissingDatabaseIs503) {
  TempDir empty;
  ServerProcess other(empty / "nothing-here", empty.path().string());
  ASSERT_GT(other.port(), 0);
  Answer api = Get(other.port(), "/api/search?q=sprutbyte");
  EXPECT_EQ(api.status, 503);
  EXPECT_NE(
      json::parse(api.body, nullptr, false)["error"].get<std::string>().find("no database at"),
      std::string::npos);
  Answer page = Get(other.port(), "/?q=sprutbyte");
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("Det finns ingen databas på"), std::string::npos) << page.body;
  EXPECT_EQ(Get(other.port(), "/").status, 200);  // the search box still shows
}

TEST_F(ServeTool, QueriesPastTheTimeLimitAre400) {
  ServerProcess hasty(db_, archive_, {"--query-seconds", "0.000001"});
  ASSERT_GT(hasty.port(), 0);
  for (const char* target : {"/api/search?q=familjehem", "/api/stats?q=familjehem",
                             "/api/timeline?q=familjehem", "/api/kwic?q=familjehem"}) {
    Answer a = Get(hasty.port(), target);
    EXPECT_EQ(a.status, 400) << target << a.body;
    EXPECT_NE(a.body.find("the query took longer than"), std::string::npos) << a.body;
  }
  Answer page = Get(hasty.port(), "/tidslinje?q=familjehem");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("role=\"alert\""), std::string::npos);
}

// 16 clients search while protokoll-index adds, changes and removes minutes: every request
// is answered, and new minutes are found within seconds without a restart.
TEST_F(ServeTool, SixteenClientsWhileTheArchiveIsReindexed) {
  TempDir work;
  const std::string archive = work / "minutes", db = work / "db";
  fs::copy(SourceDir() + "/corpus/minutes", archive, fs::copy_options::recursive);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive}).exit_code, 0);
  ServerProcess server(db, archive);
  ASSERT_GT(server.port(), 0);
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::vector<std::thread> clients;
  for (int k = 0; k < 16; ++k) {
    clients.emplace_back([&, k] {
      const char* targets[] = {"/api/search?q=familjehem&facets=1", "/?q=sprutbyte",
                               "/api/stats?q=boende&by=year", "/api/search?q=zebrafinkar"};
      httplib::Client client("127.0.0.1", server.port());
      client.set_read_timeout(30, 0);
      const auto stop = std::chrono::steady_clock::now() + std::chrono::seconds(60);
      for (int n = 0; !done && n < 2000 && std::chrono::steady_clock::now() < stop; ++n) {
        auto res = client.Get(targets[(k + n) % 4]);
        if (res && res->status == 200) {
          ++answered;
        } else {
          ++failed;
        }
      }
    });
  }
  // Add a minute, index; change it, index; remove another, index.
  std::ofstream(archive + "/2025-01-10_bracke-zebrafinkar.txt") << kHostileMinute;
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive}).exit_code, 0);
  bool found = false;
  for (int k = 0; k < 50 && !found; ++k) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    found = json::parse(Get(server.port(), "/api/search?q=zebrafinkar").body)["total"] == 1;
  }
  EXPECT_TRUE(found) << "new minutes not searchable within 5 s";
  std::ofstream(archive + "/2025-01-10_bracke-zebrafinkar.txt", std::ios::app)
      << "\n§ 3 Undulater\n\nNämnden diskuterade undulater.\n";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive}).exit_code, 0);
  fs::remove(archive + "/2017-11-07_presidienatverket-vard-och-omsorg.txt");
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive}).exit_code, 0);
  // A run that writes a fifth of the database or more swaps in a compacted copy of it.
  fs::copy(SourceDir() + "/corpus/minutes", archive + "/kopior", fs::copy_options::recursive);
  ToolResult compacting = RunTool("protokoll-index", {"--db", db, "--quiet", archive});
  ASSERT_EQ(compacting.exit_code, 0) << compacting.err;
  std::this_thread::sleep_for(std::chrono::seconds(1));
  done = true;
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_GT(answered, 16);
  std::printf("%d requests answered during the re-indexing\n", answered.load());
  EXPECT_EQ(
      json::parse(Get(server.port(), "/api/search?q=trygghetslarm").body)["total"],
      json::parse(RunTool("protokoll-query", {"--db", db, "--format", "json", "trygghetslarm"})
                      .out)["total"]);
}

// The page as a browser builds it: headless Chromium's DOM of a search. A suite of its own,
// since it is skipped where Chromium is not installed: ctest runs ServeTool as one test (one
// index for all), which would not show a skip inside it.
class ServeToolInChromium : public ServeTool {};

// Chromium's path, or "" where it is not installed.
std::string Chromium() {
  std::string chromium;
  for (const char* name : {"chromium", "chromium-browser"}) {
    for (const char* dir : {"/usr/bin", "/usr/local/bin"}) {
      if (fs::exists(fs::path(dir) / name)) chromium = (fs::path(dir) / name).string();
    }
  }
  return chromium;
}

TEST_F(ServeToolInChromium, ShowsTheResults) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed";
  TempDir profile;
  ToolResult r = RunTool(
      chromium,
      {"--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile / "p",
       "--dump-dom", "http://127.0.0.1:" + std::to_string(server_->port()) + "/?q=zebrafinkar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<mark>zebrafinkar</mark>"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("&lt;script async&gt;"), std::string::npos);
  EXPECT_EQ(r.out.find("<script"), std::string::npos);
  EXPECT_NE(r.out.find("1 träff"), std::string::npos);
}

// Statistik's bar chart drew "Kommunstyrelsens arbetsutskott" with its first letters cut off at
// the chart's left edge: in Chromium, with the page's style sheet, every label starts inside
// the chart, a long one ellipsized (its whole name in the bar's tooltip).
TEST(ServeChart, BarLabelsFitInsideTheChart) {
  const std::string chromium = Chromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed";
  TempDir tmp;
  const fs::path archive = tmp.path() / "minutes";
  fs::create_directories(archive);
  std::ofstream(archive / "2025-02-04_ksau.txt")
      << "KUNGSBACKA KOMMUN                 SAMMANTRÄDESPROTOKOLL\n"
         "Kommunstyrelsens arbetsutskott    2025-02-04\n\n§ 1 Budget 2026\n\n"
         "Arbetsutskottet diskuterade budget för 2026.\n";
  const std::string db = tmp / "db";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", db, "--quiet", archive.string()}).exit_code, 0);
  ServerProcess server(db, archive.string());
  ASSERT_GT(server.port(), 0);
  Answer page = Get(server.port(), "/statistik?q=budget&by=body");
  ASSERT_EQ(page.status, 200);
  ASSERT_NE(page.body.find("<title>Kommunstyrelsens arbetsutskott: 1</title>"), std::string::npos)
      << page.body;
  // The page with its style sheet and a script that lists the labels that start left of the
  // chart's edge, as Chromium lays them out.
  std::string html = page.body;
  const std::string sheet = "href=\"/style.css\"";
  html.replace(html.find(sheet), sheet.size(),
               "href=\"http://127.0.0.1:" + std::to_string(server.port()) + "/style.css\"");
  html.replace(html.rfind("</body>"), 7,
               "<script>const cut = [];"
               "for (const t of document.querySelectorAll('svg.chart text')) {"
               "  if (t.getBBox().x < 0) cut.push(t.textContent); }"
               "document.body.insertAdjacentHTML('beforeend', '<p id=\"labels\">' + "
               "document.querySelectorAll('svg.chart text').length + ' labels, cut: ' + "
               "cut.join(' | ') + '.</p>');</script></body>");
  std::ofstream(tmp / "chart.html") << html;
  ToolResult r = RunTool(chromium, {"--headless", "--no-sandbox", "--disable-gpu",
                                    "--user-data-dir=" + tmp / "profile", "--dump-dom",
                                    "file://" + (tmp / "chart.html")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<p id=\"labels\">2 labels, cut: .</p>"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace protokoll::testing
