#pragma once
// Runs a job every `interval` on a background thread until destroyed (e.g.
// expiring offers whose deadline has passed). Every node may run one: the
// jobs are idempotent transactions.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace cohort::app {

class Sweeper {
 public:
  Sweeper(std::chrono::milliseconds interval, std::function<void()> job);
  ~Sweeper();
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

 private:
  std::chrono::milliseconds interval_;
  std::function<void()> job_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cohort::app
