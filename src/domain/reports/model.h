#pragma once
// Reports: aggregates of what applications, selection and the programme
// record. Counts only — never a person.
#include <cstdint>
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

}  // namespace cohort::reports
