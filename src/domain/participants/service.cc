#include "domain/participants/service.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/participants/policy.h"
#include "domain/participants/activity_store.h"
#include "domain/participants/evaluation_store.h"
#include "domain/participants/plan.h"
#include "domain/participants/store.h"
#include "domain/participants/workflow.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"

namespace cohort::participants {
namespace {

using nlohmann::json;



bool IsLanguage(const std::string& s) {
  return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string Today(const RequestContext& ctx) { return FormatUtc(ctx.clock.Now()).substr(0, 10); }


Result<organisations::Roles> RolesIn(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id) {
  return organisations::StaffRoles(tx, ctx, organisation_id);
}

// The intake, for staff of its organisation.
Result<programmes::Intake> ManagedIntake(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  if (!LooksLikeId(intake_id)) return Error::NotFound("no such intake");
  auto intake = programmes::FindIntake(tx, intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::NotFound("no such intake");
  auto roles = RolesIn(tx, ctx, (*intake)->organisation_id);
  if (!roles) return roles.error();
  if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
    return Error::NotFound("no such intake");
  }
  if (auto d = CanRunProgramme(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return std::move(**intake);
}

// The participant, for the participant themself or staff of the
// organisation; `staff` tells which.
Result<std::pair<Participant, bool>> ParticipantFor(db::Tx& tx, const RequestContext& ctx,
                                                     const std::string& participant_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(participant_id)) return Error::NotFound("no such participant");
  auto p = store::Get(tx, participant_id);
  if (!p) return p.error();
  if (!*p) return Error::NotFound("no such participant");
  auto roles = RolesIn(tx, ctx, (*p)->organisation_id);
  if (!roles) return roles.error();
  const bool staff = CanRunProgramme(ctx.actor, *roles).allowed;
  if (!staff && (*p)->account_id != ctx.actor.account_id) return Error::NotFound("no such participant");
  return std::pair{std::move(**p), staff};
}

// Everything a plan is made or checked from.
struct Snapshot {
  Setup setup;
  std::vector<Participant> participants;
  std::vector<Rotation> rotations;
};

Result<Snapshot> Load(db::Tx& tx, const programmes::Intake& intake) {
  Snapshot s;
  auto setup = store::GetSetup(tx, intake.id);
  if (!setup) return setup.error();
  s.setup = std::move(*setup);
  s.setup.organisation_id = intake.organisation_id;
  auto people = store::OfIntake(tx, intake.id);
  if (!people) return people.error();
  s.participants = std::move(*people);
  auto rotations = store::Rotations(tx, intake.id);
  if (!rotations) return rotations.error();
  s.rotations = std::move(*rotations);
  return s;
}

Result<Plan> Describe(db::Tx& tx, const programmes::Intake& intake) {
  auto s = Load(tx, intake);
  if (!s) return s.error();
  return DescribePlan(s->setup, s->participants, s->rotations);
}

Result<void> Audit(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const std::string& organisation_id,
                   const std::string& subject_type, const std::string& subject_id, const std::string& action,
                   const json& after) {
  return trail.Append(tx, ctx, {organisation_id, subject_type, subject_id, action, "", after.dump()});
}

// The rotations of one person as lines for an e-mail.
std::string ScheduleLines(const Setup& setup, const std::vector<std::pair<std::string, std::string>>& period_and_text) {
  std::string out;
  for (const Period& period : setup.periods) {
    for (const auto& [period_id, text] : period_and_text) {
      if (period_id != period.id) continue;
      out += "- " + period.name + " (" + period.starts_on + " – " + period.ends_on + "): " + text + "\n";
    }
  }
  return out;
}

const HostUnit* UnitOf(const Setup& setup, const std::string& unit_id) {
  for (const auto& h : setup.units)
    if (h.unit_id == unit_id) return &h;
  return nullptr;
}

// Tells participants their rotations and supervisors their interns.
Result<void> NotifyPublished(db::Tx& tx, const RequestContext& ctx, const Snapshot& s, const std::string& intake_name,
                             const std::string& public_url) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> of_participant;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> of_supervisor;
  std::map<std::string, const Participant*> by_id;
  for (const auto& p : s.participants) by_id[p.id] = &p;
  for (const Rotation& r : s.rotations) {
    const auto who = by_id.find(r.participant_id);
    const HostUnit* unit = UnitOf(s.setup, r.unit_id);
    if (who == by_id.end() || who->second->state != "active" || !unit) continue;
    std::string text = unit->name;
    if (!unit->supervisor_name.empty()) text += " — " + unit->supervisor_name;
    of_participant[r.participant_id].emplace_back(r.period_id, text);
    if (unit->supervisor_id) {
      of_supervisor[*unit->supervisor_id].emplace_back(r.period_id, unit->name + ": " + who->second->name);
    }
  }
  for (const auto& [participant_id, lines] : of_participant) {
    const Participant& p = *by_id[participant_id];
    auto person = accounts::FindAccount(tx, p.account_id);
    if (!person) return person.error();
    if (!*person) continue;
    notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "rotations_published", {}, true};
    m.params = {{"name", (*person)->name},
                {"intake", intake_name},
                {"schedule", ScheduleLines(s.setup, lines)},
                {"link", public_url + "/my-programme"}};
    if (auto e = notifications::Enqueue(tx, ctx.clock, m); !e) return e.error();
  }
  for (const auto& [supervisor_id, lines] : of_supervisor) {
    auto person = accounts::FindAccount(tx, supervisor_id);
    if (!person) return person.error();
    if (!*person) continue;
    notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "interns_assigned", {}, true};
    m.params = {{"name", (*person)->name},
                {"intake", intake_name},
                {"schedule", ScheduleLines(s.setup, lines)},
                {"link", public_url + "/interns"}};
    if (auto e = notifications::Enqueue(tx, ctx.clock, m); !e) return e.error();
  }
  return Ok();
}

// The activities that count for attendance: held (ended) and not cancelled.
std::map<std::string, bool> HeldActivities(const std::vector<Activity>& activities, const std::string& now,
                                           std::int64_t& held_count) {
  std::map<std::string, bool> held;
  held_count = 0;
  for (const auto& act : activities) {
    held[act.id] = act.state == "scheduled" && act.ends_at <= now;
    held_count += held[act.id] ? 1 : 0;
  }
  return held;
}

// One participant's share over the held activities; `records` may hold
// other participants' records too.
AttendanceShare Tally(const Participant& p, const std::map<std::string, bool>& held, std::int64_t held_count,
                      const std::vector<AttendanceRecord>& records) {
  AttendanceShare s;
  s.participant_id = p.id;
  s.name = p.name;
  s.held = held_count;
  for (const auto& r : records) {
    const auto h = held.find(r.activity_id);
    if (r.participant_id != p.id || h == held.end() || !h->second) continue;
    if (r.status == "present") ++s.present;
    if (r.status == "excused") ++s.excused;
  }
  s.absent = s.held - s.present - s.excused;
  const std::int64_t counted = s.held - s.excused;
  s.share = counted > 0 ? static_cast<double>(s.present) / static_cast<double>(counted) : 1.0;
  return s;
}

// Fills in the participant's own attendance share and lines.
Result<void> OwnAttendance(db::Tx& tx, Participation& item, const std::string& now) {
  auto activities = store::ActivitiesOf(tx, item.participant.intake_id);
  if (!activities) return activities.error();
  auto records = store::AttendanceOfParticipant(tx, item.participant.id);
  if (!records) return records.error();
  std::int64_t held_count = 0;
  const auto held = HeldActivities(*activities, now, held_count);
  item.attendance = Tally(item.participant, held, held_count, *records);
  for (auto& a : *activities) {
    if (!held.at(a.id)) continue;
    AttendanceLine line{std::move(a), "", std::nullopt};
    for (const auto& r : *records) {
      if (r.activity_id != line.activity.id) continue;
      line.status = r.status;
      line.reason = r.reason;
    }
    item.attendance_lines.push_back(std::move(line));
  }
  return Ok();
}

}  // namespace

Result<std::vector<Participant>> Service::List(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Participant>> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto list = store::OfIntake(tx, intake_id);
    if (!list) return list.error();
    if (auto a = Audit(tx, ctx, trail_, intake->organisation_id, "intake", intake_id, "read_personal_data",
                       {{"participants", list->size()}});
        !a) {
      return a.error();
    }
    return list;
  });
}

Result<Participant> Service::Withdraw(const RequestContext& ctx, const std::string& participant_id,
                                      const std::string& reason_text) {
  return db_.Write([&](db::Tx& tx) -> Result<Participant> {
    auto found = ParticipantFor(tx, ctx, participant_id);
    if (!found) return found.error();
    Participant p = std::move(found->first);
    const std::string reason = Trim(reason_text);
    if (reason.empty()) return Error::InvalidArgument("invalid withdrawal", {{"reason", "required", "give a reason"}});
    if (CodePoints(reason) > 1000) {
      return Error::InvalidArgument("invalid withdrawal", {{"reason", "too_long", "at most 1,000 characters"}});
    }
    auto next = NextParticipantState(p.state, ParticipantAction::kWithdraw);
    if (!next) return next.error();
    const std::string before = p.state;
    p.state = *next;
    p.withdrawn_at = FormatUtc(ctx.clock.Now());
    p.withdrawal_reason = reason;
    auto saved = store::SaveState(tx, p, before);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the participant changed meanwhile; look again");
    if (auto d = store::DeleteRotationsFrom(tx, p.id, Today(ctx)); !d) return d.error();
    if (auto a = Audit(tx, ctx, trail_, p.organisation_id, "participant", p.id, "withdraw",
                       {{"state", p.state}, {"reason", reason}, {"by_staff", found->second}});
        !a) {
      return a.error();
    }
    return p;
  });
}

Result<Participant> Service::SetPreferences(const RequestContext& ctx, const std::string& participant_id,
                                            const std::vector<std::string>& languages,
                                            const std::vector<std::string>& unit_ids) {
  return db_.Write([&](db::Tx& tx) -> Result<Participant> {
    auto found = ParticipantFor(tx, ctx, participant_id);
    if (!found) return found.error();
    auto [p, staff] = std::move(*found);
    if (p.state != "active") return NextParticipantState(p.state, ParticipantAction::kWithdraw).error();
    auto setup = store::GetSetup(tx, p.intake_id);
    if (!setup) return setup.error();
    if (!staff && setup->state == "published") {
      return Error::FailedPrecondition("the rotation plan is published; change it by hand").WithCode("plan_published");
    }
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < languages.size(); ++i) {
      const std::string field = "languages[" + std::to_string(i) + "]";
      if (!IsLanguage(languages[i])) {
        errors.push_back({field, "invalid_language", "two lowercase letters (ISO 639-1)"});
      } else if (std::find(languages.begin(), languages.begin() + static_cast<std::ptrdiff_t>(i), languages[i]) !=
                 languages.begin() + static_cast<std::ptrdiff_t>(i)) {
        errors.push_back({field, "duplicate", "listed twice"});
      }
    }
    for (std::size_t i = 0; i < unit_ids.size(); ++i) {
      const std::string field = "unit_ids[" + std::to_string(i) + "]";
      if (!UnitOf(*setup, unit_ids[i])) {
        errors.push_back({field, "unknown_unit", "not a host unit of this intake"});
      } else if (std::find(unit_ids.begin(), unit_ids.begin() + static_cast<std::ptrdiff_t>(i), unit_ids[i]) !=
                 unit_ids.begin() + static_cast<std::ptrdiff_t>(i)) {
        errors.push_back({field, "duplicate", "listed twice"});
      }
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid preferences", errors);
    p.languages = languages;
    p.unit_ids = unit_ids;
    if (auto s = store::SavePreferences(tx, p); !s) return s.error();
    return p;
  });
}

Result<std::vector<Participation>> Service::MyParticipations(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Participation>> {
    auto mine = store::OfAccount(tx, ctx.actor.account_id);
    if (!mine) return mine.error();
    std::vector<Participation> out;
    for (auto& p : *mine) {
      Participation item;
      auto intake = programmes::FindIntake(tx, p.intake_id);
      if (!intake) return intake.error();
      if (!*intake) continue;
      item.intake_name = (*intake)->name;
      item.programme_id = (*intake)->programme_id;
      auto programme = programmes::FindProgramme(tx, item.programme_id);
      if (!programme) return programme.error();
      if (*programme) item.programme_name = (*programme)->name;
      auto organisation = organisations::FindOrganisation(tx, p.organisation_id);
      if (!organisation) return organisation.error();
      if (*organisation) item.organisation_name = (*organisation)->name;
      auto setup = store::GetSetup(tx, p.intake_id);
      if (!setup) return setup.error();
      item.setup = std::move(*setup);
      if (item.setup.state == "published") {
        auto rotations = store::Rotations(tx, p.intake_id);
        if (!rotations) return rotations.error();
        for (auto& r : *rotations)
          if (r.participant_id == p.id) item.rotations.push_back(std::move(r));
      }
      item.participant = std::move(p);
      if (auto w = OwnAttendance(tx, item, FormatUtc(ctx.clock.Now())); !w) return w.error();
      auto feedback = store::FeedbackBy(tx, item.participant.id);
      if (!feedback) return feedback.error();
      item.feedback = std::move(*feedback);
      out.push_back(std::move(item));
    }
    return out;
  });
}

Result<Setup> Service::GetSetup(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Setup> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto setup = store::GetSetup(tx, intake_id);
    if (!setup) return setup.error();
    setup->organisation_id = intake->organisation_id;
    return setup;
  });
}

Result<Setup> Service::SaveSetup(const RequestContext& ctx, const std::string& intake_id, Setup input,
                                 std::int64_t version) {
  return db_.Write([&](db::Tx& tx) -> Result<Setup> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto stored = store::GetSetup(tx, intake_id);
    if (!stored) return stored.error();
    auto units = organisations::UnitsOf(tx, intake->organisation_id);
    if (!units) return units.error();
    std::map<std::string, std::string> unit_names;
    for (const auto& u : *units)
      if (u.active) unit_names[u.id] = u.name;
    std::vector<FieldError> errors;
    // Periods.
    for (std::size_t i = 0; i < input.periods.size(); ++i) {
      Period& p = input.periods[i];
      const std::string at = "periods[" + std::to_string(i) + "]";
      p.name = Trim(p.name);
      if (p.name.empty()) errors.push_back({at + ".name", "required", "a name"});
      else if (CodePoints(p.name) > 100) errors.push_back({at + ".name", "too_long", "at most 100 characters"});
      const bool dates = programmes::IsValidDate(p.starts_on) && programmes::IsValidDate(p.ends_on);
      if (!programmes::IsValidDate(p.starts_on)) errors.push_back({at + ".starts_on", "invalid_date", "YYYY-MM-DD"});
      if (!programmes::IsValidDate(p.ends_on)) errors.push_back({at + ".ends_on", "invalid_date", "YYYY-MM-DD"});
      if (dates && p.ends_on < p.starts_on) errors.push_back({at + ".ends_on", "ends_before_start", "ends before it starts"});
      if (dates && i > 0 && programmes::IsValidDate(input.periods[i - 1].ends_on) &&
          p.starts_on <= input.periods[i - 1].ends_on) {
        errors.push_back({at + ".starts_on", "periods_overlap", "starts before the period before it ends"});
      }
      if (p.id.empty()) {
        p.id = NewId(ctx.clock.Now());
      } else if (std::none_of(stored->periods.begin(), stored->periods.end(),
                              [&](const Period& q) { return q.id == p.id; })) {
        errors.push_back({at + ".id", "unknown_period", "not a period of this intake"});
      }
    }
    if (input.periods.size() > 24) errors.push_back({"periods", "too_many_periods", "at most 24 periods"});
    // Host units.
    std::set<std::string> types;
    for (std::size_t i = 0; i < input.units.size(); ++i) {
      HostUnit& h = input.units[i];
      const std::string at = "units[" + std::to_string(i) + "]";
      if (!unit_names.contains(h.unit_id)) {
        errors.push_back({at + ".unit_id", "unknown_unit", "not an active unit of the organisation"});
      } else {
        h.name = unit_names[h.unit_id];
        for (std::size_t j = 0; j < i; ++j)
          if (input.units[j].unit_id == h.unit_id) errors.push_back({at + ".unit_id", "duplicate", "listed twice"});
      }
      h.type = Trim(h.type);
      if (h.type.empty()) errors.push_back({at + ".type", "required", "a type"});
      else if (CodePoints(h.type) > 40) errors.push_back({at + ".type", "too_long", "at most 40 characters"});
      else types.insert(h.type);
      if (h.supervisor_id) {
        auto roles = organisations::RolesOfAccount(tx, intake->organisation_id, *h.supervisor_id);
        if (!roles) return roles.error();
        if (!MaySupervise(*roles)) {
          errors.push_back({at + ".supervisor_id", "not_staff", "must be a supervisor or coordinator here"});
        }
      }
      for (std::size_t j = 0; j < h.languages.size(); ++j) {
        if (!IsLanguage(h.languages[j])) {
          errors.push_back({at + ".languages[" + std::to_string(j) + "]", "invalid_language", "two lowercase letters"});
        }
      }
      if (h.places.size() != input.periods.size()) {
        errors.push_back({at + ".places", "wrong_length", "one number per period"});
      } else {
        for (std::size_t j = 0; j < h.places.size(); ++j) {
          if (h.places[j] < 0 || h.places[j] > 1000) {
            errors.push_back({at + ".places[" + std::to_string(j) + "]", "out_of_range", "0 to 1,000"});
          }
        }
      }
    }
    if (input.units.size() > 500) errors.push_back({"units", "too_many_units", "at most 500 host units"});
    // Requirements.
    std::int64_t required_total = 0;
    for (std::size_t i = 0; i < input.required.size(); ++i) {
      Requirement& r = input.required[i];
      const std::string at = "required[" + std::to_string(i) + "]";
      r.type = Trim(r.type);
      if (!types.contains(r.type)) errors.push_back({at + ".type", "unknown_type", "no host unit has this type"});
      for (std::size_t j = 0; j < i; ++j)
        if (input.required[j].type == r.type) errors.push_back({at + ".type", "duplicate", "listed twice"});
      if (r.rotations < 1 || r.rotations > static_cast<std::int64_t>(input.periods.size())) {
        errors.push_back({at + ".rotations", "out_of_range", "1 to the number of periods"});
      }
      required_total += r.rotations;
    }
    if (required_total > static_cast<std::int64_t>(input.periods.size()) && !input.required.empty()) {
      errors.push_back({"required", "too_many_required", "the requirements add up to more than the periods"});
    }
    // Evaluation criteria.
    for (std::size_t i = 0; i < input.criteria.size(); ++i) {
      const std::string at = "evaluation_criteria[" + std::to_string(i) + "]";
      input.criteria[i] = Trim(input.criteria[i]);
      if (input.criteria[i].empty()) errors.push_back({at, "required", "a criterion"});
      else if (CodePoints(input.criteria[i]) > 100) errors.push_back({at, "too_long", "at most 100 characters"});
      else if (input.criteria[i] == "overall") errors.push_back({at, "invalid_key", "a name other than overall"});
      for (std::size_t j = 0; j < i; ++j)
        if (input.criteria[j] == input.criteria[i]) errors.push_back({at, "duplicate", "listed twice"});
    }
    if (input.criteria.size() > 12) errors.push_back({"evaluation_criteria", "too_many_items", "at most 12 criteria"});
    if (!errors.empty()) return Error::InvalidArgument("invalid rotation set-up", errors);
    // Removed periods and units must not hold rotations.
    std::vector<std::string> removed_periods, removed_units;
    for (const auto& p : stored->periods)
      if (std::none_of(input.periods.begin(), input.periods.end(), [&](const Period& q) { return q.id == p.id; }))
        removed_periods.push_back(p.id);
    for (const auto& h : stored->units)
      if (!UnitOf(input, h.unit_id)) removed_units.push_back(h.unit_id);
    auto in_use = store::CountRotations(tx, intake_id, removed_periods, removed_units);
    if (!in_use) return in_use.error();
    if (*in_use > 0) {
      return Error::FailedPrecondition("a removed period or unit still has rotations").WithCode("in_use");
    }
    input.intake_id = intake_id;
    input.organisation_id = intake->organisation_id;
    auto saved = store::SaveSetup(tx, input, version, FormatUtc(ctx.clock.Now()));
    if (!saved) return saved.error();
    if (!*saved) {
      Error e = Error::Conflict("the set-up was changed by someone else").WithCode("stale_version");
      return e;
    }
    auto after = store::GetSetup(tx, intake_id);
    if (!after) return after.error();
    after->organisation_id = intake->organisation_id;
    if (auto a = Audit(tx, ctx, trail_, intake->organisation_id, "intake", intake_id, "rotation_setup",
                       {{"periods", after->periods.size()}, {"units", after->units.size()},
                        {"version", after->version}});
        !a) {
      return a.error();
    }
    return after;
  });
}

Result<Plan> Service::GetPlan(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Plan> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return Describe(tx, *intake);
  });
}

Result<Plan> Service::MakePlan(const RequestContext& ctx, const std::string& intake_id, bool keep_manual) {
  return db_.Write([&](db::Tx& tx) -> Result<Plan> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto s = Load(tx, *intake);
    if (!s) return s.error();
    if (s->setup.periods.empty() || s->setup.units.empty()) {
      return Error::FailedPrecondition("set up the periods and host units first").WithCode("no_setup");
    }
    auto next = NextPlanState(s->setup.state, PlanAction::kPlan);
    if (!next) return next.error();
    std::vector<Rotation> fixed;
    if (keep_manual) {
      for (const auto& r : s->rotations)
        if (r.manual) fixed.push_back(r);
    }
    const std::vector<Rotation> planned = OptimalRotations(s->setup, s->participants, fixed);
    if (auto r = store::ReplaceRotations(tx, intake_id, keep_manual, planned); !r) return r.error();
    s->setup.state = *next;
    s->setup.planned_at = FormatUtc(ctx.clock.Now());
    if (auto w = store::SavePlanState(tx, s->setup, *s->setup.planned_at); !w) return w.error();
    auto plan = Describe(tx, *intake);
    if (!plan) return plan.error();
    if (auto a = Audit(tx, ctx, trail_, intake->organisation_id, "intake", intake_id, "rotations_planned",
                       {{"cost", plan->cost}, {"planned", planned.size()}, {"kept", fixed.size()},
                        {"shortfalls", plan->shortfalls.size()}});
        !a) {
      return a.error();
    }
    return plan;
  });
}

Result<Plan> Service::Move(const RequestContext& ctx, const std::string& intake_id, const std::string& participant_id,
                           const std::string& period_id, const std::optional<std::string>& unit_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Plan> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto s = Load(tx, *intake);
    if (!s) return s.error();
    const auto who = std::find_if(s->participants.begin(), s->participants.end(),
                                  [&](const Participant& p) { return p.id == participant_id; });
    if (who == s->participants.end()) return Error::NotFound("no such participant in this intake");
    if (who->state != "active") return NextParticipantState(who->state, ParticipantAction::kWithdraw).error();
    std::vector<FieldError> errors;
    if (std::none_of(s->setup.periods.begin(), s->setup.periods.end(),
                     [&](const Period& p) { return p.id == period_id; })) {
      errors.push_back({"period_id", "unknown_period", "not a period of this intake"});
    }
    if (unit_id && !UnitOf(s->setup, *unit_id)) {
      errors.push_back({"unit_id", "unknown_unit", "not a host unit of this intake"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid move", errors);
    std::vector<Rotation> after;
    for (const auto& r : s->rotations)
      if (!(r.participant_id == participant_id && r.period_id == period_id)) after.push_back(r);
    if (unit_id) after.push_back({participant_id, period_id, *unit_id, true});
    const std::vector<std::string> broken = NewlyBrokenRules(s->setup, s->participants, s->rotations, after);
    if (!broken.empty()) {
      for (const auto& rule : broken) errors.push_back({"unit_id", rule, "the move breaks a rule of the plan"});
      return Error::InvalidArgument("the move breaks a rule", errors);
    }
    if (auto w = store::SetRotation(tx, intake_id, participant_id, period_id, unit_id, true); !w) return w.error();
    if (s->setup.state == "none") {
      auto next = NextPlanState(s->setup.state, PlanAction::kPlan);
      if (!next) return next.error();
      s->setup.state = *next;
      s->setup.planned_at = FormatUtc(ctx.clock.Now());
      if (auto w = store::SavePlanState(tx, s->setup, *s->setup.planned_at); !w) return w.error();
    }
    if (auto a = Audit(tx, ctx, trail_, intake->organisation_id, "participant", participant_id, "rotation_moved",
                       {{"period_id", period_id}, {"unit_id", unit_id ? json(*unit_id) : json(nullptr)}});
        !a) {
      return a.error();
    }
    return Describe(tx, *intake);
  });
}

Result<Plan> Service::Publish(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Plan> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto s = Load(tx, *intake);
    if (!s) return s.error();
    auto next = NextPlanState(s->setup.state, PlanAction::kPublish);
    if (!next) return next.error();
    if (s->rotations.empty()) return Error::FailedPrecondition("nothing has been planned yet").WithCode("nothing_planned");
    const Plan before = DescribePlan(s->setup, s->participants, s->rotations);
    if (!before.violations.empty()) {
      return Error::FailedPrecondition("the plan breaks rules; fix them first").WithCode("plan_has_violations");
    }
    s->setup.state = *next;
    s->setup.published_at = FormatUtc(ctx.clock.Now());
    if (auto w = store::SavePlanState(tx, s->setup, *s->setup.published_at); !w) return w.error();
    if (auto n = NotifyPublished(tx, ctx, *s, intake->name, public_url_); !n) return n.error();
    if (auto a = Audit(tx, ctx, trail_, intake->organisation_id, "intake", intake_id, "rotations_published",
                       {{"rotations", s->rotations.size()}, {"cost", before.cost}});
        !a) {
      return a.error();
    }
    return Describe(tx, *intake);
  });
}

Result<std::vector<InternGroup>> Service::MyInterns(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) { return store::InternsOf(tx, ctx.actor.account_id); });
}

Result<std::vector<Participant>> ParticipantsOf(db::Tx& tx, const std::string& intake_id) {
  return store::OfIntake(tx, intake_id);
}

Result<std::optional<Participant>> FindParticipant(db::Tx& tx, const std::string& participant_id) {
  return store::Get(tx, participant_id);
}

Result<std::vector<AttendanceShare>> AttendanceSharesOf(db::Tx& tx, const std::string& intake_id, const std::string& now) {
  auto people = store::OfIntake(tx, intake_id);
  if (!people) return people.error();
  auto activities = store::ActivitiesOf(tx, intake_id);
  if (!activities) return activities.error();
  auto records = store::AttendanceOfIntake(tx, intake_id);
  if (!records) return records.error();
  std::int64_t held_count = 0;
  const auto held = HeldActivities(*activities, now, held_count);
  std::vector<AttendanceShare> out;
  for (const auto& p : *people) {
    if (p.state != "withdrawn") out.push_back(Tally(p, held, held_count, *records));
  }
  return out;
}

Result<std::optional<Activity>> FindActivity(db::Tx& tx, const std::string& activity_id) {
  if (!LooksLikeId(activity_id)) return std::optional<Activity>();
  return store::GetActivity(tx, activity_id);
}

Result<std::vector<Rotation>> RotationsOf(db::Tx& tx, const std::string& intake_id) {
  return store::Rotations(tx, intake_id);
}

Result<std::vector<Evaluation>> EvaluationsOfIntake(db::Tx& tx, const std::string& intake_id) {
  return store::EvaluationsOf(tx, intake_id);
}

Result<Participant> Complete(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                             const std::string& participant_id) {
  auto found = store::Get(tx, participant_id);
  if (!found) return found.error();
  if (!*found) return Error::NotFound("no such participant");
  Participant p = std::move(**found);
  auto next = NextParticipantState(p.state, ParticipantAction::kComplete);
  if (!next) return next.error();
  const std::string before = p.state;
  p.state = *next;
  auto saved = store::SaveState(tx, p, before);
  if (!saved) return saved.error();
  if (!*saved) return Error::Conflict("the participant changed meanwhile; look again");
  if (auto a = Audit(tx, ctx, trail, p.organisation_id, "participant", p.id, "complete", {{"state", p.state}}); !a) {
    return a.error();
  }
  return p;
}

}  // namespace cohort::participants
