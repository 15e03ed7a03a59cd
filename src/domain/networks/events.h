#pragma once
// Joint events of a network: conferences, forums and weeks hosted by a
// member organisation, their agenda of sessions, and the delegation each
// member organisation registers before the deadline (docs/api/networks.md
// "Events"). Network administrators create events and sessions; readers of
// the network see them; administrators and coordinators of a member
// organisation register its delegation.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/networks/model.h"
#include "domain/participants/check_in.h"

namespace cohort::networks {

// What an event's change may touch (the host stays).
struct EventChange {
  std::optional<std::string> kind, title, description, place, starts_on, ends_on, time_zone, registration_closes_at;
  std::optional<int> delegation_limit;
  std::optional<std::vector<std::string>> partner_organisation_ids;
};

class Events {
 public:
  Events(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // kInvalidArgument at kind (invalid_choice), title (required, too_long),
  // host_organisation_id (not_a_member), starts_on / ends_on (invalid_date,
  // ends_before_start), time_zone (unknown_time_zone),
  // registration_closes_at (invalid_datetime), delegation_limit (out_of_range 1–500).
  Result<Event> Create(const RequestContext& ctx, const std::string& network_id, Event input);
  // Network administrators: the fields given change; errors as for Create.
  Result<Event> Update(const RequestContext& ctx, const std::string& event_id, const EventChange& change);
  Result<std::vector<Event>> List(const RequestContext& ctx, const std::string& network_id);
  Result<Event> Get(const RequestContext& ctx, const std::string& event_id);
  // Network administrators. kInvalidArgument at title, starts_at / ends_at.
  Result<Event> AddSession(const RequestContext& ctx, const std::string& event_id, Session input);
  // Network administrators: the session goes from the agenda, with its check-ins.
  Result<Event> RemoveSession(const RequestContext& ctx, const std::string& session_id);
  // Network administrators and the host see every delegation; staff of a
  // member organisation their own.
  Result<std::vector<Delegation>> Delegations(const RequestContext& ctx, const std::string& event_id);
  // Administrators and coordinators of the organisation (or network
  // administrators): its delegation, head first. kInvalidArgument at
  // organisation_id (not_a_member), delegates (required, too_many_items
  // beyond the event's limit, one_head), delegates[i].name (required,
  // too_long), delegates[i].email (invalid_email), delegates[i].role
  // (invalid_choice); kFailedPrecondition "registration_closed" after the deadline.
  // Those who see the delegations (as above): the badges of the event's
  // delegates, or of one organisation's, as a PDF (one A6 page each, the
  // QR code carrying the delegate's pass, public_url/pass?key=…) in
  // `language` (az, en, ru).
  Result<std::string> Badges(const RequestContext& ctx, const std::string& event_id, const std::string& organisation_id,
                             const std::string& language);
  Result<Delegation> Register(const RequestContext& ctx, const std::string& event_id, const std::string& organisation_id,
                              std::vector<Delegate> delegates);

  // Check-in at sessions, with the rotating code of programme attendance
  // (participants/check_in.h). Network administrators and the host's staff
  // show the session's code; kFailedPrecondition "check_in_closed" outside
  // half an hour before the start to the end.
  Result<participants::CheckInScreen> SessionCode(const RequestContext& ctx, const std::string& session_id);
  // Anyone holding a pass (no account needed): checks its delegate in at the
  // session. kInvalidArgument at pass (unknown_pass: none, or another
  // event's), code (expired_code, invalid_code); kFailedPrecondition
  // "check_in_closed"; kNotFound for an unknown session.
  Result<SessionCheckIn> CheckIn(const RequestContext& ctx, const std::string& session_id, const std::string& pass_key,
                                 const std::string& code);
  // The pass's delegate, event and the sessions they checked in to; kNotFound for an unknown key.
  Result<Pass> PassOf(const std::string& pass_key);
  // Network administrators and the host's staff: every delegate with their check-in at the session.
  Result<std::vector<SessionCheckIn>> CheckIns(const RequestContext& ctx, const std::string& session_id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::networks
