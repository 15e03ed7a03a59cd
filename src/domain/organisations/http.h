#pragma once
#include "core/clock.h"
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::organisations {

// GET /api/v1/organisations, GET /api/v1/organisations/{id},
// POST /api/v1/organisations (platform administrators).
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth);

}  // namespace cohort::organisations
