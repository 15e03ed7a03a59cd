#include "domain/participants/activities.h"

#include <algorithm>
#include <chrono>
#include <map>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "docs/ical.h"
#include "domain/organisations/service.h"
#include "domain/participants/activity_store.h"
#include "domain/participants/check_in.h"
#include "domain/participants/evaluation_store.h"
#include "domain/participants/policy.h"
#include "domain/participants/service.h"
#include "domain/participants/store.h"
#include "domain/participants/workflow.h"
#include "domain/programmes/service.h"

namespace cohort::participants {
namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kKinds[] = {"training", "lecture", "visit", "group_work", "meeting", "cultural"};
constexpr const char* kTrainerKinds[] = {"staff", "partner", "international_expert", "ngo"};
constexpr const char* kStatuses[] = {"present", "absent", "excused"};

template <std::size_t N>
bool OneOf(const std::string& value, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options), [&](const char* o) { return value == o; });
}

// Who the actor is to an intake.
struct Access {
  programmes::Intake intake;
  bool member = false;  // holds any staff role in the organisation
  bool staff = false;
  bool trainer_role = false;
  std::optional<Participant> participant;  // the actor's own participation in the intake
};

Result<Access> AccessTo(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(intake_id)) return Error::NotFound("no such intake");
  auto intake = programmes::FindIntake(tx, intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::NotFound("no such intake");
  Access a{std::move(**intake), false, false, false, std::nullopt};
  auto roles = organisations::StaffRoles(tx, ctx, a.intake.organisation_id);
  if (!roles) return roles.error();
  a.member = !roles->empty() || ctx.actor.is_platform_admin;
  a.staff = CanRunProgramme(ctx.actor, *roles).allowed;
  a.trainer_role = std::find(roles->begin(), roles->end(), "trainer") != roles->end();
  auto mine = store::OfAccount(tx, ctx.actor.account_id);
  if (!mine) return mine.error();
  for (auto& p : *mine) {
    if (p.intake_id == intake_id) a.participant = std::move(p);
  }
  return a;
}

Result<Access> StaffOf(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  auto a = AccessTo(tx, ctx, intake_id);
  if (!a) return a.error();
  if (a->staff) return a;
  if (!a->member && !a->participant) return Error::NotFound("no such intake");
  return Denied(ctx.actor, CanRunProgramme(ctx.actor, {}));
}

// The activity, and whether the actor may take its attendance.
struct ActivityAccess {
  Activity activity;
  Access access;
  bool takes_attendance = false;
};

Result<ActivityAccess> ActivityFor(db::Tx& tx, const RequestContext& ctx, const std::string& activity_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(activity_id)) return Error::NotFound("no such activity");
  auto a = store::GetActivity(tx, activity_id);
  if (!a) return a.error();
  if (!*a) return Error::NotFound("no such activity");
  auto access = AccessTo(tx, ctx, (*a)->intake_id);
  if (!access) return access.error();
  const bool trainer = (*a)->trainer_id && *(*a)->trainer_id == ctx.actor.account_id;
  if (!access->member && !access->participant) {
    return Error::NotFound("no such activity");
  }
  const bool takes = access->staff || trainer;
  return ActivityAccess{std::move(**a), std::move(*access), takes};
}

Result<void> MayTakeAttendance(const ActivityAccess& a) {
  if (a.takes_attendance) return Ok();
  return Error::PermissionDenied("only the activity's trainer and coordinators take attendance");
}

// Checks and tidies an activity's fields, adding to `errors`.
Result<void> Validate(db::Tx& tx, const std::string& organisation_id, Activity& a, std::vector<FieldError>& errors) {
  a.title = Trim(a.title);
  a.topic = Trim(a.topic);
  a.trainer_name = Trim(a.trainer_name);
  a.place = Trim(a.place);
  a.online_url = Trim(a.online_url);
  if (!OneOf(a.kind, kKinds)) errors.push_back({"kind", "invalid_choice", "not a kind of activity"});
  if (a.title.empty()) errors.push_back({"title", "required", "a title"});
  else if (CodePoints(a.title) > 200) errors.push_back({"title", "too_long", "at most 200 characters"});
  if (CodePoints(a.topic) > 2000) errors.push_back({"topic", "too_long", "at most 2,000 characters"});
  if (CodePoints(a.trainer_name) > 200) errors.push_back({"trainer_name", "too_long", "at most 200 characters"});
  if (CodePoints(a.place) > 300) errors.push_back({"place", "too_long", "at most 300 characters"});
  if (!OneOf(a.trainer_kind, kTrainerKinds)) errors.push_back({"trainer_kind", "invalid_choice", "not a kind of trainer"});
  if (!a.online_url.empty() && !a.online_url.starts_with("https://") && !a.online_url.starts_with("http://")) {
    errors.push_back({"online_url", "invalid_url", "an http(s) address"});
  }
  if (a.trainer_id) {
    auto roles = organisations::RolesOfAccount(tx, organisation_id, *a.trainer_id);
    if (!roles) return roles.error();
    const bool may = std::any_of(roles->begin(), roles->end(), [](const std::string& r) {
      return r == "trainer" || r == "coordinator" || r == "organisation_admin";
    });
    if (!may) errors.push_back({"trainer_id", "not_staff", "must be a trainer or coordinator here"});
  }
  const auto starts = ParseRfc3339(a.starts_at);
  const auto ends = ParseRfc3339(a.ends_at);
  if (!starts) errors.push_back({"starts_at", "invalid_datetime", "an RFC 3339 time"});
  if (!ends) errors.push_back({"ends_at", "invalid_datetime", "an RFC 3339 time"});
  if (starts && ends && *ends <= *starts) errors.push_back({"ends_at", "ends_before_start", "ends before it starts"});
  if (starts && ends && *ends - *starts > hours(24 * 14)) {
    errors.push_back({"ends_at", "out_of_range", "an activity lasts at most 14 days"});
  }
  if (starts) a.starts_at = FormatUtc(*starts);
  if (ends) a.ends_at = FormatUtc(*ends);
  return Ok();
}

std::string NextDay(const std::string& day) {
  const int y = std::stoi(day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  const date::sys_days next = date::sys_days{date::year{y} / date::month{m} / date::day{d}} + date::days{1};
  return date::format("%F", next);
}

// Check-in is open from half an hour before the start to the end.
Result<void> CheckInOpen(const Activity& a, TimePoint now) {
  if (a.state != "scheduled") return NextActivityState(a.state, ActivityAction::kCancel).error();
  if (now < *ParseRfc3339(a.starts_at) - minutes(30) || now > *ParseRfc3339(a.ends_at)) {
    return Error::FailedPrecondition("check-in is open from half an hour before the start to the end")
        .WithCode("check_in_closed");
  }
  return Ok();
}

docs::CalendarEvent EventOf(const Activity& a) {
  docs::CalendarEvent e;
  e.uid = "activity-" + a.id + "@cohort";
  e.stamp = a.updated_at;
  e.start = a.starts_at;
  e.end = a.ends_at;
  e.summary = a.title;
  std::string description = a.topic;
  if (!a.trainer_name.empty()) description += (description.empty() ? "" : "\n") + a.trainer_name;
  if (!a.online_url.empty()) description += (description.empty() ? "" : "\n") + a.online_url;
  e.description = description;
  e.location = a.place.empty() ? a.online_url : a.place;
  e.sequence = static_cast<int>(a.version);
  e.cancelled = a.state == "cancelled";
  return e;
}

}  // namespace

Result<std::vector<Activity>> Activities::List(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Activity>> {
    auto a = AccessTo(tx, ctx, intake_id);
    if (!a) return a.error();
    if (!a->member && !a->participant) return Error::NotFound("no such intake");
    return store::ActivitiesOf(tx, intake_id);
  });
}

Result<ActivityView> Activities::Get(const RequestContext& ctx, const std::string& activity_id) {
  return db_.Read([&](db::Tx& tx) -> Result<ActivityView> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    auto programme = programmes::FindProgramme(tx, found->access.intake.programme_id);
    if (!programme) return programme.error();
    return ActivityView{std::move(found->activity), *programme ? (*programme)->name : "", found->access.intake.name,
                        found->access.intake.time_zone, found->takes_attendance};
  });
}

Result<std::vector<ActivityView>> Activities::Mine(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<ActivityView>> {
    auto list = store::ActivitiesOfTrainer(tx, ctx.actor.account_id);
    if (!list) return list.error();
    std::map<std::string, bool> member;  // organisation -> the actor still holds a role
    struct Names {
      std::string programme, intake, time_zone;
    };
    std::map<std::string, Names> names;  // by intake
    std::vector<ActivityView> out;
    for (auto& a : *list) {
      if (!member.contains(a.organisation_id)) {
        auto roles = organisations::StaffRoles(tx, ctx, a.organisation_id);
        if (!roles) return roles.error();
        member[a.organisation_id] = !roles->empty();
      }
      if (!member[a.organisation_id]) continue;
      if (!names.contains(a.intake_id)) {
        auto intake = programmes::FindIntake(tx, a.intake_id);
        if (!intake) return intake.error();
        if (!*intake) continue;
        auto programme = programmes::FindProgramme(tx, (*intake)->programme_id);
        if (!programme) return programme.error();
        names[a.intake_id] = {*programme ? (*programme)->name : "", (*intake)->name, (*intake)->time_zone};
      }
      const Names& n = names[a.intake_id];
      out.push_back(ActivityView{std::move(a), n.programme, n.intake, n.time_zone, true});
    }
    return out;
  });
}

Result<std::vector<Activity>> Activities::Create(const RequestContext& ctx, const std::string& intake_id, Activity input,
                                                 const Repeat& repeat) {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Activity>> {
    auto a = StaffOf(tx, ctx, intake_id);
    if (!a) return a.error();
    std::vector<FieldError> errors;
    if (auto v = Validate(tx, a->intake.organisation_id, input, errors); !v) return v.error();
    if (!repeat.every.empty() && repeat.every != "day" && repeat.every != "week") {
      errors.push_back({"repeat.every", "invalid_choice", "day or week"});
    }
    if (repeat.count < 1 || repeat.count > 52) errors.push_back({"repeat.count", "out_of_range", "1 to 52"});
    if (!errors.empty()) return Error::InvalidArgument("invalid activity", errors);
    const std::string now = FormatUtc(ctx.clock.Now());
    const auto step = repeat.every == "day" ? hours(24) : hours(24 * 7);
    const std::int64_t count = repeat.every.empty() ? 1 : repeat.count;
    const auto starts = *ParseRfc3339(input.starts_at);
    const auto ends = *ParseRfc3339(input.ends_at);
    std::optional<std::string> series;
    if (count > 1) series = NewId(ctx.clock.Now());
    std::vector<Activity> made;
    for (std::int64_t i = 0; i < count; ++i) {
      Activity item = input;
      item.id = NewId(ctx.clock.Now());
      item.intake_id = intake_id;
      item.organisation_id = a->intake.organisation_id;
      item.series_id = series;
      item.starts_at = FormatUtc(starts + step * i);
      item.ends_at = FormatUtc(ends + step * i);
      item.state = "scheduled";
      item.check_in_secret = NewSecret();
      item.version = 1;
      item.created_at = now;
      item.updated_at = now;
      if (auto w = store::InsertActivity(tx, item); !w) return w.error();
      made.push_back(std::move(item));
    }
    if (auto t = trail_.Append(tx, ctx, {a->intake.organisation_id, "activity", made.front().id, "create", "",
                                         json({{"title", input.title}, {"count", made.size()}}).dump()});
        !t) {
      return t.error();
    }
    return made;
  });
}

Result<Activity> Activities::Update(const RequestContext& ctx, const std::string& activity_id, Activity input,
                                    std::int64_t version, bool series) {
  return db_.Write([&](db::Tx& tx) -> Result<Activity> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (!found->access.staff) return Denied(ctx.actor, CanRunProgramme(ctx.actor, {}));
    Activity current = found->activity;
    if (current.state == "cancelled") return NextActivityState(current.state, ActivityAction::kCancel).error();
    std::vector<FieldError> errors;
    if (auto v = Validate(tx, current.organisation_id, input, errors); !v) return v.error();
    if (!errors.empty()) return Error::InvalidArgument("invalid activity", errors);
    const std::string now = FormatUtc(ctx.clock.Now());
    auto apply = [&](Activity& a, bool times) {
      a.kind = input.kind;
      a.title = input.title;
      a.topic = input.topic;
      a.trainer_name = input.trainer_name;
      a.trainer_kind = input.trainer_kind;
      a.trainer_id = input.trainer_id;
      a.place = input.place;
      a.online_url = input.online_url;
      if (times) {
        a.starts_at = input.starts_at;
        a.ends_at = input.ends_at;
      }
      a.version += 1;
      a.updated_at = now;
    };
    apply(current, true);
    auto saved = store::SaveActivity(tx, current, version);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the activity was changed by someone else").WithCode("stale_version");
    if (series && current.series_id) {
      auto others = store::ActivitiesOfSeries(tx, *current.series_id);
      if (!others) return others.error();
      for (auto& other : *others) {
        if (other.id == current.id || other.starts_at <= found->activity.starts_at || other.state != "scheduled") continue;
        const std::int64_t expected = other.version;
        apply(other, false);
        auto s = store::SaveActivity(tx, other, expected);
        if (!s) return s.error();
      }
    }
    if (auto t = trail_.Append(tx, ctx, {current.organisation_id, "activity", current.id, "update", "",
                                         json({{"title", current.title}, {"series", series}}).dump()});
        !t) {
      return t.error();
    }
    return current;
  });
}

Result<std::vector<Activity>> Activities::Cancel(const RequestContext& ctx, const std::string& activity_id, bool series) {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Activity>> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (!found->access.staff) return Denied(ctx.actor, CanRunProgramme(ctx.actor, {}));
    std::vector<Activity> targets = {found->activity};
    if (series && found->activity.series_id) {
      auto others = store::ActivitiesOfSeries(tx, *found->activity.series_id);
      if (!others) return others.error();
      for (auto& other : *others) {
        if (other.id != found->activity.id && other.starts_at > found->activity.starts_at && other.state == "scheduled") {
          targets.push_back(std::move(other));
        }
      }
    }
    const std::string now = FormatUtc(ctx.clock.Now());
    for (auto& a : targets) {
      auto next = NextActivityState(a.state, ActivityAction::kCancel);
      if (!next) return next.error();
      const std::int64_t expected = a.version;
      a.state = *next;
      a.version += 1;
      a.updated_at = now;
      auto saved = store::SaveActivity(tx, a, expected);
      if (!saved) return saved.error();
      if (!*saved) return Error::Conflict("the activity was changed by someone else").WithCode("stale_version");
    }
    if (auto t = trail_.Append(tx, ctx, {found->activity.organisation_id, "activity", activity_id, "cancel", "",
                                         json({{"cancelled", targets.size()}}).dump()});
        !t) {
      return t.error();
    }
    return targets;
  });
}

Result<CheckInScreen> Activities::CheckInCode(const RequestContext& ctx, const std::string& activity_id) {
  return db_.Read([&](db::Tx& tx) -> Result<CheckInScreen> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (auto m = MayTakeAttendance(*found); !m) return m.error();
    const Activity& a = found->activity;
    const TimePoint now = ctx.clock.Now();
    if (auto open = CheckInOpen(a, now); !open) return open.error();
    const std::int64_t window = CheckInWindow(now);
    CheckInScreen screen;
    screen.code = participants::CheckInCode(a.check_in_secret, a.id, window);
    screen.url = public_url_ + "/check-in/" + a.id + "?code=" + screen.code;
    screen.expires_at = FormatUtc(TimePoint{std::chrono::seconds((window + 1) * kCheckInWindowSeconds)});
    return screen;
  });
}

Result<AttendanceRecord> Activities::CheckIn(const RequestContext& ctx, const std::string& activity_id,
                                             const std::string& code) {
  return db_.Write([&](db::Tx& tx) -> Result<AttendanceRecord> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    const auto& me = found->access.participant;
    if (!me || me->state != "active") return Error::NotFound("no such activity");
    const Activity& a = found->activity;
    const TimePoint now = ctx.clock.Now();
    if (auto open = CheckInOpen(a, now); !open) return open.error();
    switch (CheckCode(a.check_in_secret, a.id, code, now)) {
      case CodeCheck::kValid: break;
      case CodeCheck::kExpired:
        return Error::InvalidArgument("expired code", {{"code", "expired_code", "this code has changed; scan again"}});
      case CodeCheck::kForged:
        return Error::InvalidArgument("invalid code", {{"code", "invalid_code", "not this activity's code"}});
    }
    AttendanceRecord r;
    r.activity_id = a.id;
    r.participant_id = me->id;
    r.status = "present";
    r.method = "qr";
    r.recorded_by = ctx.actor.account_id;
    r.recorded_at = FormatUtc(now);
    r.name = me->name;
    if (auto w = store::SetAttendance(tx, r); !w) return w.error();
    return r;
  });
}

Result<std::vector<AttendanceRecord>> Activities::Roster(const RequestContext& ctx, const std::string& activity_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<AttendanceRecord>> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (auto m = MayTakeAttendance(*found); !m) return m.error();
    auto people = store::OfIntake(tx, found->activity.intake_id);
    if (!people) return people.error();
    auto records = store::Attendance(tx, activity_id);
    if (!records) return records.error();
    std::vector<AttendanceRecord> out;
    for (const auto& p : *people) {
      if (p.state != "active") continue;
      AttendanceRecord row;
      row.activity_id = activity_id;
      row.participant_id = p.id;
      row.name = p.name;
      for (const auto& r : *records) {
        if (r.participant_id == p.id) row = r;
      }
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<std::vector<AttendanceRecord>> Activities::Mark(const RequestContext& ctx, const std::string& activity_id,
                                                       const std::vector<AttendanceRecord>& items) {
  auto marked = db_.Write([&](db::Tx& tx) -> Result<void> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (auto m = MayTakeAttendance(*found); !m) return m.error();
    if (found->activity.state != "scheduled") {
      return NextActivityState(found->activity.state, ActivityAction::kCancel).error();
    }
    auto people = store::OfIntake(tx, found->activity.intake_id);
    if (!people) return people.error();
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const std::string at = "items[" + std::to_string(i) + "]";
      const auto& item = items[i];
      const bool in_intake = std::any_of(people->begin(), people->end(), [&](const Participant& p) {
        return p.id == item.participant_id && p.state == "active";
      });
      if (!in_intake) errors.push_back({at + ".participant_id", "not_in_intake", "not an active participant of this intake"});
      if (!OneOf(item.status, kStatuses)) errors.push_back({at + ".status", "invalid_choice", "present, absent or excused"});
      if (item.status == "excused" && (!item.reason || Trim(*item.reason).empty())) {
        errors.push_back({at + ".reason", "required", "why the absence is excused"});
      }
      if (item.reason && CodePoints(*item.reason) > 500) errors.push_back({at + ".reason", "too_long", "at most 500 characters"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid attendance", errors);
    const std::string now = FormatUtc(ctx.clock.Now());
    for (const auto& item : items) {
      AttendanceRecord r = item;
      r.activity_id = activity_id;
      r.method = "manual";
      r.recorded_by = ctx.actor.account_id;
      r.recorded_at = now;
      if (r.status != "excused") r.reason.reset();
      if (auto w = store::SetAttendance(tx, r); !w) return w.error();
    }
    return trail_.Append(tx, ctx, {found->activity.organisation_id, "activity", activity_id, "attendance", "",
                                   json({{"marked", items.size()}}).dump()});
  });
  if (!marked) return marked.error();
  return Roster(ctx, activity_id);
}

Result<std::vector<AttendanceShare>> Activities::Shares(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<AttendanceShare>> {
    auto a = StaffOf(tx, ctx, intake_id);
    if (!a) return a.error();
    auto out = AttendanceSharesOf(tx, intake_id, FormatUtc(ctx.clock.Now()));
    if (!out) return out.error();
    if (auto t = trail_.Append(tx, ctx, {a->intake.organisation_id, "intake", intake_id, "read_personal_data", "",
                                         json({{"attendance", out->size()}}).dump()});
        !t) {
      return t.error();
    }
    return out;
  });
}

Result<Feedback> Activities::GiveFeedback(const RequestContext& ctx, const std::string& activity_id,
                                          std::int64_t rating, const std::string& comment) {
  return db_.Write([&](db::Tx& tx) -> Result<Feedback> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    const auto& me = found->access.participant;
    if (!me || me->state == "withdrawn") return Error::NotFound("no such activity");
    const Activity& a = found->activity;
    if (a.state != "scheduled") return NextActivityState(a.state, ActivityAction::kCancel).error();
    if (ctx.clock.Now() < *ParseRfc3339(a.starts_at)) {
      return Error::FailedPrecondition("feedback opens when the activity begins").WithCode("feedback_not_open");
    }
    std::vector<FieldError> errors;
    if (rating < 1 || rating > 5) errors.push_back({"rating", "out_of_range", "1 to 5"});
    if (CodePoints(comment) > 1000) errors.push_back({"comment", "too_long", "at most 1,000 characters"});
    if (!errors.empty()) return Error::InvalidArgument("invalid feedback", errors);
    Feedback f{a.id, me->id, rating, Trim(comment), FormatUtc(ctx.clock.Now())};
    if (auto w = store::SaveFeedback(tx, f); !w) return w.error();
    return f;
  });
}

Result<std::vector<Feedback>> Activities::FeedbackOn(const RequestContext& ctx, const std::string& activity_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Feedback>> {
    auto found = ActivityFor(tx, ctx, activity_id);
    if (!found) return found.error();
    if (auto m = MayTakeAttendance(*found); !m) return m.error();
    return store::FeedbackOf(tx, activity_id);
  });
}

Result<std::string> Activities::FeedUrl(const RequestContext& ctx, const std::string& intake_id, bool renew) {
  return db_.Write([&](db::Tx& tx) -> Result<std::string> {
    auto a = AccessTo(tx, ctx, intake_id);
    if (!a) return a.error();
    std::optional<std::string> participant_id;
    if (a->participant) {
      participant_id = a->participant->id;
    } else if (!a->staff) {
      return Error::NotFound("no such intake");
    }
    auto token = store::FeedToken(tx, intake_id, participant_id);
    if (!token) return token.error();
    std::string value = token->value_or("");
    if (value.empty() || renew) {
      value = NewSecret();
      if (auto w = store::ReplaceFeed(tx, value, intake_id, participant_id, FormatUtc(ctx.clock.Now())); !w) {
        return w.error();
      }
    }
    return public_url_ + "/api/v1/calendar/" + value + ".ics";
  });
}

Result<std::string> Activities::Feed(const RequestContext& ctx, const std::string& token_text) {
  std::string token = token_text;
  if (token.ends_with(".ics")) token.resize(token.size() - 4);
  return db_.Read([&](db::Tx& tx) -> Result<std::string> {
    if (token.size() != 64) return Error::NotFound("no such calendar");
    auto feed = store::Feed(tx, token);
    if (!feed) return feed.error();
    if (!*feed) return Error::NotFound("no such calendar");
    const auto& [intake_id, participant_id] = **feed;
    auto intake = programmes::FindIntake(tx, intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such calendar");
    auto activities = store::ActivitiesOf(tx, intake_id);
    if (!activities) return activities.error();
    std::vector<docs::CalendarEvent> events;
    for (const auto& act : *activities) events.push_back(EventOf(act));
    std::string name = (*intake)->name;
    if (participant_id) {
      auto p = store::Get(tx, *participant_id);
      if (!p) return p.error();
      if (!*p || (*p)->state == "withdrawn") return Error::NotFound("no such calendar");
      auto setup = store::GetSetup(tx, intake_id);
      if (!setup) return setup.error();
      if (setup->state == "published") {
        auto rotations = store::Rotations(tx, intake_id);
        if (!rotations) return rotations.error();
        for (const auto& r : *rotations) {
          if (r.participant_id != *participant_id) continue;
          for (const auto& period : setup->periods) {
            if (period.id != r.period_id) continue;
            for (const auto& h : setup->units) {
              if (h.unit_id != r.unit_id) continue;
              docs::CalendarEvent e;
              e.uid = "rotation-" + r.participant_id + "-" + r.period_id + "@cohort";
              e.stamp = setup->published_at.value_or(FormatUtc(ctx.clock.Now()));
              e.start = period.starts_on;
              e.end = NextDay(period.ends_on);
              e.all_day = true;
              e.summary = h.name;
              e.description = h.supervisor_name;
              events.push_back(std::move(e));
            }
          }
        }
      }
      name += " — " + (*p)->name;
    }
    return docs::ToICalendarFeed(name, events);
  });
}

}  // namespace cohort::participants
