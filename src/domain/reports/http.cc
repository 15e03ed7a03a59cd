#include "domain/reports/http.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "domain/reports/service.h"
#include "http/download.h"

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

json ToJson(const Dimension& d) { return {{"key", d.key}, {"kind", d.kind}, {"label", Labels(d.label)}}; }

std::string Conversion(const std::optional<double>& c) {
  if (!c) return "";
  char out[16];
  std::snprintf(out, sizeof out, "%.4f", *c);
  return out;
}

// One row per intake and step: the same table for one intake and for a programme's years.
docs::Table FunnelTable(const std::vector<Funnel>& funnels) {
  docs::Table t{"funnel", {"intake", "starts_on", "step", "count", "conversion"}, {}};
  for (const auto& f : funnels) {
    for (const auto& s : f.steps) {
      t.rows.push_back({f.intake_name, f.starts_on, s.step, std::to_string(s.count), Conversion(s.conversion)});
    }
  }
  return t;
}

// The label of a row or dimension in the reader's language, else English, else any.
std::string InLanguage(const std::map<std::string, std::string>& t, const std::string& locale) {
  for (const auto& lang : {locale, std::string("en")}) {
    if (auto it = t.find(lang); it != t.end()) return it->second;
  }
  return t.empty() ? "" : t.begin()->second;
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth) {
  auto reports = std::make_shared<Reports>(db);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/reports/funnel", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto format = http::FormatParam(req);
    if (!format) return format.error();
    auto f = reports->IntakeFunnel(*ctx, req.PathParam("id"));
    if (!f) return f.error();
    if (*format != "json") return http::TableDownload(FunnelTable({*f}), *format, "funnel-" + f->intake_name);
    return Response::Json(200, ToJson(*f));
  });

  router.Add(Method::kGet, "/api/v1/programmes/{id}/reports/funnel", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto format = http::FormatParam(req);
    if (!format) return format.error();
    auto list = reports->ProgrammeFunnels(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    if (*format != "json") return http::TableDownload(FunnelTable(*list), *format, "funnel-by-year");
    json items = json::array();
    for (const auto& f : *list) items.push_back(ToJson(f));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/reports/breakdowns", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = reports->Dimensions(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& d : *list) items.push_back(ToJson(d));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/reports/breakdowns/{dimension}",
             [&auth, reports](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto format = http::FormatParam(req);
               if (!format) return format.error();
               auto b = reports->BreakdownBy(*ctx, req.PathParam("id"), req.PathParam("dimension"));
               if (!b) return b.error();
               if (*format != "json") {
                 docs::Table t{b->dimension.key,
                               {b->dimension.key, "label", "submitted", "eligible", "offered", "accepted", "completed"},
                               {}};
                 for (const auto& r : b->rows) {
                   t.rows.push_back({r.value, InLanguage(r.label, ctx->locale), std::to_string(r.submitted),
                                     std::to_string(r.eligible), std::to_string(r.offered), std::to_string(r.accepted),
                                     std::to_string(r.completed)});
                 }
                 return http::TableDownload(t, *format, "breakdown-" + b->dimension.key);
               }
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
