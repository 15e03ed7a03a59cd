#pragma once
// GET /api/v1/audit?subject_type=&subject_id= : the history of one subject.
// Platform administrators see every subject; organisation administrators
// see the entries recorded under their organisation.
#include "domain/accounts/http.h"
#include "http/router.h"

namespace cohort::audit {

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth);

}  // namespace cohort::audit
