// Autosave under applicants typing: C clients, each on its own draft, save
// a changed answer, wait about the web page's debounce (500-900 ms) and
// save again, for S seconds. Prints the latency percentiles of the saves.
//   bench_autosave_load PORT DRAFTS_FILE CLIENTS SECONDS
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/http_client.h"

int main(int argc, char** argv) {
  if (argc != 5) return std::cerr << "usage: bench_autosave_load PORT DRAFTS_FILE CLIENTS SECONDS\n", 2;
  const int port = std::stoi(argv[1]), clients = std::stoi(argv[3]), seconds = std::stoi(argv[4]);
  std::vector<std::pair<std::string, std::string>> drafts;
  std::ifstream in(argv[2]);
  for (std::string id, token; in >> id >> token;) drafts.emplace_back(id, token);
  if (static_cast<int>(drafts.size()) < clients) return std::cerr << "not enough drafts\n", 1;
  std::mutex mu;
  std::vector<double> latencies_ms;
  std::atomic<int> failures{0};
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      cohort::testing::HttpClient client(port);
      std::mt19937 rng(static_cast<unsigned>(c));
      const auto& [id, token] = drafts[static_cast<std::size_t>(c)];
      const std::vector<std::pair<std::string, std::string>> auth = {{"Authorization", "Bearer " + token},
                                                                      {"Content-Type", "application/json"}};
      auto current = client.Get("/api/v1/applications/" + id, {{"Authorization", "Bearer " + token}});
      long version = current.Json()["version"];
      std::string text = "Diplomatik xidmətdə";
      std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 700)(rng)));
      std::vector<double> mine;
      while (std::chrono::steady_clock::now() < end) {
        text += " söz";
        const std::string body = nlohmann::json{{"answers", {{"motivation", text}}}, {"version", version}}.dump();
        const auto t0 = std::chrono::steady_clock::now();
        auto r = client.Request("PATCH", "/api/v1/applications/" + id, body, auth);
        const auto t1 = std::chrono::steady_clock::now();
        if (r.status == 200) {
          version = r.Json()["version"];
          mine.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        } else {
          ++failures;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(500, 900)(rng)));
      }
      std::lock_guard lock(mu);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  std::sort(latencies_ms.begin(), latencies_ms.end());
  auto pct = [&](double p) { return latencies_ms.empty() ? 0 : latencies_ms[static_cast<std::size_t>(p * (latencies_ms.size() - 1))]; };
  std::cout << "autosaves: " << latencies_ms.size() << " (" << failures << " failed) from " << clients
            << " clients; p50 " << pct(0.5) << " ms, p99 " << pct(0.99) << " ms, max " << latencies_ms.back() << " ms\n";
  return failures > 0 ? 1 : 0;
}
