#pragma once
// Demo programmes, calls and applications (issue 4): the foreign ministry's
// Diplomacy Volunteers with last year's intake (about 400 applications)
// and this year's open call (over 1,000), and the migration service's
// Migration School call.
#include <string>
#include <string_view>

#include "core/clock.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::app {

inline constexpr std::string_view kDemoApplicantPassword = "demo-applicant-2026";

struct DemoCallFigures {
  int applications = 0;
  std::string applicant_example;  // an applicant's e-mail, to sign in with
  std::string last_intake_id, current_intake_id;  // the ministry's Diplomacy Volunteers intakes
};

// Goes through the real use cases; needs the organisations and their
// administrators made by LoadDemo.
Result<DemoCallFigures> LoadDemoCalls(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                      const std::string& mfa_admin_id, const std::string& dmx_admin_id,
                                      const std::string& mfa_id, const std::string& dmx_id);

}  // namespace cohort::app
