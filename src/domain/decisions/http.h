#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::decisions {

// Decisions, offers and the waitlist (docs/api/review.md "Decisions").
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::decisions
