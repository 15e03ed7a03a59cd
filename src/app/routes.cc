#include "app/routes.h"

#include "domain/organisations/http.h"

namespace cohort::app {

void RegisterDomainRoutes(http::Router& router, db::Database& db, const audit::Trail& trail, const Clock& clock) {
  organisations::RegisterRoutes(router, db, trail, clock);
}

}  // namespace cohort::app
