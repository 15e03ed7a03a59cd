#pragma once
// Activities of an intake and attendance: trainings, lectures, visits,
// group work, meetings and cultural events, one-off or repeating; each
// participant's timetable and calendar feed; check-in with the rotating QR
// code a trainer shows, or attendance marked by hand with excused absences;
// each participant's attendance share. Staff = organisation administrators
// and coordinators; an activity's trainer (an account) may take its
// attendance; people outside the organisation get kNotFound.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/participants/check_in.h"
#include "domain/participants/model.h"

namespace cohort::participants {

// How a new activity repeats: every day or week, `count` times in all.
struct Repeat {
  std::string every;  // "", day, week
  std::int64_t count = 1;
};

// An activity with where it belongs and what the actor may do with it.
struct ActivityView {
  Activity activity;
  std::string programme_name, intake_name, time_zone;  // the intake's, for showing times
  bool takes_attendance = false;  // staff or the activity's trainer
};

class Activities {
 public:
  Activities(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // Staff, trainers of the organisation and the intake's participants: the
  // intake's activities by start, cancelled ones included.
  Result<std::vector<Activity>> List(const RequestContext& ctx, const std::string& intake_id);
  // Whoever may list the intake's activities: one activity.
  Result<ActivityView> Get(const RequestContext& ctx, const std::string& activity_id);
  // The activities the actor trains, in organisations where they still hold
  // a role, by start.
  Result<std::vector<ActivityView>> Mine(const RequestContext& ctx);
  // Staff. One activity, or a series. kInvalidArgument per field: kind,
  // title (required, too_long), trainer_kind, trainer_id (not_staff),
  // starts_at / ends_at (invalid_datetime, ends_before_start), online_url
  // (invalid_url), repeat.every (invalid_choice), repeat.count (out_of_range 1–52).
  Result<std::vector<Activity>> Create(const RequestContext& ctx, const std::string& intake_id, Activity input,
                                       const Repeat& repeat);
  // Staff. Changes one activity, or with `series` also the later ones of its
  // series (all but their times). kConflict "stale_version".
  Result<Activity> Update(const RequestContext& ctx, const std::string& activity_id, Activity input,
                          std::int64_t version, bool series);
  // Staff. Cancels it (and the later ones of its series). kFailedPrecondition
  // "activity_cancelled" when already cancelled.
  Result<std::vector<Activity>> Cancel(const RequestContext& ctx, const std::string& activity_id, bool series);

  // Staff or the activity's trainer: the code to show now. Check-in is open
  // from 30 minutes before the start to the end (kFailedPrecondition
  // "check_in_closed" otherwise).
  Result<CheckInScreen> CheckInCode(const RequestContext& ctx, const std::string& activity_id);
  // An active participant of the intake: present. kInvalidArgument at
  // "code": expired_code, invalid_code; kFailedPrecondition "check_in_closed";
  // kNotFound for anyone not in the intake.
  Result<AttendanceRecord> CheckIn(const RequestContext& ctx, const std::string& activity_id, const std::string& code);
  // Staff or the trainer: every active participant with their record
  // (status empty when none yet).
  Result<std::vector<AttendanceRecord>> Roster(const RequestContext& ctx, const std::string& activity_id);
  // Staff or the trainer: marks by hand. kInvalidArgument at items[i].status
  // (invalid_choice), items[i].reason (required for excused),
  // items[i].participant_id (not_in_intake).
  Result<std::vector<AttendanceRecord>> Mark(const RequestContext& ctx, const std::string& activity_id,
                                             const std::vector<AttendanceRecord>& items);
  // Staff: each active participant's attendance over activities that have
  // ended and were not cancelled (an activity without a record counts as
  // an absence). A read of personal data, audited.
  Result<std::vector<AttendanceShare>> Shares(const RequestContext& ctx, const std::string& intake_id);

  // An active participant of the intake, once the activity has begun: a
  // rating (1-5) and a short comment, changeable. kInvalidArgument at rating
  // (out_of_range), comment (too_long); kFailedPrecondition
  // "feedback_not_open" before the start.
  Result<Feedback> GiveFeedback(const RequestContext& ctx, const std::string& activity_id, std::int64_t rating,
                                const std::string& comment);
  // Staff or the trainer: the feedback, without names.
  Result<std::vector<Feedback>> FeedbackOn(const RequestContext& ctx, const std::string& activity_id);

  // The secret address of a calendar feed: a participant's own (with their
  // rotations), or, for staff, the intake's. `renew` replaces the old one.
  Result<std::string> FeedUrl(const RequestContext& ctx, const std::string& intake_id, bool renew);
  // The feed behind a token (kNotFound for an unknown token), as iCalendar.
  Result<std::string> Feed(const RequestContext& ctx, const std::string& token);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::participants
