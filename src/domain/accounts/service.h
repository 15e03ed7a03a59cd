#pragma once
// Account use cases available so far: creating administrators from the
// command line, issuing personal API tokens, and authenticating a bearer
// token. (Registration, sessions and e-mail verification come with the
// accounts issue.)
#include <optional>
#include <string>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/accounts/model.h"

namespace cohort::accounts {

struct NewAdmin {
  std::string email;
  std::string name;
  std::string password;
  std::optional<std::string> organisation_id;  // organisation admin of it; platform admin when absent
};

// Creates an administrator. kInvalidArgument for a malformed e-mail or a
// password that breaks the rules (field errors "email", "password");
// kConflict when the e-mail is taken.
Result<Account> CreateAdmin(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                            const NewAdmin& input);

// Issues a personal API token for the account with `email`; the token is
// returned once and only its hash is kept. kNotFound for an unknown e-mail.
Result<std::string> CreateApiToken(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                                   const std::string& email, const std::string& name);

// The actor a bearer token stands for. kUnauthenticated for an unknown or
// revoked token.
Result<Actor> AuthenticateToken(db::Database& db, const std::string& token);

// Lower-cases and checks an e-mail address (one '@', a dot in the domain,
// no spaces, at most 254 bytes).
std::optional<std::string> NormaliseEmail(const std::string& email);

}  // namespace cohort::accounts
