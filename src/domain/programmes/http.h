#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::programmes {

// Programmes, intakes, calls (docs/api/calls-and-applications.md).
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::programmes
