// Prepares the ranking-page benchmark: an intake of N submitted
// applications in a review stage, each reviewed by 3 of 12 reviewers with
// every review submitted, all through the real use cases. Prints one line:
// "intake_id stage_id token" (a coordinator's API token).
//   bench_prepare_ranking DB_URL N
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "core/clock.h"
#include "db/migrations.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/audit/trail.h"
#include "domain/organisations/service.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "domain/review/service.h"

using namespace cohort;
using nlohmann::json;

namespace {

int Fail(const Error& e) {
  std::cerr << e.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_prepare_ranking DB_URL N\n";
    return 2;
  }
  const int n = std::stoi(argv[2]);
  auto db = db::Database::Open(argv[1]);
  if (!db) return Fail(db.error());
  if (auto m = db::Migrate(**db); !m) return Fail(m.error());
  SystemClock clock;
  audit::Trail trail(std::string(32, 'k'));
  const RequestContext system{Actor{}, "en", "bench", clock};
  auto platform = accounts::CreateAdmin(**db, trail, system, {"platform@bench.test", "P", "a long passphrase", {}});
  if (!platform) return Fail(platform.error());
  auto org = organisations::Service(**db, trail).Create({Actor{platform->id, true, ""}, "en", "bench", clock},
                                                         {"BENCH", "Bench Ministry", "AZ"});
  if (!org) return Fail(org.error());
  auto admin = accounts::CreateAdmin(**db, trail, system, {"hr@bench.test", "HR", "a long passphrase", org->id});
  if (!admin) return Fail(admin.error());
  const RequestContext as_admin{Actor{admin->id, false, ""}, "en", "bench", clock};
  programmes::Service programmes(**db, trail);
  auto programme = programmes.CreateProgramme(as_admin, org->id, {"Bench Volunteers", "BV", ""});
  if (!programme) return Fail(programme.error());
  auto intake = programmes.CreateIntake(as_admin, programme->id, {"2027", "2027-02-01", "2027-07-31", 100, "Asia/Baku", ""});
  if (!intake) return Fail(intake.error());
  auto settings = programmes::ParseCallSettings(json::parse(R"({"title": {"en": "Bench"}, "published": true,
      "opens_at_local": "2020-01-01T00:00", "closes_at_local": "2099-01-01T00:00",
      "form": {"fields": [{"key": "motivation", "type": "short_text", "label": {"en": "Why?"}, "required": true}]}})"));
  if (!settings) return Fail(settings.error());
  auto call = programmes.PutCall(as_admin, intake->id, *settings);
  if (!call) return Fail(call.error());

  std::vector<accounts::NewApplicant> people;
  for (int i = 0; i < n; ++i) people.push_back({"a" + std::to_string(i) + "@bench.test", "Applicant " + std::to_string(i), "en"});
  auto applicants = accounts::CreateApplicants(**db, trail, system, people, "a long passphrase");
  if (!applicants) return Fail(applicants.error());
  applications::Service apps(**db, trail);
  std::mutex mu;
  std::string failure;
  auto parallel = [&](int count, const std::function<Result<void>(int)>& job) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = t; i < count; i += 8) {
          if (auto r = job(i); !r) {
            std::lock_guard lock(mu);
            failure = r.error().message();
            return;
          }
        }
      });
    }
    for (auto& t : threads) t.join();
  };
  parallel(n, [&](int i) -> Result<void> {
    const RequestContext as{Actor{(*applicants)[static_cast<std::size_t>(i)].id, false, ""}, "en", "bench", clock};
    auto a = apps.Start(as, call->id);
    if (!a) return a.error();
    if (auto s = apps.Autosave(as, a->application.id, {{"motivation", "to serve"}}, 1); !s) return s.error();
    auto s = apps.Submit(as, a->application.id);
    if (!s) return s.error();
    return Ok();
  });
  if (!failure.empty()) return std::cerr << failure << "\n", 1;

  review::Service selection(**db, trail);
  auto stages = selection.Stages(as_admin, intake->id);
  if (!stages) return Fail(stages.error());
  const review::Stage& stage = (*stages)[1];
  auto updated = selection.UpdateStage(as_admin, stage.id, json::parse(R"({"reviewers_per_application": 3, "calibrate": true,
      "rubric": [{"key": "motivation", "label": {"en": "Motivation"}, "weight": 2},
                 {"key": "worldview", "label": {"en": "Worldview"}, "weight": 1}]})"), stage.version);
  if (!updated) return Fail(updated.error());
  std::vector<std::string> reviewers;
  for (int r = 0; r < 12; ++r) {
    auto acc = accounts::CreateAdmin(**db, trail, system, {"r" + std::to_string(r) + "@bench.test", "Reviewer " + std::to_string(r),
                                                           "a long passphrase", org->id});
    if (!acc) return Fail(acc.error());
    review::StageReviewer sr;
    sr.account_id = acc->id;
    if (auto p = selection.PutReviewer(as_admin, stage.id, sr); !p) return Fail(p.error());
    reviewers.push_back(acc->id);
  }
  if (auto a = selection.Admit(as_admin, stage.id); !a) return Fail(a.error());
  if (auto a = selection.AssignAutomatically(as_admin, stage.id); !a) return Fail(a.error());
  parallel(static_cast<int>(reviewers.size()), [&](int r) -> Result<void> {
    const RequestContext as{Actor{reviewers[static_cast<std::size_t>(r)], false, ""}, "en", "bench", clock};
    auto queue = selection.MyReviews(as, "assigned");
    if (!queue) return queue.error();
    std::mt19937 rng(static_cast<unsigned>(r));
    std::uniform_int_distribution<int> score(0, 10);
    for (const auto& row : *queue) {
      auto saved = selection.SaveReview(as, row.review.id, {{"motivation", score(rng)}, {"worldview", score(rng)}}, "", "",
                                        row.review.version);
      if (!saved) return saved.error();
      if (auto s = selection.SubmitReview(as, row.review.id); !s) return s.error();
    }
    return Ok();
  });
  if (!failure.empty()) return std::cerr << failure << "\n", 1;
  auto token = accounts::CreateApiToken(**db, trail, system, "hr@bench.test", "bench");
  if (!token) return Fail(token.error());
  std::cout << intake->id << " " << stage.id << " " << *token << "\n";
  return 0;
}
