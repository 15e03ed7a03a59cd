#include "domain/reports/http.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "domain/reports/service.h"

namespace cohort::reports {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Funnel& f) {
  json steps = json::array();
  for (const auto& s : f.steps) {
    steps.push_back({{"step", s.step},
                     {"count", s.count},
                     {"conversion", s.conversion ? json(*s.conversion) : json(nullptr)}});
  }
  return {{"intake_id", f.intake_id}, {"intake_name", f.intake_name}, {"starts_on", f.starts_on}, {"steps", steps}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth) {
  auto reports = std::make_shared<Reports>(db);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/funnel", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto f = reports->IntakeFunnel(*ctx, req.PathParam("id"));
    if (!f) return f.error();
    return Response::Json(200, ToJson(*f));
  });

  router.Add(Method::kGet, "/api/v1/programmes/{id}/funnel", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = reports->ProgrammeFunnels(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& f : *list) items.push_back(ToJson(f));
    return Response::Json(200, {{"items", items}});
  });
}

}  // namespace cohort::reports
