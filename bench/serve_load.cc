// serve_load: a closed-loop HTTP load of protokoll-serve for bench/serve_bench.py. Each of
// --clients threads keeps one connection and sends the targets (one a line of --targets, in
// turn from its own starting point) for --seconds; prints requests, failures, requests per
// second and latency percentiles as one JSON object.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t k = static_cast<std::size_t>(p * (sorted.size() - 1) + 0.5);
  return sorted[std::min(k, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  int port = 8080, clients = 1;
  double seconds = 10;
  std::string targets_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--port") port = std::stoi(value);
    if (flag == "--clients") clients = std::max(1, std::stoi(value));
    if (flag == "--seconds") seconds = std::stod(value);
    if (flag == "--targets") targets_file = value;
  }
  std::vector<std::string> targets;
  std::ifstream in(targets_file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) targets.push_back(line);
  }
  if (targets.empty()) {
    std::cerr << "serve_load: --port P --clients N --seconds S --targets FILE (one path a line)\n";
    return 1;
  }
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<long> failed{0};
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_url_encode(false);
      client.set_read_timeout(60, 0);
      for (std::size_t n = c * 7; Clock::now() < end; ++n) {
        const auto start = Clock::now();
        auto res = client.Get(targets[n % targets.size()].c_str());
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (!res || res->status != 200) ++failed;
        latencies[c].push_back(ms);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  nlohmann::json out = {{"clients", clients},
                        {"seconds", seconds},
                        {"requests", all.size()},
                        {"failed", failed.load()},
                        {"requests_per_second", all.size() / seconds},
                        {"p50_ms", Percentile(all, 0.50)},
                        {"p95_ms", Percentile(all, 0.95)}};
  std::cout << out.dump() << "\n";
  return 0;
}
