#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::participants {

// Participants, rotation set-up and plan, supervisors' interns
// (docs/api/programme.md).
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url);
// Evaluations and activity feedback; called by RegisterRoutes.
void RegisterEvaluationRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                              const accounts::Authenticator& auth, const std::string& public_url);
// Activities, attendance and calendar feeds; called by RegisterRoutes.
void RegisterActivityRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                            const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::participants
