#pragma once
// Fresh databases for store tests, on either engine. PostgreSQL tests use
// the server named by COHORT_TEST_PG_URL (the test command starts one) and
// make a database of their own, dropped afterwards; without that variable
// they are skipped with a message.
#include <memory>
#include <optional>
#include <string>

#include "db/database.h"
#include "support/temp_dir.h"

namespace cohort::testing {

class TestDatabase {
 public:
  // std::nullopt (with the reason in `why`) when the engine is unavailable.
  static std::unique_ptr<TestDatabase> Create(db::Engine engine, std::string* why);
  ~TestDatabase();

  const std::string& url() const { return url_; }
  db::Database& db() { return *db_; }
  // Re-opens the database (e.g. after a restore).
  void Reopen();
  std::unique_ptr<db::Database> Release() { return std::move(db_); }

 private:
  TestDatabase() = default;
  db::Engine engine_ = db::Engine::kSqlite;
  std::string url_;
  std::string admin_url_;
  std::string name_;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<db::Database> db_;
};

std::string EngineName(db::Engine e);

}  // namespace cohort::testing
