#include "app/demo.h"

#include "core/id.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"

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

Result<std::vector<DemoLogin>> LoadDemo(db::Database& db, const Clock& clock) {
  auto existing = db.Read([](db::Tx& tx) { return tx.QueryOne("SELECT count(*) FROM organisations"); });
  if (!existing) return existing.error();
  if ((*existing)->Int(0) > 0) return Error::FailedPrecondition("the database is not empty; the demo needs an empty one");

  const auto now = clock.Now();
  auto created = db.Write([&](db::Tx& tx) -> Result<void> {
    for (const auto& o : kOrganisations) {
      auto r = tx.Exec(
          "INSERT INTO organisations (id, slug, name, country, created_at, updated_at) "
          "VALUES (:id, :slug, :name, :country, :now, :now)",
          {db::P("id", NewId(now)), db::P("slug", o.slug), db::P("name", o.name), db::P("country", o.country),
           db::P("now", FormatUtc(now))});
      if (!r) return r.error();
    }
    return Ok();
  });
  if (!created) return created.error();

  const std::vector<DemoLogin> logins = DemoLogins();
  const char* org_of[] = {nullptr, "MFA", "DMX"};
  const char* names[] = {"Cohort Administrator", "Leyla Məmmədova", "Rəşad Əliyev"};
  for (std::size_t i = 0; i < logins.size(); ++i) {
    accounts::NewAdmin admin{logins[i].email, names[i], logins[i].password, std::nullopt};
    if (org_of[i]) admin.organisation_id = org_of[i];
    auto r = accounts::CreateAdmin(db, clock, admin);
    if (!r) return r.error();
  }
  return logins;
}

}  // namespace cohort::app
