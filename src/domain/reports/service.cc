#include "domain/reports/service.h"

#include <algorithm>

#include "domain/organisations/service.h"
#include "domain/programmes/service.h"
#include "domain/reports/store.h"

namespace cohort::reports {
namespace {

// Whether the actor holds a role in the organisation (or runs the platform).
Result<bool> Member(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id) {
  if (ctx.actor.is_platform_admin) return true;
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  return !roles->empty();
}

Result<Funnel> FunnelOf(db::Tx& tx, const programmes::Intake& intake) {
  auto c = store::CountFunnel(tx, intake.id);
  if (!c) return c.error();
  Funnel f{intake.id, intake.name, intake.starts_on, {}};
  auto add = [&](const char* step, std::int64_t count) {
    FunnelStep s{step, count, std::nullopt};
    if (!f.steps.empty() && f.steps.back().count > 0) {
      s.conversion = static_cast<double>(count) / static_cast<double>(f.steps.back().count);
    }
    f.steps.push_back(s);
  };
  add("started", c->started);
  add("submitted", c->submitted);
  add("eligible", c->eligible);
  add("short_listed", c->short_listed);
  if (c->has_interviews) add("interviewed", c->interviewed);
  add("offered", c->offered);
  add("accepted", c->accepted);
  add("completed", c->completed);
  return f;
}

}  // namespace

Result<Funnel> Reports::IntakeFunnel(const RequestContext& ctx, const std::string& intake_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<Funnel> {
    auto intake = programmes::FindIntake(tx, intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such intake");
    auto member = Member(tx, ctx, (*intake)->organisation_id);
    if (!member) return member.error();
    if (!*member) return Error::NotFound("no such intake");
    return FunnelOf(tx, **intake);
  });
}

Result<std::vector<Funnel>> Reports::ProgrammeFunnels(const RequestContext& ctx, const std::string& programme_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Funnel>> {
    auto programme = programmes::FindProgramme(tx, programme_id);
    if (!programme) return programme.error();
    if (!*programme) return Error::NotFound("no such programme");
    auto member = Member(tx, ctx, (*programme)->organisation_id);
    if (!member) return member.error();
    if (!*member) return Error::NotFound("no such programme");
    auto intakes = programmes::IntakesOfProgramme(tx, programme_id);
    if (!intakes) return intakes.error();
    std::reverse(intakes->begin(), intakes->end());  // oldest first, for year over year
    std::vector<Funnel> out;
    for (const auto& intake : *intakes) {
      auto f = FunnelOf(tx, intake);
      if (!f) return f.error();
      out.push_back(std::move(*f));
    }
    return out;
  });
}

}  // namespace cohort::reports
