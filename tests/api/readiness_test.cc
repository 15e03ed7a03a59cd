// /readyz follows the database: 503 while PostgreSQL is down, 200 again
// once it is back, without restarting the portal.
#include <gtest/gtest.h>

#include <thread>

#include "app/portal.h"
#include "support/http_client.h"
#include "support/pg_cluster.h"

namespace cohort::testing {
namespace {

int PollReadyz(HttpClient& c, int want, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int last = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    last = c.Get("/readyz").status;
    if (last == want) return last;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return last;
}

TEST(Readiness, ReadyzIs503WhilePostgresIsDownAndRecoversByItself) {
  if (!PostgresInstalled()) GTEST_SKIP() << "PostgreSQL 15 is not installed";
  PgCluster cluster;
  Config config;
  config.listen = "127.0.0.1:0";
  config.db = cluster.Url();
  config.web_root = "";
  ASSERT_TRUE(config.Validate().ok());
  FakeClock clock{TimePoint{}};
  auto portal = app::Portal::Start(config, clock);
  ASSERT_TRUE(portal.ok()) << portal.error().message();
  HttpClient c((*portal)->port());
  EXPECT_EQ(c.Get("/readyz").status, 200);

  cluster.Stop();
  auto down = c.Get("/readyz");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.Header("content-type"), "application/problem+json");
  EXPECT_EQ(down.Header("retry-after"), "1");
  EXPECT_EQ(c.Get("/healthz").status, 200);  // the process itself is fine
  auto status = c.Get("/api/v1/status");
  EXPECT_EQ(status.status, 200);
  EXPECT_EQ(status.Json()["database"]["ready"], false);

  cluster.Start();
  EXPECT_EQ(PollReadyz(c, 200, std::chrono::seconds(30)), 200);
  EXPECT_EQ(c.Get("/api/v1/organisations").status, 200);
  (*portal)->Stop(std::chrono::seconds(1));
}

}  // namespace
}  // namespace cohort::testing
