// Helpers for end-to-end tests: run a built tool, capture its output and exit code, and
// make temporary folders that clean up after themselves.
#ifndef PROTOKOLL_TESTS_TOOL_RUNNER_H_
#define PROTOKOLL_TESTS_TOOL_RUNNER_H_

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace protokoll::testing {

struct ToolResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "protokoll-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs tool (a name in PROTOKOLL_BIN_DIR or a path) with shell-quoted args.
inline ToolResult RunTool(const std::string& tool, const std::vector<std::string>& args,
                          const std::string& stdin_text = "") {
  static TempDir io;
  // Tools live in per-module folders of the build tree.
  std::string bin = tool;
  for (const char* module : {"indexer", "query", "stemming"}) {
    auto p = std::filesystem::path(PROTOKOLL_BIN_DIR).parent_path() / module / tool;
    if (tool.find('/') == std::string::npos && std::filesystem::exists(p)) bin = p.string();
  }
  std::string cmd = Quote(bin);
  for (const auto& a : args) cmd.append(" ").append(Quote(a));
  std::string in = io / "stdin", out = io / "stdout", err = io / "stderr";
  std::ofstream(in) << stdin_text;
  cmd.append(" <")
      .append(Quote(in))
      .append(" >")
      .append(Quote(out))
      .append(" 2>")
      .append(Quote(err));
  int status = std::system(cmd.c_str());
  ToolResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

inline std::string SourceDir() { return PROTOKOLL_SOURCE_DIR; }

}  // namespace protokoll::testing

#endif  // PROTOKOLL_TESTS_TOOL_RUNNER_H_
