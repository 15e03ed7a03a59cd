#pragma once
// Fixed threads that run request handlers, so database work never blocks
// the I/O threads. The queue is bounded: TryPost refuses work beyond it
// and the server answers 503 at once.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace cohort::http {

class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queue);
  ~WorkerPool();  // finishes queued work, then joins

  // Queues `job`; false when the queue is full.
  bool TryPost(std::function<void()> job);
  std::size_t queued() const;
  int busy() const;
  int size() const { return static_cast<int>(threads_.size()); }

 private:
  void Loop();
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t max_queue_;
  int busy_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace cohort::http
