#include "domain/organisations/store.h"

#include <map>

namespace cohort::organisations::store {
namespace {

using db::P;

Organisation FromRow(const db::Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Bool(5)}; }
Unit UnitFromRow(const db::Row& r) { return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Bool(4), r.Text(5)}; }
Invitation InvitationFromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.OptText(7)};
}
constexpr const char* kUnitColumns = "id, organisation_id, name, description, active, created_at";
constexpr const char* kInvitationColumns =
    "id, organisation_id, email, role, invited_by, created_at, expires_at, accepted_at";

using db::Done;

}  // namespace

Result<void> Insert(db::Tx& tx, const Organisation& o) {
  auto r = tx.Exec(
      "INSERT INTO organisations (id, slug, name, country, created_at, updated_at) "
      "VALUES (:id, :slug, :name, :country, :now, :now)",
      {P("id", o.id), P("slug", o.slug), P("name", o.name), P("country", o.country), P("now", o.created_at)});
  if (!r) {
    if (r.error().code() == ErrorCode::kConflict) {
      return Error::InvalidArgument("slug taken", {{"slug", "taken", "another organisation uses this code"}});
    }
    return r.error();
  }
  return Ok();
}

Result<std::optional<Organisation>> Get(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne("SELECT id, slug, name, country, created_at, require_totp FROM organisations WHERE id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Organisation>{};
  return std::optional<Organisation>{FromRow(**row)};
}

Result<std::vector<Organisation>> List(db::Tx& tx, const std::string& after, int limit) {
  auto rows = tx.Query(
      "SELECT id, slug, name, country, created_at, require_totp FROM organisations WHERE id > :after "
      "ORDER BY id LIMIT :limit",
      {P("after", after), P("limit", limit)});
  if (!rows) return rows.error();
  std::vector<Organisation> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<void> Update(db::Tx& tx, const Organisation& o, const std::string& now) {
  return Done(tx.Exec("UPDATE organisations SET name = :name, require_totp = :totp, updated_at = :now WHERE id = :id",
                      {P("name", o.name), P("totp", o.require_totp), P("now", now), P("id", o.id)}));
}

Result<Roles> RolesOf(db::Tx& tx, const std::string& organisation_id, const std::string& account_id) {
  auto rows = tx.Query("SELECT role FROM memberships WHERE organisation_id = :org AND account_id = :account ORDER BY role",
                       {P("org", organisation_id), P("account", account_id)});
  if (!rows) return rows.error();
  Roles out;
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<Unit>> Units(db::Tx& tx, const std::string& organisation_id) {
  auto rows = tx.Query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE organisation_id = :org ORDER BY name",
                       {P("org", organisation_id)});
  if (!rows) return rows.error();
  std::vector<Unit> out;
  for (const auto& r : *rows) out.push_back(UnitFromRow(r));
  return out;
}

Result<std::optional<Unit>> GetUnit(db::Tx& tx, const std::string& unit_id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kUnitColumns + " FROM units WHERE id = :id", {P("id", unit_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Unit>{};
  return std::optional<Unit>{UnitFromRow(**row)};
}

Result<void> InsertUnit(db::Tx& tx, const Unit& u) {
  auto r = tx.Exec(
      "INSERT INTO units (id, organisation_id, name, description, active, created_at, updated_at) "
      "VALUES (:id, :org, :name, :description, :active, :now, :now)",
      {P("id", u.id), P("org", u.organisation_id), P("name", u.name), P("description", u.description),
       P("active", u.active), P("now", u.created_at)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("unit name taken", {{"name", "taken", "the organisation has a unit of this name"}});
  }
  return Done(r);
}

Result<void> UpdateUnit(db::Tx& tx, const Unit& u, const std::string& now) {
  auto r = tx.Exec(
      "UPDATE units SET name = :name, description = :description, active = :active, updated_at = :now "
      "WHERE id = :id AND organisation_id = :org",
      {P("name", u.name), P("description", u.description), P("active", u.active), P("now", now), P("id", u.id),
       P("org", u.organisation_id)});
  if (!r && r.error().code() == ErrorCode::kConflict) {
    return Error::InvalidArgument("unit name taken", {{"name", "taken", "the organisation has a unit of this name"}});
  }
  return Done(r);
}

Result<std::vector<Member>> Members(db::Tx& tx, const std::string& organisation_id) {
  auto rows = tx.Query(
      "SELECT a.id, a.name, a.email, m.role FROM memberships m JOIN accounts a ON a.id = m.account_id "
      "WHERE m.organisation_id = :org ORDER BY a.name, a.id, m.role",
      {P("org", organisation_id)});
  if (!rows) return rows.error();
  std::vector<Member> out;
  for (const auto& r : *rows) {
    if (out.empty() || out.back().account_id != r.Text(0)) out.push_back({r.Text(0), r.Text(1), r.Text(2), {}});
    out.back().roles.push_back(r.Text(3));
  }
  return out;
}

Result<bool> GrantRole(db::Tx& tx, const std::string& organisation_id, const std::string& account_id,
                       const std::string& role, const std::string& now) {
  auto held = tx.QueryOne("SELECT 1 FROM memberships WHERE organisation_id = :org AND account_id = :account AND role = :role",
                          {P("org", organisation_id), P("account", account_id), P("role", role)});
  if (!held) return held.error();
  if (*held) return false;
  auto r = tx.Exec(
      "INSERT INTO memberships (organisation_id, account_id, role, created_at) VALUES (:org, :account, :role, :now)",
      {P("org", organisation_id), P("account", account_id), P("role", role), P("now", now)});
  if (!r) return r.error();
  return true;
}

Result<bool> RevokeRole(db::Tx& tx, const std::string& organisation_id, const std::string& account_id,
                        const std::string& role) {
  auto r = tx.Exec("DELETE FROM memberships WHERE organisation_id = :org AND account_id = :account AND role = :role",
                   {P("org", organisation_id), P("account", account_id), P("role", role)});
  if (!r) return r.error();
  return *r > 0;
}

Result<int> CountRole(db::Tx& tx, const std::string& organisation_id, const std::string& role) {
  auto row = tx.QueryOne("SELECT count(*) FROM memberships WHERE organisation_id = :org AND role = :role",
                         {P("org", organisation_id), P("role", role)});
  if (!row) return row.error();
  return static_cast<int>((*row)->Int(0));
}

Result<void> InsertInvitation(db::Tx& tx, const Invitation& i, const std::string& token_hash) {
  return Done(tx.Exec(
      "INSERT INTO invitations (id, organisation_id, email, role, token_hash, invited_by, created_at, expires_at) "
      "VALUES (:id, :org, :email, :role, :hash, :by, :now, :expires)",
      {P("id", i.id), P("org", i.organisation_id), P("email", i.email), P("role", i.role), P("hash", token_hash),
       P("by", i.invited_by), P("now", i.created_at), P("expires", i.expires_at)}));
}

Result<std::vector<Invitation>> Invitations(db::Tx& tx, const std::string& organisation_id) {
  auto rows = tx.Query(std::string("SELECT ") + kInvitationColumns +
                           " FROM invitations WHERE organisation_id = :org ORDER BY created_at DESC, id",
                       {P("org", organisation_id)});
  if (!rows) return rows.error();
  std::vector<Invitation> out;
  for (const auto& r : *rows) out.push_back(InvitationFromRow(r));
  return out;
}

Result<std::optional<Invitation>> InvitationByToken(db::Tx& tx, const std::string& token_hash) {
  auto row = tx.QueryOne(std::string("SELECT ") + kInvitationColumns + " FROM invitations WHERE token_hash = :hash",
                         {P("hash", token_hash)});
  if (!row) return row.error();
  if (!*row) return std::optional<Invitation>{};
  return std::optional<Invitation>{InvitationFromRow(**row)};
}

Result<void> AcceptInvitation(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& now) {
  return Done(tx.Exec("UPDATE invitations SET accepted_at = :now, accepted_by = :account WHERE id = :id",
                      {P("now", now), P("account", account_id), P("id", id)}));
}

}  // namespace cohort::organisations::store
