// The text the micro benchmarks run on: the *.txt minutes of $PROTOKOLL_BENCH_TEXT when set,
// else the sample minutes in the repository (corpus/minutes/, always present), file by file
// and joined. Real minutes, so vocabulary, line structure and item marks are as the indexer
// meets them. Also the queries of the query benchmarks.
#ifndef PROTOKOLL_BENCH_BENCH_TEXT_H_
#define PROTOKOLL_BENCH_BENCH_TEXT_H_

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace protokoll::bench {

struct SampleFile {
  std::string path;
  std::string bytes;
};

inline std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The sample files, sorted by path; empty if the folder has none.
inline const std::vector<SampleFile>& SampleFiles() {
  static const std::vector<SampleFile> files = [] {
    namespace fs = std::filesystem;
    const char* env = std::getenv("PROTOKOLL_BENCH_TEXT");
    fs::path dir = env && *env ? fs::path(env) : fs::path(PROTOKOLL_SOURCE_DIR) / "corpus/minutes";
    std::vector<SampleFile> out;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".txt") {
        out.push_back({entry.path().string(), ReadAll(entry.path())});
      }
    }
    std::sort(out.begin(), out.end(),
              [](const SampleFile& a, const SampleFile& b) { return a.path < b.path; });
    return out;
  }();
  return files;
}

// All sample files joined by blank lines.
inline const std::string& SampleText() {
  static const std::string text = [] {
    std::string all;
    for (const SampleFile& f : SampleFiles()) {
      all += f.bytes;
      all += "\n\n";
    }
    return all;
  }();
  return text;
}

// Skips the benchmark (with a message) when there is no sample text; true if it may run.
inline bool HaveText(benchmark::State& state) {
  if (SampleText().empty()) {
    state.SkipWithError("no *.txt minutes in $PROTOKOLL_BENCH_TEXT or corpus/minutes");
    return false;
  }
  return true;
}

// Reports bytes_per_second for bytes processed per iteration.
inline void SetBytes(benchmark::State& state, std::size_t bytes_per_iteration) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes_per_iteration));
}

// Reports items_per_second for items processed per iteration.
inline void SetItems(benchmark::State& state, std::size_t items_per_iteration) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(items_per_iteration));
}

}  // namespace protokoll::bench

#endif  // PROTOKOLL_BENCH_BENCH_TEXT_H_
