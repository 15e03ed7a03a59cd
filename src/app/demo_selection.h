#pragma once
// Demo selection (issue 5): six reviewers of the foreign ministry. Last
// year's Diplomacy Volunteers intake went through the whole selection, on a
// clock set to last year: reviewed on a four-criterion rubric by reviewers
// of different strictness (calibrated), the top 150 interviewed by three
// panels in automatically scheduled slots (a few no-shows), 110 finalists
// decided with a quota (at most 60% from Baku), offers published, a few
// declined and their places promoted from the waitlist: 80 participants.
// This year's call has its stages and reviewers ready for when it closes.
#include <string>

#include "core/clock.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::app {

inline constexpr const char* kDemoReviewerEmail = "reviewer@mfa.cohort.test";
inline constexpr const char* kDemoReviewerPassword = "demo-reviewer-2026";

// Goes through the real use cases as the ministry's administrator.
Result<void> LoadDemoSelection(db::Database& db, const audit::Trail& trail, const Clock& clock,
                               const std::string& mfa_admin_id, const std::string& mfa_id,
                               const std::string& last_intake_id, const std::string& current_intake_id);

}  // namespace cohort::app
