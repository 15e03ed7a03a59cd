#include "domain/networks/events.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "docs/badge_pdf.h"
#include "domain/accounts/service.h"
#include "domain/networks/event_store.h"
#include "domain/networks/service.h"
#include "domain/networks/store.h"
#include "domain/organisations/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/form.h"
#include "domain/participants/check_in.h"
#include "i18n/catalog.h"

namespace cohort::networks {
namespace {

using nlohmann::json;

constexpr const char* kKinds[] = {"conference", "forum", "week", "meeting"};

// The event, its network as the actor may read it, and whether they administer it.
struct EventAccess {
  Event event;
  Network network;
  bool admin = false;
};

Result<EventAccess> EventFor(db::Tx& tx, const RequestContext& ctx, const std::string& event_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(event_id)) return Error::NotFound("no such event");
  auto e = store::GetEvent(tx, event_id);
  if (!e) return e.error();
  if (!*e) return Error::NotFound("no such event");
  auto access = ReadableNetwork(tx, ctx, (*e)->network_id);
  if (!access) return access.error().code() == ErrorCode::kNotFound ? Error::NotFound("no such event") : access.error();
  return EventAccess{std::move(**e), std::move(access->network), access->admin};
}

// Opening hours of a session's check-in, as for activities: from half an hour before the start to the end.
Result<void> CheckInOpen(const Session& s, TimePoint now) {
  if (now < *ParseRfc3339(s.starts_at) - std::chrono::minutes(30) || now > *ParseRfc3339(s.ends_at)) {
    return Error::FailedPrecondition("check-in is open from half an hour before the start to the end")
        .WithCode("check_in_closed");
  }
  return Ok();
}

// The session with its event, for network administrators and the host's staff.
Result<std::pair<Session, EventAccess>> StaffSession(db::Tx& tx, const RequestContext& ctx, const std::string& session_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(session_id)) return Error::NotFound("no such session");
  auto s = store::GetSession(tx, session_id);
  if (!s) return s.error();
  if (!*s) return Error::NotFound("no such session");
  auto a = EventFor(tx, ctx, (*s)->event_id);
  if (!a) return a.error().code() == ErrorCode::kNotFound ? Error::NotFound("no such session") : a.error();
  auto host = RunsOrganisation(tx, ctx, a->event.host_organisation_id);
  if (!host) return host.error();
  if (!a->admin && !*host) return Error::PermissionDenied("network administrators and the host run check-in");
  return std::make_pair(std::move(**s), std::move(*a));
}

// Trims an event's texts, checks it against its network (errors at each
// field), keeps each partner once and writes the deadline in UTC.
std::vector<FieldError> Normalise(Event& e, const Network& n) {
  e.title = Trim(e.title);
  e.description = Trim(e.description);
  e.place = Trim(e.place);
  std::vector<FieldError> errors;
  if (std::none_of(std::begin(kKinds), std::end(kKinds), [&](const char* k) { return e.kind == k; })) {
    errors.push_back({"kind", "invalid_choice", "conference, forum, week or meeting"});
  }
  if (e.title.empty()) errors.push_back({"title", "required", "a title"});
  else if (CodePoints(e.title) > 200) errors.push_back({"title", "too_long", "at most 200 characters"});
  if (CodePoints(e.description) > 5000) errors.push_back({"description", "too_long", "at most 5,000 characters"});
  if (CodePoints(e.place) > 300) errors.push_back({"place", "too_long", "at most 300 characters"});
  if (!IsMember(n, e.host_organisation_id)) {
    errors.push_back({"host_organisation_id", "not_a_member", "the host must be a member of the network"});
  }
  std::vector<Partner> partners;
  for (std::size_t i = 0; i < e.partners.size(); ++i) {
    const std::string& id = e.partners[i].organisation_id;
    const bool twice = std::any_of(partners.begin(), partners.end(), [&](const Partner& p) { return p.organisation_id == id; });
    if (!IsMember(n, id) || id == e.host_organisation_id) {
      errors.push_back({"partner_organisation_ids[" + std::to_string(i) + "]", "not_a_member",
                        "partners are other member organisations of the network"});
    } else if (!twice) {
      partners.push_back({id, ""});
    }
  }
  e.partners = std::move(partners);
  const bool dates = programmes::IsValidDate(e.starts_on) && programmes::IsValidDate(e.ends_on);
  if (!programmes::IsValidDate(e.starts_on)) errors.push_back({"starts_on", "invalid_date", "YYYY-MM-DD"});
  if (!programmes::IsValidDate(e.ends_on)) errors.push_back({"ends_on", "invalid_date", "YYYY-MM-DD"});
  if (dates && e.ends_on < e.starts_on) errors.push_back({"ends_on", "ends_before_start", "ends before it starts"});
  if (!programmes::KnownTimeZone(e.time_zone)) {
    errors.push_back({"time_zone", "unknown_time_zone", "an IANA time zone"});
  }
  const auto closes = ParseRfc3339(e.registration_closes_at);
  if (!closes) errors.push_back({"registration_closes_at", "invalid_datetime", "an RFC 3339 time"});
  if (e.delegation_limit < 1 || e.delegation_limit > 500) {
    errors.push_back({"delegation_limit", "out_of_range", "1 to 500 people"});
  }
  if (closes) e.registration_closes_at = FormatUtc(*closes);
  return errors;
}

void CheckTimes(const std::string& starts, const std::string& ends, std::vector<FieldError>& errors) {
  const auto s = ParseRfc3339(starts);
  const auto e = ParseRfc3339(ends);
  if (!s) errors.push_back({"starts_at", "invalid_datetime", "an RFC 3339 time"});
  if (!e) errors.push_back({"ends_at", "invalid_datetime", "an RFC 3339 time"});
  if (s && e && *e <= *s) errors.push_back({"ends_at", "ends_before_start", "ends before it starts"});
}

}  // namespace

Result<Event> Events::Create(const RequestContext& ctx, const std::string& network_id, Event input) {
  return db_.Write([&](db::Tx& tx) -> Result<Event> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    if (!access->admin) return Error::PermissionDenied("only the network's administrators create events");
    if (auto errors = Normalise(input, access->network); !errors.empty()) {
      return Error::InvalidArgument("invalid event", errors);
    }
    input.id = NewId(ctx.clock.Now());
    input.network_id = network_id;
    input.created_at = FormatUtc(ctx.clock.Now());
    input.sessions.clear();
    if (auto w = store::InsertEvent(tx, input); !w) return w.error();
    if (auto a = trail_.Append(tx, ctx, {input.host_organisation_id, "event", input.id, "create", "",
                                         json({{"title", input.title}, {"network_id", network_id}}).dump()});
        !a) {
      return a.error();
    }
    auto stored = store::GetEvent(tx, input.id);
    if (!stored) return stored.error();
    return std::move(**stored);
  });
}

Result<Event> Events::Update(const RequestContext& ctx, const std::string& event_id, const EventChange& change) {
  return db_.Write([&](db::Tx& tx) -> Result<Event> {
    auto a = EventFor(tx, ctx, event_id);
    if (!a) return a.error();
    if (!a->admin) return Error::PermissionDenied("only the network's administrators change events");
    Event e = a->event;
    for (auto [from, to] : {std::pair{&change.kind, &e.kind}, std::pair{&change.title, &e.title},
                            std::pair{&change.description, &e.description}, std::pair{&change.place, &e.place},
                            std::pair{&change.starts_on, &e.starts_on}, std::pair{&change.ends_on, &e.ends_on},
                            std::pair{&change.time_zone, &e.time_zone},
                            std::pair{&change.registration_closes_at, &e.registration_closes_at}}) {
      if (*from) *to = **from;
    }
    if (change.delegation_limit) e.delegation_limit = *change.delegation_limit;
    if (change.partner_organisation_ids) {
      e.partners.clear();
      for (const auto& id : *change.partner_organisation_ids) e.partners.push_back({id, ""});
    }
    if (auto errors = Normalise(e, a->network); !errors.empty()) return Error::InvalidArgument("invalid event", errors);
    if (auto w = store::UpdateEvent(tx, e, FormatUtc(ctx.clock.Now())); !w) return w.error();
    if (auto au = trail_.Append(tx, ctx, {e.host_organisation_id, "event", e.id, "update", "",
                                          json({{"title", e.title}, {"registration_closes_at", e.registration_closes_at}}).dump()});
        !au) {
      return au.error();
    }
    auto stored = store::GetEvent(tx, e.id);
    if (!stored) return stored.error();
    return std::move(**stored);
  });
}

Result<std::vector<Event>> Events::List(const RequestContext& ctx, const std::string& network_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Event>> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    return store::EventsOf(tx, network_id);
  });
}

Result<Event> Events::Get(const RequestContext& ctx, const std::string& event_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Event> {
    auto a = EventFor(tx, ctx, event_id);
    if (!a) return a.error();
    return std::move(a->event);
  });
}

Result<Event> Events::AddSession(const RequestContext& ctx, const std::string& event_id, Session input) {
  return db_.Write([&](db::Tx& tx) -> Result<Event> {
    auto a = EventFor(tx, ctx, event_id);
    if (!a) return a.error();
    if (!a->admin) return Error::PermissionDenied("only the network's administrators change the agenda");
    input.title = Trim(input.title);
    input.place = Trim(input.place);
    std::vector<FieldError> errors;
    if (input.title.empty()) errors.push_back({"title", "required", "a title"});
    else if (CodePoints(input.title) > 200) errors.push_back({"title", "too_long", "at most 200 characters"});
    CheckTimes(input.starts_at, input.ends_at, errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid session", errors);
    input.id = NewId(ctx.clock.Now());
    input.event_id = event_id;
    input.check_in_secret = participants::NewSecret();
    input.starts_at = FormatUtc(*ParseRfc3339(input.starts_at));
    input.ends_at = FormatUtc(*ParseRfc3339(input.ends_at));
    if (auto w = store::InsertSession(tx, input, FormatUtc(ctx.clock.Now())); !w) return w.error();
    auto stored = store::GetEvent(tx, event_id);
    if (!stored) return stored.error();
    return std::move(**stored);
  });
}

Result<Event> Events::RemoveSession(const RequestContext& ctx, const std::string& session_id) {
  return db_.Write([&](db::Tx& tx) -> Result<Event> {
    auto found = StaffSession(tx, ctx, session_id);
    if (!found) return found.error();
    if (!found->second.admin) return Error::PermissionDenied("only the network's administrators change the agenda");
    if (auto d = store::DeleteSession(tx, session_id); !d) return d.error();
    if (auto au = trail_.Append(tx, ctx, {found->second.event.host_organisation_id, "event", found->second.event.id,
                                          "remove_session", "", json({{"title", found->first.title}}).dump()});
        !au) {
      return au.error();
    }
    auto stored = store::GetEvent(tx, found->second.event.id);
    if (!stored) return stored.error();
    return std::move(**stored);
  });
}

Result<std::vector<Delegation>> Events::Delegations(const RequestContext& ctx, const std::string& event_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Delegation>> {
    auto a = EventFor(tx, ctx, event_id);
    if (!a) return a.error();
    auto all = store::DelegationsOf(tx, event_id);
    if (!all) return all.error();
    auto host = RunsOrganisation(tx, ctx, a->event.host_organisation_id);
    if (!host) return host.error();
    if (a->admin || *host) return all;
    std::vector<Delegation> own;
    for (auto& d : *all) {
      auto roles = organisations::StaffRoles(tx, ctx, d.organisation_id);
      if (!roles) return roles.error();
      if (!roles->empty()) own.push_back(std::move(d));
    }
    return own;
  });
}

Result<std::string> Events::Badges(const RequestContext& ctx, const std::string& event_id,
                                   const std::string& organisation_id, const std::string& language) {
  auto event = Get(ctx, event_id);
  if (!event) return event.error();
  auto delegations = Delegations(ctx, event_id);
  if (!delegations) return delegations.error();
  const auto& catalog = i18n::Catalog::Embedded();
  const auto lang = i18n::ParseLocale(language).value_or(i18n::ParseLocale(ctx.locale).value_or(i18n::kDefaultLocale));
  std::string when = event->starts_on == event->ends_on ? event->starts_on : event->starts_on + " – " + event->ends_on;
  if (!event->place.empty()) when += " · " + event->place;
  std::vector<docs::Badge> badges;
  for (const auto& d : *delegations) {
    if (!organisation_id.empty() && d.organisation_id != organisation_id) continue;
    for (const auto& p : d.delegates) {
      badges.push_back({event->title, when, p.name, d.organisation_name,
                        catalog.Text(lang, p.role == "head" ? "badge.role_head" : "badge.role_member"),
                        public_url_ + "/pass?key=" + p.pass_key});
    }
  }
  return docs::RenderBadgesPdf(badges, event->title);
}

Result<Delegation> Events::Register(const RequestContext& ctx, const std::string& event_id,
                                    const std::string& organisation_id, std::vector<Delegate> delegates) {
  return db_.Write([&](db::Tx& tx) -> Result<Delegation> {
    auto a = EventFor(tx, ctx, event_id);
    if (!a) return a.error();
    if (!IsMember(a->network, organisation_id)) {
      return Error::InvalidArgument("not a member", {{"organisation_id", "not_a_member",
                                                      "only member organisations of the network register delegations"}});
    }
    auto runs = RunsOrganisation(tx, ctx, organisation_id);
    if (!runs) return runs.error();
    if (!*runs && !a->admin) {
      return Error::PermissionDenied("the organisation's administrators and coordinators register its delegation");
    }
    if (FormatUtc(ctx.clock.Now()) > a->event.registration_closes_at) {
      return Error::FailedPrecondition("registration closed at " + a->event.registration_closes_at)
          .WithCode("registration_closed");
    }
    std::vector<FieldError> errors;
    if (delegates.empty()) errors.push_back({"delegates", "required", "at least the head of the delegation"});
    if (static_cast<int>(delegates.size()) > a->event.delegation_limit) {
      errors.push_back({"delegates", "too_many_items",
                        "the host takes at most " + std::to_string(a->event.delegation_limit) + " people a delegation"});
    }
    int heads = 0;
    for (std::size_t i = 0; i < delegates.size(); ++i) {
      Delegate& d = delegates[i];
      const std::string at = "delegates[" + std::to_string(i) + "]";
      d.name = Trim(d.name);
      d.email = Trim(d.email);
      d.arrival = Trim(d.arrival);
      d.departure = Trim(d.departure);
      d.accommodation = Trim(d.accommodation);
      if (d.role != "head" && d.role != "member") errors.push_back({at + ".role", "invalid_choice", "head or member"});
      heads += d.role == "head" ? 1 : 0;
      if (d.name.empty()) errors.push_back({at + ".name", "required", "a name"});
      else if (CodePoints(d.name) > 200) errors.push_back({at + ".name", "too_long", "at most 200 characters"});
      if (!d.email.empty()) {
        auto email = accounts::NormaliseEmail(d.email);
        if (!email) errors.push_back({at + ".email", "invalid_email", "an e-mail address"});
        else d.email = *email;
      }
      for (const auto& [name, text] : {std::pair{".arrival", &d.arrival}, std::pair{".departure", &d.departure},
                                       std::pair{".accommodation", &d.accommodation}}) {
        if (CodePoints(*text) > 500) errors.push_back({at + name, "too_long", "at most 500 characters"});
      }
    }
    if (!delegates.empty() && heads != 1) errors.push_back({"delegates", "one_head", "exactly one head of delegation"});
    if (!errors.empty()) return Error::InvalidArgument("invalid delegation", errors);
    // Head first. Newcomers get a pass; those already there keep theirs (store::SaveDelegation).
    std::stable_partition(delegates.begin(), delegates.end(), [](const Delegate& d) { return d.role == "head"; });
    for (auto& d : delegates) d.pass_key = participants::NewSecret();
    auto saved = store::SaveDelegation(tx, event_id, organisation_id, delegates, ctx.actor.account_id,
                                       FormatUtc(ctx.clock.Now()));
    if (!saved) return saved.error();
    if (auto au = trail_.Append(tx, ctx, {organisation_id, "delegation", saved->id, "register", "",
                                          json({{"event_id", event_id}, {"people", delegates.size()}}).dump()});
        !au) {
      return au.error();
    }
    for (const auto& m : a->network.members) {
      if (m.organisation_id == organisation_id) saved->organisation_name = m.name;
    }
    return saved;
  });
}


Result<participants::CheckInScreen> Events::SessionCode(const RequestContext& ctx, const std::string& session_id) {
  return db_.Write([&](db::Tx& tx) -> Result<participants::CheckInScreen> {
    auto found = StaffSession(tx, ctx, session_id);
    if (!found) return found.error();
    Session& s = found->first;
    const TimePoint now = ctx.clock.Now();
    if (auto open = CheckInOpen(s, now); !open) return open.error();
    if (s.check_in_secret.empty()) {  // a session from before check-in existed
      if (auto w = store::SetSessionSecret(tx, s.id, participants::NewSecret()); !w) return w.error();
      auto again = store::GetSession(tx, s.id);
      if (!again) return again.error();
      s = **again;
    }
    const std::int64_t window = participants::CheckInWindow(now);
    participants::CheckInScreen screen;
    screen.code = participants::CheckInCode(s.check_in_secret, s.id, window);
    screen.url = public_url_ + "/event-check-in?session=" + s.id + "&code=" + screen.code;
    screen.expires_at =
        FormatUtc(TimePoint{std::chrono::seconds((window + 1) * participants::kCheckInWindowSeconds)});
    return screen;
  });
}

Result<SessionCheckIn> Events::CheckIn(const RequestContext& ctx, const std::string& session_id,
                                       const std::string& pass_key, const std::string& code) {
  return db_.Write([&](db::Tx& tx) -> Result<SessionCheckIn> {
    if (!LooksLikeId(session_id)) return Error::NotFound("no such session");
    auto s = store::GetSession(tx, session_id);
    if (!s) return s.error();
    if (!*s) return Error::NotFound("no such session");
    auto holder = store::DelegateByPass(tx, pass_key);
    if (!holder) return holder.error();
    if (!*holder || (*holder)->event_id != (*s)->event_id) {
      return Error::InvalidArgument("unknown pass", {{"pass", "unknown_pass", "not a pass for this event"}});
    }
    const TimePoint now = ctx.clock.Now();
    if (auto open = CheckInOpen(**s, now); !open) return open.error();
    switch (participants::CheckCode((*s)->check_in_secret, (*s)->id, code, now)) {
      case participants::CodeCheck::kValid: break;
      case participants::CodeCheck::kExpired:
        return Error::InvalidArgument("expired code", {{"code", "expired_code", "this code has changed; scan again"}});
      case participants::CodeCheck::kForged:
        return Error::InvalidArgument("invalid code", {{"code", "invalid_code", "not this session's code"}});
    }
    const Delegate& d = (*holder)->delegate;
    auto at = store::RecordCheckIn(tx, (*s)->id, d.id, FormatUtc(now));
    if (!at) return at.error();
    return SessionCheckIn{d.id, d.name, d.role, (*holder)->organisation_id, (*holder)->organisation_name, *at};
  });
}

Result<Pass> Events::PassOf(const std::string& pass_key) {
  return db_.Read([&](db::Tx& tx) -> Result<Pass> {
    auto holder = store::DelegateByPass(tx, pass_key);
    if (!holder) return holder.error();
    if (!*holder) return Error::NotFound("no such pass");
    auto event = store::GetEvent(tx, (*holder)->event_id);
    if (!event) return event.error();
    auto into = store::SessionsCheckedInto(tx, (*holder)->delegate.id);
    if (!into) return into.error();
    const Delegate& d = (*holder)->delegate;
    return Pass{d.id, d.name, d.role, (*holder)->organisation_name, std::move(**event), std::move(*into)};
  });
}

Result<std::vector<SessionCheckIn>> Events::CheckIns(const RequestContext& ctx, const std::string& session_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<SessionCheckIn>> {
    auto found = StaffSession(tx, ctx, session_id);
    if (!found) return found.error();
    return store::CheckInsOf(tx, found->first);
  });
}

}  // namespace cohort::networks
