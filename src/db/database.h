#pragma once
// The storage interface every module uses. Two engines sit behind it:
//
//  * SQLite (embedded default): WAL, synchronous=FULL, foreign keys on.
//    Reads run on a pool of reader connections; every write transaction is
//    handed to one writer thread that commits queued transactions together
//    (group commit: one fsync for many callers, each in its own savepoint
//    so one failure rolls back only itself).
//  * PostgreSQL 15 through libpq: a pool of connections, statements
//    prepared once per connection and reused.
//
// SQL text uses `:name` placeholders and is written once for both engines;
// Tx::engine() tells the few places that need a dialect difference.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "db/value.h"

namespace cohort::db {

enum class Engine { kSqlite, kPostgres };
std::string_view ToString(Engine e);

// The outcome of a statement whose row count does not matter.
inline Result<void> Done(Result<std::int64_t> affected) {
  if (!affected) return affected.error();
  return Ok();
}

// A transaction in progress. Only valid inside the callback of
// Database::Read or Database::Write. Errors from the engine are mapped to
// ErrorCode: unique/foreign-key violations -> kConflict; disk full,
// read-only file, lost connection, lock time-out -> kUnavailable; anything
// else -> kInternal.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Engine engine() const = 0;
  // Runs one statement; returns the number of rows changed.
  virtual Result<std::int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs one query; returns every row.
  virtual Result<std::vector<Row>> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual Result<void> ExecScript(std::string_view sql) = 0;

  // The first row, or std::nullopt when there is none.
  Result<std::optional<Row>> QueryOne(std::string_view sql, const Params& params = {});
};

struct Options {
  int pool_size = 8;                 // PostgreSQL connections / SQLite readers
  int acquire_timeout_ms = 5000;     // waiting for a pooled connection
  int busy_timeout_ms = 5000;        // SQLite lock wait (another process)
  int max_batch = 256;               // SQLite group commit: transactions per commit
};

struct PoolStats {
  int size = 0;         // connections open
  int in_use = 0;       // connections lent out now
  int waiting = 0;      // callers waiting for a connection / the writer
  std::int64_t commits = 0;        // write transactions committed
  std::int64_t commit_batches = 0; // SQLite: fsyncs (batches); PostgreSQL: = commits
};

class Database {
 public:
  virtual ~Database() = default;

  // Opens `url` (sqlite:PATH, postgresql://...). For PostgreSQL the server
  // must answer now: an unreachable server is kUnavailable naming the host.
  static Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options = {});

  virtual Engine engine() const = 0;

  // Runs fn in a read-only transaction. Returns what fn returns, or the
  // engine's error.
  template <class F>
  auto Read(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run(false, std::forward<F>(fn));
  }
  // Runs fn in a read-write transaction that commits when fn succeeds and
  // rolls back when it fails. Success is returned only after the commit is
  // durable (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on).
  template <class F>
  auto Write(F&& fn) -> std::invoke_result_t<F, Tx&> {
    return Run(true, std::forward<F>(fn));
  }

  // Checks the database answers now (SELECT 1). A PostgreSQL pool drops a
  // broken connection here, so a returning server is picked up again.
  Result<void> Ping();
  virtual PoolStats Stats() const = 0;

 protected:
  virtual Result<void> RunRead(const std::function<Result<void>(Tx&)>& fn) = 0;
  virtual Result<void> RunWrite(const std::function<Result<void>(Tx&)>& fn) = 0;

 private:
  template <class F>
  auto Run(bool write, F&& fn) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    std::optional<R> out;
    auto body = [&](Tx& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!out->ok()) return out->error();
      return Ok();
    };
    auto status = write ? RunWrite(body) : RunRead(body);
    if (!status.ok()) {
      if (out && !out->ok()) return std::move(*out);
      return status.error();
    }
    return std::move(*out);
  }
};

// Engine-specific constructors, used by Database::Open.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options);
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options);

}  // namespace cohort::db
