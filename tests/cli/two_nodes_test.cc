// Two `cohort serve` processes on one PostgreSQL database: a session made
// through one is valid on the other, and every outbox message is delivered
// exactly once although both nodes run an outbox worker.
#include <gtest/gtest.h>

#include <thread>

#include "support/http_client.h"
#include "support/pg_cluster.h"
#include "support/process.h"
#include "support/smtp_sink.h"
#include "support/temp_dir.h"

namespace cohort::testing {
namespace {

const std::string kBin = COHORT_BINARY;

TEST(TwoNodes, ShareSessionsAndDeliverEachMessageOnce) {
  if (!PostgresInstalled()) GTEST_SKIP() << "PostgreSQL 15 is not installed";
  PgCluster cluster;
  SmtpSink sink;
  TempDir dir;
  const std::vector<std::string> env = {"COHORT_SMTP_URL=" + sink.Url(), "COHORT_OUTBOX_POLL_MS=10",
                                        "COHORT_SECRET_KEY_FILE=" + dir.File("secret.key"), "COHORT_LOG_LEVEL=warn"};
  const int port_a = FreePort(), port_b = FreePort();
  auto serve = [&](int port, const std::string& log) {
    return std::make_unique<Child>(std::vector<std::string>{kBin, "serve", "--listen",
                                                            "127.0.0.1:" + std::to_string(port), "--db", cluster.Url(),
                                                            "--web-root", ""},
                                   dir.File(log), env);
  };
  auto a = serve(port_a, "a.log");
  auto b = serve(port_b, "b.log");
  ASSERT_TRUE(WaitForHealthy(port_a, std::chrono::seconds(30))) << ReadFile(dir.File("a.log"));
  ASSERT_TRUE(WaitForHealthy(port_b, std::chrono::seconds(30))) << ReadFile(dir.File("b.log"));
  HttpClient node_a(port_a), node_b(port_b);

  constexpr int kAccounts = 40;
  for (int i = 0; i < kAccounts; ++i) {
    auto& node = i % 2 ? node_b : node_a;
    auto r = node.PostJson("/api/v1/accounts", R"({"name": "P)" + std::to_string(i) + R"(", "email": "p)" +
                                                   std::to_string(i) + R"(@example.az", "password": "a long passphrase",
                                                   "consent": true})");
    ASSERT_EQ(r.status, 202) << r.body;
  }
  for (int i = 0; i < kAccounts; ++i) {
    const std::string to = "p" + std::to_string(i) + "@example.az";
    ASSERT_TRUE(sink.WaitFor(to, std::chrono::seconds(30)).has_value()) << to;
  }
  // Give any duplicate a chance to arrive before counting.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (int i = 0; i < kAccounts; ++i) {
    EXPECT_EQ(sink.Count("p" + std::to_string(i) + "@example.az"), 1) << i;
  }

  auto login = node_a.PostJson("/api/v1/session", R"({"email": "p1@example.az", "password": "a long passphrase"})");
  ASSERT_EQ(login.status, 200);
  const auto set = login.Header("set-cookie");
  const std::string cookie = set.substr(0, set.find(';'));
  const auto csrf = login.Json()["csrf_token"].get<std::string>();
  auto me_b = node_b.Get("/api/v1/me", {{"Cookie", cookie}});
  ASSERT_EQ(me_b.status, 200);
  EXPECT_EQ(me_b.Json()["account"]["email"], "p1@example.az");
  EXPECT_EQ(me_b.Json()["csrf_token"], csrf);
  EXPECT_EQ(node_b.Request("DELETE", "/api/v1/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status, 204);
  EXPECT_EQ(node_a.Get("/api/v1/me", {{"Cookie", cookie}}).status, 401);
}

}  // namespace
}  // namespace cohort::testing
