#include "app/routes.h"

#include "domain/organisations/http.h"

namespace cohort::app {

void RegisterDomainRoutes(http::Router& router, db::Database& db, const Clock& clock) {
  organisations::RegisterRoutes(router, db, clock);
}

}  // namespace cohort::app
