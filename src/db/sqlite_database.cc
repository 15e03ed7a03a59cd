// SQLite engine: pooled readers and one group-committing writer thread.
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "db/database.h"

namespace cohort::db {
namespace {

Error MapSqliteError(sqlite3* db, int rc, std::string_view what) {
  const int ext = db ? sqlite3_extended_errcode(db) : rc;
  const std::string detail = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (ext & 0xff) {
    case SQLITE_CONSTRAINT: return Error::Conflict(detail);
    case SQLITE_FULL: return Error::Unavailable("database disk is full: " + detail);
    case SQLITE_READONLY: return Error::Unavailable("database is read-only: " + detail);
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Error::Unavailable("database is locked: " + detail);
    case SQLITE_CANTOPEN: return Error::Unavailable("cannot open database: " + detail);
    case SQLITE_IOERR: return Error::Unavailable("database I/O error: " + detail);
    default: return Error::Internal(detail);
  }
}

// One connection with its cache of prepared statements.
class Connection {
 public:
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, bool writer, const Options& options) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (writer) flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    auto conn = std::unique_ptr<Connection>(new Connection(raw));
    if (rc != SQLITE_OK) return MapSqliteError(raw, rc, "open " + path);
    sqlite3_busy_timeout(raw, options.busy_timeout_ms);
    sqlite3_extended_result_codes(raw, 1);
    std::string setup = "PRAGMA foreign_keys=ON;";
    if (writer) setup += "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
    else setup += "PRAGMA query_only=ON;";
    char* err = nullptr;
    if (sqlite3_exec(raw, setup.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      auto e = MapSqliteError(raw, sqlite3_errcode(raw), "configure " + path);
      sqlite3_free(err);
      return e;
    }
    return conn;
  }

  ~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  sqlite3* handle() const { return db_; }

  Result<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params) {
    auto it = statements_.find(std::string(sql));
    sqlite3_stmt* stmt = nullptr;
    if (it == statements_.end()) {
      const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                        &stmt, nullptr);
      if (rc != SQLITE_OK) return MapSqliteError(db_, rc, "prepare");
      statements_.emplace(std::string(sql), stmt);
    } else {
      stmt = it->second;
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
    for (const auto& p : params) {
      const std::string key = ":" + p.name;
      const int index = sqlite3_bind_parameter_index(stmt, key.c_str());
      if (index == 0) return Error::Internal("statement has no parameter " + key);
      int rc = SQLITE_OK;
      if (std::holds_alternative<Null>(p.value)) rc = sqlite3_bind_null(stmt, index);
      else if (const auto* i = std::get_if<std::int64_t>(&p.value)) rc = sqlite3_bind_int64(stmt, index, *i);
      else if (const auto* d = std::get_if<double>(&p.value)) rc = sqlite3_bind_double(stmt, index, *d);
      else {
        const auto& s = std::get<std::string>(p.value);
        rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return MapSqliteError(db_, rc, "bind " + key);
    }
    // SQLite would silently bind NULL to a forgotten parameter; PostgreSQL
    // refuses. Refuse here too so both engines behave alike.
    if (sqlite3_bind_parameter_count(stmt) > static_cast<int>(params.size())) {
      for (int i = 1; i <= sqlite3_bind_parameter_count(stmt); ++i) {
        const char* name = sqlite3_bind_parameter_name(stmt, i);
        bool given = false;
        for (const auto& p : params) given = given || (name && p.name == name + 1);
        if (!given) return Error::Internal(std::string("no value for parameter ") + (name ? name : "?"));
      }
    }
    return stmt;
  }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteTx final : public Tx {
 public:
  explicit SqliteTx(Connection& c) : c_(c) {}
  Engine engine() const override { return Engine::kSqlite; }

  Result<std::int64_t> Exec(std::string_view sql, const Params& params) override {
    auto stmt = c_.Prepare(sql, params);
    if (!stmt) return stmt.error();
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {}
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE) return MapSqliteError(c_.handle(), rc, "exec");
    return static_cast<std::int64_t>(sqlite3_changes64(c_.handle()));
  }

  Result<std::vector<Row>> Query(std::string_view sql, const Params& params) override {
    auto stmt = c_.Prepare(sql, params);
    if (!stmt) return stmt.error();
    std::vector<Row> rows;
    const int n = sqlite3_column_count(*stmt);
    int rc;
    while ((rc = sqlite3_step(*stmt)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(*stmt, i)) {
          case SQLITE_NULL: values.emplace_back(Null{}); break;
          case SQLITE_INTEGER: values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(*stmt, i))); break;
          case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(*stmt, i)); break;
          default: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(*stmt, i));
            values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(*stmt, i))));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE) return MapSqliteError(c_.handle(), rc, "query");
    return rows;
  }

  Result<void> ExecScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(c_.handle(), text.c_str(), nullptr, nullptr, &err);
    sqlite3_free(err);
    if (rc != SQLITE_OK) return MapSqliteError(c_.handle(), rc, "script");
    return Ok();
  }

 private:
  Connection& c_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, Options options, std::unique_ptr<Connection> writer)
      : path_(std::move(path)), options_(options), writer_conn_(std::move(writer)) {
    writer_thread_ = std::thread([this] { WriterLoop(); });
  }

  ~SqliteDatabase() override {
    {
      std::lock_guard lock(write_mu_);
      stopping_ = true;
    }
    write_cv_.notify_all();
    writer_thread_.join();
  }

  Engine engine() const override { return Engine::kSqlite; }

  PoolStats Stats() const override {
    std::lock_guard lock(read_mu_);
    std::lock_guard wlock(write_mu_);
    PoolStats s;
    s.size = readers_open_ + 1;
    s.in_use = readers_open_ - static_cast<int>(idle_readers_.size()) + (writer_busy_ ? 1 : 0);
    s.waiting = readers_waiting_ + static_cast<int>(queue_.size());
    s.commits = commits_;
    s.commit_batches = batches_;
    return s;
  }

 protected:
  Result<void> RunRead(const std::function<Result<void>(Tx&)>& fn) override {
    auto conn = AcquireReader();
    if (!conn) return conn.error();
    Result<void> result = RunInTransaction(**conn, "BEGIN", fn);
    ReleaseReader(std::move(*conn));
    return result;
  }

  Result<void> RunWrite(const std::function<Result<void>(Tx&)>& fn) override {
    Job job{&fn, {}};
    auto done = job.promise.get_future();
    {
      std::lock_guard lock(write_mu_);
      if (stopping_) return Error::Unavailable("database is closing");
      queue_.push_back(&job);
    }
    write_cv_.notify_one();
    return done.get();
  }

 private:
  struct Job {
    const std::function<Result<void>(Tx&)>* fn;
    std::promise<Result<void>> promise;
  };

  static Result<void> RunInTransaction(Connection& c, const char* begin, const std::function<Result<void>(Tx&)>& fn) {
    SqliteTx tx(c);
    if (auto r = tx.Exec(begin, {}); !r) return r.error();
    Result<void> result = CallSafely(fn, tx);
    auto end = tx.Exec(result ? "COMMIT" : "ROLLBACK", {});
    if (!end) {
      if (result) (void)tx.Exec("ROLLBACK", {});
      return result ? Result<void>(end.error()) : result;
    }
    return result;
  }

  static Result<void> CallSafely(const std::function<Result<void>(Tx&)>& fn, Tx& tx) {
    try {
      return fn(tx);
    } catch (const std::exception& e) {
      return Error::Internal(std::string("exception in transaction: ") + e.what());
    }
  }

  Result<std::unique_ptr<Connection>> AcquireReader() {
    std::unique_lock lock(read_mu_);
    for (;;) {
      if (!idle_readers_.empty()) {
        auto c = std::move(idle_readers_.back());
        idle_readers_.pop_back();
        return c;
      }
      if (readers_open_ < options_.pool_size) {
        ++readers_open_;
        lock.unlock();
        auto c = Connection::Open(path_, false, options_);
        if (!c) {
          lock.lock();
          --readers_open_;
        }
        return c;
      }
      ++readers_waiting_;
      const bool got = read_cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                                         [&] { return !idle_readers_.empty() || readers_open_ < options_.pool_size; });
      --readers_waiting_;
      if (!got) return Error::Unavailable("all database readers are busy");
    }
  }

  void ReleaseReader(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(read_mu_);
      idle_readers_.push_back(std::move(c));
    }
    read_cv_.notify_one();
  }

  // Group commit: take every queued transaction (up to max_batch), run each
  // in its own savepoint inside one BEGIN IMMEDIATE ... COMMIT, then answer
  // all of them. Nobody hears "done" before the commit has been synced.
  void WriterLoop() {
    SqliteTx tx(*writer_conn_);
    for (;;) {
      std::vector<Job*> batch;
      {
        std::unique_lock lock(write_mu_);
        write_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && batch.size() < static_cast<std::size_t>(options_.max_batch)) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
        writer_busy_ = true;
      }
      std::vector<Result<void>> results(batch.size());
      auto begin = tx.Exec("BEGIN IMMEDIATE", {});
      if (!begin) {
        for (auto& r : results) r = begin.error();
      } else {
        for (std::size_t i = 0; i < batch.size(); ++i) {
          if (auto s = tx.Exec("SAVEPOINT job", {}); !s) { results[i] = s.error(); continue; }
          results[i] = CallSafely(*batch[i]->fn, tx);
          if (!results[i]) (void)tx.Exec("ROLLBACK TO SAVEPOINT job", {});
          if (auto rel = tx.Exec("RELEASE SAVEPOINT job", {}); !rel && results[i]) results[i] = rel.error();
        }
        auto commit = tx.Exec("COMMIT", {});
        if (!commit) {
          (void)tx.Exec("ROLLBACK", {});
          for (auto& r : results) {
            if (r) r = commit.error();
          }
        }
      }
      std::int64_t committed = 0;
      for (const auto& r : results) committed += r ? 1 : 0;
      {
        std::lock_guard lock(write_mu_);
        writer_busy_ = false;
        commits_ += committed;
        ++batches_;
      }
      for (std::size_t i = 0; i < batch.size(); ++i) batch[i]->promise.set_value(std::move(results[i]));
    }
  }

  const std::string path_;
  const Options options_;

  mutable std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
  int readers_open_ = 0;
  int readers_waiting_ = 0;

  mutable std::mutex write_mu_;
  std::condition_variable write_cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  bool writer_busy_ = false;
  std::int64_t commits_ = 0;
  std::int64_t batches_ = 0;
  std::unique_ptr<Connection> writer_conn_;
  std::thread writer_thread_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, const Options& options) {
  if (sqlite3_threadsafe() == 0) return Error::Internal("SQLite was built without thread support");
  if (!path.starts_with("file:")) {
    const auto parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Error::Unavailable("cannot create folder " + parent.string() + ": " + ec.message());
  }
  auto writer = Connection::Open(path, true, options);
  if (!writer) return writer.error();
  return std::unique_ptr<Database>(new SqliteDatabase(path, options, std::move(*writer)));
}

}  // namespace cohort::db
