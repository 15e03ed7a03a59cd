#include "domain/accounts/store.h"

namespace cohort::accounts::store {
namespace {

constexpr const char* kColumns = "a.id, a.email, a.name, a.locale, a.is_platform_admin, a.created_at";

Account FromRow(const db::Row& r) {
  return Account{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Bool(4), r.Text(5)};
}

Result<std::optional<Account>> One(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto row = tx.QueryOne(sql, params);
  if (!row) return row.error();
  if (!*row) return std::optional<Account>{};
  return std::optional<Account>{FromRow(**row)};
}

}  // namespace

Result<void> InsertAccount(db::Tx& tx, const Account& a, const std::string& password_hash, const std::string& now) {
  auto r = tx.Exec(
      "INSERT INTO accounts (id, email, name, password_hash, locale, is_platform_admin, created_at, updated_at) "
      "VALUES (:id, :email, :name, :hash, :locale, :admin, :now, :now)",
      {db::P("id", a.id), db::P("email", a.email), db::P("name", a.name), db::P("hash", password_hash),
       db::P("locale", a.locale), db::P("admin", a.is_platform_admin), db::P("now", now)});
  if (!r) {
    if (r.error().code() == ErrorCode::kConflict) {
      return Error::Conflict("an account with this e-mail exists");
    }
    return r.error();
  }
  return Ok();
}

Result<std::optional<Account>> FindByEmail(db::Tx& tx, const std::string& email) {
  return One(tx, std::string("SELECT ") + kColumns + " FROM accounts a WHERE a.email = :email",
             {db::P("email", email)});
}

Result<void> InsertMembership(db::Tx& tx, const std::string& organisation_id, const std::string& account_id, Role role,
                              const std::string& now) {
  auto r = tx.Exec(
      "INSERT INTO memberships (organisation_id, account_id, role, created_at) VALUES (:org, :account, :role, :now)",
      {db::P("org", organisation_id), db::P("account", account_id), db::P("role", std::string(ToString(role))),
       db::P("now", now)});
  if (!r) return r.error();
  return Ok();
}

Result<void> InsertToken(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& name,
                         const std::string& token_hash, const std::string& now) {
  auto r = tx.Exec(
      "INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) VALUES (:id, :account, :name, :hash, :now)",
      {db::P("id", id), db::P("account", account_id), db::P("name", name), db::P("hash", token_hash),
       db::P("now", now)});
  if (!r) return r.error();
  return Ok();
}

Result<std::optional<Account>> FindByTokenHash(db::Tx& tx, const std::string& token_hash) {
  return One(tx,
             std::string("SELECT ") + kColumns +
                 " FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
                 "WHERE t.token_hash = :hash AND t.revoked_at IS NULL",
             {db::P("hash", token_hash)});
}

}  // namespace cohort::accounts::store
