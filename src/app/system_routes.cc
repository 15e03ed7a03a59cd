#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/routes.h"
#include "db/migrations.h"
#include "http/problem.h"

namespace cohort::app {

void RegisterSystemRoutes(http::Router& router, db::Database& db, const Clock& clock, http::Metrics& metrics,
                          const http::Server* const* server, const SystemInfo& info) {
  // Liveness: the process answers. Never touches the database.
  router.Add(http::Method::kGet, "/healthz", [](http::Request&) -> Result<http::Response> {
    auto r = http::Response::Json(200, {{"status", "ok"}});
    return r;
  });

  // Readiness: the database answers now. 503 while it does not; recovers
  // by itself because every call asks afresh.
  router.Add(http::Method::kGet, "/readyz", [&db](http::Request& req) -> Result<http::Response> {
    if (auto ping = db.Ping(); !ping) {
      auto r = http::TransportProblem(req, 503, "unavailable", "the database does not answer");
      r.Header("Retry-After", "1");
      return r;
    }
    return http::Response::Json(200, {{"status", "ready"}});
  });

  router.Add(http::Method::kGet, "/api/v1/status", [&db, &clock, info](http::Request&) -> Result<http::Response> {
    const bool ready = db.Ping().ok();
    auto version = ready ? db::SchemaVersion(db) : Result<int>(0);
    const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(clock.Now() - info.started).count();
    return http::Response::Json(
        200, {{"version", info.version},
              {"database",
               {{"engine", std::string(db::ToString(db.engine()))},
                {"ready", ready},
                {"schema_version", version ? *version : 0}}},
              {"started_at", info.started_at},
              {"uptime_seconds", uptime}});
  });

  router.Add(http::Method::kGet, "/metrics", [&db, &metrics, server](http::Request&) -> Result<http::Response> {
    auto text = metrics.Render([&](std::string& out) {
      const auto s = db.Stats();
      out += "# HELP cohort_db_pool_connections Database connections by state.\n";
      out += "# TYPE cohort_db_pool_connections gauge\n";
      out += fmt::format("cohort_db_pool_connections{{state=\"open\"}} {}\n", s.size);
      out += fmt::format("cohort_db_pool_connections{{state=\"in_use\"}} {}\n", s.in_use);
      out += fmt::format("cohort_db_pool_waiting {}\n", s.waiting);
      out += "# TYPE cohort_db_commits_total counter\n";
      out += fmt::format("cohort_db_commits_total {}\n", s.commits);
      out += "# HELP cohort_db_commit_batches_total Durable commits (fsyncs); commits / batches = group size.\n";
      out += "# TYPE cohort_db_commit_batches_total counter\n";
      out += fmt::format("cohort_db_commit_batches_total {}\n", s.commit_batches);
      if (server && *server) {
        out += "# TYPE cohort_http_workers gauge\n";
        out += fmt::format("cohort_http_workers{{state=\"total\"}} {}\n", (*server)->workers());
        out += fmt::format("cohort_http_workers{{state=\"busy\"}} {}\n", (*server)->busy_workers());
        out += "# TYPE cohort_http_queue_depth gauge\n";
        out += fmt::format("cohort_http_queue_depth {}\n", (*server)->queued());
        out += "# TYPE cohort_http_in_flight gauge\n";
        out += fmt::format("cohort_http_in_flight {}\n", (*server)->in_flight());
      }
    });
    return http::Response::Text(200, std::move(text), "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace cohort::app
