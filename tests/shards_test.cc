// Sharded databases: protokoll-index --shard-by, and searching the shards through a stub
// database, local or served by Xapian's own xapian-tcpsrv, as one database of the same minutes.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "protokoll/query/query.h"
#include "protokoll/schema.h"
#include "protokoll/status.h"
#include "tool_runner.h"

namespace protokoll {
namespace {

namespace fs = std::filesystem;
using testing::RunTool;
using testing::SourceDir;
using testing::TempDir;

std::string Minutes() { return SourceDir() + "/corpus/minutes"; }

void CopyMinutes(const fs::path& dir) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(Minutes())) {
    if (e.path().extension() == ".txt") fs::copy_file(e.path(), dir / e.path().filename());
  }
}

// The shards a stub database lists, as paths.
std::vector<std::string> Shards(const fs::path& stub) {
  std::vector<std::string> out;
  std::ifstream in(stub / "XAPIANDB");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("auto ", 0) == 0) out.push_back((stub / line.substr(5)).string());
  }
  return out;
}

// Item ids (Q terms) of a database, sorted.
std::vector<std::string> ItemIds(const std::string& db) {
  Xapian::Database d(db);
  std::vector<std::string> ids;
  for (auto it = d.allterms_begin("Q"); it != d.allterms_end("Q"); ++it) ids.push_back(*it);
  return ids;
}

// A program on PATH, or "".
std::string Which(const std::string& name) {
  std::istringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
  for (std::string dir; std::getline(path, dir, ':');) {
    const fs::path p = fs::path(dir) / name;
    if (::access(p.c_str(), X_OK) == 0) return p.string();
  }
  return "";
}

// A port on 127.0.0.1 that nothing listens on just now.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  ::close(fd);
  return port;
}

bool Listening(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// xapian-tcpsrv serving databases on a free loopback port, in a session of its own: stopped,
// it sends SIGTERM to its whole process group, which must not be the test's.
class TcpServer {
 public:
  TcpServer(const std::string& program, const std::vector<std::string>& dbs) {
    for (int attempt = 0; attempt < 5 && !ok(); ++attempt) {
      const int port = FreePort();
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::setsid();
        if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
        if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
        std::vector<std::string> args = {program, "--interface", "127.0.0.1", "--port",
                                         std::to_string(port)};
        args.insert(args.end(), dbs.begin(), dbs.end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
      }
      for (int wait = 0; wait < 100; ++wait) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) break;  // it failed: another port
        if (Listening(port)) {
          pid_ = pid;
          port_ = port;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (!ok() && ::kill(pid, SIGKILL) == 0) ::waitpid(pid, nullptr, 0);
    }
  }
  ~TcpServer() { Stop(); }
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  bool ok() const { return pid_ > 0; }
  std::string StubLine() const { return "remote 127.0.0.1:" + std::to_string(port_); }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// The answers of each command (as protokoll-query prints them) on db, by a session opened
// now, each headed by the options that asked for it.
std::vector<std::string> Answers(const std::string& db) {
  std::unique_ptr<query::Session> session;
  Status st = query::Session::Open(db, &session);
  EXPECT_TRUE(st.ok()) << st.message();
  if (!st.ok()) return {};
  std::vector<std::string> out;
  using query::Command;
  using query::Format;
  using query::SortOrder;
  using query::StatsBy;
  for (const std::string q : {"familjehem", "missbruk", "beslut:budget", "samverkan OR avtal",
                              "län:jämtland", "zebrafiskprojektet"}) {
    std::vector<std::pair<std::string, query::QueryOptions>> asks;
    query::QueryOptions o;
    o.query = q;
    o.format = Format::kJson;
    o.facets = true;
    o.limit = 200;
    asks.push_back({"search --facets", o});
    o.limit = 3;  // fewer hits than matches: the facets still count them all
    asks.push_back({"search --facets --limit 3", o});
    o.limit = 200;
    o.facets = false;
    o.sort = SortOrder::kDate;
    asks.push_back({"search --sort date", o});
    o.sort = SortOrder::kRelevance;
    o.collapse = true;
    asks.push_back({"search --collapse", o});
    o.collapse = false;
    o.recent = true;
    asks.push_back({"search --recent", o});
    o.recent = false;
    o.limit = -1;
    o.command = Command::kTimeline;
    asks.push_back({"timeline", o});
    o.command = Command::kKwic;
    o.format = Format::kCsv;
    o.width = 30;
    asks.push_back({"kwic", o});
    o.format = Format::kJson;
    o.command = Command::kStats;
    for (StatsBy by : {StatsBy::kCounty, StatsBy::kYear, StatsBy::kTopic, StatsBy::kBody,
                       StatsBy::kMunicipality}) {
      o.by = by;
      asks.push_back({"stats --by " + std::to_string(static_cast<int>(by)), o});
    }
    for (const auto& [label, options] : asks) {
      std::ostringstream answer, notes;
      Status s = session->Run(options, answer, notes);
      out.push_back(label + " " + q + "\n" + (s.ok() ? "" : "error: " + s.message()) +
                    answer.str());
    }
  }
  return out;
}

void ExpectSameAnswers(const std::string& one, const std::string& sharded) {
  const std::vector<std::string> a = Answers(one), b = Answers(sharded);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k] == b[k]) continue;
    std::size_t at = 0;
    while (at < a[k].size() && at < b[k].size() && a[k][at] == b[k][at]) ++at;
    const std::size_t from = at > 120 ? at - 120 : 0;
    ADD_FAILURE() << sharded << ": " << a[k].substr(0, a[k].find('\n'))
                  << " differs from one database at byte " << at
                  << ":\n  one: " << a[k].substr(from, 240)
                  << "\n  sharded: " << b[k].substr(from, 240);
  }
}

TEST(ShardTool, ShardByYearMakesAStubOfOneShardAYear) {
  TempDir tmp;
  CopyMinutes(tmp.path() / "arkiv");
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", "--shard-by", "year", tmp / "arkiv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto shards = Shards(tmp.path() / "db");
  ASSERT_GE(shards.size(), 5u);
  std::size_t docs = 0;
  for (const std::string& shard : shards) {
    Xapian::Database d(shard);
    const std::string key = d.get_metadata(std::string(schema::kShardKey));
    ASSERT_EQ(key.rfind("year ", 0), 0u) << shard;
    // Every item of the shard is of its year.
    if (key != "year -") {
      EXPECT_EQ(d.get_termfreq("Y" + key.substr(5)), d.get_doccount()) << key;
    }
    docs += d.get_doccount();
  }
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "one", tmp / "arkiv"}).exit_code, 0);
  EXPECT_EQ(docs, Xapian::Database(tmp / "one").get_doccount());
  EXPECT_EQ(ItemIds(tmp / "db"), ItemIds(tmp / "one"));  // ids unique across shards
  // A second run remembers the sharding, and a run asking for another is refused.
  auto again = RunTool("protokoll-index", {"--db", tmp / "db", tmp / "arkiv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("indexed 0 files"), std::string::npos) << again.err;
  auto other =
      RunTool("protokoll-index", {"--db", tmp / "db", "--shard-by", "county", tmp / "arkiv"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(other.err.find("sharded by year"), std::string::npos) << other.err;
  EXPECT_EQ(RunTool("protokoll-index", {"--db", tmp / "one", "--shard-by", "year", tmp / "arkiv"})
                .exit_code,
            1);
}

TEST(ShardTool, AMeetingWhoseYearChangesMovesToItsNewShard) {
  TempDir tmp;
  fs::create_directories(tmp.path() / "arkiv");
  const fs::path file = tmp.path() / "arkiv" / "moved.txt";
  auto write = [&](const std::string& date) {
    std::ofstream(file)
        << "Socialchefsnätverket\n\nTid: " << date
        << "\nDeltagare: Anna Ek, Berg\n\n§ 1 Flyttärende\nOm flyttfågelprojektet.\n";
    std::ofstream(tmp.path() / "arkiv" / "stays.txt")
        << "Socialchefsnätverket\n\nTid: 2019-05-02\nDeltagare: Per Lund, Bräcke\n\n"
           "§ 1 Ärende\nOm sprutbyte.\n";
  };
  write("2020-03-04");
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db", "--shard-by", "year", tmp / "arkiv"})
                .exit_code,
            0);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  write("2021-03-04");
  auto r = RunTool("protokoll-index", {"--db", tmp / "db", tmp / "arkiv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Xapian::Database(tmp / "db/year-2020").get_termfreq("flyttfågelprojektet"), 0u);
  EXPECT_EQ(Xapian::Database(tmp / "db/year-2020").get_metadata("file:arkiv/moved.txt"), "");
  EXPECT_GT(Xapian::Database(tmp / "db/year-2021").get_termfreq("flyttfågelprojektet"), 0u);
  EXPECT_GT(Xapian::Database(tmp / "db/year-2019").get_termfreq("sprutbyte"), 0u);
  auto q =
      RunTool("protokoll-query", {"--db", tmp / "db", "--format", "json", "flyttfågelprojektet"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  auto hits = nlohmann::json::parse(q.out)["hits"];
  ASSERT_EQ(hits.size(), 1u) << q.out;
  EXPECT_EQ(hits[0]["meeting_date"], "2021-03-04");
  // Deleted: gone from its shard.
  fs::remove(file);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db", tmp / "arkiv"}).exit_code, 0);
  EXPECT_EQ(Xapian::Database(tmp / "db").get_termfreq("flyttfågelprojektet"), 0u);
}

TEST(ShardTool, RemoteShardsOnXapianTcpsrvAnswerAsOneDatabase) {
  const std::string tcpsrv = Which("xapian-tcpsrv");
  if (tcpsrv.empty()) GTEST_SKIP() << "xapian-tcpsrv (Debian's xapian-tools) is not installed";
  TempDir tmp;
  CopyMinutes(tmp.path() / "arkiv");
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "one", tmp / "arkiv"}).exit_code, 0);
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "db", "--shard-by", "year", tmp / "arkiv"})
                .exit_code,
            0);
  const auto shards = Shards(tmp.path() / "db");
  ASSERT_GE(shards.size(), 4u);
  // Two servers, each serving half of the shards (the first server's first is the stub's).
  const std::size_t half = shards.size() / 2;
  TcpServer first(tcpsrv, {shards.begin(), shards.begin() + half});
  TcpServer second(tcpsrv, {shards.begin() + half, shards.end()});
  ASSERT_TRUE(first.ok() && second.ok()) << "xapian-tcpsrv did not start";
  fs::create_directories(tmp.path() / "remote");
  std::ofstream(tmp.path() / "remote" / "XAPIANDB") << first.StubLine() << "\n"
                                                    << second.StubLine() << "\n";
  // A mix: the first half local, the rest remote.
  fs::create_directories(tmp.path() / "mixed");
  {
    std::ofstream mixed(tmp.path() / "mixed" / "XAPIANDB");
    for (std::size_t k = 0; k < half; ++k) mixed << "auto " << shards[k] << "\n";
    mixed << second.StubLine() << "\n";
  }
  ExpectSameAnswers(tmp / "one", tmp / "db");
  ExpectSameAnswers(tmp / "one", tmp / "remote");
  ExpectSameAnswers(tmp / "one", tmp / "mixed");

  // A session opened before an incremental run sees it, and the servers are not restarted.
  std::unique_ptr<query::Session> session;
  ASSERT_TRUE(query::Session::Open(tmp / "remote", &session).ok());
  query::QueryOptions o;
  o.format = query::Format::kText;  // matches marked [[so]]
  o.query = "zebrafiskprojektet";
  std::ostringstream out, err;
  ASSERT_TRUE(session->Run(o, out, err).ok()) << err.str();
  EXPECT_EQ(out.str().find("[[zebrafiskprojektet]]"), std::string::npos) << out.str();
  query::QueryOptions year = o;
  year.query = "år:2022";
  year.format = query::Format::kJson;
  std::ostringstream year_out;
  ASSERT_TRUE(session->Run(year, year_out, err).ok()) << err.str();
  const int year_items = nlohmann::json::parse(year_out.str())["total"].get<int>();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  fs::path changed;
  for (const auto& e : fs::directory_iterator(tmp.path() / "arkiv")) {
    if (changed.empty() || e.path() > changed) changed = e.path();  // the newest: a late shard
  }
  std::ofstream(changed, std::ios::app) << "\nÖvrigt: zebrafiskprojektet diskuterades.\n";
  fs::copy_file(tmp.path() / "arkiv" / "2022-03-25_socialchefsnatverket-dalarna.txt",
                tmp.path() / "arkiv" / "2022-03-26_kopia.txt");
  ASSERT_EQ(RunTool("protokoll-index", {"--db", tmp / "one", tmp / "arkiv"}).exit_code, 0);
  auto update = RunTool("protokoll-index", {"--db", tmp / "db", tmp / "arkiv"});
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_NE(update.err.find("indexed 2 files"), std::string::npos) << update.err;
  ASSERT_EQ(Shards(tmp.path() / "db"), shards);  // no new shard: the servers serve them all
  out.str("");
  ASSERT_TRUE(session->Run(o, out, err).ok()) << err.str();
  EXPECT_NE(out.str().find("[[zebrafiskprojektet]]"), std::string::npos) << out.str();
  year_out.str("");
  ASSERT_TRUE(session->Run(year, year_out, err).ok()) << err.str();
  EXPECT_GT(nlohmann::json::parse(year_out.str())["total"].get<int>(), year_items);
  ExpectSameAnswers(tmp / "one", tmp / "remote");
  ExpectSameAnswers(tmp / "one", tmp / "mixed");

  // A server that stops: named, or left out with --allow-partial.
  second.Stop();
  auto down = RunTool("protokoll-query", {"--db", tmp / "remote", "familjehem"});
  EXPECT_EQ(down.exit_code, 2);
  EXPECT_NE(down.err.find("the shard '" + second.StubLine() + "'"), std::string::npos) << down.err;
  auto partial = RunTool("protokoll-query", {"--db", tmp / "mixed", "--allow-partial", "--format",
                                             "json", "familjehem"});
  EXPECT_EQ(partial.exit_code, 0) << partial.err;
  EXPECT_NE(partial.err.find(second.StubLine() + "' did not answer"), std::string::npos)
      << partial.err;
}

// xapian-replicate-server serving the databases in a folder, on a free loopback port, in a
// session of its own (as TcpServer).
class ReplicateServer {
 public:
  ReplicateServer(const std::string& program, const std::string& parent) {
    for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
      const int port = FreePort();
      const pid_t pid = ::fork();
      if (pid == 0) {
        ::setsid();
        if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
        if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
        const std::string p = std::to_string(port);
        ::execl(program.c_str(), program.c_str(), "--interface", "127.0.0.1", "--port", p.c_str(),
                parent.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
      }
      for (int wait = 0; wait < 100; ++wait) {
        if (::waitpid(pid, nullptr, WNOHANG) == pid) break;
        if (Listening(port)) {
          pid_ = pid;
          port_ = port;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      if (pid_ <= 0 && ::kill(pid, SIGKILL) == 0) ::waitpid(pid, nullptr, 0);
    }
  }
  ~ReplicateServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  bool ok() const { return pid_ > 0; }
  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST(Replica, XapianReplicateKeepsAReadReplicaCurrent) {
  const std::string server = Which("xapian-replicate-server"), client = Which("xapian-replicate");
  if (server.empty() || client.empty()) {
    GTEST_SKIP() << "xapian-replicate (Debian's xapian-tools) is not installed";
  }
  TempDir tmp;
  CopyMinutes(tmp.path() / "arkiv");
  fs::create_directories(tmp.path() / "master");
  const std::string master = tmp / "master/arkiv-db", replica = tmp / "replica";
  // The writer keeps changesets for replicas when XAPIAN_MAX_CHANGESETS is set.
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  auto index = RunTool("protokoll-index", {"--db", master, tmp / "arkiv"});
  ASSERT_EQ(index.exit_code, 0) << index.err;
  ReplicateServer serving(server, tmp / "master");
  ASSERT_TRUE(serving.ok()) << "xapian-replicate-server did not start";
  const std::vector<std::string> replicate = {
      "-v",       "--one-shot", "--host", "127.0.0.1", "--port", std::to_string(serving.port()),
      "--master", "arkiv-db",   replica};
  auto first = RunTool(client, replicate);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  ExpectSameAnswers(master, replica);

  // A session on the replica sees what a later replication brings, without a restart.
  std::unique_ptr<query::Session> session;
  ASSERT_TRUE(query::Session::Open(replica, &session).ok());
  query::QueryOptions o;
  o.query = "koalaprojektet";
  std::ostringstream out, err;
  ASSERT_TRUE(session->Run(o, out, err).ok()) << err.str();
  EXPECT_EQ(out.str().find("[[koalaprojektet]]"), std::string::npos) << out.str();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::ofstream(tmp.path() / "arkiv" / "2016-12-06_lansnatverket-funktionshinderfragor.txt",
                std::ios::app)
      << "\nÖvrigt: koalaprojektet diskuterades.\n";
  index = RunTool("protokoll-index", {"--db", master, tmp / "arkiv"});
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
  ASSERT_EQ(index.exit_code, 0) << index.err;
  auto second = RunTool(client, replicate);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  // By a changeset, not a copy of the whole database.
  EXPECT_NE((second.out + second.err).find("0 copies, 1 changesets"), std::string::npos)
      << second.out << second.err;
  out.str("");
  ASSERT_TRUE(session->Run(o, out, err).ok()) << err.str();
  EXPECT_NE(out.str().find("[[koalaprojektet]]"), std::string::npos) << out.str();
  ExpectSameAnswers(master, replica);
}

// Minutes across three years, enough that a run takes a while.
void WriteSynthetic(const fs::path& dir, int n) {
  fs::create_directories(dir);
  for (int i = 0; i < n; ++i) {
    std::ofstream f(dir / ("protokoll-" + std::to_string(1000 + i) + ".txt"));
    f << "Minnesanteckningar nätverket " << (2019 + i % 3) << "-03-" << (10 + i % 18)
      << "\n\nNärvarande: Anna Berg, " << (i % 2 ? "Krokoms kommun" : "Umeå kommun") << "\n\n";
    for (int k = 1; k <= 6; ++k) {
      f << k << ". Ärende " << k << " om familjehem och sprutbyte nummer" << i << "\n";
      for (int s = 0; s < 30; ++s) f << "Nätverket diskuterar placeringar och hemsjukvård. ";
      f << "\n\n";
    }
  }
}

TEST(ShardTool, KilledShardedRunResumesToWholeShards) {
  TempDir tmp;
  WriteSynthetic(tmp.path() / "arkiv", 600);
  std::string clean = tmp / "clean", crashed = tmp / "crashed";
  ASSERT_EQ(RunTool("protokoll-index", {"--db", clean, "--quiet", tmp / "arkiv"}).exit_code, 0);
  std::string bin = fs::path(PROTOKOLL_BIN_DIR) / "protokoll-index";
  bool killed_mid_run = false;
  for (int attempt = 0; attempt < 4 && !killed_mid_run; ++attempt) {
    pid_t pid = fork();
    if (pid == 0) {
      if (std::freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
      std::string dir = tmp / "arkiv";
      execl(bin.c_str(), bin.c_str(), "--db", crashed.c_str(), "--shard-by", "county", "--batch",
            "20", "--quiet", dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 200 * attempt));
    killed_mid_run = ::kill(pid, SIGKILL) == 0;
    int status = 0;
    waitpid(pid, &status, 0);
    killed_mid_run = killed_mid_run && WIFSIGNALED(status);
  }
  // The same command again (a kill before the stub was written leaves nothing to remember).
  auto rerun = RunTool("protokoll-index", {"--db", crashed, "--shard-by", "county", tmp / "arkiv"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(ItemIds(crashed), ItemIds(clean));
  const auto shards = Shards(crashed);
  EXPECT_EQ(shards.size(), 2u);  // Jämtlands län, Västerbottens län
  const std::string check = Which("xapian-check");
  for (const std::string& shard : shards) {
    Xapian::Database d(shard);
    const std::string county = d.get_metadata(std::string(schema::kShardKey)).substr(7);
    EXPECT_EQ(d.get_termfreq("XL" + county), d.get_doccount()) << shard;
    if (!check.empty()) {
      auto r = RunTool(check, {shard});
      EXPECT_EQ(r.exit_code, 0) << shard << ": " << r.out << r.err;
    }
  }
}

}  // namespace
}  // namespace protokoll
