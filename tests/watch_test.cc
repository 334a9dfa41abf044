// End-to-end tests of saved searches (protokoll-query watch) over generations of the index:
// index minutes with the built protokoll-index, add watches, change the archive, index again,
// and check what `watch run` reports: only items added or changed since the last report,
// each once, also when the indexer is killed or runs at the same time.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "protokoll/schema.h"
#include "tool_runner.h"

namespace protokoll::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The word the watches look for; no sample minute has it.
constexpr char kWord[] = "zebrafinkar";

// Writes a minute with items; an item's text holds kWord where matches says so.
// body: the meeting's, in the heading.
void WriteMinute(const fs::path& file, const std::string& date, const std::vector<bool>& matches,
                 const std::string& extra = "", const std::string& body = "Socialchefsnätverket") {
  fs::create_directories(file.parent_path());
  std::ofstream f(file);
  f << "Minnesanteckningar " << body << " " << date
    << "\n\nNärvarande: Anna Berg, Krokoms kommun\n\n";
  for (std::size_t k = 0; k < matches.size(); ++k) {
    f << k + 1 << ". Ärende " << k + 1 << " om " << (matches[k] ? "zebrafinkar" : "färdtjänst")
      << " " << file.stem().string() << "\n";
    f << "Nätverket diskuterar " << (matches[k] ? "zebrafinkar på äldreboendet" : "resorna")
      << " och hemsjukvård i Krokom. " << (k == 0 ? extra : "") << "\n\n";
  }
}

std::string Label(const json& hit);

class Archive {
 public:
  Archive() : db_(tmp_ / "db"), minutes_(tmp_ / "minutes") {}

  ToolResult Index(std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"--db", db_, "--quiet"};
    args.insert(args.end(), more.begin(), more.end());
    args.push_back(minutes_);
    return RunTool("protokoll-index", args);
  }
  ToolResult Watch(std::vector<std::string> args) {
    args.insert(args.begin(), {"watch"});
    args.insert(args.begin() + 2, {"--db", db_});
    return RunTool("protokoll-query", args);
  }
  // `watch run --format json NAME...`: the items (Label) reported per watch.
  std::map<std::string, std::vector<std::string>> Run(std::vector<std::string> names = {}) {
    std::vector<std::string> args = {"run", "--format", "json"};
    args.insert(args.end(), names.begin(), names.end());
    ToolResult r = Watch(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Reported(r.out);
  }
  static std::map<std::string, std::vector<std::string>> Reported(const std::string& out) {
    std::map<std::string, std::vector<std::string>> ids;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      json j = json::parse(line, nullptr, false);
      EXPECT_TRUE(j.is_object()) << line;
      if (!j.is_object()) continue;
      auto& list = ids[j["name"].get<std::string>()];
      for (const json& hit : j["hits"]) list.push_back(Label(hit));
    }
    return ids;
  }
  // The items (Label) a plain search finds.
  std::set<std::string> Search(const std::string& query) {
    ToolResult r =
        RunTool("protokoll-query", {"--db", db_, "--format", "json", "--limit", "100000", query});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::set<std::string> ids;
    const json answer = json::parse(r.out);
    for (const json& hit : answer["hits"]) ids.insert(Label(hit));
    return ids;
  }
  std::string Minute(const std::string& name) const { return (fs::path(minutes_) / name).string(); }
  const std::string& db() const { return db_; }
  const std::string& minutes() const { return minutes_; }
  const TempDir& tmp() const { return tmp_; }

 private:
  TempDir tmp_;
  std::string db_, minutes_;
};

// "2021-03-10_a.txt §1": a hit's file and item number, for reading the tests' expectations.
std::string Label(const json& hit) {
  const std::string file = hit["file"].get<std::string>();
  const json& number = hit["item"]["number"];
  return file.substr(file.rfind('/') + 1) + " §" +
         (number.is_string() ? number.get<std::string>() : std::string("0"));
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::string Generation(const std::string& db) {
  return Xapian::Database(db).get_metadata(std::string(schema::kGenerationKey));
}

TEST(WatchTool, ReportsOnlyWhatIsNewSinceTheLastRun) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {true, false, true});
  WriteMinute(a.Minute("2021-04-10_b.txt"), "2021-04-10", {false, false});
  ASSERT_EQ(a.Index().exit_code, 0);
  ToolResult add = a.Watch({"add", "finkar", kWord});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("watch 'finkar' added"), std::string::npos) << add.out;
  ASSERT_EQ(a.Watch({"add", "allt", "hemsjukvård"}).exit_code, 0);

  // What matched when the watch was added is not new.
  ToolResult first = a.Watch({"run"});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, "");  // text: nothing at all, so cron mails nothing
  auto runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>());
  EXPECT_EQ(runs["allt"], std::vector<std::string>());

  // Two new files, one with the word: exactly its matching items are new.
  WriteMinute(a.Minute("2019-01-15_c.txt"), "2019-01-15", {false, true, true});
  WriteMinute(a.Minute("2022-05-20_d.txt"), "2022-05-20", {false, false});
  ASSERT_EQ(a.Index().exit_code, 0);
  const std::set<std::string> all = a.Search(kWord);
  ASSERT_EQ(all.size(), 4u);
  std::vector<std::string> of_c;
  for (const std::string& id : all) {
    if (id.rfind("2019-01-15_c.txt", 0) == 0) of_c.push_back(id);
  }
  ASSERT_EQ(of_c.size(), 2u);

  // Searches sorted by when items came into the archive put the new file's first.
  ToolResult added =
      RunTool("protokoll-query", {"--db", a.db(), "--format", "json", "--sort", "added", kWord});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const json by_added = json::parse(added.out)["hits"];
  ASSERT_EQ(by_added.size(), 4u);
  EXPECT_EQ(Label(by_added[0]).rfind("2019-01-15_c.txt", 0), 0u);
  EXPECT_EQ(Label(by_added[1]).rfind("2019-01-15_c.txt", 0), 0u);
  EXPECT_EQ(Label(by_added[2]).rfind("2021-03-10_a.txt", 0), 0u);

  ToolResult json_run = a.Watch({"run", "--format", "json", "--dry-run", "finkar"});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  json line = json::parse(json_run.out);
  EXPECT_EQ(line["name"], "finkar");
  EXPECT_EQ(line["query"], kWord);
  EXPECT_EQ(line["since_generation"], 1);
  EXPECT_EQ(line["generation"], 2);
  // The hits as the search's JSON gives them.
  ToolResult search = RunTool("protokoll-query", {"--db", a.db(), "--format", "json", kWord});
  const json some_hit = json::parse(search.out)["hits"][0];
  ASSERT_EQ(line["hits"].size(), 2u);
  EXPECT_EQ(Sorted({Label(line["hits"][0]), Label(line["hits"][1])}), of_c);
  for (const auto& [key, value] : some_hit.items()) {
    EXPECT_TRUE(line["hits"][0].contains(key)) << key;
  }
  EXPECT_EQ(line["hits"][0].size(), some_hit.size());

  // The text report names the watch and the new items; the dry run recorded nothing.
  ToolResult text = a.Watch({"run", "finkar"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out.rfind("== finkar: zebrafinkar", 0), 0u) << text.out;
  EXPECT_NE(text.out.find("2 items match"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2019-01-15_c.txt"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("2021-03-10_a.txt"), std::string::npos) << text.out;
  runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>());  // reported by the text run
  // The other watch matches every item of both new files, in meeting date order.
  EXPECT_EQ(runs["allt"], (std::vector<std::string>{"2019-01-15_c.txt §1", "2019-01-15_c.txt §2",
                                                    "2019-01-15_c.txt §3", "2022-05-20_d.txt §1",
                                                    "2022-05-20_d.txt §2"}));

  // A second run: nothing.
  runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>());
  EXPECT_EQ(runs["allt"], std::vector<std::string>());

  // Every file touched, one moved, indexed again (and compacted): nothing is new.
  for (const auto& e : fs::directory_iterator(a.minutes())) {
    fs::last_write_time(e.path(), fs::file_time_type::clock::now() + std::chrono::hours(1));
  }
  fs::rename(a.Minute("2021-04-10_b.txt"), a.Minute("2021-04-10_b-flyttad.txt"));
  ToolResult again = a.Index();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>());
  EXPECT_EQ(runs["allt"], std::vector<std::string>());

  // One matching item's text changed: that item, once.
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {true, false, true},
              "Beslut fattades om fler fåglar.");
  ASSERT_EQ(a.Index().exit_code, 0);
  runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>{"2021-03-10_a.txt §1"});
  EXPECT_EQ(runs["allt"], std::vector<std::string>{"2021-03-10_a.txt §1"});
  runs = a.Run();
  EXPECT_EQ(runs["finkar"], std::vector<std::string>());
}

TEST(WatchTool, NamesAndDatabasesAreCheckedWithClearMessages) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {true});
  ToolResult no_db = a.Watch({"add", "finkar", kWord});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_NE(no_db.err.find("no database at"), std::string::npos) << no_db.err;
  EXPECT_EQ(a.Watch({"run"}).exit_code, 2);
  ASSERT_EQ(a.Index().exit_code, 0);

  ASSERT_EQ(a.Watch({"add", "finkar", kWord, "--kommun", "Krokom"}).exit_code, 0);
  ToolResult twice = a.Watch({"add", "finkar", "hemsjukvård"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("a watch named 'finkar' already exists"), std::string::npos)
      << twice.err;
  ToolResult bad_query = a.Watch({"add", "trasig", "(zebrafinkar"});
  EXPECT_EQ(bad_query.exit_code, 1);
  ToolResult unknown = a.Watch({"run", "finkar", "okänd"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no watch named 'okänd'"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(a.Watch({"remove", "okänd"}).exit_code, 1);
  EXPECT_EQ(a.Watch({"frobnicate"}).exit_code, 1);
  EXPECT_EQ(a.Watch({"run", "--format", "csv"}).exit_code, 1);

  ToolResult list = a.Watch({"list", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  json w = json::parse(list.out);
  EXPECT_EQ(w["name"], "finkar");
  EXPECT_EQ(w["query"], kWord);
  EXPECT_EQ(w["filters"]["kommun"], json::array({"Krokom"}));
  EXPECT_EQ(w["generation"], 1);
  ToolResult text_list = a.Watch({"list"});
  EXPECT_NE(text_list.out.find("finkar\tzebrafinkar --kommun 'Krokom'"), std::string::npos)
      << text_list.out;
  // --db may come before the command too.
  ToolResult db_first = RunTool("protokoll-query", {"--db", a.db(), "watch", "list"});
  EXPECT_EQ(db_first.out, text_list.out);
  ToolResult removed = a.Watch({"remove", "finkar"});
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(a.Watch({"list"}).out.find("No watches"), std::string::npos);

  ToolResult help = RunTool("protokoll-query", {"watch", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("watch add"), std::string::npos);
  EXPECT_NE(help.out.find("generation"), std::string::npos);
  EXPECT_NE(help.out.find("cron"), std::string::npos);
}

TEST(WatchTool, AWatchKeepsItsBodyFilter) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {true});
  ASSERT_EQ(a.Index().exit_code, 0);
  ToolResult add = a.Watch({"add", "nätverket", kWord, "--body", "socialchefsnätverket"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.out.find("--body 'socialchefsnätverket'"), std::string::npos) << add.out;
  ToolResult list = a.Watch({"list", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(json::parse(list.out)["filters"]["body"], json::array({"socialchefsnätverket"}));

  // The word comes in minutes of two bodies: the watch reports only its body's.
  WriteMinute(a.Minute("2021-05-10_b.txt"), "2021-05-10", {true, false});
  WriteMinute(a.Minute("2021-05-11_c.txt"), "2021-05-11", {false, true}, "", "Äldrenämnden");
  ASSERT_EQ(a.Index().exit_code, 0);
  ASSERT_EQ(a.Search(kWord).size(), 3u);
  EXPECT_EQ(a.Run()["nätverket"], std::vector<std::string>{"2021-05-10_b.txt §1"});
}

TEST(WatchTool, AReportThatCouldNotBeWrittenIsReportedAgain) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {false});
  ASSERT_EQ(a.Index().exit_code, 0);
  ASSERT_EQ(a.Watch({"add", "finkar", kWord}).exit_code, 0);
  WriteMinute(a.Minute("2021-04-10_b.txt"), "2021-04-10", {true});
  ASSERT_EQ(a.Index().exit_code, 0);
  // stdout on a full disk: the run fails and records nothing.
  const std::string bin =
      (fs::path(PROTOKOLL_BIN_DIR).parent_path() / "query" / "protokoll-query").string();
  const std::string cmd =
      Quote(bin) + " watch run --db " + Quote(a.db()) + " >/dev/full 2>" + Quote(a.tmp() / "err");
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(ReadFile(a.tmp() / "err").find("cannot write the report"), std::string::npos);
  // So the item is still new, and a dry run does not record it either.
  for (int k = 0; k < 2; ++k) {
    ToolResult dry = a.Watch({"run", "--dry-run", "--format", "json"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(Archive::Reported(dry.out)["finkar"],
              std::vector<std::string>{"2021-04-10_b.txt §1"});
  }
  EXPECT_EQ(a.Run()["finkar"], std::vector<std::string>{"2021-04-10_b.txt §1"});
  EXPECT_EQ(a.Run()["finkar"], std::vector<std::string>());
}

TEST(WatchTool, AtomReportHasAnEntryForEachNewItemUnderItsWatch) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {true});
  ASSERT_EQ(a.Index().exit_code, 0);
  ASSERT_EQ(a.Watch({"add", "finkar", kWord}).exit_code, 0);
  ASSERT_EQ(a.Watch({"add", "resor", "resorna"}).exit_code, 0);
  WriteMinute(a.Minute("2019-01-15_c.txt"), "2019-01-15", {false, true});
  ASSERT_EQ(a.Index().exit_code, 0);
  ToolResult atom = a.Watch({"run", "--format", "atom"});
  ASSERT_EQ(atom.exit_code, 0) << atom.err;
  EXPECT_EQ(atom.out.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed", 0), 0u);
  EXPECT_NE(atom.out.find("<title>Protokoll: bevakningar</title>"), std::string::npos);
  std::vector<std::string> entries;
  for (std::size_t at = atom.out.find("<entry>"); at != std::string::npos;
       at = atom.out.find("<entry>", at + 1)) {
    entries.push_back(atom.out.substr(at, atom.out.find("</entry>", at) - at));
  }
  ASSERT_EQ(entries.size(), 2u) << atom.out;
  EXPECT_NE(entries[0].find("<category term=\"finkar\"/>"), std::string::npos) << entries[0];
  EXPECT_NE(entries[0].find("2 Ärende 2 om zebrafinkar"), std::string::npos) << entries[0];
  EXPECT_NE(entries[1].find("<category term=\"resor\"/>"), std::string::npos) << entries[1];
  EXPECT_NE(entries[1].find("1 Ärende 1 om färdtjänst"), std::string::npos) << entries[1];
  // Updated when the item came into the archive (its generation's time), not at its meeting.
  EXPECT_EQ(entries[0].find("<updated>2019-01-15"), std::string::npos) << entries[0];
  EXPECT_NE(entries[0].find("Z</updated>"), std::string::npos) << entries[0];
  EXPECT_EQ(a.Run(),
            (std::map<std::string, std::vector<std::string>>{{"finkar", {}}, {"resor", {}}}));
}

// Writes n minutes of three items each, the second with kWord, into dir.
void WriteMany(const fs::path& dir, int n) {
  for (int i = 0; i < n; ++i) {
    WriteMinute(
        dir / ("2020-02-" + std::to_string(10 + i % 18) + "_n" + std::to_string(1000 + i) + ".txt"),
        "2020-02-" + std::to_string(10 + i % 18), {false, true, false});
  }
}

pid_t StartIndex(const std::string& db, const std::string& dir, int batch) {
  const std::string bin = (fs::path(PROTOKOLL_BIN_DIR) / "protokoll-index").string();
  pid_t pid = fork();
  if (pid == 0) {
    std::FILE* err = std::freopen("/dev/null", "w", stderr);
    (void)err;
    const std::string b = std::to_string(batch);
    execl(bin.c_str(), bin.c_str(), "--db", db.c_str(), "--batch", b.c_str(), "--quiet",
          dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(WatchTool, AKilledIndexRunAdvancesNothingAndItsItemsAreReportedOnceAfterTheRerun) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {false});
  ASSERT_EQ(a.Index().exit_code, 0);
  ASSERT_EQ(a.Watch({"add", "finkar", kWord}).exit_code, 0);
  const std::string before = Generation(a.db());
  const Xapian::doccount docs = Xapian::Database(a.db()).get_doccount();
  WriteMany(fs::path(a.minutes()) / "nya", 300);

  // Killed once some batches are committed, before its last commit.
  bool killed_mid_run = false;
  for (int attempt = 0; attempt < 4 && !killed_mid_run; ++attempt) {
    pid_t pid = StartIndex(a.db(), a.minutes(), 5);
    for (int k = 0; k < 2000; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      try {
        if (Xapian::Database(a.db()).get_doccount() > docs + 10) break;
      } catch (const Xapian::Error&) {
      }
    }
    killed_mid_run = ::kill(pid, SIGKILL) == 0;
    int status = 0;
    waitpid(pid, &status, 0);
    killed_mid_run =
        killed_mid_run && WIFSIGNALED(status) && Xapian::Database(a.db()).get_doccount() > docs;
  }
  if (!killed_mid_run) GTEST_SKIP() << "the indexer finished before it could be killed";
  EXPECT_EQ(Generation(a.db()), before);
  // Its items are in the database, but not yet new for a watch.
  ASSERT_FALSE(a.Search(kWord).empty());
  EXPECT_EQ(a.Run()["finkar"], std::vector<std::string>());

  ASSERT_EQ(a.Index().exit_code, 0);
  EXPECT_NE(Generation(a.db()), before);
  const std::set<std::string> all = a.Search(kWord);
  ASSERT_EQ(all.size(), 300u);
  const std::vector<std::string> reported = a.Run()["finkar"];
  EXPECT_EQ(Sorted(reported), std::vector<std::string>(all.begin(), all.end()));
  EXPECT_EQ(a.Run()["finkar"], std::vector<std::string>());
}

TEST(WatchTool, RunsWhileIndexingLoseNoItemAndReportNoneTwice) {
  Archive a;
  WriteMinute(a.Minute("2021-03-10_a.txt"), "2021-03-10", {false});
  ASSERT_EQ(a.Index().exit_code, 0);
  ASSERT_EQ(a.Watch({"add", "finkar", kWord}).exit_code, 0);
  WriteMany(fs::path(a.minutes()) / "nya", 200);

  std::vector<std::string> reported;
  int runs_during = 0;
  pid_t pid = StartIndex(a.db(), a.minutes(), 5);
  for (bool running = true; running;) {
    int status = 0;
    running = waitpid(pid, &status, WNOHANG) == 0;
    ToolResult r = a.Watch({"run", "--format", "json"});
    // A run that found no database (the compact copy taking its place) reports nothing.
    if (r.exit_code != 0) {
      EXPECT_EQ(r.out, "") << r.err;
      continue;
    }
    ++runs_during;
    const std::vector<std::string> ids = Archive::Reported(r.out)["finkar"];
    reported.insert(reported.end(), ids.begin(), ids.end());
  }
  const std::vector<std::string> last = a.Run()["finkar"];
  reported.insert(reported.end(), last.begin(), last.end());
  const std::set<std::string> all = a.Search(kWord);
  ASSERT_EQ(all.size(), 200u);
  EXPECT_EQ(Sorted(reported), std::vector<std::string>(all.begin(), all.end()));
  EXPECT_GT(runs_during, 0);
}

}  // namespace
}  // namespace protokoll::testing
