#include "db/migrations.h"

#include <algorithm>
#include <map>

namespace cohort::db {

Result<std::vector<Migration>> MigrationsFor(Engine engine, const std::vector<EmbeddedFile>& files) {
  const std::string own = engine == Engine::kSqlite ? ".sqlite.sql" : ".postgresql.sql";
  const std::string other = engine == Engine::kSqlite ? ".postgresql.sql" : ".sqlite.sql";
  std::map<int, Migration> common, specific;
  for (const auto& f : files) {
    const auto underscore = f.name.find('_');
    if (f.name.size() < 10 || underscore != 4 || !f.name.ends_with(".sql")) {
      return Error::Internal("migration file name must be NNNN_name.sql: " + f.name);
    }
    const int version = std::stoi(f.name.substr(0, 4));
    if (f.name.ends_with(other)) continue;
    const bool is_specific = f.name.ends_with(own);
    std::string name = f.name.substr(5, f.name.size() - 5 - (is_specific ? own.size() : 4));
    auto& target = is_specific ? specific : common;
    if (target.contains(version)) return Error::Internal("two migrations with version " + f.name.substr(0, 4));
    target[version] = Migration{version, name, f.content};
  }
  for (auto& [v, m] : specific) common[v] = m;
  std::vector<Migration> out;
  int expected = 1;
  for (auto& [v, m] : common) {
    if (v != expected) return Error::Internal("migration versions must be 1, 2, 3 ... without gaps");
    ++expected;
    out.push_back(std::move(m));
  }
  return out;
}

int LatestSchemaVersion() {
  auto all = MigrationsFor(Engine::kSqlite, EmbeddedMigrations());
  return all && !all->empty() ? all->back().version : 0;
}

namespace {
constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
}

Result<int> Migrate(Database& db) {
  auto migrations = MigrationsFor(db.engine(), EmbeddedMigrations());
  if (!migrations) return migrations.error();
  return db.Write([&](Tx& tx) -> Result<int> {
    if (tx.engine() == Engine::kPostgres) {
      if (auto r = tx.Query("SELECT pg_advisory_xact_lock(7201100)"); !r) return r.error();
    }
    if (auto r = tx.ExecScript(kCreateTable); !r) return r.error();
    auto rows = tx.Query("SELECT version FROM schema_migrations");
    if (!rows) return rows.error();
    std::vector<std::int64_t> applied;
    for (const auto& row : *rows) applied.push_back(row.Int(0));
    int count = 0;
    for (const auto& m : *migrations) {
      if (std::find(applied.begin(), applied.end(), m.version) != applied.end()) continue;
      if (auto r = tx.ExecScript(m.sql); !r) {
        return Error(r.error().code(), "migration " + std::to_string(m.version) + " " + m.name + ": " +
                                           r.error().message());
      }
      // The time is informational only; the database's own clock is used
      // so that migrating needs no Clock.
      auto ins = tx.Exec(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, CURRENT_TIMESTAMP)",
          {P("version", m.version), P("name", m.name)});
      if (!ins) return ins.error();
      ++count;
    }
    return count;
  });
}

Result<int> SchemaVersion(Database& db) {
  return db.Read([](Tx& tx) -> Result<int> {
    const char* exists = tx.engine() == Engine::kSqlite
                             ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                             : "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
                               "AND table_name = 'schema_migrations'";
    auto has = tx.QueryOne(exists);
    if (!has) return has.error();
    if (!*has || (*has)->Int(0) == 0) return 0;
    auto v = tx.QueryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!v) return v.error();
    return static_cast<int>((*v)->Int(0));
  });
}

}  // namespace cohort::db
