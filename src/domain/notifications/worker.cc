#include "domain/notifications/worker.h"

#include <date/date.h>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"

namespace cohort::notifications {
namespace {

// A claim must outlast the whole batch: 20 messages × at most 15 s each.
constexpr int kBatch = 10;
constexpr auto kClaim = std::chrono::minutes(10);

struct Claimed {
  std::string id, to, subject, body;
  int attempts;
  std::string attachment_name, attachment_type, attachment;
};

std::string Rfc5322Date(TimePoint t) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000", std::chrono::floor<std::chrono::seconds>(t));
}

}  // namespace

OutboxWorker::OutboxWorker(db::Database& db, const Clock& clock, SmtpSettings smtp, std::string node,
                           std::chrono::milliseconds poll)
    : db_(db), clock_(clock), smtp_(std::move(smtp)), node_(std::move(node)), poll_(poll) {}

OutboxWorker::~OutboxWorker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::chrono::seconds OutboxWorker::Backoff(int attempts) {
  const int exponent = std::min(attempts - 1, 8);
  return std::min(std::chrono::seconds(15) * (1 << std::max(exponent, 0)), std::chrono::seconds(3600));
}

void OutboxWorker::Start() {
  thread_ = std::thread([this] {
    for (;;) {
      auto sent = RunOnce();
      if (!sent) LogEvent(LogLevel::kWarn, "outbox pass failed", {{"error", sent.error().message()}});
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, poll_, [&] { return stopping_; })) return;
    }
  });
}

Result<int> OutboxWorker::RunOnce() {
  const auto now = clock_.Now();
  const std::string at = FormatUtc(now);
  auto claimed = db_.Write([&](db::Tx& tx) -> Result<std::vector<Claimed>> {
    const std::string lock = tx.engine() == db::Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
    auto rows = tx.Query(
        "UPDATE outbox SET claimed_by = :node, claimed_until = :until WHERE id IN ("
        "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= :now "
        "AND (claimed_until IS NULL OR claimed_until < :now) ORDER BY next_attempt_at, id LIMIT :n" +
            lock + ") RETURNING id, to_address, subject, body, attempts, attachment_name, attachment_type, attachment",
        {db::P("node", node_), db::P("until", FormatUtc(now + kClaim)), db::P("now", at), db::P("n", kBatch)});
    if (!rows) return rows.error();
    std::vector<Claimed> out;
    for (const auto& r : *rows) {
      out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), static_cast<int>(r.Int(4)), r.Text(5), r.Text(6), r.Text(7)});
    }
    return out;
  });
  if (!claimed) return claimed.error();
  int sent = 0;
  for (const auto& m : *claimed) {
    const auto attempt_at = clock_.Now();
    auto result = SendSmtp(smtp_, {m.to, m.subject, m.body, m.id + "@cohort", Rfc5322Date(attempt_at), m.attachment_name,
                                   m.attachment_type, m.attachment});
    const int attempts = m.attempts + 1;
    const std::string detail = result ? "250 accepted" : result.error().message();
    auto recorded = db_.Write([&](db::Tx& tx) -> Result<void> {
      auto log = tx.Exec(
          "INSERT INTO outbox_deliveries (outbox_id, attempt, at, node, ok, detail) "
          "VALUES (:id, :attempt, :at, :node, :ok, :detail)",
          {db::P("id", m.id), db::P("attempt", attempts), db::P("at", FormatUtc(attempt_at)), db::P("node", node_),
           db::P("ok", result.ok()), db::P("detail", detail)});
      if (!log) return log.error();
      if (result) {
        auto u = tx.Exec(
            "UPDATE outbox SET status = 'sent', sent_at = :at, attempts = :attempts, claimed_by = NULL, "
            "claimed_until = NULL, last_error = NULL WHERE id = :id AND claimed_by = :node",
            {db::P("at", FormatUtc(attempt_at)), db::P("attempts", attempts), db::P("id", m.id), db::P("node", node_)});
        if (!u) return u.error();
        return Ok();
      }
      const bool give_up = attempts >= kMaxAttempts;
      auto u = tx.Exec(
          "UPDATE outbox SET status = :status, attempts = :attempts, next_attempt_at = :next, claimed_by = NULL, "
          "claimed_until = NULL, last_error = :error WHERE id = :id AND claimed_by = :node",
          {db::P("status", give_up ? "failed" : "pending"), db::P("attempts", attempts),
           db::P("next", FormatUtc(attempt_at + Backoff(attempts))), db::P("error", detail), db::P("id", m.id),
           db::P("node", node_)});
      if (!u) return u.error();
      return Ok();
    });
    if (!recorded) return recorded.error();
    if (result) {
      ++sent;
    } else {
      LogEvent(LogLevel::kWarn, "e-mail not delivered",
               {{"outbox_id", m.id}, {"attempt", std::to_string(attempts)}, {"error", detail}});
    }
  }
  return sent;
}

}  // namespace cohort::notifications
