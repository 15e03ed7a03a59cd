#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::networks {

// The {year} of a path: four digits (kInvalidArgument at year otherwise).
Result<int> YearParam(const http::Request& req);

// Networks, members, administrators and chairs (docs/api/networks.md).
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth);

// A network's events, their agenda and delegations (docs/api/networks.md "Events").
void RegisterEventRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                         const accounts::Authenticator& auth, const std::string& public_url);

// Members' yearly reports on the chair's form (docs/api/networks.md "Yearly reports").
void RegisterYearlyReportRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                                const accounts::Authenticator& auth);

// Templates the network publishes and members adopt (docs/api/networks.md "Templates").
void RegisterTemplateRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                            const accounts::Authenticator& auth);

}  // namespace cohort::networks
