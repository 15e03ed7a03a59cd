#pragma once
// Reports: aggregates of what applications, selection and the programme
// record. Counts only — never a person.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cohort::reports {

// One step of the selection funnel and its conversion from the step before
// (nullopt when the step before counted nobody).
struct FunnelStep {
  std::string step;  // started, submitted, eligible, short_listed, interviewed, offered, accepted, completed
  std::int64_t count = 0;
  std::optional<double> conversion;
};

// An intake's funnel. `interviewed` is left out when the intake's call has
// no interview stage.
struct Funnel {
  std::string intake_id, intake_name, starts_on;
  std::vector<FunnelStep> steps;
};

// A way to split an intake's applications: a single-choice question of the
// form (key = the field's key), the university or field of study of the
// first education entry ("<field>.university", "<field>.field_of_study"),
// or the age at the intake's start from a date-of-birth question ("age").
struct Dimension {
  std::string key;
  std::string field;                     // the form field it reads
  std::string kind;                      // choice, university, field_of_study, age
  std::map<std::string, std::string> label;  // the question's label per language
  std::map<std::string, std::map<std::string, std::string>> options;  // choice: value -> label per language
};

// How many of one group reached each step from submission on. `value` is
// the stored answer (a choice's value, a university's most common
// spelling, an age band such as "22-25"); "" when not answered.
struct BreakdownRow {
  std::string value;
  std::map<std::string, std::string> label;  // a choice's label per language; empty otherwise
  std::int64_t submitted = 0, eligible = 0, offered = 0, accepted = 0, completed = 0;
};

struct Breakdown {
  Dimension dimension;
  std::vector<BreakdownRow> rows;  // most submitted first
};

// One reviewer's work in one review stage. Removed assignments do not count.
struct ReviewerProgress {
  std::string stage_id;
  int stage_position = 0;
  std::string reviewer_id, name;
  std::int64_t assigned = 0, submitted = 0, in_progress = 0, not_started = 0, conflicts = 0;
};

// A network's dashboard: members' aggregates added up, never a person.
struct MemberYear {
  std::string organisation_id;
  std::string year;  // of the intake's start
  std::int64_t submitted = 0, accepted = 0, completed = 0;
};
struct NetworkDashboard {
  struct Member {
    std::string organisation_id, name, country;
    std::int64_t submitted = 0, accepted = 0, completed = 0;
  };
  struct Year {
    std::string year;
    std::int64_t submitted = 0, accepted = 0, completed = 0;
  };
  std::vector<Member> members;  // by name
  std::vector<Year> years;      // oldest first
  std::int64_t submitted = 0, accepted = 0, completed = 0;
};

// What a programme publishes to everyone: counts only, each under
// kSmallestCell withheld (nullopt).
struct PublicYear {
  std::string intake_name, starts_on;
  std::optional<std::int64_t> started, submitted, accepted, completed;
};
struct PublicRow {
  std::string value;
  std::map<std::string, std::string> label;
  std::optional<std::int64_t> submitted, accepted;
};
struct PublicBreakdown {
  Dimension dimension;
  std::vector<PublicRow> rows;
};
struct PublicStatistics {
  std::string programme_id, programme_name, organisation_name;
  std::vector<PublicYear> years;       // oldest first
  std::optional<std::int64_t> alumni;  // completed, all intakes
  std::string breakdown_intake;        // the latest intake with submissions
  std::vector<PublicBreakdown> breakdowns;  // its choice questions and age
};

}  // namespace cohort::reports
