#include "app/demo_programme.h"

#include <chrono>
#include <random>

#include <date/date.h>

#include "domain/accounts/service.h"
#include "domain/organisations/service.h"
#include "domain/participants/service.h"
#include "domain/programmes/service.h"

namespace cohort::app {
namespace {

struct DemoUnit {
  const char* name;
  const char* type;
  int places;  // per period
  const char* language;  // required, or ""
};

// 88 places a period for 80 interns; 36 in bilateral departments.
constexpr DemoUnit kUnits[] = {
    {"Konsulluq İdarəsi", "consular", 10, ""},
    {"Protokol İdarəsi", "protocol", 8, ""},
    {"Mətbuat xidməti", "press", 6, ""},
    {"Beynəlxalq təşkilatlar idarəsi", "multilateral", 10, "en"},
    {"Avropa ölkələri idarəsi", "bilateral", 10, "en"},
    {"Asiya və Sakit okean idarəsi", "bilateral", 8, ""},
    {"Amerika ölkələri idarəsi", "bilateral", 8, "en"},
    {"MDB ölkələri idarəsi", "bilateral", 10, "ru"},
    {"Hüquq idarəsi", "legal", 8, ""},
    {"İqtisadi diplomatiya idarəsi", "economic", 10, ""},
};

// YYYY-MM-DD `months` months after `day` (which is a first of the month or
// taken to the first), and the day before that.
std::string MonthsAfter(const std::string& day, int months, bool day_before) {
  const int y = std::stoi(day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  date::year_month_day first{date::year{y} / date::month{m} / date::day{1}};
  first += date::months{months};
  date::sys_days at{first};
  if (day_before) at -= date::days{1};
  return date::format("%F", at);
}

}  // namespace

Result<void> LoadDemoProgramme(db::Database& db, const audit::Trail& trail, const Clock& clock,
                               const std::string& mfa_admin_id, const std::string& mfa_id,
                               const std::string& last_intake_id) {
  // The rotations were planned just before last year's intake began.
  FakeClock then(clock.Now() - std::chrono::hours(24 * 300));
  const RequestContext as_mfa{Actor{mfa_admin_id, false, ""}, "az", "demo", then};
  const RequestContext system{Actor{}, "az", "demo", then};
  organisations::Service orgs(db, trail);
  auto supervisor = accounts::CreateAdmin(db, trail, system,
                                          {kDemoSupervisorEmail, "Nigar Quliyeva", kDemoSupervisorPassword, mfa_id});
  if (!supervisor) return supervisor.error();
  if (auto g = orgs.GrantRole(as_mfa, mfa_id, supervisor->id, "unit_supervisor"); !g) return g.error();
  if (auto v = orgs.RevokeRole(as_mfa, mfa_id, supervisor->id, "organisation_admin"); !v) return v.error();

  auto intake = db.Read([&](db::Tx& tx) { return programmes::FindIntake(tx, last_intake_id); });
  if (!intake) return intake.error();
  if (!*intake) return Error::Internal("demo intake missing");
  participants::Setup setup;
  for (int p = 0; p < 3; ++p) {
    setup.periods.push_back({"", std::to_string(p + 1) + "-ci rotasiya", MonthsAfter((*intake)->starts_on, 2 * p, false),
                             MonthsAfter((*intake)->starts_on, 2 * (p + 1), true)});
  }
  std::vector<std::string> unit_ids;
  for (const auto& u : kUnits) {
    auto made = orgs.CreateUnit(as_mfa, mfa_id, u.name, "");
    if (!made) return made.error();
    unit_ids.push_back(made->id);
    participants::HostUnit host;
    host.unit_id = made->id;
    host.type = u.type;
    if (std::string(u.type) == "consular" || std::string(u.name).starts_with("Avropa")) host.supervisor_id = supervisor->id;
    if (*u.language) host.languages = {u.language};
    host.places = {u.places, u.places, u.places};
    setup.units.push_back(std::move(host));
  }
  setup.required = {{"bilateral", 1}};
  participants::Service programme(db, trail);
  auto saved = programme.SaveSetup(as_mfa, last_intake_id, setup, 0);
  if (!saved) return saved.error();

  // Each participant speaks Azerbaijani, most English, many Russian, some
  // French, and ranks five departments, the popular ones more often.
  auto people = programme.List(as_mfa, last_intake_id);
  if (!people) return people.error();
  std::mt19937 rng(2019);
  std::discrete_distribution<std::size_t> popular({6, 3, 3, 7, 8, 3, 5, 4, 2, 4});
  std::bernoulli_distribution english(0.85), russian(0.6), french(0.15);
  for (const auto& p : *people) {
    std::vector<std::string> languages = {"az"};
    if (english(rng)) languages.push_back("en");
    if (russian(rng)) languages.push_back("ru");
    if (french(rng)) languages.push_back("fr");
    std::vector<std::string> wanted;
    while (wanted.size() < 5) {
      const std::string& id = unit_ids[popular(rng)];
      if (std::find(wanted.begin(), wanted.end(), id) == wanted.end()) wanted.push_back(id);
    }
    const RequestContext as_participant{Actor{p.account_id, false, ""}, "az", "demo", then};
    if (auto s = programme.SetPreferences(as_participant, p.id, languages, wanted); !s) return s.error();
  }
  if (auto planned = programme.MakePlan(as_mfa, last_intake_id, true); !planned) return planned.error();
  if (auto published = programme.Publish(as_mfa, last_intake_id); !published) return published.error();
  return Ok();
}

}  // namespace cohort::app
