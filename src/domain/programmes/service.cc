#include "domain/programmes/service.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdint>
#include <set>

#include "core/id.h"
#include "core/time_format.h"
#include "domain/organisations/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/form.h"
#include "domain/programmes/policy.h"
#include "domain/programmes/store.h"

namespace cohort::programmes {
namespace {

std::atomic<std::uint64_t> changes{0};

// Runs a write of programmes, intakes or calls, and counts it once it has
// ended (committed or not: a miscount only costs the public list's cache).
template <class F>
auto Changing(db::Database& db, F&& fn) {
  auto result = db.Write(std::forward<F>(fn));
  changes.fetch_add(1, std::memory_order_release);
  return result;
}

using nlohmann::json;

json ProgrammeJson(const Programme& p) { return {{"name", p.name}, {"code", p.code}, {"description", p.description}}; }
json IntakeJson(const Intake& i) {
  return {{"name", i.name}, {"starts_on", i.starts_on}, {"ends_on", i.ends_on}, {"capacity", i.capacity},
          {"time_zone", i.time_zone}};
}

// Loads an organisation's roles and applies `can`; kNotFound hides objects
// of organisations the actor has nothing to do with only where the route
// names the object itself (programme, intake), as units do.
template <class Pred>
Result<void> Allowed(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id, Pred can) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  if (auto d = can(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return Ok();
}

// Objects reached by their own id are "not found" to people outside the
// organisation, so ids do not confirm what exists elsewhere.
template <class Pred>
Result<void> AllowedOrHidden(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id, Pred can,
                             const char* what) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
    return Error::NotFound(std::string("no such ") + what);
  }
  if (auto d = can(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return Ok();
}

// Resolves the window to UTC; errors at the local fields.
Result<std::pair<std::optional<std::string>, std::optional<std::string>>> Window(const CallSettings& s) {
  std::optional<std::string> opens, closes;
  if (!KnownTimeZone(s.time_zone)) {
    return Error::InvalidArgument("unknown time zone", {{"time_zone", "unknown_time_zone", "an IANA time zone"}});
  }
  if (!s.opens_at_local.empty()) {
    auto t = LocalToUtc(s.opens_at_local, s.time_zone);
    if (!t) return Error::InvalidArgument("bad local time", {{"opens_at_local", "invalid_datetime", "YYYY-MM-DDTHH:MM"}});
    opens = *t;
  }
  if (!s.closes_at_local.empty()) {
    auto t = LocalToUtc(s.closes_at_local, s.time_zone);
    if (!t) return Error::InvalidArgument("bad local time", {{"closes_at_local", "invalid_datetime", "YYYY-MM-DDTHH:MM"}});
    closes = *t;
  }
  return std::pair{opens, closes};
}

// ORGANISATION-PROGRAMME-YEAR of the intake's start, e.g. MFA-DV-2026,
// made unique among calls.
Result<std::string> ReferencePrefix(db::Tx& tx, const Intake& intake, const std::string& programme_code) {
  auto org = organisations::FindOrganisation(tx, intake.organisation_id);
  if (!org) return org.error();
  if (!*org) return Error::Internal("intake without organisation: " + intake.id);
  return store::UnusedReferencePrefix(tx, (*org)->slug + "-" + programme_code + "-" + intake.starts_on.substr(0, 4));
}

}  // namespace

std::vector<FieldError> CheckIntake(const Intake& i) {
  std::vector<FieldError> errors;
  if (i.name.empty()) errors.push_back({"name", "required", "required"});
  else if (i.name.size() > 100) errors.push_back({"name", "too_long", "at most 100 bytes"});
  if (!IsValidDate(i.starts_on)) errors.push_back({"starts_on", "invalid_date", "a date YYYY-MM-DD"});
  if (!IsValidDate(i.ends_on)) errors.push_back({"ends_on", "invalid_date", "a date YYYY-MM-DD"});
  else if (IsValidDate(i.starts_on) && i.ends_on < i.starts_on) {
    errors.push_back({"ends_on", "ends_before_start", "on or after the start"});
  }
  if (i.capacity < 0 || i.capacity > 100000) errors.push_back({"capacity", "out_of_range", "from 0 to 100000"});
  if (!KnownTimeZone(i.time_zone)) errors.push_back({"time_zone", "unknown_time_zone", "an IANA time zone"});
  return errors;
}

std::string CallState(const Call& call, const std::string& now) {
  if (!call.settings->published || !call.opens_at || !call.closes_at) return "draft";
  if (now < *call.opens_at) return "scheduled";
  if (now < *call.closes_at) return "open";
  return "closed";
}

Result<std::optional<Call>> FindCall(db::Tx& tx, const std::string& call_id) {
  if (!LooksLikeId(call_id)) return std::optional<Call>{};
  return store::GetCall(tx, call_id);
}

Result<std::optional<Programme>> FindProgramme(db::Tx& tx, const std::string& programme_id) {
  if (!LooksLikeId(programme_id)) return std::optional<Programme>{};
  return store::GetProgramme(tx, programme_id);
}

Result<std::optional<Intake>> FindIntake(db::Tx& tx, const std::string& intake_id) {
  if (!LooksLikeId(intake_id)) return std::optional<Intake>{};
  return store::GetIntake(tx, intake_id);
}

Result<std::vector<Intake>> IntakesOfProgramme(db::Tx& tx, const std::string& programme_id) {
  if (!LooksLikeId(programme_id)) return std::vector<Intake>{};
  return store::Intakes(tx, programme_id);
}

Result<std::optional<Call>> FindCallOfIntake(db::Tx& tx, const std::string& intake_id) {
  return store::CallOfIntake(tx, intake_id);
}

Result<std::vector<Programme>> Service::ListProgrammes(const RequestContext& ctx, const std::string& organisation_id) {
  if (!LooksLikeId(organisation_id)) return Error::NotFound("no such organisation");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Programme>> {
    if (auto a = Allowed(tx, ctx, organisation_id, CanViewProgrammes); !a) return a.error();
    return store::Programmes(tx, organisation_id);
  });
}

Result<Programme> Service::CreateProgramme(const RequestContext& ctx, const std::string& organisation_id,
                                           const NewProgramme& in) {
  if (!LooksLikeId(organisation_id)) return Error::NotFound("no such organisation");
  std::vector<FieldError> errors;
  if (in.name.empty()) errors.push_back({"name", "required", "required"});
  else if (in.name.size() > 200) errors.push_back({"name", "too_long", "at most 200 bytes"});
  const bool code_ok = !in.code.empty() && in.code.size() <= 8 && std::all_of(in.code.begin(), in.code.end(), [](unsigned char c) {
    return std::isupper(c) || std::isdigit(c);
  });
  if (in.code.empty()) errors.push_back({"code", "required", "required"});
  else if (!code_ok) errors.push_back({"code", "invalid_code", "1-8 capital letters or digits"});
  if (in.description.size() > 5000) errors.push_back({"description", "too_long", "at most 5000 bytes"});
  const auto now = ctx.clock.Now();
  Programme p{NewId(now), organisation_id, in.name, in.code, in.description, FormatUtc(now)};
  return Changing(db_, [&](db::Tx& tx) -> Result<Programme> {
    if (auto a = Allowed(tx, ctx, organisation_id, CanManageProgrammes); !a) return a.error();
    if (!errors.empty()) return Error::InvalidArgument("invalid programme", errors);
    if (auto r = store::InsertProgramme(tx, p); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "programme", p.id, "create", "", ProgrammeJson(p).dump()}); !a) {
      return a.error();
    }
    return p;
  });
}

Result<Programme> Service::GetProgramme(const RequestContext& ctx, const std::string& id) {
  if (!LooksLikeId(id)) return Error::NotFound("no such programme");
  return db_.Read([&](db::Tx& tx) -> Result<Programme> {
    auto p = store::GetProgramme(tx, id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such programme");
    if (auto a = AllowedOrHidden(tx, ctx, (*p)->organisation_id, CanViewProgrammes, "programme"); !a) return a.error();
    return **p;
  });
}

Result<std::vector<Intake>> Service::ListIntakes(const RequestContext& ctx, const std::string& programme_id) {
  if (!LooksLikeId(programme_id)) return Error::NotFound("no such programme");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Intake>> {
    auto p = store::GetProgramme(tx, programme_id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such programme");
    if (auto a = AllowedOrHidden(tx, ctx, (*p)->organisation_id, CanViewProgrammes, "programme"); !a) return a.error();
    return store::Intakes(tx, programme_id);
  });
}

Result<Intake> Service::CreateIntake(const RequestContext& ctx, const std::string& programme_id, const NewIntake& in) {
  if (!LooksLikeId(programme_id)) return Error::NotFound("no such programme");
  const auto now = ctx.clock.Now();
  const std::string now_text = FormatUtc(now);
  return Changing(db_, [&](db::Tx& tx) -> Result<Intake> {
    auto p = store::GetProgramme(tx, programme_id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such programme");
    const Programme& programme = **p;
    if (auto a = AllowedOrHidden(tx, ctx, programme.organisation_id, CanManageProgrammes, "programme"); !a) return a.error();
    Intake intake{NewId(now), programme_id, programme.organisation_id, in.name, in.starts_on, in.ends_on,
                  in.capacity, in.time_zone.empty() ? "Asia/Baku" : in.time_zone, false, now_text};
    auto errors = CheckIntake(intake);
    std::optional<Call> source;
    if (!in.from_intake.empty()) {
      auto from = FindIntake(tx, in.from_intake);
      if (!from) return from.error();
      if (!*from || (*from)->programme_id != programme_id) {
        errors.push_back({"from_intake", "unknown_intake", "an intake of this programme"});
      } else {
        auto call = store::CallOfIntake(tx, in.from_intake);
        if (!call) return call.error();
        source = std::move(*call);
      }
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid intake", errors);
    if (auto r = store::InsertIntake(tx, intake); !r) return r.error();
    json after = IntakeJson(intake);
    if (!in.from_intake.empty()) after["from_intake"] = in.from_intake;
    if (auto a = trail_.Append(tx, ctx, {intake.organisation_id, "intake", intake.id, "create", "", after.dump()}); !a) {
      return a.error();
    }
    if (source) {
      // The call comes along without its window and unpublished: the
      // coordinator sets this year's dates before it opens.
      Call call;
      call.id = NewId(now);
      call.intake_id = intake.id;
      call.organisation_id = intake.organisation_id;
      // The call comes along without its window and unpublished.
      CallSettings copy = *source->settings;
      copy.opens_at_local.clear();
      copy.closes_at_local.clear();
      copy.published = false;
      copy.time_zone = intake.time_zone;
      call.settings = std::make_shared<const CallSettings>(std::move(copy));
      auto prefix = ReferencePrefix(tx, intake, programme.code);
      if (!prefix) return prefix.error();
      call.reference_prefix = *prefix;
      if (auto r = store::SaveCall(tx, call, true, now_text); !r) return r.error();
      if (auto a = trail_.Append(tx, ctx, {intake.organisation_id, "call", call.id, "create", "",
                                           json{{"cloned_from", source->id}}.dump()});
          !a) {
        return a.error();
      }
      intake.has_call = true;
    }
    return intake;
  });
}

Result<Intake> Service::GetIntake(const RequestContext& ctx, const std::string& id) {
  return db_.Read([&](db::Tx& tx) -> Result<Intake> {
    auto i = FindIntake(tx, id);
    if (!i) return i.error();
    if (!*i) return Error::NotFound("no such intake");
    if (auto a = AllowedOrHidden(tx, ctx, (*i)->organisation_id, CanViewProgrammes, "intake"); !a) return a.error();
    return **i;
  });
}

Result<Intake> Service::UpdateIntake(const RequestContext& ctx, const std::string& id, const IntakeChange& change) {
  return Changing(db_, [&](db::Tx& tx) -> Result<Intake> {
    auto i = FindIntake(tx, id);
    if (!i) return i.error();
    if (!*i) return Error::NotFound("no such intake");
    if (auto a = AllowedOrHidden(tx, ctx, (*i)->organisation_id, CanManageProgrammes, "intake"); !a) return a.error();
    Intake after = **i;
    if (change.name) after.name = *change.name;
    if (change.starts_on) after.starts_on = *change.starts_on;
    if (change.ends_on) after.ends_on = *change.ends_on;
    if (change.capacity) after.capacity = *change.capacity;
    if (change.time_zone) after.time_zone = *change.time_zone;
    if (auto errors = CheckIntake(after); !errors.empty()) return Error::InvalidArgument("invalid intake", errors);
    if (auto r = store::UpdateIntake(tx, after, FormatUtc(ctx.clock.Now())); !r) return r.error();
    if (auto a = trail_.Append(tx, ctx, {after.organisation_id, "intake", id, "update", IntakeJson(**i).dump(),
                                         IntakeJson(after).dump()});
        !a) {
      return a.error();
    }
    return after;
  });
}

Result<Call> Service::GetCall(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Call> {
    auto i = FindIntake(tx, intake_id);
    if (!i) return i.error();
    if (!*i) return Error::NotFound("no such intake");
    if (auto a = AllowedOrHidden(tx, ctx, (*i)->organisation_id, CanViewProgrammes, "intake"); !a) return a.error();
    auto call = store::CallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (!*call) return Error::NotFound("this intake has no call yet");
    auto count = store::CountApplications(tx, (*call)->id);
    if (!count) return count.error();
    (*call)->applications = *count;
    return std::move(**call);
  });
}

Result<Call> Service::PutCall(const RequestContext& ctx, const std::string& intake_id, const CallSettings& settings) {
  auto window = Window(settings);
  const std::string now = FormatUtc(ctx.clock.Now());
  return Changing(db_, [&](db::Tx& tx) -> Result<Call> {
    auto i = FindIntake(tx, intake_id);
    if (!i) return i.error();
    if (!*i) return Error::NotFound("no such intake");
    const Intake& intake = **i;
    if (auto a = AllowedOrHidden(tx, ctx, intake.organisation_id, CanManageProgrammes, "intake"); !a) return a.error();
    if (!window) return window.error();
    auto existing = store::CallOfIntake(tx, intake_id);
    if (!existing) return existing.error();
    Call call;
    json before;
    if (*existing) {
      call = std::move(**existing);
      before = ToJson(*call.settings);
      // Removing a question that people have answered would lose their
      // answers: refuse, and say which (retiring it keeps them).
      // Moving an answered question between the application form and the
      // short-list form would reopen submitted answers, or close open ones.
      std::set<std::string> removed;
      for (const auto& f : call.settings->form.fields) {
        const Field* kept = settings.form.Find(f.key);
        if (!kept || kept->stage != f.stage) removed.insert(f.key);
      }
      auto answered = store::AnsweredKeys(tx, call.id, removed);
      if (!answered) return answered.error();
      if (!answered->empty()) {
        std::string keys;
        for (const auto& k : *answered) keys += (keys.empty() ? "" : ", ") + k;
        return Error::InvalidArgument("removed fields have answers",
                                      {{"form.fields", "field_has_answers",
                                        "answered fields cannot be removed or moved to the other form: " + keys}});
      }
    } else {
      call.id = NewId(ctx.clock.Now());
      call.intake_id = intake_id;
      call.organisation_id = intake.organisation_id;
      call.programme_id = intake.programme_id;
      auto programme = store::GetProgramme(tx, intake.programme_id);
      if (!programme) return programme.error();
      auto prefix = ReferencePrefix(tx, intake, (*programme)->code);
      if (!prefix) return prefix.error();
      call.reference_prefix = *prefix;
    }
    call.settings = std::make_shared<const CallSettings>(settings);
    call.opens_at = window->first;
    call.closes_at = window->second;
    call.updated_at = now;
    if (auto r = store::SaveCall(tx, call, !*existing, now); !r) return r.error();
    auto count = store::CountApplications(tx, call.id);
    if (!count) return count.error();
    call.applications = *count;
    if (auto a = trail_.Append(tx, ctx, {call.organisation_id, "call", call.id, *existing ? "update" : "create",
                                         before.is_null() ? "" : before.dump(), ToJson(*call.settings).dump()});
        !a) {
      return a.error();
    }
    return call;
  });
}

Result<std::vector<CallSummary>> Service::PublishedCalls(const RequestContext& ctx, const std::string& state, int limit) {
  if (state != "open" && state != "upcoming" && state != "closed") {
    return Error::InvalidArgument("bad state", {{"state", "not_an_option", "open, upcoming or closed"}});
  }
  if (limit < 1 || limit > 100) return Error::InvalidArgument("bad limit", {{"limit", "out_of_range", "between 1 and 100"}});
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Read([&](db::Tx& tx) { return store::PublishedCalls(tx, state, now, limit); });
}

Result<CallSummary> Service::PublishedCall(const RequestContext&, const std::string& id) {
  if (!LooksLikeId(id)) return Error::NotFound("no such call");
  auto found = db_.Read([&](db::Tx& tx) { return store::PublishedCall(tx, id); });
  if (!found) return found.error();
  if (!*found) return Error::NotFound("no such call");
  return std::move(**found);
}

std::uint64_t Changes() { return changes.load(std::memory_order_acquire); }

}  // namespace cohort::programmes
