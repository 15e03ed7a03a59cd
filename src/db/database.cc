#include "db/database.h"

namespace cohort::db {

std::string_view ToString(Engine e) { return e == Engine::kSqlite ? "sqlite" : "postgresql"; }

Result<std::optional<Row>> Tx::QueryOne(std::string_view sql, const Params& params) {
  auto rows = Query(sql, params);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<Row>{};
  return std::optional<Row>{std::move(rows->front())};
}

Result<void> Database::Ping() {
  return RunRead([](Tx& tx) -> Result<void> {
    auto r = tx.Query("SELECT 1");
    if (!r) return r.error();
    return Ok();
  });
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, const Options& options) {
  if (url.starts_with("sqlite:")) return OpenSqlite(url.substr(7), options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return OpenPostgres(url, options);
  return Error::InvalidArgument("unsupported database URL (expected sqlite:PATH or postgresql://...)",
                                {{"db", "invalid", "expected sqlite:PATH or postgresql://..."}});
}

}  // namespace cohort::db
