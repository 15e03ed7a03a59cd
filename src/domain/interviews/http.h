#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::interviews {

// Panels, slots, invitations, booking, scheduling (docs/api/review.md "Interviews").
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::interviews
