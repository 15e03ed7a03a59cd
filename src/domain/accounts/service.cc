#include "domain/accounts/service.h"

#include <algorithm>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"
#include "domain/accounts/password.h"
#include "domain/accounts/store.h"
#include "domain/accounts/token.h"

namespace cohort::accounts {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kOrganisationAdmin: return "organisation_admin";
    case Role::kCoordinator: return "coordinator";
    case Role::kReviewer: return "reviewer";
    case Role::kInterviewer: return "interviewer";
    case Role::kUnitSupervisor: return "unit_supervisor";
    case Role::kTrainer: return "trainer";
  }
  return "coordinator";
}

std::optional<Role> ParseRole(std::string_view s) {
  for (auto r : {Role::kOrganisationAdmin, Role::kCoordinator, Role::kReviewer, Role::kInterviewer,
                 Role::kUnitSupervisor, Role::kTrainer}) {
    if (ToString(r) == s) return r;
  }
  return std::nullopt;
}

std::optional<std::string> NormaliseEmail(const std::string& email) {
  if (email.empty() || email.size() > 254) return std::nullopt;
  std::string out = email;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = out.find('@');
  if (at == 0 || at == std::string::npos || out.find('@', at + 1) != std::string::npos) return std::nullopt;
  const auto dot = out.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot + 1 == out.size()) return std::nullopt;
  for (unsigned char c : out) {
    if (std::isspace(c) || c < 0x20) return std::nullopt;
  }
  return out;
}

namespace {
// What the audit trail keeps of a new account: never the password hash.
std::string AuditJson(const Account& a, const std::string& role) {
  return R"({"email":")" + JsonEscape(a.email) + R"(","name":")" + JsonEscape(a.name) + R"(","role":")" + role + "\"}";
}
}  // namespace

Result<Account> CreateAdmin(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                            const NewAdmin& input) {
  std::vector<FieldError> errors;
  auto email = NormaliseEmail(input.email);
  if (!email) errors.push_back({"email", "invalid_email", "not a valid e-mail address"});
  if (input.name.empty()) errors.push_back({"name", "required", "required"});
  if (auto p = CheckNewPassword(input.password, email.value_or("")); !p) {
    for (const auto& f : p.error().fields()) errors.push_back(f);
  }
  if (!errors.empty()) return Error::InvalidArgument("invalid administrator", std::move(errors));
  auto hash = HashPassword(input.password);
  if (!hash) return hash.error();
  const auto now = ctx.clock.Now();
  Account account{NewId(now), *email, input.name, "az", !input.organisation_id.has_value(), FormatUtc(now)};
  return db.Write([&](db::Tx& tx) -> Result<Account> {
    if (input.organisation_id) {
      auto org = tx.QueryOne("SELECT id FROM organisations WHERE id = :id OR slug = :id",
                             {db::P("id", *input.organisation_id)});
      if (!org) return org.error();
      if (!*org) return Error::NotFound("no organisation " + *input.organisation_id);
      if (auto r = store::InsertAccount(tx, account, *hash, account.created_at); !r) return r.error();
      if (auto r = store::InsertMembership(tx, (*org)->Text(0), account.id, Role::kOrganisationAdmin,
                                           account.created_at);
          !r) {
        return r.error();
      }
      if (auto a = trail.Append(tx, ctx, {(*org)->Text(0), "account", account.id, "create", "",
                                          AuditJson(account, "organisation_admin")});
          !a) {
        return a.error();
      }
      return account;
    }
    if (auto r = store::InsertAccount(tx, account, *hash, account.created_at); !r) return r.error();
    if (auto a = trail.Append(tx, ctx, {"", "account", account.id, "create", "", AuditJson(account, "platform_admin")}); !a) {
      return a.error();
    }
    return account;
  });
}

Result<std::string> CreateApiToken(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                                   const std::string& email, const std::string& name) {
  auto normalised = NormaliseEmail(email);
  if (!normalised) return Error::InvalidArgument("invalid e-mail", {{"email", "invalid_email", "not a valid e-mail"}});
  const std::string token = NewApiToken();
  const auto now = ctx.clock.Now();
  auto saved = db.Write([&](db::Tx& tx) -> Result<void> {
    auto account = store::FindByEmail(tx, *normalised);
    if (!account) return account.error();
    if (!*account) return Error::NotFound("no account with e-mail " + *normalised);
    const std::string id = NewId(now);
    const std::string label = name.empty() ? "token" : name;
    if (auto r = store::InsertToken(tx, id, (*account)->id, label, HashApiToken(token), FormatUtc(now)); !r) return r;
    return trail.Append(tx, ctx, {"", "api_token", id, "create", "",
                                  R"({"account_id":")" + (*account)->id + R"(","name":")" + JsonEscape(label) + "\"}"});
  });
  if (!saved) return saved.error();
  return token;
}

Result<Actor> AuthenticateToken(db::Database& db, const std::string& token) {
  auto account = db.Read([&](db::Tx& tx) { return store::FindByTokenHash(tx, HashApiToken(token)); });
  if (!account) return account.error();
  if (!*account) return Error::Unauthenticated("unknown or revoked token");
  return Actor{(*account)->id, (*account)->is_platform_admin};
}

}  // namespace cohort::accounts
