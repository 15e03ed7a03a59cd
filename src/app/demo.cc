#include "app/demo.h"

#include "app/demo_calls.h"
#include "app/demo_network.h"
#include "app/demo_programme.h"
#include "app/demo_selection.h"
#include "domain/accounts/service.h"
#include "domain/organisations/service.h"

namespace cohort::app {
namespace {

struct DemoOrganisation {
  const char* slug;
  const char* name;
  const char* country;
};

// The four programmes of shared/seeds are run by these organisations.
constexpr DemoOrganisation kOrganisations[] = {
    {"MFA", "Azərbaycan Respublikası Xarici İşlər Nazirliyi", "AZ"},
    {"DMX", "Azərbaycan Respublikası Dövlət Miqrasiya Xidməti", "AZ"},
    {"IVC", "Beynəlxalq Könüllülər Mərkəzi", "AZ"},
    {"GIF", "Gənclər Fondu", "AZ"},
};

}  // namespace

std::vector<DemoLogin> DemoLogins() {
  return {
      {"platform administrator", "admin@cohort.test", "demo-admin-2026"},
      {"organisation administrator (MFA)", "hr@mfa.cohort.test", "demo-mfa-2026"},
      {"organisation administrator (DMX)", "school@dmx.cohort.test", "demo-dmx-2026"},
  };
}

Result<std::vector<DemoLogin>> LoadDemo(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                          const std::string& secret_key) {
  auto existing = db.Read([](db::Tx& tx) { return tx.QueryOne("SELECT count(*) FROM organisations"); });
  if (!existing) return existing.error();
  if ((*existing)->Int(0) > 0) return Error::FailedPrecondition("the database is not empty; the demo needs an empty one");

  // The command line acts as the system (no account) and creates the
  // platform administrator first, who then creates the organisations.
  const RequestContext system{Actor{}, "az", "demo", clock};
  const std::vector<DemoLogin> logins = DemoLogins();
  const char* names[] = {"Cohort Administrator", "Leyla Məmmədova", "Rəşad Əliyev"};
  auto admin = accounts::CreateAdmin(db, trail, system, {logins[0].email, names[0], logins[0].password, std::nullopt});
  if (!admin) return admin.error();
  const RequestContext as_admin{Actor{admin->id, true, ""}, "az", "demo", clock};
  std::vector<std::string> org_ids;
  for (const auto& o : kOrganisations) {
    auto r = organisations::Service(db, trail).Create(as_admin, {o.slug, o.name, o.country});
    if (!r) return r.error();
    org_ids.push_back(r->id);
  }
  const char* org_of[] = {nullptr, "MFA", "DMX"};
  std::vector<std::string> admin_ids;
  for (std::size_t i = 1; i < logins.size(); ++i) {
    auto r = accounts::CreateAdmin(db, trail, as_admin, {logins[i].email, names[i], logins[i].password, org_of[i]});
    if (!r) return r.error();
    admin_ids.push_back(r->id);
  }
  auto calls = LoadDemoCalls(db, trail, clock, admin_ids[0], admin_ids[1], org_ids[0], org_ids[1]);
  if (!calls) return calls.error();
  if (auto s = LoadDemoSelection(db, trail, clock, admin_ids[0], org_ids[0], calls->last_intake_id, calls->current_intake_id);
      !s) {
    return s.error();
  }
  if (auto p = LoadDemoProgramme(db, trail, clock, admin_ids[0], org_ids[0], calls->last_intake_id, secret_key);
      !p) return p.error();
  auto network = LoadDemoNetwork(db, trail, clock, admin->id, org_ids[2], org_ids[3]);
  if (!network) return network.error();
  std::vector<DemoLogin> out = logins;
  out.insert(out.end(), network->begin(), network->end());
  out.push_back({"reviewer (MFA)", kDemoReviewerEmail, kDemoReviewerPassword});
  out.push_back({"unit supervisor (MFA)", kDemoSupervisorEmail, kDemoSupervisorPassword});
  out.push_back({"applicant (one of " + std::to_string(calls->applications) + " demo applications)",
                 calls->applicant_example, std::string(kDemoApplicantPassword)});
  return out;
}

}  // namespace cohort::app
