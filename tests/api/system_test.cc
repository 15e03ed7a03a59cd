#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "db/migrations.h"

namespace cohort::testing {
namespace {

class System : public ApiTest {};

TEST_P(System, HealthzAnswersOk) {
  auto r = client().Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json(), nlohmann::json({{"status", "ok"}}));
}

TEST_P(System, ReadyzAnswersReadyWhenTheDatabaseAnswers) {
  auto r = client().Get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["status"], "ready");
}

TEST_P(System, StatusNamesVersionEngineAndSchema) {
  auto r = client().Get("/api/v1/status");
  ASSERT_EQ(r.status, 200);
  auto doc = r.Json();
  EXPECT_EQ(doc["version"], COHORT_VERSION);
  EXPECT_EQ(doc["database"]["engine"], GetParam() == db::Engine::kSqlite ? "sqlite" : "postgresql");
  EXPECT_EQ(doc["database"]["ready"], true);
  EXPECT_EQ(doc["database"]["schema_version"], db::LatestSchemaVersion());
  EXPECT_EQ(doc["started_at"], "2026-11-22T09:01:08.123Z");
  EXPECT_EQ(doc["uptime_seconds"], 0);
}

TEST_P(System, EveryResponseCarriesTheSecurityHeaders) {
  for (const char* path : {"/healthz", "/api/v1/nothing", "/", "/assets/app-3f2a1b.js"}) {
    auto r = client().Get(path);
    const auto csp = r.Header("content-security-policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff") << path;
    EXPECT_EQ(r.Header("referrer-policy"), "same-origin") << path;
    EXPECT_EQ(r.Header("x-frame-options"), "DENY") << path;
    EXPECT_EQ(r.Header("x-request-id").size(), 26u) << path;
  }
}

TEST_P(System, AWellFormedIncomingRequestIdIsKept) {
  auto r = client().Get("/healthz", {{"X-Request-Id", "lb-42.abc"}});
  EXPECT_EQ(r.Header("x-request-id"), "lb-42.abc");
  auto bad = client().Get("/healthz", {{"X-Request-Id", "<script>"}});
  EXPECT_EQ(bad.Header("x-request-id").size(), 26u);
}

TEST_P(System, UnknownApiPathIsAProblemDocumentInTheRequestLanguage) {
  auto r = client().Get("/api/v1/nothing", {{"Accept-Language", "ru"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  auto doc = r.Json();
  EXPECT_EQ(doc["type"], "urn:cohort:problem:not_found");
  EXPECT_EQ(doc["title"], "Не найдено");
  EXPECT_EQ(doc["status"], 404);
  EXPECT_EQ(doc["instance"], "/api/v1/nothing");
  EXPECT_EQ(doc["request_id"], r.Header("x-request-id"));
}

TEST_P(System, WrongMethodIs405WithAllow) {
  auto r = client().Request("DELETE", "/healthz");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("allow"), "GET, HEAD");
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Json()["title"], "Bu metod icazəli deyil");  // Azerbaijani by default
}

TEST_P(System, HeadAnswersWithoutABody) {
  auto r = client().Request("HEAD", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-length"), "15");
  EXPECT_TRUE(r.body.empty());
}

TEST_P(System, MetricsCountRequestsPerRouteAndShowPools) {
  ASSERT_EQ(client().Get("/healthz").status, 200);
  ASSERT_EQ(client().Get("/healthz").status, 200);
  auto r = client().Get("/metrics");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.Header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(r.body.find("cohort_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2\n"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("cohort_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 2\n"),
            std::string::npos);
  EXPECT_NE(r.body.find("cohort_db_pool_connections{state=\"open\"}"), std::string::npos);
  EXPECT_NE(r.body.find("cohort_http_workers{state=\"total\"} 4\n"), std::string::npos);
}

TEST_P(System, HashedAssetsAreImmutableAndTheIndexIsNotCached) {
  auto asset = client().Get("/assets/app-3f2a1b.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(asset.Header("content-type"), "text/javascript; charset=utf-8");
  auto index = client().Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  EXPECT_EQ(index.Header("content-type"), "text/html; charset=utf-8");
}

TEST_P(System, ClientRoutesFallBackToTheIndexButApiPathsAndAssetsNever) {
  auto client_route = client().Get("/calls/2026/diplomacy");
  EXPECT_EQ(client_route.status, 200);
  EXPECT_EQ(client_route.body, "<!doctype html><title>Cohort</title>");
  EXPECT_EQ(client_route.Header("cache-control"), "no-cache");
  EXPECT_EQ(client().Get("/api/v1/calls/unknown").status, 404);
  EXPECT_EQ(client().Get("/api/v1/calls/unknown").Header("content-type"), "application/problem+json");
  EXPECT_EQ(client().Get("/assets/missing-123.js").status, 404);
  EXPECT_EQ(client().Get("/robots.txt").status, 404);
}

TEST_P(System, PathTraversalIsRefused) {
  // Relative climbs, and absolute paths that would replace the web root.
  for (const char* path : {"/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/%2Fetc/passwd", "//proc/self/environ",
                           "/assets/../../../../etc/passwd", "/./index.html/../../etc/passwd"}) {
    auto r = client().Get(path);
    EXPECT_NE(r.status, 200) << path;
    EXPECT_EQ(r.body.find("root:"), std::string::npos) << path;
    EXPECT_EQ(r.body.find("PATH="), std::string::npos) << path;
  }
  // The key and the database beside the web root stay out of reach.
  WriteFile(web_->File("../secret-beside-root.txt"), "top secret");
  EXPECT_EQ(client().Get("/../secret-beside-root.txt").body.find("top secret"), std::string::npos);
  EXPECT_EQ(client().Get("/%2e%2e/secret-beside-root.txt").body.find("top secret"), std::string::npos);
}

COHORT_API_ON_BOTH_ENGINES(System);

}  // namespace
}  // namespace cohort::testing
