#include "domain/reports/service.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "domain/networks/service.h"
#include "domain/organisations/service.h"
#include "domain/programmes/service.h"
#include "domain/reports/disclosure.h"
#include "domain/reports/grouping.h"
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

// The member's view of an intake, or kNotFound.
Result<programmes::Intake> IntakeOf(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  auto intake = programmes::FindIntake(tx, intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::NotFound("no such intake");
  auto member = Member(tx, ctx, (*intake)->organisation_id);
  if (!member) return member.error();
  if (!*member) return Error::NotFound("no such intake");
  return std::move(**intake);
}

Result<std::vector<Dimension>> DimensionsOf(db::Tx& tx, const std::string& intake_id) {
  auto call = programmes::FindCallOfIntake(tx, intake_id);
  if (!call) return call.error();
  std::vector<Dimension> out;
  if (!*call) return out;
  for (const auto& f : (*call)->settings->form.fields) {
    if (f.type == programmes::FieldType::kSingleChoice) {
      Dimension d{f.key, f.key, "choice", f.label, {}};
      for (const auto& o : f.options) d.options[o.value] = o.label;
      out.push_back(std::move(d));
    }
    if (f.type == programmes::FieldType::kEducation) {
      out.push_back({f.key + ".university", f.key, "university", f.label, {}});
      out.push_back({f.key + ".field_of_study", f.key, "field_of_study", f.label, {}});
    }
    if (f.type == programmes::FieldType::kDate && f.key.find("birth") != std::string::npos) {
      out.push_back({"age", f.key, "age", f.label, {}});
    }
  }
  return out;
}

void AddTo(BreakdownRow& row, const store::AnswerGroup& g) {
  row.submitted += g.submitted;
  row.eligible += g.eligible;
  row.offered += g.offered;
  row.accepted += g.accepted;
  row.completed += g.completed;
}

// The intake's submitted applications split by one of its dimensions.
Result<Breakdown> BreakdownOf(db::Tx& tx, const programmes::Intake& intake, const std::string& dimension) {
  auto dimensions = DimensionsOf(tx, intake.id);
  if (!dimensions) return dimensions.error();
  auto d = std::find_if(dimensions->begin(), dimensions->end(), [&](const Dimension& x) { return x.key == dimension; });
  if (d == dimensions->end()) {
    return Error::InvalidArgument("no such dimension",
                                  {{"dimension", "unknown_dimension", "not a way to split this intake"}});
  }
  std::vector<std::string> path = {d->field};
  if (d->kind == "university" || d->kind == "field_of_study") path = {d->field, "0", d->kind};
  auto groups = store::GroupByAnswer(tx, intake.id, path);
  if (!groups) return groups.error();

  std::map<std::string, BreakdownRow> rows;           // group key -> row
  std::map<std::string, std::int64_t> best_spelling;  // group key -> submitted of the spelling shown
  for (const auto& g : *groups) {
    std::string key = g.value;
    if (d->kind == "age") key = AgeBand(g.value, intake.starts_on);
    if (d->kind == "university" || d->kind == "field_of_study") key = Normalised(g.value);
    BreakdownRow& row = rows[key];
    if (d->kind == "age" || d->kind == "choice") {
      row.value = key;
    } else if (!best_spelling.contains(key) || g.submitted > best_spelling[key]) {
      best_spelling[key] = g.submitted;
      row.value = key.empty() ? "" : g.value;
    }
    AddTo(row, g);
  }
  Breakdown out{*d, {}};
  for (auto& [key, row] : rows) {
    if (auto o = d->options.find(row.value); o != d->options.end()) row.label = o->second;
    out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const BreakdownRow& a, const BreakdownRow& b) { return a.submitted > b.submitted; });
  return out;
}

}  // namespace

Result<std::vector<Dimension>> Reports::Dimensions(const RequestContext& ctx, const std::string& intake_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Dimension>> {
    auto intake = IntakeOf(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return DimensionsOf(tx, intake_id);
  });
}

Result<Breakdown> Reports::BreakdownBy(const RequestContext& ctx, const std::string& intake_id,
                                       const std::string& dimension) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<Breakdown> {
    auto intake = IntakeOf(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return BreakdownOf(tx, *intake, dimension);
  });
}

Result<Funnel> Reports::IntakeFunnel(const RequestContext& ctx, const std::string& intake_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<Funnel> {
    auto intake = IntakeOf(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return FunnelOf(tx, *intake);
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

Result<std::vector<ReviewerProgress>> Reports::Reviewers(const RequestContext& ctx, const std::string& intake_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<ReviewerProgress>> {
    auto intake = IntakeOf(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto roles = organisations::StaffRoles(tx, ctx, intake->organisation_id);
    if (!roles) return roles.error();
    const bool runs = ctx.actor.is_platform_admin || std::any_of(roles->begin(), roles->end(), [](const std::string& r) {
                        return r == "coordinator" || r == "organisation_admin";
                      });
    if (!runs) return Error::PermissionDenied("only administrators and coordinators follow reviewers");
    return store::ReviewerProgressOf(tx, intake_id);
  });
}

Result<NetworkDashboard> Reports::Dashboard(const RequestContext& ctx, const std::string& network_id) {
  return db_.Read([&](db::Tx& tx) -> Result<NetworkDashboard> {
    auto access = networks::ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    std::vector<std::string> ids;
    NetworkDashboard out;
    for (const auto& m : access->network.members) {
      ids.push_back(m.organisation_id);
      out.members.push_back({m.organisation_id, m.name, m.country, 0, 0, 0});
    }
    auto cells = store::TotalsOf(tx, ids);
    if (!cells) return cells.error();
    std::map<std::string, NetworkDashboard::Year> years;
    for (const auto& c : *cells) {
      for (auto& m : out.members) {
        if (m.organisation_id != c.organisation_id) continue;
        m.submitted += c.submitted;
        m.accepted += c.accepted;
        m.completed += c.completed;
      }
      auto& y = years[c.year];
      y.year = c.year;
      y.submitted += c.submitted;
      y.accepted += c.accepted;
      y.completed += c.completed;
      out.submitted += c.submitted;
      out.accepted += c.accepted;
      out.completed += c.completed;
    }
    for (auto& [key, y] : years) out.years.push_back(y);
    return out;
  });
}

Result<PublicStatistics> Reports::Public(const RequestContext&, const std::string& programme_id) {
  return db_.Read([&](db::Tx& tx) -> Result<PublicStatistics> {
    auto programme = programmes::FindProgramme(tx, programme_id);
    if (!programme) return programme.error();
    if (!*programme) return Error::NotFound("no such programme");
    auto intakes = programmes::IntakesOfProgramme(tx, programme_id);
    if (!intakes) return intakes.error();
    std::reverse(intakes->begin(), intakes->end());  // oldest first
    bool published = false;
    for (const auto& intake : *intakes) {
      auto call = programmes::FindCallOfIntake(tx, intake.id);
      if (!call) return call.error();
      published = published || (*call && (*call)->settings->published);
    }
    if (!published) return Error::NotFound("no such programme");
    auto organisation = organisations::FindOrganisation(tx, (*programme)->organisation_id);
    if (!organisation) return organisation.error();

    PublicStatistics out;
    out.programme_id = programme_id;
    out.programme_name = (*programme)->name;
    if (*organisation) out.organisation_name = (*organisation)->name;
    std::int64_t alumni = 0;
    const programmes::Intake* latest = nullptr;
    for (const auto& intake : *intakes) {
      auto c = store::CountFunnel(tx, intake.id);
      if (!c) return c.error();
      out.years.push_back({intake.name, intake.starts_on, Published(c->started), Published(c->submitted),
                           Published(c->accepted), Published(c->completed)});
      alumni += c->completed;
      if (c->submitted > 0) latest = &intake;
    }
    out.alumni = Published(alumni);
    if (!latest) return out;
    out.breakdown_intake = latest->name;
    auto dimensions = DimensionsOf(tx, latest->id);
    if (!dimensions) return dimensions.error();
    for (const auto& d : *dimensions) {
      if (d.kind != "choice" && d.kind != "age") continue;  // free text could name a person
      auto b = BreakdownOf(tx, *latest, d.key);
      if (!b) return b.error();
      std::vector<std::int64_t> submitted, accepted;
      for (const auto& r : b->rows) {
        submitted.push_back(r.submitted);
        accepted.push_back(r.accepted);
      }
      const auto shown_submitted = PublishedColumn(submitted);
      const auto shown_accepted = PublishedColumn(accepted);
      PublicBreakdown pb{d, {}};
      for (std::size_t i = 0; i < b->rows.size(); ++i) {
        pb.rows.push_back({b->rows[i].value, b->rows[i].label, shown_submitted[i], shown_accepted[i]});
      }
      out.breakdowns.push_back(std::move(pb));
    }
    return out;
  });
}

}  // namespace cohort::reports
