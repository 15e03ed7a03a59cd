#include "support/databases.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <random>
#include <stdexcept>

namespace cohort::testing {
namespace {

bool AdminExec(const std::string& url, const std::string& sql, std::string* why) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    if (why) *why = PQerrorMessage(c);
    PQfinish(c);
    return false;
  }
  PGresult* r = PQexec(c, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok && why) *why = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  return ok;
}

}  // namespace

std::string EngineName(db::Engine e) { return e == db::Engine::kSqlite ? "SQLite" : "PostgreSQL"; }

std::unique_ptr<TestDatabase> TestDatabase::Create(db::Engine engine, std::string* why) {
  auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
  t->engine_ = engine;
  if (engine == db::Engine::kSqlite) {
    t->dir_ = std::make_unique<TempDir>();
    t->url_ = "sqlite:" + t->dir_->File("test.db");
  } else {
    const char* base = std::getenv("COHORT_TEST_PG_URL");
    if (!base || !*base) {
      *why = "COHORT_TEST_PG_URL is not set (make test starts a PostgreSQL cluster and sets it)";
      return nullptr;
    }
    t->admin_url_ = base;
    std::random_device rd;
    t->name_ = "cohort_test_" + std::to_string(rd()) + std::to_string(rd());
    if (!AdminExec(t->admin_url_, "CREATE DATABASE " + t->name_, why)) return nullptr;
    t->url_ = t->admin_url_.substr(0, t->admin_url_.rfind('/') + 1) + t->name_;
  }
  auto db = db::Database::Open(t->url_);
  if (!db) {
    *why = db.error().message();
    return nullptr;
  }
  t->db_ = std::move(*db);
  return t;
}

void TestDatabase::Reopen() {
  db_.reset();
  auto db = db::Database::Open(url_);
  if (!db) throw std::runtime_error(db.error().message());
  db_ = std::move(*db);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (engine_ == db::Engine::kPostgres && !name_.empty()) {
    (void)AdminExec(admin_url_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", nullptr);
  }
}

}  // namespace cohort::testing
