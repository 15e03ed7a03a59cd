#pragma once
// Delivers the outbox. Any number of nodes may run a worker on one
// database: a message is claimed (FOR UPDATE SKIP LOCKED on PostgreSQL; the
// single writer on SQLite) before it is sent, so two nodes never send it at
// the same time. A failed delivery is retried with exponential back-off
// (15 s doubling up to 1 h) and given up after 12 attempts; every attempt
// is logged in outbox_deliveries. A node that dies after sending but before
// recording it sends the message again once its claim (5 minutes) lapses:
// delivery is at least once.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "db/database.h"
#include "domain/notifications/smtp.h"

namespace cohort::notifications {

class OutboxWorker {
 public:
  OutboxWorker(db::Database& db, const Clock& clock, SmtpSettings smtp, std::string node,
               std::chrono::milliseconds poll);
  ~OutboxWorker();

  // Claims the messages that are due and tries each once. Returns how many
  // were sent.
  Result<int> RunOnce();

  // Runs RunOnce every `poll` in a background thread until destruction.
  void Start();

  static constexpr int kMaxAttempts = 12;
  static std::chrono::seconds Backoff(int attempts);  // after `attempts` failures

 private:
  db::Database& db_;
  const Clock& clock_;
  SmtpSettings smtp_;
  std::string node_;
  std::chrono::milliseconds poll_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace cohort::notifications
