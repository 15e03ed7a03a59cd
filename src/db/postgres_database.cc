// PostgreSQL engine: a pool of libpq connections, statements prepared once
// per connection.
#include <libpq-fe.h>

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <unordered_map>

#include "db/database.h"
#include "db/named_params.h"

namespace cohort::db {
namespace {

// Type OIDs of pg_type.h, for turning text results into typed values.
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kFloat4Oid = 700, kFloat8Oid = 701,
              kNumericOid = 1700;

std::string Trimmed(const char* s) {
  std::string out = s ? s : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

Error MapPgError(PGconn* c, const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  const std::string message = std::string(what) + ": " + Trimmed(res ? PQresultErrorMessage(res) : PQerrorMessage(c));
  if (PQstatus(c) != CONNECTION_OK) return Error::Unavailable("database connection lost: " + message);
  const std::string code = state ? state : "";
  if (code.starts_with("23")) return Error::Conflict(message);                  // integrity constraint
  if (code == "40001" || code == "40P01") return Error::Conflict(message);       // serialization, deadlock
  if (code.starts_with("08") || code.starts_with("57P")) return Error::Unavailable(message);
  if (code.starts_with("53")) return Error::Unavailable("database out of resources: " + message);  // disk full
  if (code == "25006") return Error::Unavailable("database is read-only: " + message);
  return Error::Internal(message);
}

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& url, bool read_only) {
    const char* keys[] = {"dbname", "connect_timeout", "application_name", nullptr};
    const char* values[] = {url.c_str(), "5", "cohort", nullptr};
    PGconn* c = PQconnectdbParams(keys, values, 1);
    auto conn = std::unique_ptr<Connection>(new Connection(c));
    if (PQstatus(c) != CONNECTION_OK) {
      return Error::Unavailable("cannot connect to PostgreSQL at " + std::string(PQhost(c) ? PQhost(c) : "?") +
                                ":" + (PQport(c) ? PQport(c) : "?") + ": " + Trimmed(PQerrorMessage(c)));
    }
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
    if (read_only) {
      PGresult* res = PQexec(c, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      PQclear(res);
      if (!ok) return Error::Unavailable("cannot configure a PostgreSQL reader: " + Trimmed(PQerrorMessage(c)));
    }
    return conn;
  }
  ~Connection() { PQfinish(c_); }

  PGconn* handle() const { return c_; }
  bool healthy() const { return PQstatus(c_) == CONNECTION_OK; }

  // Runs a statement, preparing it on first use on this connection.
  Result<PGresult*> Run(std::string_view sql, const Params& params) {
    auto it = statements_.find(std::string(sql));
    if (it == statements_.end()) {
      Prepared p;
      auto positional = ToPositional(sql);
      p.name = "s" + std::to_string(statements_.size() + 1);
      p.names = std::move(positional.names);
      PGresult* res = PQprepare(c_, p.name.c_str(), positional.sql.c_str(), static_cast<int>(p.names.size()), nullptr);
      if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        auto e = MapPgError(c_, res, "prepare");
        PQclear(res);
        return e;
      }
      PQclear(res);
      it = statements_.emplace(std::string(sql), std::move(p)).first;
    }
    const Prepared& p = it->second;
    std::vector<std::string> texts(p.names.size());
    std::vector<const char*> values(p.names.size(), nullptr);
    for (std::size_t i = 0; i < p.names.size(); ++i) {
      const Param* found = nullptr;
      for (const auto& param : params) {
        if (param.name == p.names[i]) { found = &param; break; }
      }
      if (!found) return Error::Internal("no value for parameter :" + p.names[i]);
      if (std::holds_alternative<Null>(found->value)) continue;
      if (const auto* n = std::get_if<std::int64_t>(&found->value)) texts[i] = std::to_string(*n);
      else if (const auto* d = std::get_if<double>(&found->value)) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        texts[i].assign(buf, end);
      } else texts[i] = std::get<std::string>(found->value);
      values[i] = texts[i].c_str();
    }
    PGresult* res = PQexecPrepared(c_, p.name.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                                   nullptr, 0);
    const auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      auto e = MapPgError(c_, res, "exec");
      PQclear(res);
      return e;
    }
    return res;
  }

 private:
  struct Prepared {
    std::string name;
    std::vector<std::string> names;
  };
  explicit Connection(PGconn* c) : c_(c) {}
  PGconn* c_;
  std::unordered_map<std::string, Prepared> statements_;
};

Value Convert(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return Null{};
  const char* text = PQgetvalue(res, row, col);
  const int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kBoolOid: return static_cast<std::int64_t>(text[0] == 't' ? 1 : 0);
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid: {
      std::int64_t v = 0;
      std::from_chars(text, text + len, v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(text, nullptr);
    default: return std::string(text, static_cast<std::size_t>(len));
  }
}

class PgTx final : public Tx {
 public:
  explicit PgTx(Connection& c) : c_(c) {}
  Engine engine() const override { return Engine::kPostgres; }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    auto res = c_.Run(sql, params);
    if (!res) return res.error();
    const char* n = PQcmdTuples(*res);
    std::int64_t changed = 0;
    std::from_chars(n, n + std::char_traits<char>::length(n), changed);
    PQclear(*res);
    return changed;
  }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    auto res = c_.Run(sql, params);
    if (!res) return res.error();
    std::vector<Row> rows;
    const int n = PQntuples(*res), m = PQnfields(*res);
    rows.reserve(static_cast<std::size_t>(n));
    for (int r = 0; r < n; ++r) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(m));
      for (int c = 0; c < m; ++c) values.push_back(Convert(*res, r, c));
      rows.emplace_back(std::move(values));
    }
    PQclear(*res);
    return rows;
  }

  Result<void> ExecScript(std::string_view sql) override {
    PGresult* res = PQexec(c_.handle(), std::string(sql).c_str());
    const auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      auto e = MapPgError(c_.handle(), res, "script");
      PQclear(res);
      return e;
    }
    PQclear(res);
    return Ok();
  }

  // Plain statement outside the prepared cache (BEGIN/COMMIT).
  Result<void> Simple(const char* sql) { return ExecScript(sql); }

 private:
  Connection& c_;
};

// A bounded set of connections of one kind (readers or writers).
class Pool {
 public:
  Pool(std::string url, Options options, bool read_only)
      : url_(std::move(url)), options_(options), read_only_(read_only) {}

  void Adopt(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
    ++open_;
  }

  Result<std::unique_ptr<Connection>> Acquire() {
    std::unique_lock lock(mu_);
    for (;;) {
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return c;
      }
      if (open_ < options_.pool_size) {
        ++open_;
        lock.unlock();
        auto c = Connection::Open(url_, read_only_);
        if (!c) {
          lock.lock();
          --open_;
          cv_.notify_one();
        }
        return c;
      }
      ++waiting_;
      const bool got = cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                                    [&] { return !idle_.empty() || open_ < options_.pool_size; });
      --waiting_;
      if (!got) return Error::Unavailable("all database connections are busy");
    }
  }

  // A broken connection is closed, and so are the idle ones: they were
  // opened to the same server and are most likely broken too.
  void Release(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu_);
    if (c->healthy() && PQtransactionStatus(c->handle()) == PQTRANS_IDLE) {
      idle_.push_back(std::move(c));
    } else {
      open_ -= 1 + static_cast<int>(idle_.size());
      idle_.clear();
    }
    cv_.notify_all();
  }

  void AddTo(PoolStats& s) const {
    std::lock_guard lock(mu_);
    s.size += open_;
    s.in_use += open_ - static_cast<int>(idle_.size());
    s.waiting += waiting_;
  }

 private:
  const std::string url_;
  const Options options_;
  const bool read_only_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int waiting_ = 0;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(const std::string& url, Options options, std::unique_ptr<Connection> first_reader)
      : readers_(url, options, true), writers_(url, options, false) {
    readers_.Adopt(std::move(first_reader));
  }

  Engine engine() const override { return Engine::kPostgres; }

  PoolStats Stats() const override {
    PoolStats s;
    readers_.AddTo(s);
    writers_.AddTo(s);
    s.commits = commits_.load();
    s.commit_batches = s.commits;
    return s;
  }

 protected:
  // Reads run on read-only connections without BEGIN/COMMIT: under READ
  // COMMITTED every statement takes its own snapshot even inside a
  // transaction, so the wrapper would cost two round trips and buy nothing.
  Result<void> RunRead(const std::function<Result<void>(Tx&)>& fn) override {
    for (int attempt = 0;; ++attempt) {
      auto conn = readers_.Acquire();
      if (!conn) return conn.error();
      PgTx tx(**conn);
      Result<void> result = Call(fn, tx);
      const bool lost = !(*conn)->healthy();
      readers_.Release(std::move(*conn));
      // A pooled connection may have died with a server restart; retrying
      // a read on a fresh connection is always safe.
      if (!result && lost && attempt == 0) continue;
      return result;
    }
  }

  Result<void> RunWrite(const std::function<Result<void>(Tx&)>& fn) override {
    // BEGIN finds a dead pooled connection before any work is done, so one
    // retry on a new connection is safe.
    for (int attempt = 0;; ++attempt) {
      auto conn = writers_.Acquire();
      if (!conn) return conn.error();
      PgTx tx(**conn);
      if (auto b = tx.Simple("BEGIN"); !b) {
        writers_.Release(std::move(*conn));
        if (attempt == 0 && b.error().code() == ErrorCode::kUnavailable) continue;
        return b.error();
      }
      Result<void> result = Call(fn, tx);
      auto end = tx.Simple(result ? "COMMIT" : "ROLLBACK");
      if (!end && result) result = end.error();
      if (result) ++commits_;
      writers_.Release(std::move(*conn));
      return result;
    }
  }

 private:
  static Result<void> Call(const std::function<Result<void>(Tx&)>& fn, Tx& tx) {
    try {
      return fn(tx);
    } catch (const std::exception& e) {
      return Error::Internal(std::string("exception in transaction: ") + e.what());
    }
  }

  Pool readers_;
  Pool writers_;
  std::atomic<std::int64_t> commits_{0};
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options) {
  auto first = Connection::Open(url, true);
  if (!first) return first.error();
  return std::unique_ptr<Database>(new PostgresDatabase(url, options, std::move(*first)));
}

}  // namespace cohort::db
