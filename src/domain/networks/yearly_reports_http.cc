// Routes of members' yearly reports (docs/api/networks.md "Yearly reports").
#include <memory>

#include <nlohmann/json.hpp>

#include "domain/networks/http.h"
#include "domain/networks/yearly_reports.h"
#include "http/json_body.h"

namespace cohort::networks {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const ReportForm& f) {
  json out = f.settings;
  out["network_id"] = f.network_id;
  out["year"] = f.year;
  out["due_on"] = f.due_on;
  out["set_by_organisation_id"] = f.set_by_organisation_id.empty() ? json(nullptr) : json(f.set_by_organisation_id);
  out["updated_at"] = f.updated_at;
  return out;
}

json ToJson(const YearlyReport& r, bool with_answers) {
  json out = {{"network_id", r.network_id},
              {"year", r.year},
              {"organisation_id", r.organisation_id},
              {"organisation_name", r.organisation_name},
              {"state", r.state},
              {"updated_at", r.updated_at.empty() ? json(nullptr) : json(r.updated_at)},
              {"submitted_at", r.submitted_at.empty() ? json(nullptr) : json(r.submitted_at)}};
  if (with_answers) out["answers"] = r.answers;
  return out;
}

}  // namespace

void RegisterYearlyReportRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                                const accounts::Authenticator& auth) {
  auto reports = std::make_shared<YearlyReports>(db, trail);

  router.Add(Method::kPut, "/api/v1/networks/{id}/report-forms/{year}", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto year = YearParam(req);
    if (!year) return year.error();
    auto body = http::StrictJsonObjectBody(req, {"title", "description", "form", "due_on"});
    if (!body) return body.error();
    auto form = reports->SetForm(*ctx, req.PathParam("id"), *year, *body);
    if (!form) return form.error();
    return Response::Json(200, ToJson(*form));
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/report-forms/{year}", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto year = YearParam(req);
    if (!year) return year.error();
    auto form = reports->Form(*ctx, req.PathParam("id"), *year);
    if (!form) return form.error();
    return Response::Json(200, ToJson(*form));
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/yearly-reports/{year}", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto year = YearParam(req);
    if (!year) return year.error();
    auto list = reports->List(*ctx, req.PathParam("id"), *year);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& r : list->reports) items.push_back(ToJson(r, false));
    return Response::Json(200, {{"form", list->form ? ToJson(*list->form) : json(nullptr)}, {"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}",
             [&auth, reports](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto year = YearParam(req);
               if (!year) return year.error();
               auto r = reports->Get(*ctx, req.PathParam("id"), *year, req.PathParam("organisation"));
               if (!r) return r.error();
               return Response::Json(200, ToJson(*r, true));
             });

  router.Add(Method::kPatch, "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}",
             [&auth, reports](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto year = YearParam(req);
               if (!year) return year.error();
               auto body = http::StrictJsonObjectBody(req, {"answers"});
               if (!body) return body.error();
               auto r = reports->SaveDraft(*ctx, req.PathParam("id"), *year, req.PathParam("organisation"),
                                           body->value("answers", json::object()));
               if (!r) return r.error();
               return Response::Json(200, ToJson(*r, true));
             });

  router.Add(Method::kPost, "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}/submit",
             [&auth, reports](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto year = YearParam(req);
               if (!year) return year.error();
               auto r = reports->Submit(*ctx, req.PathParam("id"), *year, req.PathParam("organisation"));
               if (!r) return r.error();
               return Response::Json(200, ToJson(*r, true));
             });
}

}  // namespace cohort::networks
