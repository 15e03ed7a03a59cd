#include "domain/organisations/store.h"

namespace cohort::organisations::store {
namespace {
Organisation FromRow(const db::Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)}; }
}  // namespace

Result<void> Insert(db::Tx& tx, const Organisation& o) {
  auto r = tx.Exec(
      "INSERT INTO organisations (id, slug, name, country, created_at, updated_at) "
      "VALUES (:id, :slug, :name, :country, :now, :now)",
      {db::P("id", o.id), db::P("slug", o.slug), db::P("name", o.name), db::P("country", o.country),
       db::P("now", o.created_at)});
  if (!r) {
    if (r.error().code() == ErrorCode::kConflict) {
      return Error::InvalidArgument("slug taken", {{"slug", "taken", "another organisation uses this code"}});
    }
    return r.error();
  }
  return Ok();
}

Result<std::optional<Organisation>> Get(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne("SELECT id, slug, name, country, created_at FROM organisations WHERE id = :id",
                         {db::P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Organisation>{};
  return std::optional<Organisation>{FromRow(**row)};
}

Result<std::vector<Organisation>> List(db::Tx& tx, const std::string& after, int limit) {
  auto rows = tx.Query(
      "SELECT id, slug, name, country, created_at FROM organisations WHERE id > :after ORDER BY id LIMIT :limit",
      {db::P("after", after), db::P("limit", limit)});
  if (!rows) return rows.error();
  std::vector<Organisation> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace cohort::organisations::store
