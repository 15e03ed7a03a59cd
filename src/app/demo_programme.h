#pragma once
// Demo programme (issue 6): the ministry's host departments, a unit
// supervisor, and last year's 80 Diplomacy Volunteers in three rotations of
// two months: each stated languages and five ranked departments, the
// optimiser planned the rotations (one bilateral department required) and
// the plan was published; weekly trainings and visits with attendance; every
// rotation evaluated; most completed and hold signed certificates. This
// year's intake has no participants yet.
#include <string>

#include "core/clock.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::app {

inline constexpr const char* kDemoSupervisorEmail = "supervisor@mfa.cohort.test";
inline constexpr const char* kDemoSupervisorPassword = "demo-supervisor-2026";

// Goes through the real use cases as the ministry's administrator.
Result<void> LoadDemoProgramme(db::Database& db, const audit::Trail& trail, const Clock& clock,
                               const std::string& mfa_admin_id, const std::string& mfa_id,
                               const std::string& last_intake_id, const std::string& signing_secret);

}  // namespace cohort::app
