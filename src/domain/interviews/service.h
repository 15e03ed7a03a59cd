#pragma once
// Interview use cases: panels and their slots (generated from days, hours,
// length and breaks in the call's time zone), invitations, self-booking
// and rescheduling until the stage's cut-off, candidates' availability,
// bulk automatic scheduling (engines/scheduling), attendance and no-shows,
// and calendar files (RFC 5545) sent with every confirmation. Staff =
// organisation administrators and coordinators; a slot's place is taken
// atomically, so two people never get the last place.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/interviews/model.h"

namespace cohort::interviews {

struct SlotRequest {
  std::string stage_id, panel_id;
  std::vector<std::string> days;   // YYYY-MM-DD, in the call's time zone
  std::string from, to;            // HH:MM local
  int length_minutes = 30, break_minutes = 0, places = 1;
};

struct ScheduleSummary {
  std::int64_t scheduled = 0;
  struct Left {
    std::string application_id, reference, reason;  // no_slot_in_availability, slots_full
  };
  std::vector<Left> unscheduled;
};

// When an applicant withdraws (inside the withdrawal's transaction): their
// bookings without recorded attendance are cancelled, the places freed for others
// and the panels' unstarted scorecards removed. Audited.
Result<void> CancelBookingsOf(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                              const std::string& application_id);

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  Result<std::vector<Panel>> Panels(const RequestContext& ctx, const std::string& stage_id);
  // kInvalidArgument at name, location or members[i] (not_an_interviewer);
  // kFailedPrecondition unless an interview stage.
  Result<Panel> AddPanel(const RequestContext& ctx, const std::string& stage_id, const Panel& in);
  // kConflict "panel_in_use" when one of its slots is booked.
  Result<void> DeletePanel(const RequestContext& ctx, const std::string& panel_id);

  // Creates the slots; kInvalidArgument per field (days[i], from, to,
  // length_minutes, break_minutes, places; too_many_slots past 5,000).
  Result<std::vector<Slot>> GenerateSlots(const RequestContext& ctx, const std::string& intake_id, const SlotRequest& in);
  Result<std::pair<std::vector<Slot>, std::vector<Booking>>> Slots(const RequestContext& ctx, const std::string& stage_id);
  // kConflict "slot_in_use" when booked.
  Result<void> DeleteSlot(const RequestContext& ctx, const std::string& slot_id);

  // Every candidate in the stage (applications still submitted), by
  // reference, with their booking and availability (staff; audited).
  Result<std::vector<Candidate>> Candidates(const RequestContext& ctx, const std::string& stage_id);

  // E-mails every candidate in the stage without a booking; how many.
  Result<std::int64_t> Invite(const RequestContext& ctx, const std::string& stage_id);

  Result<std::vector<Invitation>> Mine(const RequestContext& ctx);
  // Books (or moves one's booking to) a slot. kNotFound unless the person's
  // application is in the slot's stage; kConflict "slot_full",
  // "cutoff_passed" (for the new slot, or for moving the old one).
  Result<Booking> Book(const RequestContext& ctx, const std::string& slot_id);
  // Local "YYYY-MM-DDTHH:MM" windows; kInvalidArgument at windows[i].
  Result<std::vector<Window>> SetAvailability(const RequestContext& ctx, const std::string& stage_id,
                                              const std::vector<std::pair<std::string, std::string>>& windows);
  // Places every candidate of the stage without a booking.
  Result<ScheduleSummary> Schedule(const RequestContext& ctx, const std::string& stage_id);
  // Staff: "attended" or "no_show".
  Result<Booking> Attendance(const RequestContext& ctx, const std::string& booking_id, const std::string& state);
  // The booking as an iCalendar file: its candidate, staff, and its panel.
  Result<std::string> Calendar(const RequestContext& ctx, const std::string& booking_id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::interviews
