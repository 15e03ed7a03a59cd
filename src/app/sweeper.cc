#include "app/sweeper.h"

namespace cohort::app {

Sweeper::Sweeper(std::chrono::milliseconds interval, std::function<void()> job)
    : interval_(interval), job_(std::move(job)) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      if (cv_.wait_for(lock, interval_, [this] { return stopping_; })) break;
      lock.unlock();
      job_();
      lock.lock();
    }
  });
}

Sweeper::~Sweeper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace cohort::app
