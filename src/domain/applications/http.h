#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/applications/service.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::applications {

// Applying and the staff list (docs/api/calls-and-applications.md).
// `on_withdrawn`: what later modules do when an applicant withdraws.
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url,
                    std::vector<WithdrawalHook> on_withdrawn);

}  // namespace cohort::applications
