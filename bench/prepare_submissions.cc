// Prepares a submission benchmark: loads the demo into an empty database,
// then adds N applicants with complete drafts to the demo's open Diplomacy
// Volunteers call, each with an API token, through the real use cases.
// Writes one line "application_id token" per draft to OUT.
//   bench_prepare_submissions DB_URL N OUT
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/demo.h"
#include "core/clock.h"
#include "core/time_format.h"
#include "db/migrations.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/audit/trail.h"

using namespace cohort;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_prepare_submissions DB_URL N OUT\n";
    return 2;
  }
  const int n = std::stoi(argv[2]);
  auto db = db::Database::Open(argv[1]);
  if (!db) return std::cerr << db.error().message() << "\n", 1;
  if (auto m = db::Migrate(**db); !m) return std::cerr << m.error().message() << "\n", 1;
  SystemClock clock;
  audit::Trail trail(std::string(32, 'k'));
  auto logins = app::LoadDemo(**db, trail, clock, std::string(32, 'k'));
  if (!logins) return std::cerr << logins.error().message() << "\n", 1;
  // The demo's draft of this year's call tells which call and what a
  // complete answer looks like.
  auto sample = (*db)->Read([](db::Tx& tx) {
    return tx.QueryOne("SELECT call_id, answers FROM applications WHERE state = 'draft' LIMIT 1");
  });
  if (!sample || !*sample) return std::cerr << "no demo draft\n", 1;
  const std::string call_id = (*sample)->Text(0);
  const auto answers = nlohmann::json::parse((*sample)->Text(1));

  const RequestContext system{Actor{}, "az", "bench", clock};
  std::vector<accounts::NewApplicant> people;
  for (int i = 0; i < n; ++i) people.push_back({"bench" + std::to_string(i) + "@example.az", "Bench Applicant", "az"});
  auto accounts = accounts::CreateApplicants(**db, trail, system, people, "a long passphrase");
  if (!accounts) return std::cerr << accounts.error().message() << "\n", 1;

  applications::Service service(**db, trail);
  std::vector<std::string> lines(static_cast<std::size_t>(n));
  std::mutex mu;
  std::string failure;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < n; i += 8) {
        const auto& account = (*accounts)[static_cast<std::size_t>(i)];
        auto token = accounts::CreateApiToken(**db, trail, system, account.email, "bench");
        const RequestContext ctx{Actor{account.id, false, ""}, "az", "bench", clock};
        auto draft = service.Start(ctx, call_id);
        if (!token || !draft) {
          std::lock_guard lock(mu);
          failure = !token ? token.error().message() : draft.error().message();
          return;
        }
        auto saved = service.Autosave(ctx, draft->application.id, answers, draft->application.version);
        if (!saved) {
          std::lock_guard lock(mu);
          failure = saved.error().message();
          return;
        }
        lines[static_cast<std::size_t>(i)] = draft->application.id + " " + *token;
      }
    });
  }
  for (auto& t : threads) t.join();
  if (!failure.empty()) return std::cerr << failure << "\n", 1;
  // An applicant submitting has just been autosaving: their session (here
  // their token) was used a moment ago, so the portal does not record the
  // use again during the benchmark (it does so at most once a minute).
  auto touched = (*db)->Write([&](db::Tx& tx) {
    return tx.Exec("UPDATE api_tokens SET last_used_at = :now", {db::P("now", FormatUtc(clock.Now()))});
  });
  if (!touched) return std::cerr << touched.error().message() << "\n", 1;
  std::ofstream out(argv[3]);
  for (const auto& l : lines) out << l << "\n";
  std::cout << "prepared " << n << " drafts\n";
  return 0;
}
