#pragma once
// Participants of an intake (those who accepted an offer) and their
// rotations through host units, period by period (docs/api/programme.md).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cohort::participants {

struct Participant {
  std::string id;
  std::string intake_id;
  std::string application_id;
  std::string account_id;
  std::string organisation_id;
  std::string state = "active";  // active, withdrawn, completed (workflow.h)
  std::optional<std::string> withdrawn_at;
  std::optional<std::string> withdrawal_reason;
  std::vector<std::string> languages;  // two-letter codes
  std::vector<std::string> unit_ids;   // preferred host units, most wanted first
  std::string created_at;
  // For lists.
  std::string name, email, reference;
};

struct Period {
  std::string id;
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

// An organisation unit hosting interns of one intake.
struct HostUnit {
  std::string unit_id;
  std::string type;  // the coordinator's word: consular, protocol …
  std::optional<std::string> supervisor_id;
  std::vector<std::string> languages;  // an intern there must speak all of them
  std::vector<std::int64_t> places;    // per period, in period order
  // For lists.
  std::string name, supervisor_name;
};

struct Requirement {
  std::string type;
  std::int64_t rotations = 1;  // at least this many periods in units of the type
};

// An intake's rotation set-up and the state of its plan.
struct Setup {
  std::string intake_id;
  std::string organisation_id;
  std::vector<Period> periods;  // in time order
  std::vector<HostUnit> units;
  std::vector<Requirement> required;
  std::vector<std::string> criteria;  // what supervisors score (1-5 each); empty: one overall score
  std::string state = "none";  // none, draft, published
  std::optional<std::string> planned_at, published_at;
  std::int64_t version = 0;  // 0: never saved
};

struct Rotation {
  std::string participant_id;
  std::string period_id;
  std::string unit_id;
  bool manual = false;  // set by hand: kept when the plan is made again
};

// The plan as the coordinator sees it, with what it lacks and breaks.
struct PlanCell {
  std::string period_id;
  std::optional<std::string> unit_id;
  bool manual = false;
  std::optional<std::int64_t> choice;  // 1 = the participant's first choice
};

struct PlanRow {
  std::string participant_id, name;
  std::vector<std::string> languages;
  std::vector<PlanCell> cells;  // one per period, in period order
};

struct Shortfall {
  std::string participant_id, name;
  std::int64_t rotations = 0;
  std::optional<std::string> type;  // none: periods without a unit
};

struct Violation {
  std::string rule;  // same_unit_twice, over_capacity, language_missing, required_type, two_units_in_one_period
  std::optional<std::string> participant_id, period_id, unit_id, type;
};

struct Plan {
  Setup setup;
  std::int64_t cost = 0;
  std::vector<std::vector<std::int64_t>> taken;  // per unit, per period
  std::vector<PlanRow> rows;                     // active participants, by name
  std::vector<Shortfall> shortfalls;
  std::vector<Violation> violations;
};

// A supervisor's interns in one unit and period.
struct InternGroup {
  std::string intake_id, intake_name, unit_id, unit_name;
  Period period;
  std::vector<Participant> interns;
};

// A training, lecture, visit, group work, meeting or cultural event of an
// intake; all its active participants are expected.
struct Activity {
  std::string id;
  std::string intake_id;
  std::string organisation_id;
  std::optional<std::string> series_id;
  std::string kind = "training";  // training, lecture, visit, group_work, meeting, cultural
  std::string title, topic;
  std::string trainer_name;
  std::string trainer_kind = "staff";  // staff, partner, international_expert, ngo
  std::optional<std::string> trainer_id;  // an account that may take attendance
  std::string place, online_url;
  std::string starts_at, ends_at;  // RFC 3339 UTC
  std::string state = "scheduled";  // scheduled, cancelled
  std::string check_in_secret;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

struct AttendanceRecord {
  std::string activity_id, participant_id;
  std::string status;  // present, absent, excused
  std::string method;  // qr, manual
  std::optional<std::string> reason;
  std::optional<std::string> recorded_by;
  std::string recorded_at;
  // For lists.
  std::string name;
};

// A participant's attendance over the activities held so far.
struct AttendanceShare {
  std::string participant_id, name;
  std::int64_t held = 0, present = 0, absent = 0, excused = 0;
  double share = 0;  // present / (held - excused); 1 when nothing counted yet
};

// A participant's short feedback on an activity.
struct Feedback {
  std::string activity_id, participant_id;
  std::int64_t rating = 0;  // 1..5
  std::string comment;
  std::string created_at;
};

// One held activity in a participant's own attendance; status empty when
// nothing was recorded (it counts as an absence).
struct AttendanceLine {
  Activity activity;
  std::string status;
  std::optional<std::string> reason;
};

// What a participant sees of their own participation.
struct Participation {
  Participant participant;
  std::string programme_id, programme_name, intake_name, organisation_name;
  Setup setup;
  std::vector<Rotation> rotations;  // published plans only
  AttendanceShare attendance;
  std::vector<AttendanceLine> attendance_lines;  // held activities, by start
  std::vector<Feedback> feedback;                // what they gave on the intake's activities
};

// A supervisor's evaluation of an intern at the end of a rotation.
struct Evaluation {
  std::string participant_id, period_id, unit_id, evaluator_id;
  std::map<std::string, std::int64_t> scores;  // criterion (or "overall") -> 1..5
  double overall = 0;                          // the mean of the scores
  std::string comment;
  std::string submitted_at;
  // For lists.
  std::string participant_name, period_name, unit_name, evaluator_name;
};


}  // namespace cohort::participants
