#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "http/router.h"

namespace cohort::reports {

// Reports (docs/api/reports.md).
void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth);

}  // namespace cohort::reports
