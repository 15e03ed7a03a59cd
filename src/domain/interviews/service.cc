#include "domain/interviews/service.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/time_format.h"
#include "docs/ical.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/interviews/store.h"
#include "domain/interviews/workflow.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "domain/review/service.h"
#include "engines/scheduling.h"

namespace cohort::interviews {
namespace {

using nlohmann::json;

bool IsStaff(const std::vector<std::string>& roles, const Actor& actor) {
  if (actor.is_platform_admin) return true;
  return std::find(roles.begin(), roles.end(), "organisation_admin") != roles.end() ||
         std::find(roles.begin(), roles.end(), "coordinator") != roles.end();
}

// Staff of the organisation; kNotFound for outsiders, kUnauthenticated for the public.
Result<void> CanManage(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id, const char* what) {
  auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
  if (!roles) return roles.error();
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to manage interviews");
  if (!ctx.actor.is_platform_admin && roles->empty()) return Error::NotFound(std::string("no such ") + what);
  if (!IsStaff(*roles, ctx.actor)) {
    return Error::PermissionDenied("only administrators and coordinators of this organisation manage interviews");
  }
  return Ok();
}

struct StageContext {
  review::Stage stage;
  programmes::Call call;
};

Result<StageContext> LoadStage(db::Tx& tx, const std::string& stage_id) {
  auto stage = review::FindStage(tx, stage_id);
  if (!stage) return stage.error();
  if (!*stage) return Error::NotFound("no such stage");
  auto call = programmes::FindCall(tx, (*stage)->call_id);
  if (!call) return call.error();
  if (!*call) return Error::Internal("stage without call");
  return StageContext{std::move(**stage), std::move(**call)};
}

Result<StageContext> ManagedInterviewStage(db::Tx& tx, const RequestContext& ctx, const std::string& stage_id) {
  auto c = LoadStage(tx, stage_id);
  if (!c) return c.error();
  if (auto a = CanManage(tx, ctx, c->stage.organisation_id, "stage"); !a) return a.error();
  if (c->stage.kind != "interview") return Error::FailedPrecondition("interviews are held at an interview stage");
  return c;
}

std::string Minus(const std::string& utc, int hours) {
  auto t = ParseRfc3339(utc);
  return t ? FormatUtc(*t - std::chrono::hours(hours)) : utc;
}

std::string Plus(const std::string& utc, int minutes) {
  auto t = ParseRfc3339(utc);
  return t ? FormatUtc(*t + std::chrono::minutes(minutes)) : utc;
}

std::int64_t Epoch(const std::string& utc) {
  auto t = ParseRfc3339(utc);
  return t ? std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count() : 0;
}

std::string StageTitle(const StageContext& c, const std::string& locale) {
  return programmes::InLanguage(c.call.settings->title, locale);
}

// The calendar file of a booking.
std::string CalendarOf(const StageContext& c, const Booking& b, const std::string& locale, const std::string& now,
                       bool cancelled) {
  docs::CalendarEvent e;
  // One event per candidate and stage, whatever the booking: a moved
  // interview updates the event in the calendar instead of adding one. The
  // sequence grows with each booking (its creation time in seconds).
  e.uid = "interview-" + b.stage_id + "-" + b.application_id + "@cohort";
  e.sequence = static_cast<int>(Epoch(b.created_at) % 2'000'000'000);
  e.stamp = now;
  e.start = b.starts_at;
  e.end = b.ends_at;
  e.summary = StageTitle(c, locale) + " — " + b.panel_name;
  e.description = b.reference;
  e.location = b.location;
  e.cancelled = cancelled;
  return docs::ToICalendar(e);
}

// Confirms a booking to its candidate, with the calendar file attached.
Result<void> Confirm(db::Tx& tx, const RequestContext& ctx, const StageContext& c, const Booking& b,
                     const std::string& public_url) {
  auto person = accounts::FindAccount(tx, b.applicant_id);
  if (!person) return person.error();
  if (!*person) return Ok();
  notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "interview_booked", {}, true};
  m.params = {{"name", (*person)->name},
              {"reference", b.reference},
              {"call", StageTitle(c, (*person)->locale)},
              {"when", programmes::UtcToLocal(b.starts_at, c.call.settings->time_zone) + " (" + c.call.settings->time_zone + ")"},
              {"where", b.location},
              {"link", public_url + "/interviews"}};
  return notifications::Enqueue(tx, ctx.clock, m,
                                notifications::Attachment{"interview.ics", "text/calendar; charset=UTF-8; method=PUBLISH",
                                                          CalendarOf(c, b, (*person)->locale, FormatUtc(ctx.clock.Now()), false)});
}

// Cancels a booking: frees its place and removes its panel's unstarted
// scorecards.
Result<void> Cancel(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const review::Stage& stage,
                    const Booking& booking) {
  auto next = NextBookingState(booking.state, BookingAction::kCancel);
  if (!next) return next.error();
  auto saved = store::SaveBookingState(tx, booking.id, *next, booking.state, FormatUtc(ctx.clock.Now()));
  if (!saved) return saved.error();
  if (!*saved) return Error::Conflict("the booking changed meanwhile; look again");
  if (auto r = store::ReleasePlace(tx, booking.slot_id); !r) return r.error();
  auto slot = store::GetSlot(tx, booking.slot_id);
  if (!slot) return slot.error();
  if (!*slot) return Ok();
  auto panel = store::GetPanel(tx, (*slot)->panel_id);
  if (!panel) return panel.error();
  if (!*panel) return Ok();
  return review::RemovePanelReviews(tx, ctx, trail, stage, booking.application_id, (*panel)->members);
}

// Takes a place in `slot` for the application and gives the panel its
// scorecards; cancels `previous` (and its panel's unstarted scorecards).
Result<Booking> Place(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const StageContext& c,
                      const Slot& slot, const std::string& application_id, const std::string& applicant_id,
                      const char* origin, const std::optional<Booking>& previous) {
  const std::string now = FormatUtc(ctx.clock.Now());
  // A withdrawal at the same moment either comes first (and nothing is
  // booked) or waits for this booking and then cancels it.
  auto held = applications::HoldSubmitted(tx, application_id);
  if (!held) return held.error();
  if (!*held) return Error::FailedPrecondition("this application has been withdrawn");
  if (previous) {
    if (auto r = Cancel(tx, ctx, trail, c.stage, *previous); !r) return r.error();
  }
  auto taken = store::TakePlace(tx, slot.id);
  if (!taken) return taken.error();
  if (!*taken) return Error::Conflict("this interview slot is full").WithCode("slot_full");
  Booking b;
  b.id = NewId(ctx.clock.Now());
  b.stage_id = c.stage.id;
  b.slot_id = slot.id;
  b.application_id = application_id;
  b.applicant_id = applicant_id;
  b.organisation_id = c.stage.organisation_id;
  b.state = "booked";
  b.origin = origin;
  b.created_at = now;
  b.updated_at = now;
  if (auto r = store::InsertBooking(tx, b); !r) return r.error();
  auto panel = store::GetPanel(tx, slot.panel_id);
  if (!panel) return panel.error();
  if (*panel) {
    if (auto r = review::AssignPanelReviews(tx, ctx, trail, c.stage, application_id, (*panel)->members, (*panel)->name); !r) {
      return r.error();
    }
  }
  if (auto r = trail.Append(tx, ctx, {b.organisation_id, "interview_booking", b.id, previous ? "rebook" : "book",
                                      previous ? json({{"slot_id", previous->slot_id}}).dump() : "",
                                      json({{"slot_id", slot.id}, {"origin", origin}}).dump()});
      !r) {
    return r.error();
  }
  auto saved = store::GetBooking(tx, b.id);
  if (!saved) return saved.error();
  return std::move(**saved);
}

}  // namespace

Result<std::vector<Panel>> Service::Panels(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Panel>> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    return store::Panels(tx, stage_id);
  });
}

Result<Panel> Service::AddPanel(const RequestContext& ctx, const std::string& stage_id, const Panel& in) {
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<Panel> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    std::vector<FieldError> errors;
    if (in.name.empty() || in.name.size() > 200) errors.push_back({"name", "required", "a name of 1 to 200 bytes"});
    if (in.location.size() > 500) errors.push_back({"location", "too_long", "at most 500 bytes"});
    if (in.members.empty()) errors.push_back({"members", "required", "at least one interviewer"});
    for (std::size_t i = 0; i < in.members.size(); ++i) {
      auto roles = LooksLikeId(in.members[i]) ? organisations::RolesOfAccount(tx, c->stage.organisation_id, in.members[i])
                                              : Result<std::vector<std::string>>(std::vector<std::string>{});
      if (!roles) return roles.error();
      const bool ok = std::any_of(roles->begin(), roles->end(), [](const std::string& r) {
        return r == "interviewer" || r == "reviewer" || r == "coordinator" || r == "organisation_admin";
      });
      if (!ok) errors.push_back({"members[" + std::to_string(i) + "]", "not_an_interviewer", "not an interviewer of the organisation"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid panel", errors);
    Panel p = in;
    p.id = NewId(now);
    p.stage_id = stage_id;
    p.organisation_id = c->stage.organisation_id;
    p.created_at = p.updated_at = FormatUtc(now);
    if (auto r = store::InsertPanel(tx, p); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {p.organisation_id, "panel", p.id, "create", "",
                                         json({{"name", p.name}, {"location", p.location}, {"members", p.members}}).dump()});
        !r) {
      return r.error();
    }
    auto saved = store::GetPanel(tx, p.id);
    if (!saved) return saved.error();
    return std::move(**saved);
  });
}

Result<void> Service::DeletePanel(const RequestContext& ctx, const std::string& panel_id) {
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    if (!LooksLikeId(panel_id)) return Error::NotFound("no such panel");
    auto p = store::GetPanel(tx, panel_id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such panel");
    if (auto a = CanManage(tx, ctx, (*p)->organisation_id, "panel"); !a) return a.error();
    auto deleted = store::DeletePanel(tx, panel_id);
    if (!deleted) return deleted.error();
    if (!*deleted) return Error::Conflict("candidates have booked this panel's slots").WithCode("panel_in_use");
    return trail_.Append(tx, ctx, {(*p)->organisation_id, "panel", panel_id, "delete", json({{"name", (*p)->name}}).dump(), ""});
  });
}

Result<std::vector<Slot>> Service::GenerateSlots(const RequestContext& ctx, const std::string& intake_id,
                                                 const SlotRequest& in) {
  const auto now = ctx.clock.Now();
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Slot>> {
    auto c = ManagedInterviewStage(tx, ctx, in.stage_id);
    if (!c) return c.error();
    if (c->stage.intake_id != intake_id) return Error::NotFound("no such stage in this intake");
    std::vector<FieldError> errors;
    auto panel = LooksLikeId(in.panel_id) ? store::GetPanel(tx, in.panel_id) : Result<std::optional<Panel>>(std::nullopt);
    if (!panel) return panel.error();
    if (!*panel || (*panel)->stage_id != in.stage_id) errors.push_back({"panel_id", "unknown_panel", "not a panel of this stage"});
    static const std::regex hhmm("([01][0-9]|2[0-3]):[0-5][0-9]");
    if (!std::regex_match(in.from, hhmm)) errors.push_back({"from", "invalid_time", "a time HH:MM"});
    if (!std::regex_match(in.to, hhmm)) errors.push_back({"to", "invalid_time", "a time HH:MM"});
    else if (std::regex_match(in.from, hhmm) && in.to <= in.from) errors.push_back({"to", "ends_before_start", "after the start"});
    if (in.length_minutes < 5 || in.length_minutes > 480) errors.push_back({"length_minutes", "out_of_range", "from 5 to 480"});
    if (in.break_minutes < 0 || in.break_minutes > 240) errors.push_back({"break_minutes", "out_of_range", "from 0 to 240"});
    if (in.places < 1 || in.places > 100) errors.push_back({"places", "out_of_range", "from 1 to 100"});
    if (in.days.empty()) errors.push_back({"days", "required", "at least one day"});
    if (in.days.size() > 120) errors.push_back({"days", "too_many_items", "at most 120 days"});
    for (std::size_t i = 0; i < in.days.size(); ++i) {
      if (!programmes::IsValidDate(in.days[i])) errors.push_back({"days[" + std::to_string(i) + "]", "invalid_date", "a date YYYY-MM-DD"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid slots", errors);
    const std::string zone = c->call.settings->time_zone;
    std::vector<Slot> made;
    for (const auto& day : in.days) {
      auto start = programmes::LocalToUtc(day + "T" + in.from, zone);
      auto end = programmes::LocalToUtc(day + "T" + in.to, zone);
      if (!start || !end) return Error::InvalidArgument("invalid day", {{"days", "invalid_date", "a date YYYY-MM-DD"}});
      for (std::string t = *start; Plus(t, in.length_minutes) <= *end; t = Plus(t, in.length_minutes + in.break_minutes)) {
        Slot s;
        s.id = NewId(now);
        s.stage_id = in.stage_id;
        s.panel_id = in.panel_id;
        s.organisation_id = c->stage.organisation_id;
        s.starts_at = t;
        s.ends_at = Plus(t, in.length_minutes);
        s.places = in.places;
        s.created_at = FormatUtc(now);
        made.push_back(std::move(s));
        if (made.size() > 5000) {
          return Error::InvalidArgument("too many slots", {{"days", "too_many_slots", "at most 5,000 slots at once"}});
        }
      }
    }
    for (const auto& s : made) {
      if (auto r = store::InsertSlot(tx, s); !r) return r.error();
    }
    if (auto r = trail_.Append(tx, ctx, {c->stage.organisation_id, "panel", in.panel_id, "add_slots", "",
                                         json({{"slots", made.size()}, {"days", in.days}, {"from", in.from}, {"to", in.to}}).dump()});
        !r) {
      return r.error();
    }
    for (auto& s : made) {
      s.panel_name = (*panel)->name;
      s.location = (*panel)->location;
    }
    return made;
  });
}

Result<std::pair<std::vector<Slot>, std::vector<Booking>>> Service::Slots(const RequestContext& ctx,
                                                                          const std::string& stage_id) {
  std::string organisation_id;
  auto listed = db_.Read([&](db::Tx& tx) -> Result<std::pair<std::vector<Slot>, std::vector<Booking>>> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    organisation_id = c->stage.organisation_id;
    auto slots = store::Slots(tx, stage_id);
    if (!slots) return slots.error();
    auto bookings = store::Bookings(tx, stage_id);
    if (!bookings) return bookings.error();
    return std::pair{std::move(*slots), std::move(*bookings)};
  });
  if (!listed) return listed;
  // Bookings name candidates: a read of personal data.
  auto audited = db_.Write([&](db::Tx& tx) {
    return trail_.Append(tx, ctx, {organisation_id, "stage", stage_id, "read_personal_data", "",
                                   json({{"bookings", listed->second.size()}}).dump()});
  });
  if (!audited) return audited.error();
  return listed;
}

Result<void> Service::DeleteSlot(const RequestContext& ctx, const std::string& slot_id) {
  return db_.Write([&](db::Tx& tx) -> Result<void> {
    if (!LooksLikeId(slot_id)) return Error::NotFound("no such slot");
    auto s = store::GetSlot(tx, slot_id);
    if (!s) return s.error();
    if (!*s) return Error::NotFound("no such slot");
    if (auto a = CanManage(tx, ctx, (*s)->organisation_id, "slot"); !a) return a.error();
    auto deleted = store::DeleteSlot(tx, slot_id);
    if (!deleted) return deleted.error();
    if (!*deleted) return Error::Conflict("this slot has bookings").WithCode("slot_in_use");
    return trail_.Append(tx, ctx, {(*s)->organisation_id, "interview_slot", slot_id, "delete",
                                   json({{"starts_at", (*s)->starts_at}}).dump(), ""});
  });
}

Result<std::vector<Candidate>> Service::Candidates(const RequestContext& ctx, const std::string& stage_id) {
  std::string organisation_id;
  auto listed = db_.Read([&](db::Tx& tx) -> Result<std::vector<Candidate>> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    organisation_id = c->stage.organisation_id;
    auto entries = review::StageEntries(tx, stage_id);
    if (!entries) return entries.error();
    std::vector<Candidate> out;
    out.reserve(entries->size());
    for (const auto& id : *entries) {
      auto app = applications::FindApplication(tx, id);
      if (!app) return app.error();
      if (!*app) continue;
      auto person = accounts::FindAccount(tx, (*app)->applicant_id);
      if (!person) return person.error();
      Candidate one{id, (*app)->reference.value_or(""), *person ? (*person)->name : "", std::nullopt, {}};
      auto booking = store::LiveBooking(tx, stage_id, id);
      if (!booking) return booking.error();
      one.booking = std::move(*booking);
      auto windows = store::Availability(tx, stage_id, id);
      if (!windows) return windows.error();
      one.availability = std::move(*windows);
      out.push_back(std::move(one));
    }
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.reference < b.reference; });
    return out;
  });
  if (!listed) return listed;
  auto audited = db_.Write([&](db::Tx& tx) {
    return trail_.Append(tx, ctx, {organisation_id, "stage", stage_id, "read_personal_data", "",
                                   json({{"candidates", listed->size()}}).dump()});
  });
  if (!audited) return audited.error();
  return listed;
}

Result<std::int64_t> Service::Invite(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Write([&](db::Tx& tx) -> Result<std::int64_t> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    auto entries = review::StageEntries(tx, stage_id);
    if (!entries) return entries.error();
    std::int64_t invited = 0;
    for (const auto& id : *entries) {
      auto booking = store::LiveBooking(tx, stage_id, id);
      if (!booking) return booking.error();
      if (*booking) continue;
      auto app = applications::FindApplication(tx, id);
      if (!app) return app.error();
      if (!*app) continue;
      auto person = accounts::FindAccount(tx, (*app)->applicant_id);
      if (!person) return person.error();
      if (!*person) continue;
      notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "interview_invitation", {}, true};
      m.params = {{"name", (*person)->name},
                  {"reference", (*app)->reference.value_or("")},
                  {"call", StageTitle(*c, (*person)->locale)},
                  {"link", public_url_ + "/interviews"}};
      if (auto r = notifications::Enqueue(tx, ctx.clock, m); !r) return r.error();
      ++invited;
    }
    if (auto r = trail_.Append(tx, ctx, {c->stage.organisation_id, "stage", stage_id, "invite", "",
                                         json({{"invited", invited}}).dump()});
        !r) {
      return r.error();
    }
    return invited;
  });
}

Result<std::vector<Invitation>> Service::Mine(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see your interviews");
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Invitation>> {
    auto entered = store::EnteredBy(tx, ctx.actor.account_id);
    if (!entered) return entered.error();
    std::vector<Invitation> out;
    for (const auto& e : *entered) {
      auto stage = review::FindStage(tx, e.stage_id);
      if (!stage) return stage.error();
      if (!*stage) continue;
      const int cutoff = (*stage)->settings.booking_cutoff_hours;
      Invitation inv;
      inv.stage_id = e.stage_id;
      inv.application_id = e.application_id;
      inv.reference = e.reference;
      inv.time_zone = e.time_zone;
      inv.call_title_json = e.call_title_json;
      inv.stage_name_json = programmes::TranslatedToJson((*stage)->settings.name).dump();
      auto booking = store::LiveBooking(tx, e.stage_id, e.application_id);
      if (!booking) return booking.error();
      inv.booking = *booking;
      if (*booking) inv.change_until = Minus((*booking)->starts_at, cutoff);
      auto slots = store::Slots(tx, e.stage_id);
      if (!slots) return slots.error();
      for (auto s : *slots) {
        if (s.booked >= s.places || Minus(s.starts_at, cutoff) <= now) continue;
        // Where (a room, or an online panel's meeting link) is told to a
        // candidate with their own booking only.
        s.location.clear();
        inv.open_slots.push_back(std::move(s));
      }
      auto windows = store::Availability(tx, e.stage_id, e.application_id);
      if (!windows) return windows.error();
      inv.availability = std::move(*windows);
      out.push_back(std::move(inv));
    }
    return out;
  });
}

Result<void> CancelBookingsOf(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                              const std::string& application_id) {
  auto upcoming = store::UpcomingOfApplication(tx, application_id);
  if (!upcoming) return upcoming.error();
  for (const auto& b : *upcoming) {
    auto stage = review::FindStage(tx, b.stage_id);
    if (!stage) return stage.error();
    if (!*stage) return Error::Internal("booking without stage: " + b.id);
    if (auto r = Cancel(tx, ctx, trail, **stage, b); !r) return r.error();
    if (auto r = trail.Append(tx, ctx, {b.organisation_id, "interview_booking", b.id, "cancel",
                                        json({{"state", b.state}}).dump(),
                                        json({{"state", "cancelled"}, {"reason", "application_withdrawn"}}).dump()});
        !r) {
      return r.error();
    }
  }
  return Ok();
}

Result<Booking> Service::Book(const RequestContext& ctx, const std::string& slot_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to book an interview");
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Booking> {
    if (!LooksLikeId(slot_id)) return Error::NotFound("no such slot");
    auto slot = store::GetSlot(tx, slot_id);
    if (!slot) return slot.error();
    if (!*slot) return Error::NotFound("no such slot");
    auto entered = store::EnteredBy(tx, ctx.actor.account_id);
    if (!entered) return entered.error();
    auto mine = std::find_if(entered->begin(), entered->end(), [&](const auto& e) { return e.stage_id == (*slot)->stage_id; });
    if (mine == entered->end()) return Error::NotFound("no such slot");
    auto c = LoadStage(tx, (*slot)->stage_id);
    if (!c) return c.error();
    const int cutoff = c->stage.settings.booking_cutoff_hours;
    if (Minus((*slot)->starts_at, cutoff) <= now) {
      return Error::Conflict("this slot is too close to book").WithCode("cutoff_passed");
    }
    auto previous = store::LiveBooking(tx, c->stage.id, mine->application_id);
    if (!previous) return previous.error();
    if (*previous) {
      if ((*previous)->slot_id == slot_id) return std::move(**previous);
      if ((*previous)->state != "booked" || Minus((*previous)->starts_at, cutoff) <= now) {
        return Error::Conflict("your interview can no longer be moved").WithCode("cutoff_passed");
      }
    }
    auto b = Place(tx, ctx, trail_, *c, **slot, mine->application_id, ctx.actor.account_id, "self", *previous);
    if (!b) return b.error();
    if (auto r = Confirm(tx, ctx, *c, *b, public_url_); !r) return r.error();
    return b;
  });
}

Result<std::vector<Window>> Service::SetAvailability(const RequestContext& ctx, const std::string& stage_id,
                                                     const std::vector<std::pair<std::string, std::string>>& windows) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to say when you can come");
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<std::vector<Window>> {
    auto entered = store::EnteredBy(tx, ctx.actor.account_id);
    if (!entered) return entered.error();
    auto mine = std::find_if(entered->begin(), entered->end(), [&](const auto& e) { return e.stage_id == stage_id; });
    if (mine == entered->end()) return Error::NotFound("no such stage");
    std::vector<FieldError> errors;
    std::vector<Window> out;
    if (windows.size() > 50) errors.push_back({"windows", "too_many_items", "at most 50"});
    for (std::size_t i = 0; i < windows.size(); ++i) {
      const std::string at = "windows[" + std::to_string(i) + "]";
      auto start = programmes::LocalToUtc(windows[i].first, mine->time_zone);
      auto end = programmes::LocalToUtc(windows[i].second, mine->time_zone);
      if (!start) errors.push_back({at + ".from", "invalid_datetime", "YYYY-MM-DDTHH:MM"});
      if (!end) errors.push_back({at + ".to", "invalid_datetime", "YYYY-MM-DDTHH:MM"});
      if (start && end && *end <= *start) errors.push_back({at + ".to", "ends_before_start", "after the start"});
      if (start && end) out.push_back({*start, *end});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid availability", errors);
    if (auto r = store::PutAvailability(tx, stage_id, mine->application_id, mine->organisation_id, out, now); !r) {
      return r.error();
    }
    json windows_json = json::array();
    for (const auto& w : out) windows_json.push_back({{"start", w.start}, {"end", w.end}});
    if (auto r = trail_.Append(tx, ctx, {mine->organisation_id, "application", mine->application_id, "availability", "",
                                         json({{"stage_id", stage_id}, {"windows", windows_json}}).dump()});
        !r) {
      return r.error();
    }
    return out;
  });
}

Result<ScheduleSummary> Service::Schedule(const RequestContext& ctx, const std::string& stage_id) {
  return db_.Write([&](db::Tx& tx) -> Result<ScheduleSummary> {
    auto c = ManagedInterviewStage(tx, ctx, stage_id);
    if (!c) return c.error();
    const std::string now = FormatUtc(ctx.clock.Now());
    const int cutoff = c->stage.settings.booking_cutoff_hours;
    auto slots = store::Slots(tx, stage_id);
    if (!slots) return slots.error();
    auto entries = review::StageEntries(tx, stage_id);
    if (!entries) return entries.error();
    // Only slots still open to booking are offered.
    std::vector<Slot> open;
    for (auto& s : *slots) {
      if (Minus(s.starts_at, cutoff) > now) open.push_back(std::move(s));
    }
    engines::ScheduleInput input;
    std::map<std::string, std::uint32_t> panel_index;
    for (const auto& s : open) {
      auto [it, added] = panel_index.emplace(s.panel_id, static_cast<std::uint32_t>(panel_index.size()));
      input.slots.push_back({Epoch(s.starts_at), Epoch(s.ends_at), static_cast<std::uint32_t>(s.places),
                             static_cast<std::uint32_t>(s.booked), it->second});
    }
    struct Unbooked {
      std::string application_id, applicant_id, reference;
    };
    std::vector<Unbooked> candidates;
    input.window_offsets.push_back(0);
    for (const auto& id : *entries) {
      auto booking = store::LiveBooking(tx, stage_id, id);
      if (!booking) return booking.error();
      if (*booking) continue;
      auto app = applications::FindApplication(tx, id);
      if (!app) return app.error();
      if (!*app) continue;
      auto windows = store::Availability(tx, stage_id, id);
      if (!windows) return windows.error();
      for (const auto& w : *windows) input.windows.push_back({Epoch(w.start), Epoch(w.end)});
      input.window_offsets.push_back(static_cast<std::uint32_t>(input.windows.size()));
      candidates.push_back({id, (*app)->applicant_id, (*app)->reference.value_or("")});
    }
    input.candidates = static_cast<std::uint32_t>(candidates.size());
    const auto result = engines::Schedule(input);
    ScheduleSummary out;
    for (const auto& b : result.bookings) {
      const auto& who = candidates[b.candidate];
      auto placed = Place(tx, ctx, trail_, *c, open[b.slot], who.application_id, who.applicant_id, "scheduled", std::nullopt);
      if (!placed && placed.error().code() == ErrorCode::kConflict) {
        // Someone booked the place themselves meanwhile: this candidate
        // stays for the next run (nothing was written for them).
        out.unscheduled.push_back({who.application_id, who.reference, "slots_full"});
        continue;
      }
      if (!placed) return placed.error();
      if (auto r = Confirm(tx, ctx, *c, *placed, public_url_); !r) return r.error();
      ++out.scheduled;
    }
    for (const auto& u : result.unscheduled) {
      const auto& who = candidates[u.candidate];
      out.unscheduled.push_back({who.application_id, who.reference,
                                 u.reason == engines::Unscheduled::Reason::kNoSlotInWindows ? "no_slot_in_availability"
                                                                                            : "slots_full"});
    }
    if (auto r = trail_.Append(tx, ctx, {c->stage.organisation_id, "stage", stage_id, "schedule_interviews", "",
                                         json({{"scheduled", out.scheduled}, {"unscheduled", out.unscheduled.size()}}).dump()});
        !r) {
      return r.error();
    }
    return out;
  });
}

Result<Booking> Service::Attendance(const RequestContext& ctx, const std::string& booking_id, const std::string& state) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<Booking> {
    if (!LooksLikeId(booking_id)) return Error::NotFound("no such booking");
    auto b = store::GetBooking(tx, booking_id);
    if (!b) return b.error();
    if (!*b) return Error::NotFound("no such booking");
    if (auto a = CanManage(tx, ctx, (*b)->organisation_id, "booking"); !a) return a.error();
    if (state != "attended" && state != "no_show") {
      return Error::InvalidArgument("bad state", {{"state", "invalid_choice", "attended or no_show"}});
    }
    auto next = NextBookingState((*b)->state, state == "attended" ? BookingAction::kAttend : BookingAction::kNoShow);
    if (!next) return next.error();
    auto saved = store::SaveBookingState(tx, booking_id, *next, (*b)->state, now);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("the booking changed meanwhile; look again");
    if (auto r = trail_.Append(tx, ctx, {(*b)->organisation_id, "interview_booking", booking_id, *next,
                                         json({{"state", (*b)->state}}).dump(), json({{"state", *next}}).dump()});
        !r) {
      return r.error();
    }
    auto after = store::GetBooking(tx, booking_id);
    if (!after) return after.error();
    return std::move(**after);
  });
}

Result<std::string> Service::Calendar(const RequestContext& ctx, const std::string& booking_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::string> {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to download your interview");
    if (!LooksLikeId(booking_id)) return Error::NotFound("no such booking");
    auto b = store::GetBooking(tx, booking_id);
    if (!b) return b.error();
    if (!*b) return Error::NotFound("no such booking");
    bool allowed = (*b)->applicant_id == ctx.actor.account_id;
    if (!allowed) {
      auto roles = organisations::StaffRoles(tx, ctx, (*b)->organisation_id);
      if (!roles) return roles.error();
      allowed = IsStaff(*roles, ctx.actor);
      auto slot = store::GetSlot(tx, (*b)->slot_id);
      if (!slot) return slot.error();
      if (!allowed && *slot) {
        auto panel = store::GetPanel(tx, (*slot)->panel_id);
        if (!panel) return panel.error();
        allowed = *panel && std::find((*panel)->members.begin(), (*panel)->members.end(), ctx.actor.account_id) !=
                                (*panel)->members.end();
      }
    }
    if (!allowed) return Error::NotFound("no such booking");
    auto c = LoadStage(tx, (*b)->stage_id);
    if (!c) return c.error();
    return CalendarOf(*c, **b, ctx.locale, FormatUtc(ctx.clock.Now()), (*b)->state == "cancelled");
  });
}

}  // namespace cohort::interviews
