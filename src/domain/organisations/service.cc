#include "domain/organisations/service.h"

#include <algorithm>
#include <cctype>

#include "core/id.h"
#include "core/log.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/policy.h"
#include "domain/organisations/store.h"
#include "i18n/catalog.h"

namespace cohort::organisations {
namespace {

std::vector<FieldError> Validate(const NewOrganisation& in) {
  std::vector<FieldError> errors;
  const bool slug_ok = in.slug.size() >= 2 && in.slug.size() <= 16 &&
                       std::all_of(in.slug.begin(), in.slug.end(), [](unsigned char c) {
                         return std::isupper(c) || std::isdigit(c) || c == '-';
                       });
  if (in.slug.empty()) errors.push_back({"slug", "required", "required"});
  else if (!slug_ok) errors.push_back({"slug", "invalid_slug", "2-16 capital letters, digits or '-'"});
  if (in.name.empty()) errors.push_back({"name", "required", "required"});
  else if (in.name.size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  const bool country_ok = in.country.size() == 2 && std::isupper(static_cast<unsigned char>(in.country[0])) &&
                          std::isupper(static_cast<unsigned char>(in.country[1]));
  if (!country_ok) errors.push_back({"country", "invalid_country", "a two-letter ISO 3166 code such as AZ"});
  return errors;
}

std::string UnitJson(const Unit& u) {
  return R"({"name":")" + JsonEscape(u.name) + R"(","description":")" + JsonEscape(u.description) +
         R"(","active":)" + (u.active ? "true" : "false") + "}";
}

Error TokenError(const std::string& code, const std::string& message) {
  return Error::InvalidArgument(message, {{"token", code, message}});
}

constexpr auto kInvitationValid = std::chrono::hours(24 * 7);

}  // namespace

Result<std::optional<Organisation>> FindOrganisation(db::Tx& tx, const std::string& organisation_id) {
  return store::Get(tx, organisation_id);
}

Result<std::vector<std::string>> StaffRoles(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id) {
  if (!LooksLikeId(organisation_id)) return Error::NotFound("no such organisation");
  auto org = store::Get(tx, organisation_id);
  if (!org) return org.error();
  if (!*org) return Error::NotFound("no such organisation");
  if (!ctx.actor.authenticated()) return Roles{};
  auto roles = store::RolesOf(tx, organisation_id, ctx.actor.account_id);
  if (!roles) return roles.error();
  if ((*org)->require_totp && !roles->empty() && !ctx.actor.second_factor && !ctx.actor.is_platform_admin) {
    return Error::PermissionDenied("this organisation requires two-factor sign-in; turn it on in your account");
  }
  return roles;
}

Result<std::vector<std::string>> RolesOfAccount(db::Tx& tx, const std::string& organisation_id,
                                                const std::string& account_id) {
  return store::RolesOf(tx, organisation_id, account_id);
}

Result<std::vector<Unit>> UnitsOf(db::Tx& tx, const std::string& organisation_id) {
  return store::Units(tx, organisation_id);
}

Result<Organisation> Service::Update(const RequestContext& ctx, const std::string& id, const OrganisationChange& change) {
  std::vector<FieldError> errors;
  if (change.name && change.name->empty()) errors.push_back({"name", "required", "required"});
  if (change.name && change.name->size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  return db_.Write([&](db::Tx& tx) -> Result<Organisation> {
    auto roles = StaffRoles(tx, ctx, id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!errors.empty()) return Error::InvalidArgument("invalid organisation", errors);
    auto before = store::Get(tx, id);
    if (!before) return before.error();
    Organisation after = **before;
    if (change.name) after.name = *change.name;
    if (change.require_totp) after.require_totp = *change.require_totp;
    if (auto r = store::Update(tx, after, FormatUtc(ctx.clock.Now())); !r) return r.error();
    auto json = [](const Organisation& o) {
      return R"({"name":")" + JsonEscape(o.name) + R"(","require_totp":)" + (o.require_totp ? "true" : "false") + "}";
    };
    if (auto a = trail_.Append(tx, ctx, {id, "organisation", id, "update", json(**before), json(after)}); !a) {
      return a.error();
    }
    return after;
  });
}

Result<Organisation> Service::Create(const RequestContext& ctx, const NewOrganisation& input) {
  const auto decision = CanCreateOrganisation(ctx.actor);
  if (!decision.allowed) return Denied(ctx.actor, decision);
  if (auto errors = Validate(input); !errors.empty()) {
    return Error::InvalidArgument("invalid organisation", std::move(errors));
  }
  const auto now = ctx.clock.Now();
  Organisation o{NewId(now), input.slug, input.name, input.country, FormatUtc(now)};
  return db_.Write([&](db::Tx& tx) -> Result<Organisation> {
    if (auto r = store::Insert(tx, o); !r) return r.error();
    const std::string after = R"({"slug":")" + o.slug + R"(","name":")" + JsonEscape(o.name) + R"(","country":")" +
                              o.country + "\"}";
    if (auto a = trail_.Append(tx, ctx, {o.id, "organisation", o.id, "create", "", after}); !a) return a.error();
    return o;
  });
}

Result<Organisation> Service::Get(const RequestContext&, const std::string& id) {
  if (!LooksLikeId(id)) return Error::NotFound("no such organisation");
  auto found = db_.Read([&](db::Tx& tx) { return store::Get(tx, id); });
  if (!found) return found.error();
  if (!*found) return Error::NotFound("no such organisation");
  return std::move(**found);
}

Result<Page> Service::List(const RequestContext&, int limit, const std::string& cursor) {
  if (limit < 1 || limit > 100) {
    return Error::InvalidArgument("bad limit", {{"limit", "out_of_range", "between 1 and 100"}});
  }
  if (!cursor.empty() && !LooksLikeId(cursor)) {
    return Error::InvalidArgument("bad cursor", {{"cursor", "invalid_cursor", "not a cursor from this list"}});
  }
  auto rows = db_.Read([&](db::Tx& tx) { return store::List(tx, cursor, limit + 1); });
  if (!rows) return rows.error();
  Page page;
  page.items = std::move(*rows);
  if (static_cast<int>(page.items.size()) > limit) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

Result<std::vector<Unit>> Service::ListUnits(const RequestContext& ctx, const std::string& organisation_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Unit>> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanViewUnits(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    return store::Units(tx, organisation_id);
  });
}

Result<Unit> Service::CreateUnit(const RequestContext& ctx, const std::string& organisation_id, const std::string& name,
                                 const std::string& description) {
  std::vector<FieldError> errors;
  if (name.empty()) errors.push_back({"name", "required", "required"});
  else if (name.size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  if (description.size() > 2000) errors.push_back({"description", "too_long", "at most 2000 characters"});
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Unit> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageUnits(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!errors.empty()) return Error::InvalidArgument("invalid unit", errors);
    Unit u{NewId(now), organisation_id, name, description, true, FormatUtc(now)};
    if (auto r = store::InsertUnit(tx, u); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "unit", u.id, "create", "", UnitJson(u)}); !a) return a.error();
    return u;
  });
}

Result<Unit> Service::UpdateUnit(const RequestContext& ctx, const std::string& unit_id, const UnitChange& change) {
  if (!LooksLikeId(unit_id)) return Error::NotFound("no such unit");
  std::vector<FieldError> errors;
  if (change.name && change.name->empty()) errors.push_back({"name", "required", "required"});
  if (change.name && change.name->size() > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  if (change.description && change.description->size() > 2000) {
    errors.push_back({"description", "too_long", "at most 2000 characters"});
  }
  const auto now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Unit> {
    auto unit = store::GetUnit(tx, unit_id);
    if (!unit) return unit.error();
    if (!*unit) return Error::NotFound("no such unit");
    auto roles = StaffRoles(tx, ctx, (*unit)->organisation_id);
    if (!roles) return roles.error();
    // Someone who may not even see the units learns nothing about this one.
    if (auto d = CanViewUnits(ctx.actor, *roles); !d.allowed) {
      if (!ctx.actor.authenticated()) return Denied(ctx.actor, d);
      return Error::NotFound("no such unit");
    }
    if (auto d = CanManageUnits(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!errors.empty()) return Error::InvalidArgument("invalid unit", errors);
    Unit after = **unit;
    if (change.name) after.name = *change.name;
    if (change.description) after.description = *change.description;
    if (change.active) after.active = *change.active;
    if (auto r = store::UpdateUnit(tx, after, now); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {after.organisation_id, "unit", after.id, "update", UnitJson(**unit),
                                         UnitJson(after)});
        !a) {
      return a.error();
    }
    return after;
  });
}

Result<std::vector<Member>> Service::ListMembers(const RequestContext& ctx, const std::string& organisation_id) {
  // Names and e-mail addresses of people: every look is recorded.
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Member>> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    auto members = store::Members(tx, organisation_id);
    if (!members) return members.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "members", organisation_id, "read_personal_data", "",
                                         R"({"people":)" + std::to_string(members->size()) + "}"});
        !a) {
      return a.error();
    }
    return members;
  });
}

Result<Invitation> Service::Invite(const RequestContext& ctx, const std::string& organisation_id,
                                   const std::string& email_in, const std::string& role) {
  const auto email = accounts::NormaliseEmail(email_in);
  std::vector<FieldError> errors;
  if (!email) errors.push_back({"email", "invalid_email", "not a valid e-mail address"});
  if (!accounts::ParseRole(role)) errors.push_back({"role", "invalid_role", "one of the staff roles"});
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Invitation> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!errors.empty()) return Error::InvalidArgument("invalid invitation", errors);
    auto org = store::Get(tx, organisation_id);
    if (!org) return org.error();
    auto inviter = accounts::FindAccount(tx, ctx.actor.account_id);
    if (!inviter) return inviter.error();
    const std::string token = accounts::NewLinkSecret();
    Invitation inv{NewId(now), organisation_id, *email, role, ctx.actor.account_id, FormatUtc(now),
                   FormatUtc(now + kInvitationValid), std::nullopt};
    if (auto r = store::InsertInvitation(tx, inv, accounts::HashLinkSecret(token)); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "invitation", inv.id, "create", "",
                                         R"({"email":")" + JsonEscape(inv.email) + R"(","role":")" + role + "\"}"});
        !a) {
      return a.error();
    }
    // The invitee may have no account yet: write in the inviter's language.
    const auto locale = i18n::ParseLocale(ctx.locale).value_or(i18n::kDefaultLocale);
    const std::string role_name = i18n::Catalog::Embedded().Text(locale, "roles." + role);
    if (auto m = notifications::Enqueue(
            tx, ctx.clock,
            {"", inv.email, ctx.locale, "invitation",
             {{"organisation", (*org)->name},
              {"inviter", *inviter ? (*inviter)->name : std::string("Cohort")},
              {"role", role_name},
              {"link", public_url_ + "/invitations/accept?token=" + token}}});
        !m) {
      return m.error();
    }
    return inv;
  });
}

Result<std::vector<Invitation>> Service::ListInvitations(const RequestContext& ctx, const std::string& organisation_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Invitation>> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    auto list = store::Invitations(tx, organisation_id);
    if (!list) return list.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "invitations", organisation_id, "read_personal_data", "",
                                         R"({"people":)" + std::to_string(list->size()) + "}"});
        !a) {
      return a.error();
    }
    return list;
  });
}

Result<Invitation> Service::AcceptInvitation(const RequestContext& ctx, const std::string& token) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to accept the invitation");
  if (token.empty()) return TokenError("invalid_token", "this link is not valid");
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Invitation> {
    auto inv = store::InvitationByToken(tx, accounts::HashLinkSecret(token));
    if (!inv) return inv.error();
    if (!*inv) return TokenError("invalid_token", "this link is not valid");
    if ((*inv)->accepted_at) return TokenError("used_token", "this link has already been used");
    if ((*inv)->expires_at <= FormatUtc(now)) return TokenError("expired_token", "this link has expired");
    auto me = accounts::FindAccount(tx, ctx.actor.account_id);
    if (!me) return me.error();
    if (!*me || (*me)->email != (*inv)->email) {
      return TokenError("email_mismatch", "this invitation was sent to another e-mail address");
    }
    if (auto r = store::AcceptInvitation(tx, (*inv)->id, ctx.actor.account_id, FormatUtc(now)); !r) return r.error();
    auto granted = store::GrantRole(tx, (*inv)->organisation_id, ctx.actor.account_id, (*inv)->role, FormatUtc(now));
    if (!granted) return granted.error();
    // Following the link proves the address.
    if (auto r = accounts::ConfirmEmail(tx, ctx.actor.account_id, FormatUtc(now)); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {(*inv)->organisation_id, "membership", ctx.actor.account_id, "grant_role", "",
                                         R"({"role":")" + (*inv)->role + R"(","invitation":")" + (*inv)->id + "\"}"});
        !a) {
      return a.error();
    }
    Invitation out = **inv;
    out.accepted_at = FormatUtc(now);
    return out;
  });
}

Result<Member> Service::GrantRole(const RequestContext& ctx, const std::string& organisation_id,
                                  const std::string& account_id, const std::string& role) {
  return db_.Write([&](db::Tx& tx) -> Result<Member> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!accounts::ParseRole(role)) {
      return Error::InvalidArgument("invalid role", {{"role", "invalid_role", "one of the staff roles"}});
    }
    auto current = store::RolesOf(tx, organisation_id, account_id);
    if (!current) return current.error();
    if (current->empty()) return Error::NotFound("no such member");  // invite people first
    auto granted = store::GrantRole(tx, organisation_id, account_id, role, FormatUtc(ctx.clock.Now()));
    if (!granted) return granted.error();
    if (*granted) {
      if (auto a = trail_.Append(tx, ctx, {organisation_id, "membership", account_id, "grant_role", "",
                                           R"({"role":")" + role + "\"}"});
          !a) {
        return a.error();
      }
    }
    auto members = store::Members(tx, organisation_id);
    if (!members) return members.error();
    for (auto& m : *members) {
      if (m.account_id == account_id) return m;
    }
    return Error::Internal("member vanished");
  });
}

Result<void> Service::RevokeRole(const RequestContext& ctx, const std::string& organisation_id,
                                 const std::string& account_id, const std::string& role) {
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    auto roles = StaffRoles(tx, ctx, organisation_id);
    if (!roles) return roles.error();
    if (auto d = CanManageStaff(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (role == "organisation_admin") {
      // Two administrators removing each other at once: the second waits
      // for the first and then counts one.
      if (tx.engine() == db::Engine::kPostgres) {
        auto lock = tx.Query(
            "SELECT account_id FROM memberships WHERE organisation_id = :org AND role = 'organisation_admin' FOR UPDATE",
            {db::P("org", organisation_id)});
        if (!lock) return lock.error();
      }
      auto admins = store::CountRole(tx, organisation_id, role);
      if (!admins) return admins.error();
      auto held = store::RolesOf(tx, organisation_id, account_id);
      if (!held) return held.error();
      const bool holds = std::find(held->begin(), held->end(), role) != held->end();
      if (holds && *admins <= 1) {
        return Error::FailedPrecondition("an organisation needs at least one administrator");
      }
    }
    auto revoked = store::RevokeRole(tx, organisation_id, account_id, role);
    if (!revoked) return revoked.error();
    if (!*revoked) return Error::NotFound("the member does not hold this role");
    return trail_.Append(tx, ctx, {organisation_id, "membership", account_id, "revoke_role",
                                   R"({"role":")" + role + "\"}", ""});
  });
}

}  // namespace cohort::organisations
