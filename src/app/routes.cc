#include "app/routes.h"

#include "domain/applications/http.h"
#include "domain/certificates/http.h"
#include "domain/decisions/http.h"
#include "domain/decisions/service.h"
#include "domain/interviews/http.h"
#include "domain/interviews/service.h"
#include "domain/review/http.h"
#include "domain/audit/http.h"
#include "domain/networks/http.h"
#include "domain/notifications/http.h"
#include "domain/participants/http.h"
#include "domain/organisations/http.h"
#include "domain/programmes/http.h"
#include "domain/reports/http.h"

namespace cohort::app {

void RegisterDomainRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                          const certificates::Signer& signer, accounts::Service& accounts,
                          const accounts::Authenticator& auth, const std::string& public_url) {
  accounts::RegisterRoutes(router, accounts, auth, public_url.starts_with("https://"));
  organisations::RegisterRoutes(router, db, trail, auth, public_url);
  programmes::RegisterRoutes(router, db, trail, auth, public_url);
  // A withdrawal frees the applicant's interview places and offer or waitlist seat at once.
  std::vector<applications::WithdrawalHook> on_withdrawn = {
      [&trail](db::Tx& tx, const RequestContext& ctx, const applications::Application& a) {
        return interviews::CancelBookingsOf(tx, ctx, trail, a.id);
      },
      [&trail, public_url](db::Tx& tx, const RequestContext& ctx, const applications::Application& a) {
        return decisions::ReleaseSeatOf(tx, ctx, trail, a.id, public_url);
      }};
  applications::RegisterRoutes(router, db, trail, auth, public_url, std::move(on_withdrawn));
  review::RegisterRoutes(router, db, trail, auth, public_url);
  interviews::RegisterRoutes(router, db, trail, auth, public_url);
  decisions::RegisterRoutes(router, db, trail, auth, public_url);
  participants::RegisterRoutes(router, db, trail, auth, public_url);
  certificates::RegisterRoutes(router, db, trail, signer, auth, public_url);
  networks::RegisterRoutes(router, db, trail, auth);
  networks::RegisterEventRoutes(router, db, trail, auth, public_url);
  networks::RegisterYearlyReportRoutes(router, db, trail, auth);
  networks::RegisterTemplateRoutes(router, db, trail, auth);
  reports::RegisterRoutes(router, db, auth);
  audit::RegisterRoutes(router, db, auth);
  notifications::RegisterRoutes(router, db, auth);
}

}  // namespace cohort::app
