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

json Labels(const std::map<std::string, std::string>& t) {
  json out = json::object();
  for (const auto& [lang, text] : t) out[lang] = text;
  return out;
}

json ToJson(const Dimension& d) {
  return {{"key", d.key}, {"kind", d.kind}, {"label", Labels(d.label)}};
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

  router.Add(Method::kGet, "/api/v1/intakes/{id}/breakdowns", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = reports->Dimensions(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& d : *list) items.push_back(ToJson(d));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/breakdowns/{dimension}", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto b = reports->BreakdownBy(*ctx, req.PathParam("id"), req.PathParam("dimension"));
    if (!b) return b.error();
    json rows = json::array();
    for (const auto& r : b->rows) {
      rows.push_back({{"value", r.value},
                      {"label", Labels(r.label)},
                      {"submitted", r.submitted},
                      {"eligible", r.eligible},
                      {"offered", r.offered},
                      {"accepted", r.accepted},
                      {"completed", r.completed}});
    }
    return Response::Json(200, {{"dimension", ToJson(b->dimension)}, {"rows", rows}});
  });
}

}  // namespace cohort::reports
