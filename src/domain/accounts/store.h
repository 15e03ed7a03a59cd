#pragma once
// Storage of accounts, memberships, tokens, sessions and e-mail links.
// Each function runs inside the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/accounts/model.h"

namespace cohort::accounts::store {

// kConflict when the e-mail is taken.
Result<void> InsertAccount(db::Tx& tx, const Account& account, const std::string& password_hash,
                           const std::string& now);
Result<std::optional<Account>> FindByEmail(db::Tx& tx, const std::string& email);
Result<std::optional<Account>> FindById(db::Tx& tx, const std::string& id);
Result<std::optional<std::string>> PasswordHash(db::Tx& tx, const std::string& account_id);
Result<void> SetPasswordHash(db::Tx& tx, const std::string& account_id, const std::string& hash, const std::string& now);
Result<void> UpdateProfile(db::Tx& tx, const std::string& account_id, const std::string& name, const std::string& locale,
                           const std::string& now);
// kConflict when another account has the address.
Result<void> SetEmail(db::Tx& tx, const std::string& account_id, const std::string& email, const std::string& now);
Result<void> MarkEmailVerified(db::Tx& tx, const std::string& account_id, const std::string& now);
Result<void> InsertConsent(db::Tx& tx, const std::string& account_id, const std::string& kind,
                           const std::string& version, const std::string& now);

Result<void> InsertMembership(db::Tx& tx, const std::string& organisation_id, const std::string& account_id, Role role,
                              const std::string& now);
Result<std::vector<Membership>> Memberships(db::Tx& tx, const std::string& account_id);

Result<void> InsertToken(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& name,
                         const std::string& token_hash, const std::string& now);
// The account owning an unrevoked token with this hash, and when the token
// was last used.
Result<std::optional<std::pair<Account, std::optional<std::string>>>> FindByTokenHash(db::Tx& tx,
                                                                                      const std::string& token_hash);
Result<void> TouchToken(db::Tx& tx, const std::string& token_hash, const std::string& now);
// Revokes every live token of the account (after a password or second-factor change).
Result<void> RevokeTokens(db::Tx& tx, const std::string& account_id, const std::string& now);
Result<std::vector<TokenInfo>> Tokens(db::Tx& tx, const std::string& account_id);
// Revokes the account's token `id`; false when it has no such live token.
Result<bool> RevokeToken(db::Tx& tx, const std::string& account_id, const std::string& id, const std::string& now);

struct SessionRow {
  Account account;
  std::string csrf_token;
  std::string last_seen_at;
  std::string expires_at;
};
Result<void> InsertSession(db::Tx& tx, const std::string& token_hash, const std::string& account_id,
                           const std::string& csrf, const std::string& now, const std::string& expires_at);
Result<std::optional<SessionRow>> FindSession(db::Tx& tx, const std::string& token_hash);
Result<void> TouchSession(db::Tx& tx, const std::string& token_hash, const std::string& now);
Result<void> DeleteSession(db::Tx& tx, const std::string& token_hash);
// Ends every session of the account except `keep` (may be empty).
Result<void> DeleteSessions(db::Tx& tx, const std::string& account_id, const std::string& keep);

struct EmailToken {
  std::string account_id;
  std::string email;
  std::string expires_at;
  std::optional<std::string> used_at;
};
Result<void> InsertEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& account_id,
                              const std::string& purpose, const std::string& email, const std::string& now,
                              const std::string& expires_at);
Result<std::optional<EmailToken>> FindEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& purpose);
// Marks the link used; false when it already was (someone else won a race).
Result<bool> UseEmailToken(db::Tx& tx, const std::string& token_hash, const std::string& now);

struct TotpState {
  std::string secret;
  bool enabled = false;
  std::optional<std::int64_t> last_step;
};
// std::nullopt when no secret was ever set up.
Result<std::optional<TotpState>> Totp(db::Tx& tx, const std::string& account_id);
Result<void> SetTotp(db::Tx& tx, const std::string& account_id, const std::optional<std::string>& secret,
                     const std::optional<std::string>& enabled_at, const std::optional<std::int64_t>& last_step);
// Records `step` as used; false when it (or a later one) already was.
Result<bool> UseTotpStep(db::Tx& tx, const std::string& account_id, std::int64_t step);
Result<bool> AnyOrganisationRequiresTotp(db::Tx& tx, const std::string& account_id);

struct Failures {
  std::string window_start;
  int failures = 0;
};
Result<std::optional<Failures>> LoginFailures(db::Tx& tx, const std::string& scope, const std::string& key);
Result<void> RecordLoginFailure(db::Tx& tx, const std::string& scope, const std::string& key,
                                const std::string& window_start, int failures);
Result<void> ClearLoginFailures(db::Tx& tx, const std::string& scope, const std::string& key);

}  // namespace cohort::accounts::store
