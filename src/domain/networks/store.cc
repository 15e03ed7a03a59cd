#include "domain/networks/store.h"

namespace cohort::networks::store {
namespace {

using db::Done;
using db::P;

Result<std::vector<Network>> Networks(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto rows = tx.Query("SELECT id, code, name, description, created_at FROM networks n " + where + " ORDER BY name, id",
                       params);
  if (!rows) return rows.error();
  std::vector<Network> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), {}, {}, {}});
  return out;
}

}  // namespace

Result<void> Insert(db::Tx& tx, const Network& n) {
  auto r = tx.Exec(
      "INSERT INTO networks (id, code, name, description, created_at, updated_at) "
      "VALUES (:id, :code, :name, :description, :now, :now)",
      {P("id", n.id), P("code", n.code), P("name", n.name), P("description", n.description), P("now", n.created_at)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("code taken", {{"code", "taken", "another network uses this code"}});
  }
  return Done(r);
}

Result<std::optional<Network>> Get(db::Tx& tx, const std::string& id) {
  auto list = Networks(tx, "WHERE n.id = :id", {P("id", id)});
  if (!list) return list.error();
  if (list->empty()) return std::optional<Network>();
  Network n = std::move(list->front());
  auto members = tx.Query(
      "SELECT o.id, o.name, o.country, m.joined_at FROM network_members m JOIN organisations o ON o.id = m.organisation_id "
      "WHERE m.network_id = :id ORDER BY o.name, o.id",
      {P("id", id)});
  if (!members) return members.error();
  for (const auto& r : *members) n.members.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  auto admins = tx.Query(
      "SELECT a.id, a.name, a.email FROM network_admins d JOIN accounts a ON a.id = d.account_id "
      "WHERE d.network_id = :id ORDER BY a.name, a.id",
      {P("id", id)});
  if (!admins) return admins.error();
  for (const auto& r : *admins) n.admins.push_back({r.Text(0), r.Text(1), r.Text(2)});
  auto chairs = tx.Query(
      "SELECT c.year, c.organisation_id, o.name, c.assigned_at, c.handed_over_at, c.note FROM network_chairs c "
      "JOIN organisations o ON o.id = c.organisation_id WHERE c.network_id = :id ORDER BY c.year",
      {P("id", id)});
  if (!chairs) return chairs.error();
  for (const auto& r : *chairs) {
    n.chairs.push_back({static_cast<int>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5)});
  }
  return std::optional<Network>(std::move(n));
}

Result<std::vector<Network>> Visible(db::Tx& tx, const std::string& account_id, bool everything) {
  if (everything) return Networks(tx, "", {});
  return Networks(tx,
                  "WHERE n.id IN (SELECT network_id FROM network_admins WHERE account_id = :a) "
                  "OR n.id IN (SELECT m.network_id FROM network_members m JOIN memberships s "
                  "ON s.organisation_id = m.organisation_id WHERE s.account_id = :a)",
                  {P("a", account_id)});
}

Result<bool> IsAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id) {
  auto row = tx.QueryOne("SELECT 1 FROM network_admins WHERE network_id = :n AND account_id = :a",
                         {P("n", network_id), P("a", account_id)});
  if (!row) return row.error();
  return row->has_value();
}

Result<bool> IsMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id) {
  auto row = tx.QueryOne("SELECT 1 FROM network_members WHERE network_id = :n AND organisation_id = :o",
                         {P("n", network_id), P("o", organisation_id)});
  if (!row) return row.error();
  return row->has_value();
}

Result<void> AddMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id,
                       const std::string& now) {
  return Done(tx.Exec("INSERT INTO network_members (network_id, organisation_id, joined_at) VALUES (:n, :o, :now)",
                      {P("n", network_id), P("o", organisation_id), P("now", now)}));
}

Result<bool> RemoveMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id) {
  auto r = tx.Exec("DELETE FROM network_members WHERE network_id = :n AND organisation_id = :o",
                   {P("n", network_id), P("o", organisation_id)});
  if (!r) return r.error();
  return *r > 0;
}

Result<void> AddAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id, const std::string& now) {
  return Done(tx.Exec("INSERT INTO network_admins (network_id, account_id, created_at) VALUES (:n, :a, :now)",
                      {P("n", network_id), P("a", account_id), P("now", now)}));
}

Result<bool> RemoveAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id) {
  auto r = tx.Exec("DELETE FROM network_admins WHERE network_id = :n AND account_id = :a",
                   {P("n", network_id), P("a", account_id)});
  if (!r) return r.error();
  return *r > 0;
}

Result<void> Rename(db::Tx& tx, const std::string& network_id, const std::string& name, const std::string& description) {
  return Done(tx.Exec("UPDATE networks SET name = :name, description = :description WHERE id = :n",
                      {P("n", network_id), P("name", name), P("description", description)}));
}

Result<std::optional<Chair>> ChairOf(db::Tx& tx, const std::string& network_id, int year) {
  auto row = tx.QueryOne(
      "SELECT c.year, c.organisation_id, o.name, c.assigned_at, c.handed_over_at, c.note FROM network_chairs c "
      "JOIN organisations o ON o.id = c.organisation_id WHERE c.network_id = :n AND c.year = :y",
      {P("n", network_id), P("y", static_cast<std::int64_t>(year))});
  if (!row) return row.error();
  if (!*row) return std::optional<Chair>();
  const auto& r = **row;
  return std::optional<Chair>(Chair{static_cast<int>(r.Int(0)), r.Text(1), r.Text(2), r.Text(3), r.OptText(4), r.Text(5)});
}

Result<void> InsertChair(db::Tx& tx, const std::string& network_id, const Chair& c) {
  return Done(tx.Exec(
      "INSERT INTO network_chairs (network_id, year, organisation_id, assigned_at, note) VALUES (:n, :y, :o, :at, '')",
      {P("n", network_id), P("y", static_cast<std::int64_t>(c.year)), P("o", c.organisation_id), P("at", c.assigned_at)}));
}

Result<void> MarkHandedOver(db::Tx& tx, const std::string& network_id, int year, const std::string& at,
                            const std::string& note) {
  return Done(tx.Exec("UPDATE network_chairs SET handed_over_at = :at, note = :note WHERE network_id = :n AND year = :y",
                      {P("at", at), P("note", note), P("n", network_id), P("y", static_cast<std::int64_t>(year))}));
}

}  // namespace cohort::networks::store
