// The yardstick for durable submissions: raw SQLite inserts of a row of
// the size of an application, one transaction each, with the portal's
// settings (WAL, synchronous=FULL), from T threads on one connection each.
//   bench_raw_inserts PATH SECONDS THREADS
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) return std::cerr << "usage: bench_raw_inserts PATH SECONDS THREADS\n", 2;
  const std::string path = argv[1];
  const int seconds = std::stoi(argv[2]), threads_n = std::stoi(argv[3]);
  sqlite3* setup = nullptr;
  sqlite3_open(path.c_str(), &setup);
  sqlite3_exec(setup, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)", nullptr,
               nullptr, nullptr);
  sqlite3_close(setup);
  const std::string body(1500, 'x');  // about an application's answers
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_n; ++t) {
    threads.emplace_back([&] {
      sqlite3* db = nullptr;
      sqlite3_open(path.c_str(), &db);
      sqlite3_busy_timeout(db, 5000);
      sqlite3_exec(db, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
      sqlite3_stmt* insert = nullptr;
      sqlite3_prepare_v2(db, "INSERT INTO t (body) VALUES (?)", -1, &insert, nullptr);
      while (!stop) {
        sqlite3_bind_text(insert, 1, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
        if (sqlite3_step(insert) == SQLITE_DONE) ++done;
        sqlite3_reset(insert);
      }
      sqlite3_finalize(insert);
      sqlite3_close(db);
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  std::cout << "raw inserts/s: " << done / seconds << "\n";
  return 0;
}
