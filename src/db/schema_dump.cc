#include "db/migrations.h"

namespace cohort::db {

Result<std::string> DumpSchema(Database& db) {
  return db.Read([](Tx& tx) -> Result<std::string> {
    std::string out;
    if (tx.engine() == Engine::kSqlite) {
      auto rows = tx.Query(
          "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL "
          "ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, name");
      if (!rows) return rows.error();
      for (const auto& r : *rows) out += r.Text(0) + " " + r.Text(1) + "\n  " + r.Text(2) + "\n";
      return out;
    }
    auto columns = tx.Query(
        "SELECT table_name, column_name, data_type, is_nullable, COALESCE(column_default, '') "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "ORDER BY table_name, ordinal_position");
    if (!columns) return columns.error();
    std::string table;
    for (const auto& r : *columns) {
      if (r.Text(0) != table) {
        table = r.Text(0);
        out += "table " + table + "\n";
      }
      out += "  " + r.Text(1) + " " + r.Text(2) + (r.Text(3) == "NO" ? " NOT NULL" : "") +
             (r.Text(4).empty() ? "" : " DEFAULT " + r.Text(4)) + "\n";
    }
    auto constraints = tx.Query(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() "
        "ORDER BY 1, 2");
    if (!constraints) return constraints.error();
    for (const auto& r : *constraints) out += "constraint " + r.Text(0) + " " + r.Text(1) + " " + r.Text(2) + "\n";
    auto indexes = tx.Query(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname");
    if (!indexes) return indexes.error();
    for (const auto& r : *indexes) out += "index " + r.Text(0) + "\n  " + r.Text(1) + "\n";
    return out;
  });
}

}  // namespace cohort::db
