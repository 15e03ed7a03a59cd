#include "domain/certificates/alumni.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/certificates/store.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/participants/policy.h"
#include "domain/participants/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/service.h"

namespace cohort::certificates {
namespace {

using nlohmann::json;

// One entry per person, with their intakes in order.
std::vector<Alumnus> People(const std::vector<store::AlumnusRow>& rows) {
  std::vector<Alumnus> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().account_id != r.account_id) {
      out.push_back({r.account_id, r.name, r.email, {}, r.ends_on.substr(0, 4), r.directory, r.headline});
    }
    out.back().intakes.push_back(r.intake_name);
  }
  return out;
}

struct ProgrammeAccess {
  programmes::Programme programme;
  bool staff = false;
};

Result<ProgrammeAccess> AccessTo(db::Tx& tx, const RequestContext& ctx, const std::string& programme_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  auto programme = programmes::FindProgramme(tx, programme_id);
  if (!programme) return programme.error();
  if (!*programme) return Error::NotFound("no such programme");
  auto roles = organisations::StaffRoles(tx, ctx, (*programme)->organisation_id);
  if (!roles) return roles.error();
  return ProgrammeAccess{std::move(**programme), participants::CanRunProgramme(ctx.actor, *roles).allowed};
}

}  // namespace

Result<AlumniOverview> Alumni::OfProgramme(const RequestContext& ctx, const std::string& programme_id) {
  return db_.Write([&](db::Tx& tx) -> Result<AlumniOverview> {
    auto access = AccessTo(tx, ctx, programme_id);
    if (!access) return access.error();
    if (!access->staff) return Error::NotFound("no such programme");
    auto rows = store::AlumniRows(tx, programme_id);
    if (!rows) return rows.error();
    AlumniOverview o;
    o.items = People(*rows);
    o.total = static_cast<std::int64_t>(o.items.size());
    std::map<std::string, std::int64_t> years;
    for (const auto& r : *rows) ++years[r.ends_on.substr(0, 4)];
    o.per_year.assign(years.begin(), years.end());
    if (auto a = trail_.Append(tx, ctx, {access->programme.organisation_id, "programme", programme_id,
                                         "read_personal_data", "", json({{"alumni", o.total}}).dump()});
        !a) {
      return a.error();
    }
    return o;
  });
}

Result<std::vector<Alumnus>> Alumni::Directory(const RequestContext& ctx, const std::string& programme_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Alumnus>> {
    auto access = AccessTo(tx, ctx, programme_id);
    if (!access) return access.error();
    auto rows = store::AlumniRows(tx, programme_id);
    if (!rows) return rows.error();
    auto people = People(*rows);
    const bool alumnus = std::any_of(people.begin(), people.end(),
                                     [&](const Alumnus& a) { return a.account_id == ctx.actor.account_id; });
    if (!access->staff && !alumnus) return Error::NotFound("no such programme");
    std::vector<Alumnus> listed;
    for (auto& a : people) {
      if (!a.directory) continue;
      a.email.clear();
      listed.push_back(std::move(a));
    }
    return listed;
  });
}

Result<Alumnus> Alumni::Profile(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<Alumnus> {
    auto saved = store::Profile(tx, ctx.actor.account_id);
    if (!saved) return saved.error();
    Alumnus a;
    a.account_id = ctx.actor.account_id;
    a.directory = saved->first;
    a.headline = saved->second;
    return a;
  });
}

Result<Alumnus> Alumni::SaveProfile(const RequestContext& ctx, bool directory, const std::string& headline) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (CodePoints(headline) > 200) return Error::InvalidArgument("invalid profile", {{"headline", "too_long", "at most 200 characters"}});
  return db_.Write([&](db::Tx& tx) -> Result<Alumnus> {
    if (auto s = store::SaveProfile(tx, ctx.actor.account_id, directory, headline, FormatUtc(ctx.clock.Now())); !s) {
      return s.error();
    }
    Alumnus a;
    a.account_id = ctx.actor.account_id;
    a.directory = directory;
    a.headline = headline;
    return a;
  });
}

Result<std::int64_t> Alumni::Invite(const RequestContext& ctx, const std::string& activity_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::int64_t> {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
    auto activity = participants::FindActivity(tx, activity_id);
    if (!activity) return activity.error();
    if (!*activity) return Error::NotFound("no such activity");
    auto intake = programmes::FindIntake(tx, (*activity)->intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such activity");
    auto access = AccessTo(tx, ctx, (*intake)->programme_id);
    if (!access) return access.error();
    auto roles = organisations::StaffRoles(tx, ctx, (*intake)->organisation_id);
    if (!roles) return roles.error();
    if (!access->staff) {
      if (roles->empty() && !ctx.actor.is_platform_admin) return Error::NotFound("no such activity");
      return Denied(ctx.actor, participants::CanRunProgramme(ctx.actor, *roles));
    }
    if ((*activity)->state != "scheduled") {
      return Error::FailedPrecondition("this activity is cancelled").WithCode("activity_cancelled");
    }
    if ((*activity)->ends_at <= FormatUtc(ctx.clock.Now())) {
      return Error::FailedPrecondition("this activity is over").WithCode("activity_over");
    }
    auto rows = store::AlumniRows(tx, (*intake)->programme_id);
    if (!rows) return rows.error();
    auto current = participants::ParticipantsOf(tx, (*intake)->id);
    if (!current) return current.error();
    std::set<std::string> in_intake;
    for (const auto& p : *current) in_intake.insert(p.account_id);
    std::int64_t invited = 0;
    for (const auto& a : People(*rows)) {
      if (in_intake.contains(a.account_id)) continue;
      auto person = accounts::FindAccount(tx, a.account_id);
      if (!person) return person.error();
      if (!*person) continue;
      notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "alumni_invitation", {}, true};
      m.params = {{"name", (*person)->name},
                  {"programme", access->programme.name},
                  {"title", (*activity)->title},
                  {"when", programmes::UtcToLocal((*activity)->starts_at, (*intake)->time_zone) + " (" +
                               (*intake)->time_zone + ")"},
                  {"where", (*activity)->place.empty() ? (*activity)->online_url : (*activity)->place}};
      if (auto e = notifications::Enqueue(tx, ctx.clock, m); !e) return e.error();
      ++invited;
    }
    if (auto a = trail_.Append(tx, ctx, {(*intake)->organisation_id, "activity", activity_id, "invite_alumni", "",
                                         json({{"invited", invited}}).dump()});
        !a) {
      return a.error();
    }
    return invited;
  });
}

}  // namespace cohort::certificates
