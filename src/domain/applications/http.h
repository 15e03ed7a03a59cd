#pragma once
#include <nlohmann/json.hpp>

#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/applications/model.h"
#include "domain/applications/service.h"
#include "domain/audit/trail.h"
#include "http/router.h"

namespace cohort::applications {

// Applying and the staff list (docs/api/calls-and-applications.md).
// `on_withdrawn`: what later modules do when an applicant withdraws.
void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url,
                    std::vector<WithdrawalHook> on_withdrawn);

// A document's description as every route shows it (never its bytes).
nlohmann::json DocumentJson(const Document& d);

// Content-Disposition for a download: an ASCII fallback name and the real
// one percent-encoded (RFC 6266 / RFC 8187).
std::string Attachment(const std::string& file_name);

}  // namespace cohort::applications
