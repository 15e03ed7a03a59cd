#include "app/demo_programme.h"

#include <chrono>
#include <map>
#include <random>

#include <date/date.h>

#include "domain/accounts/service.h"
#include "domain/certificates/service.h"
#include "domain/participants/activities.h"
#include "domain/participants/evaluations.h"
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
                               const std::string& last_intake_id, const std::string& signing_secret) {
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
    setup.periods.push_back({"", std::to_string(p + 1) + "-ci rotasiya",
                             p == 0 ? (*intake)->starts_on : MonthsAfter((*intake)->starts_on, 2 * p, false),
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
  setup.criteria = {"Peşəkar bilik", "Təşəbbüskarlıq", "Komanda işi"};
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

  // Weekly protocol trainings and four visits, with attendance taken by hand.
  const RequestContext as_mfa_now{Actor{mfa_admin_id, false, ""}, "az", "demo", clock};
  participants::Activities activities(db, trail);
  std::vector<participants::Activity> held;
  participants::Activity training;
  training.kind = "training";
  training.title = "Diplomatik protokol və etiket";
  training.topic = "Rəsmi qəbullar, danışıqların protokolu, diplomatik yazışma";
  training.trainer_name = "Protokol İdarəsi";
  training.place = "XİN, 3-cü mərtəbə, konfrans zalı";
  training.starts_at = (*intake)->starts_on + "T06:00:00Z";  // 10:00 in Baku
  training.ends_at = (*intake)->starts_on + "T09:00:00Z";
  auto series = activities.Create(as_mfa, last_intake_id, training, {"week", 8});
  if (!series) return series.error();
  held = *series;
  const char* visits[] = {"Milli Məclisə səfər", "ADA Universitetində dəyirmi masa", "Heydər Əliyev Mərkəzinə səfər",
                          "BMT-nin Bakı ofisi ilə görüş"};
  for (int v = 0; v < 4; ++v) {
    participants::Activity visit;
    visit.kind = v == 1 ? "group_work" : "visit";
    visit.title = visits[v];
    visit.trainer_kind = v == 3 ? "international_expert" : "staff";
    visit.trainer_name = v == 3 ? "UN Resident Coordinator Office" : "Tədris şöbəsi";
    const std::string day = MonthsAfter((*intake)->starts_on, v + 1, false);
    visit.starts_at = day + "T07:00:00Z";
    visit.ends_at = day + "T11:00:00Z";
    auto made = activities.Create(as_mfa, last_intake_id, visit, {});
    if (!made) return made.error();
    held.push_back(made->front());
  }
  std::bernoulli_distribution came(0.92), excused(0.5);
  for (const auto& a : held) {
    std::vector<participants::AttendanceRecord> marks;
    for (const auto& p : *people) {
      participants::AttendanceRecord r;
      r.participant_id = p.id;
      if (came(rng)) {
        r.status = "present";
      } else if (excused(rng)) {
        r.status = "excused";
        r.reason = "Xəstəlik arayışı";
      } else {
        r.status = "absent";
      }
      marks.push_back(std::move(r));
    }
    if (auto m = activities.Mark(as_mfa, a.id, marks); !m) return m.error();
  }

  // The departments evaluated every rotation; most interns completed and
  // have certificates (the public verification page checks them).
  participants::Evaluations evaluations(db, trail);
  auto rotations = programme.GetPlan(as_mfa_now, last_intake_id);
  if (!rotations) return rotations.error();
  std::uniform_int_distribution<int> score(2, 5);
  for (const auto& row : rotations->rows) {
    for (const auto& cell : row.cells) {
      if (!cell.unit_id) continue;
      std::map<std::string, std::int64_t> scores;
      for (const auto& c : setup.criteria) scores[c] = std::max(score(rng), 3);
      if (auto e = evaluations.Submit(as_mfa_now, row.participant_id, cell.period_id, scores,
                                      "Tapşırıqları vaxtında və keyfiyyətlə yerinə yetirib.");
          !e) {
        return e.error();
      }
    }
  }
  certificates::Signer signer(signing_secret);
  certificates::Service issuing(db, trail, signer);
  certificates::CompletionRules rules;
  rules.min_attendance = 0.75;
  rules.min_evaluation = 3;
  rules.hours = 960;
  if (auto r = issuing.SaveRules(as_mfa_now, last_intake_id, rules); !r) return r.error();
  auto report = issuing.Report(as_mfa_now, last_intake_id);
  if (!report) return report.error();
  std::vector<std::string> done;
  for (const auto& row : *report)
    if (row.meets()) done.push_back(row.participant_id);
  if (auto c = issuing.Confirm(as_mfa_now, last_intake_id, done); !c) return c.error();
  return Ok();
}

}  // namespace cohort::app
