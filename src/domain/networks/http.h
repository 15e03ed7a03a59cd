#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::networks {

// Networks, members, administrators and chairs (docs/api/networks.md).
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth);

}  // namespace cohort::networks
