#include "domain/networks/service.h"

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/accounts/store.h"
#include "domain/networks/store.h"
#include "domain/organisations/service.h"

namespace cohort::networks {
namespace {

using nlohmann::json;

Result<NetworkAccess> AccessTo(db::Tx& tx, const RequestContext& ctx, const std::string& network_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(network_id)) return Error::NotFound("no such network");
  auto n = store::Get(tx, network_id);
  if (!n) return n.error();
  if (!*n) return Error::NotFound("no such network");
  NetworkAccess a{std::move(**n), ctx.actor.is_platform_admin};
  if (!a.admin) {
    auto admin = store::IsAdmin(tx, network_id, ctx.actor.account_id);
    if (!admin) return admin.error();
    a.admin = *admin;
  }
  // Readers: administrators and staff of a member organisation.
  bool reader = a.admin;
  for (const auto& m : a.network.members) {
    if (reader) break;
    auto roles = organisations::StaffRoles(tx, ctx, m.organisation_id);
    if (!roles) return roles.error();
    reader = !roles->empty();
  }
  if (!reader) return Error::NotFound("no such network");
  return a;
}

Result<NetworkAccess> AdminOf(db::Tx& tx, const RequestContext& ctx, const std::string& network_id) {
  auto a = AccessTo(tx, ctx, network_id);
  if (!a) return a.error();
  if (!a->admin) return Error::PermissionDenied("only the network's administrators change it");
  return a;
}

void CheckTexts(const std::string& name, const std::string& description, std::vector<FieldError>& errors) {
  if (name.empty()) errors.push_back({"name", "required", "a name"});
  else if (CodePoints(name) > 200) errors.push_back({"name", "too_long", "at most 200 characters"});
  if (CodePoints(description) > 2000) errors.push_back({"description", "too_long", "at most 2,000 characters"});
}

Result<void> Audit(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const std::string& network_id,
                   const std::string& action, const json& after) {
  return trail.Append(tx, ctx, {"", "network", network_id, action, "", after.dump()});
}

Result<Network> Reload(db::Tx& tx, const std::string& network_id) {
  auto n = store::Get(tx, network_id);
  if (!n) return n.error();
  return std::move(**n);
}

Result<void> MustBeMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id) {
  auto member = store::IsMember(tx, network_id, organisation_id);
  if (!member) return member.error();
  if (!*member) {
    return Error::InvalidArgument("not a member",
                                  {{"organisation_id", "not_a_member", "the organisation is not a member of the network"}});
  }
  return Ok();
}

}  // namespace

Result<Network> Service::Create(const RequestContext& ctx, NewNetwork input) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!ctx.actor.is_platform_admin) return Error::PermissionDenied("only platform administrators create networks");
  input.code = Trim(input.code);
  input.name = Trim(input.name);
  input.description = Trim(input.description);
  std::vector<FieldError> errors;
  static const std::regex code_re("[A-Z0-9-]{2,16}");
  if (!std::regex_match(input.code, code_re)) {
    errors.push_back({"code", "invalid_code", "2 to 16 capital letters, digits or '-'"});
  }
  CheckTexts(input.name, input.description, errors);
  if (!errors.empty()) return Error::InvalidArgument("invalid network", errors);
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    Network n{NewId(ctx.clock.Now()), input.code, input.name, input.description, FormatUtc(ctx.clock.Now()), {}, {}, {}};
    if (auto w = store::Insert(tx, n); !w) return w.error();
    if (auto a = Audit(tx, ctx, trail_, n.id, "create", {{"code", n.code}, {"name", n.name}}); !a) return a.error();
    return n;
  });
}

Result<std::vector<Network>> Service::List(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) { return store::Visible(tx, ctx.actor.account_id, ctx.actor.is_platform_admin); });
}

Result<Network> Service::Get(const RequestContext& ctx, const std::string& network_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Network> {
    auto a = AccessTo(tx, ctx, network_id);
    if (!a) return a.error();
    return std::move(a->network);
  });
}

Result<Network> Service::AddMember(const RequestContext& ctx, const std::string& network_id,
                                   const std::string& organisation_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    auto organisation = organisations::FindOrganisation(tx, organisation_id);
    if (!organisation) return organisation.error();
    if (!*organisation) {
      return Error::InvalidArgument("unknown organisation",
                                    {{"organisation_id", "unknown_organisation", "no such organisation"}});
    }
    const auto& members = a->network.members;
    if (std::any_of(members.begin(), members.end(), [&](const Member& m) { return m.organisation_id == organisation_id; })) {
      return Error::InvalidArgument("already a member",
                                    {{"organisation_id", "already_member", "the organisation is a member already"}});
    }
    if (auto w = store::AddMember(tx, network_id, organisation_id, FormatUtc(ctx.clock.Now())); !w) return w.error();
    if (auto au = Audit(tx, ctx, trail_, network_id, "add_member", {{"organisation_id", organisation_id}}); !au) {
      return au.error();
    }
    return Reload(tx, network_id);
  });
}

Result<Network> Service::RemoveMember(const RequestContext& ctx, const std::string& network_id,
                                      const std::string& organisation_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    auto removed = store::RemoveMember(tx, network_id, organisation_id);
    if (!removed) return removed.error();
    if (!*removed) return Error::NotFound("the organisation is not a member");
    if (auto au = Audit(tx, ctx, trail_, network_id, "remove_member", {{"organisation_id", organisation_id}}); !au) {
      return au.error();
    }
    return Reload(tx, network_id);
  });
}

Result<Network> Service::RemoveAdmin(const RequestContext& ctx, const std::string& network_id,
                                     const std::string& account_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    auto removed = store::RemoveAdmin(tx, network_id, account_id);
    if (!removed) return removed.error();
    if (!*removed) return Error::NotFound("not an administrator of the network");
    if (auto au = Audit(tx, ctx, trail_, network_id, "remove_admin", {{"account_id", account_id}}); !au) return au.error();
    return Reload(tx, network_id);
  });
}

Result<Network> Service::Update(const RequestContext& ctx, const std::string& network_id,
                                const std::optional<std::string>& name_in,
                                const std::optional<std::string>& description_in) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    const std::string name = Trim(name_in.value_or(a->network.name));
    const std::string description = Trim(description_in.value_or(a->network.description));
    std::vector<FieldError> errors;
    CheckTexts(name, description, errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid network", errors);
    if (auto w = store::Rename(tx, network_id, name, description); !w) return w.error();
    if (auto au = Audit(tx, ctx, trail_, network_id, "update", {{"name", name}}); !au) return au.error();
    return Reload(tx, network_id);
  });
}

Result<Network> Service::AddAdmin(const RequestContext& ctx, const std::string& network_id, const std::string& email) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    // As typed: "Admin@AZV.test" is the account admin@azv.test.
    auto account = accounts::store::FindByEmail(tx, accounts::NormaliseEmail(Trim(email)).value_or(Trim(email)));
    if (!account) return account.error();
    if (!*account) {
      return Error::InvalidArgument("unknown account", {{"email", "unknown_account", "no account with this e-mail"}});
    }
    const std::string id = (*account)->id;
    const auto& admins = a->network.admins;
    if (std::any_of(admins.begin(), admins.end(), [&](const Admin& d) { return d.account_id == id; })) {
      return Error::InvalidArgument("already an administrator",
                                    {{"email", "already_admin", "already an administrator of the network"}});
    }
    if (auto w = store::AddAdmin(tx, network_id, id, FormatUtc(ctx.clock.Now())); !w) return w.error();
    if (auto au = Audit(tx, ctx, trail_, network_id, "add_admin", {{"account_id", id}}); !au) return au.error();
    return Reload(tx, network_id);
  });
}

Result<Network> Service::SetChair(const RequestContext& ctx, const std::string& network_id, int year,
                                  const std::string& organisation_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AdminOf(tx, ctx, network_id);
    if (!a) return a.error();
    if (year < 1900 || year > 2999) {
      return Error::InvalidArgument("bad year", {{"year", "out_of_range", "a year from 1900 to 2999"}});
    }
    if (auto m = MustBeMember(tx, network_id, organisation_id); !m) return m.error();
    auto existing = store::ChairOf(tx, network_id, year);
    if (!existing) return existing.error();
    if (*existing) {
      return Error::Conflict("the year has a chair already: " + (*existing)->organisation_name).WithCode("chair_taken");
    }
    Chair c{year, organisation_id, "", FormatUtc(ctx.clock.Now()), std::nullopt, ""};
    if (auto w = store::InsertChair(tx, network_id, c); !w) {
      if (w.error().code() == ErrorCode::kConflict) {  // another request took the year meanwhile
        return Error::Conflict("the year has a chair already").WithCode("chair_taken");
      }
      return w.error();
    }
    if (auto au = Audit(tx, ctx, trail_, network_id, "set_chair", {{"year", year}, {"organisation_id", organisation_id}});
        !au) {
      return au.error();
    }
    return Reload(tx, network_id);
  });
}

Result<Network> Service::HandOver(const RequestContext& ctx, const std::string& network_id, int year,
                                  const std::string& organisation_id, const std::string& note) {
  return db_.Write([&](db::Tx& tx) -> Result<Network> {
    auto a = AccessTo(tx, ctx, network_id);
    if (!a) return a.error();
    auto current = store::ChairOf(tx, network_id, year);
    if (!current) return current.error();
    if (!*current) return Error::NotFound("the year has no chair");
    if (!a->admin) {
      auto roles = organisations::StaffRoles(tx, ctx, (*current)->organisation_id);
      if (!roles) return roles.error();
      if (std::find(roles->begin(), roles->end(), "organisation_admin") == roles->end()) {
        return Error::PermissionDenied("the network's or the chair organisation's administrators hand over");
      }
    }
    if ((*current)->handed_over_at) {
      return Error::Conflict("the chair of this year has handed over already").WithCode("already_handed_over");
    }
    if (CodePoints(note) > 2000) {
      return Error::InvalidArgument("bad note", {{"note", "too_long", "at most 2,000 characters"}});
    }
    if (auto m = MustBeMember(tx, network_id, organisation_id); !m) return m.error();
    auto next = store::ChairOf(tx, network_id, year + 1);
    if (!next) return next.error();
    if (*next && (*next)->organisation_id != organisation_id) {
      return Error::Conflict("next year has another chair: " + (*next)->organisation_name).WithCode("chair_taken");
    }
    const std::string now = FormatUtc(ctx.clock.Now());
    if (!*next) {
      if (auto w = store::InsertChair(tx, network_id, {year + 1, organisation_id, "", now, std::nullopt, ""}); !w) {
        return w.error();
      }
    }
    if (auto w = store::MarkHandedOver(tx, network_id, year, now, Trim(note)); !w) return w.error();
    if (auto au = Audit(tx, ctx, trail_, network_id, "hand_over",
                        {{"year", year}, {"from", (*current)->organisation_id}, {"to", organisation_id}});
        !au) {
      return au.error();
    }
    return Reload(tx, network_id);
  });
}

Result<NetworkAccess> ReadableNetwork(db::Tx& tx, const RequestContext& ctx, const std::string& network_id) {
  return AccessTo(tx, ctx, network_id);
}

Result<bool> RunsOrganisation(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  return std::any_of(roles->begin(), roles->end(),
                     [](const std::string& r) { return r == "organisation_admin" || r == "coordinator"; });
}

bool IsMember(const Network& n, const std::string& organisation_id) {
  return std::any_of(n.members.begin(), n.members.end(),
                     [&](const Member& m) { return m.organisation_id == organisation_id; });
}

const Chair* ChairOf(const Network& n, int year) {
  for (const auto& c : n.chairs) {
    if (c.year == year) return &c;
  }
  return nullptr;
}

}  // namespace cohort::networks
