// Issue 7's report benchmark: the funnel and the year-over-year report of
// a programme whose latest intake has N applications (a mega-event's
// 300,000), on SQLite or PostgreSQL.
//   bench_reports prepare DB_URL N   -> prints "intake_id programme_id token"
//   bench_reports time DB_URL INTAKE PROGRAMME ROUNDS
// `prepare` sets up the organisation, programme, intakes and calls through
// the use cases, then fills each intake in bulk with SQL (accounts,
// applications, stage entries, decisions, offers, participants in the
// proportions of a large call) and runs ANALYZE. `time` calls the report
// use cases ROUNDS times and prints the median and the slowest in ms.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "core/clock.h"
#include "db/migrations.h"
#include "domain/accounts/service.h"
#include "domain/audit/trail.h"
#include "domain/organisations/service.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "domain/reports/service.h"
#include "domain/review/service.h"

using namespace cohort;
using nlohmann::json;

namespace {

int Fail(const Error& e) {
  std::cerr << e.message() << "\n";
  return 1;
}

// Fills one intake with n applications: 80 % submitted, 60 % eligible,
// 20 % short-listed (the interview stage), 15 % offered, 10 % accepted,
// 5 % completed. Ids carry `tag` so several intakes can share a database.
Result<void> Fill(db::Database& db, const std::string& tag, const std::string& org, const std::string& intake,
                  const std::string& call, const std::vector<review::Stage>& stages, int n) {
  const std::string review = stages[1].id, interview = stages[2].id, decision = stages[3].id;
  const std::string numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                              std::to_string(n) + ") ";
  const std::string app = "'" + tag + "A' || i";
  const std::vector<std::string> statements = {
      numbers + "INSERT INTO accounts (id, email, name, password_hash, created_at, updated_at) "
                "SELECT '" + tag + "P' || i, '" + tag + "' || i || '@bench.test', 'Applicant ' || i, 'x', "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n",
      numbers + "INSERT INTO applications (id, call_id, organisation_id, applicant_id, state, answers, "
                "eligibility_outcome, screening_decision, created_at, updated_at, submitted_at) "
                "SELECT " + app + ", '" + call + "', '" + org + "', '" + tag + "P' || i, "
                "CASE WHEN i % 10 < 8 THEN 'submitted' ELSE 'draft' END, "
                "'{\"motivation\": \"to serve the games and meet people from every country\"}', "
                "CASE WHEN i % 10 < 6 THEN 'eligible' WHEN i % 10 < 8 THEN 'ineligible' ELSE 'pending' END, "
                "CASE WHEN i % 100 = 5 THEN 'ineligible' END, "
                "'2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', "
                "CASE WHEN i % 10 < 8 THEN '2026-01-02T00:00:00Z' END FROM n",
      numbers + "INSERT INTO stage_entries (stage_id, application_id, organisation_id, entered_at) "
                "SELECT '" + review + "', " + app + ", '" + org + "', '2026-02-01T00:00:00Z' FROM n "
                "WHERE i % 10 < 6 AND i % 100 <> 5",
      numbers + "INSERT INTO stage_entries (stage_id, application_id, organisation_id, entered_at) "
                "SELECT '" + interview + "', " + app + ", '" + org + "', '2026-03-01T00:00:00Z' FROM n "
                "WHERE i % 10 < 2",
      numbers + "INSERT INTO decisions (id, stage_id, intake_id, application_id, organisation_id, state, outcome, "
                "proposed_outcome, created_at, updated_at) "
                "SELECT '" + tag + "D' || i, '" + decision + "', '" + intake + "', " + app + ", '" + org + "', "
                "'published', 'accept', 'accept', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z' FROM n "
                "WHERE i % 10 < 2 AND (i / 10) % 4 <> 3",
      numbers + "INSERT INTO offers (id, decision_id, application_id, intake_id, organisation_id, applicant_id, state, "
                "deadline_at, created_at) "
                "SELECT '" + tag + "O' || i, '" + tag + "D' || i, " + app + ", '" + intake + "', '" + org + "', '" +
                tag + "P' || i, CASE WHEN (i / 10) % 4 < 2 THEN 'accepted' ELSE 'declined' END, "
                "'2026-04-08T00:00:00Z', '2026-04-01T00:00:00Z' FROM n WHERE i % 10 < 2 AND (i / 10) % 4 <> 3",
      numbers + "INSERT INTO participants (id, intake_id, application_id, account_id, organisation_id, state, created_at) "
                "SELECT '" + tag + "T' || i, '" + intake + "', " + app + ", '" + tag + "P' || i, '" + org + "', "
                "CASE WHEN (i / 10) % 4 = 0 THEN 'completed' ELSE 'active' END, '2026-04-09T00:00:00Z' FROM n "
                "WHERE i % 10 < 2 AND (i / 10) % 4 < 2",
  };
  return db.Write([&](db::Tx& tx) -> Result<void> {
    for (const auto& sql : statements) {
      if (auto r = tx.Exec(sql); !r) return r.error();
    }
    return Ok();
  });
}

int Prepare(const std::string& url, int n) {
  auto db = db::Database::Open(url);
  if (!db) return Fail(db.error());
  if (auto m = db::Migrate(**db); !m) return Fail(m.error());
  SystemClock clock;
  audit::Trail trail(std::string(32, 'k'));
  const RequestContext system{Actor{}, "en", "bench", clock};
  auto platform = accounts::CreateAdmin(**db, trail, system, {"platform@bench.test", "P", "a long passphrase", {}});
  if (!platform) return Fail(platform.error());
  auto org = organisations::Service(**db, trail).Create({Actor{platform->id, true, ""}, "en", "bench", clock},
                                                         {"BENCH", "Bench Games", "AZ"});
  if (!org) return Fail(org.error());
  auto admin = accounts::CreateAdmin(**db, trail, system, {"hr@bench.test", "HR", "a long passphrase", org->id});
  if (!admin) return Fail(admin.error());
  const RequestContext as_admin{Actor{admin->id, false, ""}, "en", "bench", clock};
  programmes::Service programmes(**db, trail);
  review::Service selection(**db, trail);
  auto programme = programmes.CreateProgramme(as_admin, org->id, {"Games Volunteers", "GV", ""});
  if (!programme) return Fail(programme.error());
  auto settings = programmes::ParseCallSettings(json::parse(R"({"title": {"en": "Bench"}, "published": true,
      "opens_at_local": "2020-01-01T00:00", "closes_at_local": "2099-01-01T00:00",
      "form": {"fields": [{"key": "motivation", "type": "short_text", "label": {"en": "Why?"}, "required": true}]}})"));
  if (!settings) return Fail(settings.error());
  // Two earlier editions of a tenth of the size, then this year's.
  std::string latest;
  for (int year = 2025; year <= 2027; ++year) {
    const std::string y = std::to_string(year);
    auto intake = programmes.CreateIntake(as_admin, programme->id, {y, y + "-02-01", y + "-07-31", 100, "Asia/Baku", ""});
    if (!intake) return Fail(intake.error());
    auto call = programmes.PutCall(as_admin, intake->id, *settings);
    if (!call) return Fail(call.error());
    auto stages = selection.Stages(as_admin, intake->id);
    if (!stages) return Fail(stages.error());
    if (stages->size() < 4) return std::cerr << "expected the default four stages\n", 1;
    if (auto f = Fill(**db, "Y" + y, org->id, intake->id, call->id, *stages, year == 2027 ? n : n / 10); !f) {
      return Fail(f.error());
    }
    latest = intake->id;
  }
  if (auto a = (*db)->Write([](db::Tx& tx) -> Result<void> {
        if (auto r = tx.Exec("ANALYZE"); !r) return r.error();
        return Ok();
      });
      !a) {
    return Fail(a.error());
  }
  auto token = accounts::CreateApiToken(**db, trail, system, "hr@bench.test", "bench");
  if (!token) return Fail(token.error());
  std::cout << latest << " " << programme->id << " " << *token << "\n";
  return 0;
}

// Median and slowest of `rounds` calls of fn, in ms.
template <class F>
Result<std::pair<double, double>> Time(int rounds, F&& fn) {
  std::vector<double> ms;
  for (int i = 0; i < rounds; ++i) {
    const auto start = std::chrono::steady_clock::now();
    if (auto r = fn(); !r) return r.error();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return std::pair{ms[ms.size() / 2], ms.back()};
}

int TimeReports(const std::string& url, const std::string& intake, const std::string& programme, int rounds) {
  auto db = db::Database::Open(url);
  if (!db) return Fail(db.error());
  SystemClock clock;
  auto admin = (*db)->Read([](db::Tx& tx) -> Result<std::string> {
    auto row = tx.QueryOne("SELECT id FROM accounts WHERE email = 'hr@bench.test'");
    if (!row) return row.error();
    if (!*row) return Error::NotFound("no bench coordinator");
    return (*row)->Text(0);
  });
  if (!admin) return Fail(admin.error());
  const RequestContext ctx{Actor{*admin, false, ""}, "en", "bench", clock};
  reports::Reports reports(**db);
  auto funnel = reports.IntakeFunnel(ctx, intake);
  if (!funnel) return Fail(funnel.error());
  std::cout << "  funnel:";
  for (const auto& s : funnel->steps) std::cout << " " << s.step << "=" << s.count;
  std::cout << "\n";
  auto one = Time(rounds, [&] { return reports.IntakeFunnel(ctx, intake); });
  if (!one) return Fail(one.error());
  auto years = Time(rounds, [&] { return reports.ProgrammeFunnels(ctx, programme); });
  if (!years) return Fail(years.error());
  std::cout << "  intake funnel: median " << one->first << " ms, slowest " << one->second << " ms\n";
  std::cout << "  year over year (3 intakes): median " << years->first << " ms, slowest " << years->second << " ms\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "prepare") return Prepare(args[1], std::stoi(args[2]));
  if (args.size() == 5 && args[0] == "time") return TimeReports(args[1], args[2], args[3], std::stoi(args[4]));
  std::cerr << "usage: bench_reports prepare DB_URL N | time DB_URL INTAKE PROGRAMME ROUNDS\n";
  return 2;
}
