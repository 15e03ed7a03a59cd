#include "app/routes.h"

#include "domain/applications/http.h"
#include "domain/review/http.h"
#include "domain/decisions/http.h"
#include "domain/interviews/http.h"
#include "domain/audit/http.h"
#include "domain/notifications/http.h"
#include "domain/organisations/http.h"
#include "domain/programmes/http.h"

namespace cohort::app {

void RegisterDomainRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                          accounts::Service& accounts, const accounts::Authenticator& auth,
                          const std::string& public_url) {
  accounts::RegisterRoutes(router, accounts, auth, public_url.starts_with("https://"));
  organisations::RegisterRoutes(router, db, trail, auth, public_url);
  programmes::RegisterRoutes(router, db, trail, auth, public_url);
  applications::RegisterRoutes(router, db, trail, auth, public_url);
  review::RegisterRoutes(router, db, trail, auth, public_url);
  interviews::RegisterRoutes(router, db, trail, auth, public_url);
  decisions::RegisterRoutes(router, db, trail, auth, public_url);
  audit::RegisterRoutes(router, db, auth);
  notifications::RegisterRoutes(router, db, auth);
}

}  // namespace cohort::app
