// Crash safety: `cohort serve` is killed with SIGKILL while clients are
// writing. Every write it acknowledged must survive, and the database must
// pass its integrity check. Repeated over several kill/restart rounds.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "db/database.h"
#include "support/http_client.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace cohort::testing {
namespace {

const std::string kBin = COHORT_BINARY;

TEST(CrashSafety, EveryAcknowledgedWriteSurvivesSigkill) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("cohort.db");
  WriteFile(dir.File("pw"), "a long passphrase\n");
  ASSERT_EQ(RunProcess({kBin, "admin", "create", "--db", db, "--email", "root@cohort.test", "--password-file", dir.File("pw")})
                .exit_code,
            0);
  auto token = RunProcess({kBin, "token", "create", "--db", db, "--email", "root@cohort.test"});
  ASSERT_EQ(token.exit_code, 0);
  const std::string bearer = "Bearer " + token.out.substr(0, token.out.find('\n'));

  std::set<std::string> acknowledged;
  std::mutex mu;
  constexpr int kRounds = 3, kClients = 8, kKillAfter = 300;
  for (int round = 0; round < kRounds; ++round) {
    const int port = FreePort();
    Child server({kBin, "serve", "--listen", "127.0.0.1:" + std::to_string(port), "--db", db, "--web-root", ""},
                 dir.File("serve" + std::to_string(round) + ".log"));
    ASSERT_TRUE(WaitForHealthy(port, std::chrono::seconds(20)));
    std::atomic<int> acked_this_round{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        HttpClient client(port);
        for (int n = 0; !stop && n < 100000; ++n) {
          const std::string slug = "R" + std::to_string(round) + "-" + std::to_string(c) + "-" + std::to_string(n);
          try {
            auto r = client.PostJson("/api/v1/organisations", R"({"slug": ")" + slug + R"(", "name": "Crash )" + slug + "\"}",
                                     {{"Authorization", bearer}});
            if (r.status == 201) {
              std::lock_guard lock(mu);
              acknowledged.insert(slug);
              ++acked_this_round;
            }
          } catch (const std::exception&) {
            return;  // the server is gone
          }
        }
      });
    }
    // Kill in the middle of the load, once enough writes were acknowledged.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acked_this_round < kKillAfter && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    server.Signal(SIGKILL);
    ASSERT_TRUE(server.Wait(std::chrono::seconds(10)).has_value());
    stop = true;
    for (auto& t : clients) t.join();
    ASSERT_GE(acked_this_round.load(), kKillAfter) << "round " << round;
  }

  auto database = db::Database::Open(db);
  ASSERT_TRUE(database.ok()) << database.error().message();
  auto rows = (*database)->Read([](db::Tx& tx) { return tx.Query("SELECT slug FROM organisations"); });
  ASSERT_TRUE(rows.ok());
  std::set<std::string> stored;
  for (const auto& r : *rows) stored.insert(r.Text(0));
  std::vector<std::string> lost;
  for (const auto& slug : acknowledged) {
    if (!stored.contains(slug)) lost.push_back(slug);
  }
  EXPECT_TRUE(lost.empty()) << lost.size() << " acknowledged writes lost, e.g. " << lost.front();
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(kRounds * kKillAfter));
  auto check = (*database)->Read([](db::Tx& tx) { return tx.QueryOne("PRAGMA integrity_check"); });
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)->Text(0), "ok");
}

// The same for submissions: applicants of the demo submit their drafts
// while the server is killed; every submission it acknowledged is there
// afterwards, with the reference it was given.
TEST(CrashSafety, EveryAcknowledgedSubmissionSurvivesSigkill) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("cohort.db");
  ASSERT_EQ(RunProcess({kBin, "demo", "--db", db}).exit_code, 0);
  std::vector<std::pair<std::string, std::string>> drafts;  // application id, bearer
  {
    auto database = db::Database::Open(db);
    ASSERT_TRUE(database.ok());
    auto rows = (*database)->Read([](db::Tx& tx) {
      return tx.Query("SELECT a.id, p.email FROM applications a JOIN accounts p ON p.id = a.applicant_id "
                      "WHERE a.state = 'draft' ORDER BY a.id LIMIT 150");
    });
    ASSERT_TRUE(rows.ok());
    for (const auto& r : *rows) {
      auto token = RunProcess({kBin, "token", "create", "--db", db, "--email", r.Text(1)});
      ASSERT_EQ(token.exit_code, 0) << token.err;
      drafts.emplace_back(r.Text(0), "Bearer " + token.out.substr(0, token.out.find('\n')));
    }
  }
  ASSERT_EQ(drafts.size(), 150u);

  std::map<std::string, std::string> acknowledged;  // application id -> reference
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  constexpr int kRounds = 3, kClients = 8, kKillAfter = 25;
  for (int round = 0; round < kRounds; ++round) {
    const int port = FreePort();
    Child server({kBin, "serve", "--listen", "127.0.0.1:" + std::to_string(port), "--db", db, "--web-root", ""},
                 dir.File("submit" + std::to_string(round) + ".log"));
    ASSERT_TRUE(WaitForHealthy(port, std::chrono::seconds(20)));
    std::atomic<int> acked_this_round{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&] {
        HttpClient client(port);
        // Submissions go on until the kill, but a busy machine that is slow to
        // kill must not use up the drafts of the rounds to come: each round
        // uses at most kKillAfter + 2 * kClients acknowledged drafts and kClients in flight (3 × 49 < 150).
        while (!stop && acked_this_round < kKillAfter + 2 * kClients) {
          const std::size_t i = next++;
          if (i >= drafts.size()) return;
          try {
            auto r = client.PostJson("/api/v1/applications/" + drafts[i].first + "/submit", "",
                                     {{"Authorization", drafts[i].second}});
            if (r.status == 200) {
              std::lock_guard lock(mu);
              acknowledged[drafts[i].first] = r.Json()["reference"];
              ++acked_this_round;
            }
          } catch (const std::exception&) {
            return;  // the server is gone
          }
        }
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (acked_this_round < kKillAfter && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    server.Signal(SIGKILL);
    ASSERT_TRUE(server.Wait(std::chrono::seconds(10)).has_value());
    stop = true;
    for (auto& t : clients) t.join();
    ASSERT_GE(acked_this_round.load(), kKillAfter) << "round " << round;
  }

  auto database = db::Database::Open(db);
  ASSERT_TRUE(database.ok());
  auto rows = (*database)->Read([](db::Tx& tx) {
    return tx.Query("SELECT id, state, reference FROM applications WHERE reference IS NOT NULL");
  });
  ASSERT_TRUE(rows.ok());
  std::map<std::string, std::pair<std::string, std::string>> stored;
  std::set<std::string> references;
  for (const auto& r : *rows) {
    stored[r.Text(0)] = {r.Text(1), r.Text(2)};
    EXPECT_TRUE(references.insert(r.Text(2)).second) << "reference given twice: " << r.Text(2);
  }
  int lost = 0;
  for (const auto& [id, reference] : acknowledged) {
    auto it = stored.find(id);
    if (it == stored.end() || it->second.first != "submitted" || it->second.second != reference) ++lost;
  }
  EXPECT_EQ(lost, 0) << "of " << acknowledged.size() << " acknowledged submissions";
  EXPECT_GE(acknowledged.size(), static_cast<std::size_t>(kRounds * kKillAfter));
  auto check = (*database)->Read([](db::Tx& tx) { return tx.QueryOne("PRAGMA integrity_check"); });
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)->Text(0), "ok");
}

}  // namespace
}  // namespace cohort::testing
