#pragma once
// Account use cases. Every function that changes something writes its
// audit entry and its outgoing messages in the same transaction.
#include <chrono>
#include <optional>
#include <string>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/accounts/model.h"
#include "domain/audit/trail.h"

namespace cohort::accounts {

struct Settings {
  std::string public_url = "http://127.0.0.1:8080";  // links in e-mails are built from this, never from Host
  std::chrono::minutes session_idle{120};
  std::chrono::hours session_absolute{12};
  std::chrono::hours verify_link_valid{48};
  std::chrono::minutes reset_link_valid{60};
  int max_failures_per_email = 5;     // per window
  int max_failures_per_address = 30;  // per window
  std::chrono::minutes failure_window{15};
};

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, Settings settings)
      : db_(db), trail_(trail), settings_(std::move(settings)) {}

  // Registers an applicant and sends the verification link. Succeeds the
  // same way when the e-mail is taken (the owner is told by e-mail), so the
  // answer reveals nothing. kInvalidArgument lists every bad field.
  Result<void> Register(const RequestContext& ctx, const NewAccount& input);

  // Follows an e-mailed link: marks the address verified, or for a change
  // of address moves the account to the new one. kInvalidArgument on field
  // "token" with code invalid_token, expired_token, used_token or
  // email_taken (someone registered the new address meanwhile).
  Result<void> VerifyEmail(const RequestContext& ctx, const std::string& token);

  // Signs in. kUnauthenticated for a wrong e-mail or password (the same
  // answer for both); kResourceExhausted with a retry time when too many
  // attempts failed for the e-mail or from `client_address` — checked
  // before any password is hashed.
  // With two-factor sign-in on, `totp_code` is needed too: kInvalidArgument
  // on "totp_code" with code totp_required (none given, nothing counted) or
  // wrong_code (counted as a failure).
  Result<SessionGrant> Login(const RequestContext& ctx, const std::string& email, const std::string& password,
                             const std::string& client_address, const std::string& totp_code = "");
  Result<void> Logout(const RequestContext& ctx);

  // The actor behind a session cookie, and the session's CSRF token.
  // kUnauthenticated when unknown or expired (idle or absolute).
  struct SessionActor {
    Actor actor;
    std::string csrf_token;
  };
  Result<SessionActor> AuthenticateSession(const Clock& clock, const std::string& token);
  // The actor behind a personal API token. kUnauthenticated when unknown or revoked.
  // Records when the token was last used (at most once a minute).
  Result<Actor> AuthenticateToken(const Clock& clock, const std::string& token);

  // kUnauthenticated without a signed-in actor.
  Result<Me> GetMe(const RequestContext& ctx, const std::string& csrf_token);
  Result<Me> UpdateProfile(const RequestContext& ctx, const std::optional<std::string>& name,
                           const std::optional<std::string>& locale);
  // Other sessions of the account end. kInvalidArgument "current_password"
  // wrong_password, or "new_password" rules.
  Result<void> ChangePassword(const RequestContext& ctx, const std::string& current, const std::string& next);

  // Starts a change of e-mail address: a link goes to the new address and
  // the old one is told. The address changes when the link is followed
  // (VerifyEmail). kInvalidArgument "password" wrong_password, "new_email"
  // invalid_email or email_taken.
  Result<void> RequestEmailChange(const RequestContext& ctx, const std::string& new_email, const std::string& password);

  // Sends a reset link when the account exists; succeeds either way.
  Result<void> RequestPasswordReset(const RequestContext& ctx, const std::string& email);
  // Sets the new password and ends every session of the account.
  Result<void> ResetPassword(const RequestContext& ctx, const std::string& token, const std::string& next);

  // Two-factor sign-in: a new secret to enter in an authenticator app
  // (kFailedPrecondition when already on); turning it on with a first code
  // (other sessions end); turning it off with a current code. A wrong code
  // is kInvalidArgument on "code" with code wrong_code.
  Result<TotpSetup> SetupTotp(const RequestContext& ctx);
  Result<void> EnableTotp(const RequestContext& ctx, const std::string& code);
  Result<void> DisableTotp(const RequestContext& ctx, const std::string& code);

  Result<std::vector<TokenInfo>> ListTokens(const RequestContext& ctx);
  // The token text is returned once.
  Result<std::pair<TokenInfo, std::string>> CreateToken(const RequestContext& ctx, const std::string& name);
  // kNotFound when the caller has no such live token.
  Result<void> RevokeToken(const RequestContext& ctx, const std::string& id);

 private:
  Result<void> Throttled(const std::string& email, const std::string& address, TimePoint now);
  Result<void> RecordFailure(const std::string& email, const std::string& address, TimePoint now);
  std::string Link(const std::string& path, const std::string& token) const;
  // The signed-in account and its password hash (to check a password).
  Result<std::pair<Account, std::string>> SignedInWithHash(const RequestContext& ctx);

  db::Database& db_;
  const audit::Trail& trail_;
  Settings settings_;
};

struct NewAdmin {
  std::string email;
  std::string name;
  std::string password;
  std::optional<std::string> organisation_id;  // organisation admin of it; platform admin when absent
};

// Creates an administrator (command line, demo). kInvalidArgument for a
// malformed e-mail or a password that breaks the rules (field errors
// "email", "password"); kConflict when the e-mail is taken.
Result<Account> CreateAdmin(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                            const NewAdmin& input);

struct NewApplicant {
  std::string email;
  std::string name;
  std::string locale = "az";
};

// Creates applicant accounts with confirmed addresses that share one
// password, hashed once (demo data; bulk imports of known people), in one
// transaction. kInvalidArgument for a malformed address ("applicants[i].email")
// or password; kConflict when an address is taken.
Result<std::vector<Account>> CreateApplicants(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                                              const std::vector<NewApplicant>& people, const std::string& password);

// Issues a personal API token for the account with `email` (command line);
// the token is returned once. kNotFound for an unknown e-mail.
Result<std::string> CreateApiToken(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                                   const std::string& email, const std::string& name);

// For other modules, inside their transactions.
Result<std::optional<Account>> FindAccount(db::Tx& tx, const std::string& account_id);
// Records that the account's address is proven (e.g. by following an e-mailed link).
Result<void> ConfirmEmail(db::Tx& tx, const std::string& account_id, const std::string& now);
// A random secret for a link, and the hash under which it is stored.
std::string NewLinkSecret();
std::string HashLinkSecret(std::string_view secret);

// Lower-cases and checks an e-mail address (one '@', a dot in the domain,
// no spaces, at most 254 bytes).
std::optional<std::string> NormaliseEmail(const std::string& email);

}  // namespace cohort::accounts
