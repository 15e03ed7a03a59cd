#pragma once
// Demo selection (issue 5): reviewers of the foreign ministry; last year's
// Diplomacy Volunteers intake reviewed on a four-criterion rubric by six
// reviewers of different strictness, calibrated, with most reviews in, and
// its top applications short-listed for interviews; this year's call with
// its stages and reviewers set up, waiting for the call to close.
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
