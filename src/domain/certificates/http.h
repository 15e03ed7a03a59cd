#pragma once
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "domain/certificates/signer.h"
#include "http/router.h"

namespace cohort::certificates {

// Completion, certificates and their public verification
// (docs/api/programme.md "Completion and certificates").
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail, const Signer& signer,
                    const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::certificates
