#pragma once
// Wires every module's routes into one router.
#include "core/clock.h"
#include "db/database.h"
#include "domain/accounts/http.h"
#include "domain/audit/trail.h"
#include "domain/certificates/signer.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace cohort::app {

struct SystemInfo {
  std::string version;
  std::string started_at;
  TimePoint started;
};

// /healthz, /readyz, /metrics, /api/v1/status. `server` may be null until
// it exists (its gauges are then left out of /metrics).
void RegisterSystemRoutes(http::Router& router, db::Database& db, const Clock& clock, http::Metrics& metrics,
                          const http::Server* const* server, const SystemInfo& info);

// Every module's routes.
void RegisterDomainRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                          const certificates::Signer& signer, accounts::Service& accounts,
                          const accounts::Authenticator& auth, const std::string& public_url);

}  // namespace cohort::app
