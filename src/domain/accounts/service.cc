#include "domain/accounts/service.h"

#include <algorithm>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"
#include "domain/accounts/password.h"
#include "domain/accounts/store.h"
#include "domain/accounts/token.h"
#include "domain/accounts/totp.h"
#include "domain/notifications/outbox.h"

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

// What the audit trail keeps of an account: never the password hash.
std::string AuditJson(const Account& a, const std::string& role) {
  return R"({"email":")" + JsonEscape(a.email) + R"(","name":")" + JsonEscape(a.name) + R"(","locale":")" + a.locale +
         R"(","role":")" + role + "\"}";
}

bool ValidLocale(const std::string& l) { return l == "az" || l == "en" || l == "ru"; }

// A hash of a random password, checked when the e-mail is unknown so that a
// wrong e-mail costs as much time as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = HashPassword(NewApiToken()).value();
  return hash;
}

Error TokenError(const std::string& code, const std::string& message) {
  return Error::InvalidArgument(message, {{"token", code, message}});
}

}  // namespace

std::string Service::Link(const std::string& path, const std::string& token) const {
  return settings_.public_url + path + "?token=" + token;
}

Result<void> Service::Register(const RequestContext& ctx, const NewAccount& in) {
  std::vector<FieldError> errors;
  const auto email = NormaliseEmail(in.email);
  if (in.name.empty()) errors.push_back({"name", "required", "required"});
  else if (in.name.size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  if (in.email.empty()) errors.push_back({"email", "required", "required"});
  else if (!email) errors.push_back({"email", "invalid_email", "not a valid e-mail address"});
  if (in.password.empty()) errors.push_back({"password", "required", "required"});
  else if (auto p = CheckNewPassword(in.password, email.value_or("")); !p) errors.push_back(p.error().fields()[0]);
  if (!ValidLocale(in.locale)) errors.push_back({"locale", "invalid_locale", "az, en or ru"});
  if (!in.consent) errors.push_back({"consent", "required", "the privacy notice must be accepted"});
  if (!errors.empty()) return Error::InvalidArgument("invalid registration", std::move(errors));

  // Hash before looking the e-mail up: both answers take the same time.
  auto hash = HashPassword(in.password);
  if (!hash) return hash.error();
  const auto now = ctx.clock.Now();
  const std::string at = FormatUtc(now);
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto existing = store::FindByEmail(tx, *email);
    if (!existing) return existing.error();
    if (*existing) {
      const Account& owner = **existing;
      const std::string token = RandomToken();
      if (auto r = store::InsertEmailToken(tx, HashApiToken(token), owner.id, "reset_password", owner.email, at,
                                           FormatUtc(now + settings_.reset_link_valid));
          !r) {
        return r;
      }
      return notifications::Enqueue(tx, ctx.clock,
                                    {owner.id, owner.email, owner.locale, "already_registered",
                                     {{"name", owner.name}, {"link", Link("/reset-password", token)}}});
    }
    Account account{NewId(now), *email, in.name, in.locale, false, at};
    if (auto r = store::InsertAccount(tx, account, *hash, at); !r) {
      // Registered at the same moment by another request: the same answer.
      if (r.error().code() == ErrorCode::kConflict) return Ok();
      return r;
    }
    if (auto r = store::InsertConsent(tx, account.id, "privacy_notice", std::string(kPrivacyNoticeVersion), at); !r) {
      return r;
    }
    const std::string token = RandomToken();
    if (auto r = store::InsertEmailToken(tx, HashApiToken(token), account.id, "verify_email", account.email, at,
                                         FormatUtc(now + settings_.verify_link_valid));
        !r) {
      return r;
    }
    RequestContext as_new = ctx;
    as_new.actor.account_id = account.id;
    if (auto a = trail_.Append(tx, as_new, {"", "account", account.id, "register", "", AuditJson(account, "applicant")});
        !a) {
      return a;
    }
    return notifications::Enqueue(tx, ctx.clock,
                                  {account.id, account.email, account.locale, "verify_email",
                                   {{"name", account.name}, {"link", Link("/verify-email", token)}}});
  });
}

Result<void> Service::VerifyEmail(const RequestContext& ctx, const std::string& token) {
  if (token.empty()) return TokenError("invalid_token", "this link is not valid");
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    const std::string hash = HashApiToken(token);
    auto found = store::FindEmailToken(tx, hash, "verify_email");
    if (!found) return found.error();
    bool change = false;
    if (!*found) {
      found = store::FindEmailToken(tx, hash, "change_email");
      if (!found) return found.error();
      change = found->has_value();
    }
    if (!*found) return TokenError("invalid_token", "this link is not valid");
    if ((*found)->used_at) return TokenError("used_token", "this link has already been used");
    if ((*found)->expires_at <= FormatUtc(now)) return TokenError("expired_token", "this link has expired");
    auto claimed = store::UseEmailToken(tx, hash, FormatUtc(now));
    if (!claimed) return claimed.error();
    if (!*claimed) return TokenError("used_token", "this link has already been used");
    RequestContext as_owner = ctx;
    as_owner.actor.account_id = (*found)->account_id;
    if (change) {
      auto before = store::FindById(tx, (*found)->account_id);
      if (!before) return before.error();
      auto moved = store::SetEmail(tx, (*found)->account_id, (*found)->email, FormatUtc(now));
      if (!moved) {
        if (moved.error().code() == ErrorCode::kConflict) {
          return TokenError("email_taken", "another account uses this address");
        }
        return moved;
      }
      return trail_.Append(tx, as_owner, {"", "account", (*found)->account_id, "change_email",
                                          R"({"email":")" + JsonEscape(*before ? (*before)->email : "") + "\"}",
                                          R"({"email":")" + JsonEscape((*found)->email) + "\"}"});
    }
    if (auto r = store::MarkEmailVerified(tx, (*found)->account_id, FormatUtc(now)); !r) return r;
    return trail_.Append(tx, as_owner, {"", "account", (*found)->account_id, "verify_email", "",
                                        R"({"email":")" + JsonEscape((*found)->email) + "\"}"});
  });
}

Result<void> Service::Throttled(const std::string& email, const std::string& address, TimePoint now) {
  auto check = [&](const std::string& scope, const std::string& who, int limit) -> Result<void> {
    auto f = db_.Read([&](db::Tx& tx) { return store::LoginFailures(tx, scope, who); });
    if (!f) return f.error();
    if (!*f || (*f)->failures < limit) return Ok();
    const auto start = ParseRfc3339((*f)->window_start);
    if (!start) return Ok();
    const auto ends = *start + settings_.failure_window;
    if (ends <= now) return Ok();
    const auto wait = std::chrono::duration_cast<std::chrono::seconds>(ends - now).count() + 1;
    Error e = Error::ResourceExhausted("too many failed sign-in attempts; try again later");
    e.WithRetryAfter(static_cast<int>(wait));
    return e;
  };
  if (auto r = check("email", email, settings_.max_failures_per_email); !r) return r;
  return check("address", address, settings_.max_failures_per_address);
}

Result<void> Service::RecordFailure(const std::string& email, const std::string& address, TimePoint now) {
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    for (const auto& [scope, who] : {std::pair<std::string, std::string>{"email", email}, {"address", address}}) {
      auto f = store::LoginFailures(tx, scope, who);
      if (!f) return f.error();
      std::string start = FormatUtc(now);
      int failures = 1;
      if (*f) {
        const auto began = ParseRfc3339((*f)->window_start);
        if (began && *began + settings_.failure_window > now) {
          start = (*f)->window_start;
          failures = (*f)->failures + 1;
        }
      }
      if (auto r = store::RecordLoginFailure(tx, scope, who, start, failures); !r) return r;
    }
    return Ok();
  });
}

Result<SessionGrant> Service::Login(const RequestContext& ctx, const std::string& email_in,
                                    const std::string& password, const std::string& client_address,
                                    const std::string& totp_code) {
  const auto now = ctx.clock.Now();
  const std::string email = NormaliseEmail(email_in).value_or(email_in);
  if (auto t = Throttled(email, client_address, now); !t) return t.error();
  auto found = db_.Read([&](db::Tx& tx) -> Result<std::pair<std::optional<Account>, std::string>> {
    auto a = store::FindByEmail(tx, email);
    if (!a) return a.error();
    if (!*a) return std::pair<std::optional<Account>, std::string>{std::nullopt, ""};
    auto h = store::PasswordHash(tx, (*a)->id);
    if (!h) return h.error();
    return std::pair<std::optional<Account>, std::string>{*a, h->value_or("")};
  });
  if (!found) return found.error();
  const bool ok = VerifyPassword(password, found->first ? found->second : DecoyHash()) && found->first.has_value();
  if (!ok) {
    if (auto r = RecordFailure(email, client_address, now); !r) return r.error();
    return Error::Unauthenticated("wrong e-mail or password");
  }
  const Account& account = *found->first;
  std::optional<std::int64_t> used_step;
  if (account.totp_enabled) {
    if (totp_code.empty()) {
      return Error::InvalidArgument("second factor required",
                                    {{"totp_code", "totp_required", "enter the code from your authenticator app"}});
    }
    auto state = db_.Read([&](db::Tx& tx) { return store::Totp(tx, account.id); });
    if (!state) return state.error();
    auto step = *state ? totp::Match((*state)->secret, totp_code, now) : std::nullopt;
    if (!step || ((*state)->last_step && *step <= *(*state)->last_step)) {
      if (auto r = RecordFailure(email, client_address, now); !r) return r.error();
      return Error::InvalidArgument("wrong code", {{"totp_code", "wrong_code", "the code is wrong or was used"}});
    }
    used_step = step;
  }
  SessionGrant grant;
  grant.token = RandomToken();
  grant.csrf_token = RandomToken();
  const std::string at = FormatUtc(now);
  auto saved = db_.Write([&](db::Tx& tx) -> Result<std::vector<Membership>> {
    if (auto r = store::InsertSession(tx, HashApiToken(grant.token), account.id, grant.csrf_token, at,
                                      FormatUtc(now + settings_.session_absolute));
        !r) {
      return r.error();
    }
    if (auto r = store::ClearLoginFailures(tx, "email", email); !r) return r.error();
    if (used_step) {
      // Two sign-ins racing with one code: only one may use it.
      auto fresh = store::UseTotpStep(tx, account.id, *used_step);
      if (!fresh) return fresh.error();
      if (!*fresh) {
        return Error::InvalidArgument("wrong code", {{"totp_code", "wrong_code", "the code is wrong or was used"}});
      }
    }
    RequestContext as_owner = ctx;
    as_owner.actor.account_id = account.id;
    if (auto a = trail_.Append(tx, as_owner, {"", "account", account.id, "sign_in", "",
                                              R"({"address":")" + JsonEscape(client_address) + "\"}"});
        !a) {
      return a.error();
    }
    return store::Memberships(tx, account.id);
  });
  if (!saved) return saved.error();
  grant.me = Me{account, std::move(*saved), grant.csrf_token};
  auto required = db_.Read([&](db::Tx& tx) { return store::AnyOrganisationRequiresTotp(tx, account.id); });
  if (!required) return required.error();
  grant.me.totp_required = *required;
  return grant;
}

Result<void> Service::Logout(const RequestContext& ctx) {
  if (ctx.actor.session_id.empty()) return Error::Unauthenticated("not signed in with a session");
  return db_.Write([&](db::Tx& tx) { return store::DeleteSession(tx, ctx.actor.session_id); });
}

Result<Service::SessionActor> Service::AuthenticateSession(const Clock& clock, const std::string& token) {
  const std::string hash = HashApiToken(token);
  auto found = db_.Read([&](db::Tx& tx) { return store::FindSession(tx, hash); });
  if (!found) return found.error();
  if (!*found) return Error::Unauthenticated("unknown session");
  const auto now = clock.Now();
  const auto last_seen = ParseRfc3339((*found)->last_seen_at);
  if ((*found)->expires_at <= FormatUtc(now) || !last_seen || *last_seen + settings_.session_idle <= now) {
    (void)db_.Write([&](db::Tx& tx) { return store::DeleteSession(tx, hash); });
    return Error::Unauthenticated("the session has expired");
  }
  // Record activity at most once a minute: a write per request would cost
  // more than the idle limit needs.
  if (*last_seen + std::chrono::minutes(1) <= now) {
    auto touched = db_.Write([&](db::Tx& tx) { return store::TouchSession(tx, hash, FormatUtc(now)); });
    if (!touched) return touched.error();
  }
  const Account& a = (*found)->account;
  return SessionActor{Actor{a.id, a.is_platform_admin, hash, a.totp_enabled}, (*found)->csrf_token};
}

Result<Actor> Service::AuthenticateToken(const Clock& clock, const std::string& token) {
  const std::string hash = HashApiToken(token);
  auto found = db_.Read([&](db::Tx& tx) { return store::FindByTokenHash(tx, hash); });
  if (!found) return found.error();
  if (!*found) return Error::Unauthenticated("unknown or revoked token");
  // Record use at most once a minute, as for sessions.
  const auto now = clock.Now();
  const auto last = (*found)->second ? ParseRfc3339(*(*found)->second) : std::nullopt;
  if (!last || *last + std::chrono::minutes(1) <= now) {
    auto touched = db_.Write([&](db::Tx& tx) { return store::TouchToken(tx, hash, FormatUtc(now)); });
    if (!touched) return touched.error();
  }
  const Account& a = (*found)->first;
  return Actor{a.id, a.is_platform_admin, "", a.totp_enabled};
}

Result<Me> Service::GetMe(const RequestContext& ctx, const std::string& csrf_token) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<Me> {
    auto a = store::FindById(tx, ctx.actor.account_id);
    if (!a) return a.error();
    if (!*a) return Error::Unauthenticated("the account no longer exists");
    auto m = store::Memberships(tx, ctx.actor.account_id);
    if (!m) return m.error();
    auto required = store::AnyOrganisationRequiresTotp(tx, ctx.actor.account_id);
    if (!required) return required.error();
    Me result{**a, std::move(*m), csrf_token};
    result.totp_required = *required;
    return result;
  });
}

Result<Me> Service::UpdateProfile(const RequestContext& ctx, const std::optional<std::string>& name,
                                  const std::optional<std::string>& locale) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  std::vector<FieldError> errors;
  if (name && name->empty()) errors.push_back({"name", "required", "required"});
  if (name && name->size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  if (locale && !ValidLocale(*locale)) errors.push_back({"locale", "invalid_locale", "az, en or ru"});
  if (!errors.empty()) return Error::InvalidArgument("invalid profile", std::move(errors));
  const std::string at = FormatUtc(ctx.clock.Now());
  auto changed = db_.Write([&](db::Tx& tx) -> Result<void> {
    auto a = store::FindById(tx, ctx.actor.account_id);
    if (!a) return a.error();
    if (!*a) return Error::Unauthenticated("the account no longer exists");
    Account after = **a;
    if (name) after.name = *name;
    if (locale) after.locale = *locale;
    if (auto r = store::UpdateProfile(tx, after.id, after.name, after.locale, at); !r) return r;
    return trail_.Append(tx, ctx, {"", "account", after.id, "update", AuditJson(**a, "-"), AuditJson(after, "-")});
  });
  if (!changed) return changed.error();
  return GetMe(ctx, "");
}

Result<std::pair<Account, std::string>> Service::SignedInWithHash(const RequestContext& ctx) {
  return db_.Read([&](db::Tx& tx) -> Result<std::pair<Account, std::string>> {
    auto a = store::FindById(tx, ctx.actor.account_id);
    if (!a) return a.error();
    if (!*a) return Error::Unauthenticated("the account no longer exists");
    auto h = store::PasswordHash(tx, ctx.actor.account_id);
    if (!h) return h.error();
    return std::pair<Account, std::string>{**a, h->value_or("")};
  });
}

Result<void> Service::ChangePassword(const RequestContext& ctx, const std::string& current, const std::string& next) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  auto account = SignedInWithHash(ctx);
  if (!account) return account.error();
  std::vector<FieldError> errors;
  if (!VerifyPassword(current, account->second)) {
    errors.push_back({"current_password", "wrong_password", "the current password is wrong"});
  }
  if (auto p = CheckNewPassword(next, account->first.email, "new_password"); !p) errors.push_back(p.error().fields()[0]);
  if (!errors.empty()) return Error::InvalidArgument("password not changed", std::move(errors));
  auto hash = HashPassword(next);
  if (!hash) return hash.error();
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    if (auto r = store::SetPasswordHash(tx, ctx.actor.account_id, *hash, FormatUtc(now)); !r) return r;
    if (auto r = store::DeleteSessions(tx, ctx.actor.account_id, ctx.actor.session_id); !r) return r;
    if (auto r = store::RevokeTokens(tx, ctx.actor.account_id, FormatUtc(now)); !r) return r;
    if (auto a = trail_.Append(tx, ctx, {"", "account", ctx.actor.account_id, "change_password", "", ""}); !a) return a;
    const Account& owner = account->first;
    return notifications::Enqueue(tx, ctx.clock,
                                  {owner.id, owner.email, owner.locale, "password_changed",
                                   {{"name", owner.name}, {"link", settings_.public_url + "/reset-password"}},
                                   true});
  });
}

Result<void> Service::RequestEmailChange(const RequestContext& ctx, const std::string& new_email_in,
                                         const std::string& password) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  const auto new_email = NormaliseEmail(new_email_in);
  auto current = SignedInWithHash(ctx);
  if (!current) return current.error();
  std::vector<FieldError> errors;
  if (!new_email) errors.push_back({"new_email", "invalid_email", "not a valid e-mail address"});
  if (!VerifyPassword(password, current->second)) {
    errors.push_back({"password", "wrong_password", "the current password is wrong"});
  }
  if (!errors.empty()) return Error::InvalidArgument("e-mail not changed", std::move(errors));
  const Account& owner = current->first;
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto taken = store::FindByEmail(tx, *new_email);
    if (!taken) return taken.error();
    if (*taken) {
      return Error::InvalidArgument("e-mail taken", {{"new_email", "email_taken", "another account uses this address"}});
    }
    const std::string token = RandomToken();
    if (auto r = store::InsertEmailToken(tx, HashApiToken(token), owner.id, "change_email", *new_email, FormatUtc(now),
                                         FormatUtc(now + settings_.verify_link_valid));
        !r) {
      return r;
    }
    if (auto r = notifications::Enqueue(tx, ctx.clock,
                                        {owner.id, *new_email, owner.locale, "confirm_new_email",
                                         {{"name", owner.name}, {"link", Link("/verify-email", token)}}});
        !r) {
      return r;
    }
    if (auto r = notifications::Enqueue(tx, ctx.clock,
                                        {owner.id, owner.email, owner.locale, "email_change_requested",
                                         {{"name", owner.name}, {"new_email", *new_email},
                                          {"link", settings_.public_url + "/account"}},
                                         true});
        !r) {
      return r;
    }
    return trail_.Append(tx, ctx, {"", "account", owner.id, "request_email_change", "",
                                   R"({"new_email":")" + JsonEscape(*new_email) + "\"}"});
  });
}

Result<void> Service::RequestPasswordReset(const RequestContext& ctx, const std::string& email_in) {
  const auto email = NormaliseEmail(email_in);
  if (!email) return Error::InvalidArgument("invalid e-mail", {{"email", "invalid_email", "not a valid e-mail address"}});
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto a = store::FindByEmail(tx, *email);
    if (!a) return a.error();
    if (!*a) return Ok();  // nothing to send; the answer is the same
    const std::string token = RandomToken();
    if (auto r = store::InsertEmailToken(tx, HashApiToken(token), (*a)->id, "reset_password", *email, FormatUtc(now),
                                         FormatUtc(now + settings_.reset_link_valid));
        !r) {
      return r;
    }
    return notifications::Enqueue(tx, ctx.clock,
                                  {(*a)->id, (*a)->email, (*a)->locale, "reset_password",
                                   {{"name", (*a)->name}, {"link", Link("/reset-password", token)}}});
  });
}

Result<void> Service::ResetPassword(const RequestContext& ctx, const std::string& token, const std::string& next) {
  if (token.empty()) return TokenError("invalid_token", "this link is not valid");
  const std::string hash = HashApiToken(token);
  auto found = db_.Read([&](db::Tx& tx) -> Result<std::optional<std::pair<store::EmailToken, Account>>> {
    auto t = store::FindEmailToken(tx, hash, "reset_password");
    if (!t) return t.error();
    if (!*t) return std::optional<std::pair<store::EmailToken, Account>>{};
    auto a = store::FindById(tx, (*t)->account_id);
    if (!a) return a.error();
    if (!*a) return std::optional<std::pair<store::EmailToken, Account>>{};
    return std::optional<std::pair<store::EmailToken, Account>>{std::pair{**t, **a}};
  });
  if (!found) return found.error();
  const auto now = ctx.clock.Now();
  if (!*found) return TokenError("invalid_token", "this link is not valid");
  if ((*found)->first.used_at) return TokenError("used_token", "this link has already been used");
  if ((*found)->first.expires_at <= FormatUtc(now)) return TokenError("expired_token", "this link has expired");
  const Account owner = (*found)->second;
  if (auto p = CheckNewPassword(next, owner.email, "new_password"); !p) return p.error();
  auto new_hash = HashPassword(next);
  if (!new_hash) return new_hash.error();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    // Two resets racing with one link: only the one that marks it used goes on.
    auto claimed = store::UseEmailToken(tx, hash, FormatUtc(now));
    if (!claimed) return claimed.error();
    if (!*claimed) return TokenError("used_token", "this link has already been used");
    if (auto r = store::RevokeTokens(tx, owner.id, FormatUtc(now)); !r) return r;
    if (auto r = store::SetPasswordHash(tx, owner.id, *new_hash, FormatUtc(now)); !r) return r;
    if (auto r = store::MarkEmailVerified(tx, owner.id, FormatUtc(now)); !r) return r;  // the link proved the address
    if (auto r = store::DeleteSessions(tx, owner.id, ""); !r) return r;
    RequestContext as_owner = ctx;
    as_owner.actor.account_id = owner.id;
    return trail_.Append(tx, as_owner, {"", "account", owner.id, "reset_password", "", ""});
  });
}

Result<TotpSetup> Service::SetupTotp(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  const std::string secret = totp::NewSecret();
  return db_.Write([&](db::Tx& tx) -> Result<TotpSetup> {
    auto a = store::FindById(tx, ctx.actor.account_id);
    if (!a) return a.error();
    if (!*a) return Error::Unauthenticated("the account no longer exists");
    if ((*a)->totp_enabled) return Error::FailedPrecondition("two-factor sign-in is already on");
    if (auto r = store::SetTotp(tx, (*a)->id, secret, std::nullopt, std::nullopt); !r) return r.error();
    return TotpSetup{secret, totp::Uri(secret, (*a)->email)};
  });
}

Result<void> Service::EnableTotp(const RequestContext& ctx, const std::string& code) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto state = store::Totp(tx, ctx.actor.account_id);
    if (!state) return state.error();
    if (!*state) return Error::FailedPrecondition("set up two-factor sign-in first");
    if ((*state)->enabled) return Error::FailedPrecondition("two-factor sign-in is already on");
    auto step = totp::Match((*state)->secret, code, now);
    if (!step) return Error::InvalidArgument("wrong code", {{"code", "wrong_code", "the code is wrong or was used"}});
    if (auto r = store::SetTotp(tx, ctx.actor.account_id, (*state)->secret, FormatUtc(now), *step); !r) return r;
    // Sessions opened without the second factor end; this one stays.
    if (auto r = store::DeleteSessions(tx, ctx.actor.account_id, ctx.actor.session_id); !r) return r;
    // Tokens made before the second factor was on did not pass it.
    if (auto r = store::RevokeTokens(tx, ctx.actor.account_id, FormatUtc(now)); !r) return r;
    return trail_.Append(tx, ctx, {"", "account", ctx.actor.account_id, "enable_totp", "", ""});
  });
}

Result<void> Service::DisableTotp(const RequestContext& ctx, const std::string& code) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto state = store::Totp(tx, ctx.actor.account_id);
    if (!state) return state.error();
    if (!*state || !(*state)->enabled) return Error::FailedPrecondition("two-factor sign-in is off");
    auto step = totp::Match((*state)->secret, code, now);
    if (!step || ((*state)->last_step && *step <= *(*state)->last_step)) {
      return Error::InvalidArgument("wrong code", {{"code", "wrong_code", "the code is wrong or was used"}});
    }
    if (auto r = store::SetTotp(tx, ctx.actor.account_id, std::nullopt, std::nullopt, std::nullopt); !r) return r;
    return trail_.Append(tx, ctx, {"", "account", ctx.actor.account_id, "disable_totp", "", ""});
  });
}

Result<std::vector<TokenInfo>> Service::ListTokens(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) { return store::Tokens(tx, ctx.actor.account_id); });
}

Result<std::pair<TokenInfo, std::string>> Service::CreateToken(const RequestContext& ctx, const std::string& name) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (name.empty()) return Error::InvalidArgument("name required", {{"name", "required", "required"}});
  {
    // A token outlives sessions: only the proven owner of the address gets one.
    auto a = db_.Read([&](db::Tx& tx) { return store::FindById(tx, ctx.actor.account_id); });
    if (!a) return a.error();
    if (!*a || !(*a)->email_verified) return Error::FailedPrecondition("confirm your e-mail address first");
  }
  if (name.size() > 100) return Error::InvalidArgument("name too long", {{"name", "too_long", "at most 100 characters"}});
  const auto now = ctx.clock.Now();
  TokenInfo info{NewId(now), name, FormatUtc(now), std::nullopt};
  const std::string token = NewApiToken();
  auto saved = db_.Write([&](db::Tx& tx) -> Result<void> {
    if (auto r = store::InsertToken(tx, info.id, ctx.actor.account_id, name, HashApiToken(token), info.created_at); !r) {
      return r;
    }
    return trail_.Append(tx, ctx, {"", "api_token", info.id, "create", "",
                                   R"({"account_id":")" + ctx.actor.account_id + R"(","name":")" + JsonEscape(name) +
                                       "\"}"});
  });
  if (!saved) return saved.error();
  return std::pair{info, token};
}

Result<void> Service::RevokeToken(const RequestContext& ctx, const std::string& id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto revoked = store::RevokeToken(tx, ctx.actor.account_id, id, FormatUtc(ctx.clock.Now()));
    if (!revoked) return revoked.error();
    if (!*revoked) return Error::NotFound("no such token");
    return trail_.Append(tx, ctx, {"", "api_token", id, "revoke", "", ""});
  });
}

Result<std::optional<Account>> FindAccount(db::Tx& tx, const std::string& account_id) {
  return store::FindById(tx, account_id);
}

Result<void> ConfirmEmail(db::Tx& tx, const std::string& account_id, const std::string& now) {
  return store::MarkEmailVerified(tx, account_id, now);
}

std::string NewLinkSecret() { return RandomToken(); }
std::string HashLinkSecret(std::string_view secret) { return HashApiToken(secret); }

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
  // An administrator created by the operator has a known address.
  Account account{NewId(now), *email, input.name, "az", !input.organisation_id.has_value(), FormatUtc(now), true};
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
    if (auto a = trail.Append(tx, ctx, {"", "account", account.id, "create", "", AuditJson(account, "platform_admin")});
        !a) {
      return a.error();
    }
    return account;
  });
}

Result<std::vector<Account>> CreateApplicants(db::Database& db, const audit::Trail& trail, const RequestContext& ctx,
                                              const std::vector<NewApplicant>& people, const std::string& password) {
  std::vector<FieldError> errors;
  if (auto p = CheckNewPassword(password, ""); !p) {
    for (const auto& f : p.error().fields()) errors.push_back(f);
  }
  std::vector<Account> accounts;
  const auto now = ctx.clock.Now();
  for (std::size_t i = 0; i < people.size(); ++i) {
    auto email = NormaliseEmail(people[i].email);
    if (!email) errors.push_back({"applicants[" + std::to_string(i) + "].email", "invalid_email", "not a valid e-mail"});
    accounts.push_back({NewId(now), email.value_or(""), people[i].name, people[i].locale, false, FormatUtc(now), true});
  }
  if (!errors.empty()) return Error::InvalidArgument("invalid applicants", std::move(errors));
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  return db.Write([&](db::Tx& tx) -> Result<std::vector<Account>> {
    for (const auto& account : accounts) {
      if (auto r = store::InsertAccount(tx, account, *hash, account.created_at); !r) return r.error();
      if (auto a = trail.Append(tx, ctx, {"", "account", account.id, "create", "", AuditJson(account, "applicant")}); !a) {
        return a.error();
      }
    }
    return accounts;
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

}  // namespace cohort::accounts
