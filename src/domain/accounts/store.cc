#include "domain/accounts/store.h"

namespace cohort::accounts::store {
namespace {

using db::P;

constexpr const char* kColumns =
    "a.id, a.email, a.name, a.locale, a.is_platform_admin, a.created_at, a.email_verified_at, a.totp_enabled_at";

Account FromRow(const db::Row& r) {
  Account a{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Bool(4), r.Text(5)};
  a.email_verified = !r.IsNull(6);
  a.totp_enabled = !r.IsNull(7);
  return a;
}

Result<std::optional<Account>> One(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto row = tx.QueryOne(sql, params);
  if (!row) return row.error();
  if (!*row) return std::optional<Account>{};
  return std::optional<Account>{FromRow(**row)};
}

Result<void> Exec(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto r = tx.Exec(sql, params);
  if (!r) return r.error();
  return Ok();
}

std::optional<std::string> Opt(const std::string& s) {
  return s.empty() ? std::optional<std::string>{} : std::optional<std::string>{s};
}

}  // namespace

Result<void> InsertAccount(db::Tx& tx, const Account& a, const std::string& password_hash, const std::string& now) {
  auto r = tx.Exec(
      "INSERT INTO accounts (id, email, name, password_hash, locale, is_platform_admin, email_verified_at, created_at, "
      "updated_at) VALUES (:id, :email, :name, :hash, :locale, :admin, :verified, :now, :now)",
      {P("id", a.id), P("email", a.email), P("name", a.name), P("hash", password_hash), P("locale", a.locale),
       P("admin", a.is_platform_admin), P("verified", a.email_verified ? Opt(now) : std::nullopt), P("now", now)});
  if (!r) {
    if (r.error().code() == ErrorCode::kConflict) return Error::Conflict("an account with this e-mail exists");
    return r.error();
  }
  return Ok();
}

Result<std::optional<Account>> FindByEmail(db::Tx& tx, const std::string& email) {
  return One(tx, std::string("SELECT ") + kColumns + " FROM accounts a WHERE a.email = :email", {P("email", email)});
}

Result<std::optional<Account>> FindById(db::Tx& tx, const std::string& id) {
  return One(tx, std::string("SELECT ") + kColumns + " FROM accounts a WHERE a.id = :id", {P("id", id)});
}

Result<std::optional<std::string>> PasswordHash(db::Tx& tx, const std::string& account_id) {
  auto row = tx.QueryOne("SELECT password_hash FROM accounts WHERE id = :id", {P("id", account_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{(*row)->Text(0)};
}

Result<void> SetPasswordHash(db::Tx& tx, const std::string& account_id, const std::string& hash, const std::string& now) {
  return Exec(tx, "UPDATE accounts SET password_hash = :hash, updated_at = :now WHERE id = :id",
              {P("hash", hash), P("now", now), P("id", account_id)});
}

Result<void> UpdateProfile(db::Tx& tx, const std::string& account_id, const std::string& name,
                           const std::string& locale, const std::string& now) {
  return Exec(tx, "UPDATE accounts SET name = :name, locale = :locale, updated_at = :now WHERE id = :id",
              {P("name", name), P("locale", locale), P("now", now), P("id", account_id)});
}

Result<void> SetEmail(db::Tx& tx, const std::string& account_id, const std::string& email, const std::string& now) {
  return Exec(tx, "UPDATE accounts SET email = :email, email_verified_at = :now, updated_at = :now WHERE id = :id",
              {P("email", email), P("now", now), P("id", account_id)});
}

Result<void> MarkEmailVerified(db::Tx& tx, const std::string& account_id, const std::string& now) {
  return Exec(tx,
              "UPDATE accounts SET email_verified_at = COALESCE(email_verified_at, :now), updated_at = :now "
              "WHERE id = :id",
              {P("now", now), P("id", account_id)});
}

Result<void> InsertConsent(db::Tx& tx, const std::string& account_id, const std::string& kind,
                           const std::string& version, const std::string& now) {
  return Exec(tx, "INSERT INTO consents (account_id, kind, version, given_at) VALUES (:id, :kind, :version, :now)",
              {P("id", account_id), P("kind", kind), P("version", version), P("now", now)});
}

Result<void> InsertMembership(db::Tx& tx, const std::string& organisation_id, const std::string& account_id, Role role,
                              const std::string& now) {
  return Exec(tx,
              "INSERT INTO memberships (organisation_id, account_id, role, created_at) "
              "VALUES (:org, :account, :role, :now)",
              {P("org", organisation_id), P("account", account_id), P("role", std::string(ToString(role))),
               P("now", now)});
}

Result<std::vector<Membership>> Memberships(db::Tx& tx, const std::string& account_id) {
  auto rows = tx.Query(
      "SELECT m.organisation_id, o.name, m.role FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
      "WHERE m.account_id = :id ORDER BY o.name, m.role",
      {P("id", account_id)});
  if (!rows) return rows.error();
  std::vector<Membership> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

Result<void> InsertToken(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& name,
                         const std::string& token_hash, const std::string& now) {
  return Exec(tx,
              "INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) "
              "VALUES (:id, :account, :name, :hash, :now)",
              {P("id", id), P("account", account_id), P("name", name), P("hash", token_hash), P("now", now)});
}

Result<std::optional<std::pair<Account, std::optional<std::string>>>> FindByTokenHash(db::Tx& tx,
                                                                                      const std::string& token_hash) {
  using Found = std::optional<std::pair<Account, std::optional<std::string>>>;
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             ", t.last_used_at FROM api_tokens t JOIN accounts a ON a.id = t.account_id "
                             "WHERE t.token_hash = :hash AND t.revoked_at IS NULL",
                         {P("hash", token_hash)});
  if (!row) return row.error();
  if (!*row) return Found{};
  return Found{std::pair{FromRow(**row), (*row)->OptText(8)}};
}

Result<void> TouchToken(db::Tx& tx, const std::string& token_hash, const std::string& now) {
  return Exec(tx, "UPDATE api_tokens SET last_used_at = :now WHERE token_hash = :hash",
              {P("now", now), P("hash", token_hash)});
}

Result<void> RevokeTokens(db::Tx& tx, const std::string& account_id, const std::string& now) {
  return Exec(tx, "UPDATE api_tokens SET revoked_at = :now WHERE account_id = :id AND revoked_at IS NULL",
              {P("now", now), P("id", account_id)});
}

Result<std::vector<TokenInfo>> Tokens(db::Tx& tx, const std::string& account_id) {
  auto rows = tx.Query(
      "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE account_id = :id AND revoked_at IS NULL "
      "ORDER BY id",
      {P("id", account_id)});
  if (!rows) return rows.error();
  std::vector<TokenInfo> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.OptText(3)});
  return out;
}

Result<bool> RevokeToken(db::Tx& tx, const std::string& account_id, const std::string& id, const std::string& now) {
  auto n = tx.Exec(
      "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND account_id = :account AND revoked_at IS NULL",
      {P("now", now), P("id", id), P("account", account_id)});
  if (!n) return n.error();
  return *n > 0;
}

Result<void> InsertSession(db::Tx& tx, const std::string& token_hash, const std::string& account_id,
                           const std::string& csrf, const std::string& now, const std::string& expires_at) {
  return Exec(tx,
              "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) "
              "VALUES (:hash, :account, :csrf, :now, :now, :expires)",
              {P("hash", token_hash), P("account", account_id), P("csrf", csrf), P("now", now),
               P("expires", expires_at)});
}

Result<std::optional<SessionRow>> FindSession(db::Tx& tx, const std::string& token_hash) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns +
                             ", s.csrf_token, s.last_seen_at, s.expires_at FROM sessions s "
                             "JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = :hash",
                         {P("hash", token_hash)});
  if (!row) return row.error();
  if (!*row) return std::optional<SessionRow>{};
  const auto& r = **row;
  return std::optional<SessionRow>{SessionRow{FromRow(r), r.Text(8), r.Text(9), r.Text(10)}};
}

Result<void> TouchSession(db::Tx& tx, const std::string& token_hash, const std::string& now) {
  return Exec(tx, "UPDATE sessions SET last_seen_at = :now WHERE token_hash = :hash",
              {P("now", now), P("hash", token_hash)});
}

Result<void> DeleteSession(db::Tx& tx, const std::string& token_hash) {
  return Exec(tx, "DELETE FROM sessions WHERE token_hash = :hash", {P("hash", token_hash)});
}

Result<void> DeleteSessions(db::Tx& tx, const std::string& account_id, const std::string& keep) {
  return Exec(tx, "DELETE FROM sessions WHERE account_id = :id AND token_hash <> :keep",
              {P("id", account_id), P("keep", keep)});
}

Result<void> InsertEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& account_id,
                              const std::string& purpose, const std::string& email, const std::string& now,
                              const std::string& expires_at) {
  return Exec(tx,
              "INSERT INTO email_tokens (token_hash, account_id, purpose, email, created_at, expires_at) "
              "VALUES (:hash, :account, :purpose, :email, :now, :expires)",
              {P("hash", token_hash), P("account", account_id), P("purpose", purpose), P("email", email),
               P("now", now), P("expires", expires_at)});
}

Result<std::optional<EmailToken>> FindEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& purpose) {
  auto row = tx.QueryOne(
      "SELECT account_id, email, expires_at, used_at FROM email_tokens WHERE token_hash = :hash AND purpose = :purpose",
      {P("hash", token_hash), P("purpose", purpose)});
  if (!row) return row.error();
  if (!*row) return std::optional<EmailToken>{};
  const auto& r = **row;
  return std::optional<EmailToken>{EmailToken{r.Text(0), r.Text(1), r.Text(2), r.OptText(3)}};
}

Result<bool> UseEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& now) {
  auto n = tx.Exec("UPDATE email_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL",
                   {P("now", now), P("hash", token_hash)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::optional<TotpState>> Totp(db::Tx& tx, const std::string& account_id) {
  auto row = tx.QueryOne("SELECT totp_secret, totp_enabled_at, totp_last_step FROM accounts WHERE id = :id",
                         {P("id", account_id)});
  if (!row) return row.error();
  if (!*row || (*row)->IsNull(0)) return std::optional<TotpState>{};
  return std::optional<TotpState>{TotpState{(*row)->Text(0), !(*row)->IsNull(1), (*row)->OptInt(2)}};
}

Result<void> SetTotp(db::Tx& tx, const std::string& account_id, const std::optional<std::string>& secret,
                     const std::optional<std::string>& enabled_at, const std::optional<std::int64_t>& last_step) {
  return Exec(tx,
              "UPDATE accounts SET totp_secret = :secret, totp_enabled_at = :enabled, totp_last_step = :step "
              "WHERE id = :id",
              {P("secret", secret), P("enabled", enabled_at), P("step", last_step), P("id", account_id)});
}

Result<bool> UseTotpStep(db::Tx& tx, const std::string& account_id, std::int64_t step) {
  auto n = tx.Exec(
      "UPDATE accounts SET totp_last_step = :step WHERE id = :id AND totp_enabled_at IS NOT NULL "
      "AND (totp_last_step IS NULL OR totp_last_step < :step)",
      {P("step", step), P("id", account_id)});
  if (!n) return n.error();
  return *n == 1;
}

Result<bool> AnyOrganisationRequiresTotp(db::Tx& tx, const std::string& account_id) {
  auto row = tx.QueryOne(
      "SELECT count(*) FROM memberships m JOIN organisations o ON o.id = m.organisation_id "
      "WHERE m.account_id = :id AND o.require_totp = 1",
      {P("id", account_id)});
  if (!row) return row.error();
  return (*row)->Int(0) > 0;
}

Result<std::optional<Failures>> LoginFailures(db::Tx& tx, const std::string& scope, const std::string& key) {
  auto row = tx.QueryOne("SELECT window_start, failures FROM login_failures WHERE scope = :scope AND who = :key",
                         {P("scope", scope), P("key", key)});
  if (!row) return row.error();
  if (!*row) return std::optional<Failures>{};
  return std::optional<Failures>{Failures{(*row)->Text(0), static_cast<int>((*row)->Int(1))}};
}

Result<void> RecordLoginFailure(db::Tx& tx, const std::string& scope, const std::string& key,
                                const std::string& window_start, int failures) {
  return Exec(tx,
              "INSERT INTO login_failures (scope, who, window_start, failures) VALUES (:scope, :key, :start, :n) "
              "ON CONFLICT (scope, who) DO UPDATE SET window_start = :start, failures = :n",
              {P("scope", scope), P("key", key), P("start", window_start), P("n", failures)});
}

Result<void> ClearLoginFailures(db::Tx& tx, const std::string& scope, const std::string& key) {
  return Exec(tx, "DELETE FROM login_failures WHERE scope = :scope AND who = :key", {P("scope", scope), P("key", key)});
}

}  // namespace cohort::accounts::store
