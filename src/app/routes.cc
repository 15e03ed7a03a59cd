#include "app/routes.h"

#include "domain/organisations/http.h"

namespace cohort::app {

void RegisterDomainRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                          accounts::Service& accounts, const accounts::Authenticator& auth, bool secure_cookies) {
  accounts::RegisterRoutes(router, accounts, auth, secure_cookies);
  organisations::RegisterRoutes(router, db, trail, auth);
}

}  // namespace cohort::app
