#include "domain/reports/http.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "domain/programmes/form.h"
#include "domain/reports/disclosure.h"
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

json ToJson(const Dimension& d) { return {{"key", d.key}, {"kind", d.kind}, {"label", programmes::TranslatedToJson(d.label)}}; }

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

json Count(const std::optional<std::int64_t>& c) { return c ? json(*c) : json(nullptr); }

json ToJson(const PublicStatistics& p) {
  json years = json::array();
  for (const auto& y : p.years) {
    years.push_back({{"intake_name", y.intake_name},
                     {"starts_on", y.starts_on},
                     {"started", Count(y.started)},
                     {"submitted", Count(y.submitted)},
                     {"accepted", Count(y.accepted)},
                     {"completed", Count(y.completed)}});
  }
  json breakdowns = json::array();
  for (const auto& b : p.breakdowns) {
    json rows = json::array();
    for (const auto& r : b.rows) {
      rows.push_back({{"value", r.value}, {"label", programmes::TranslatedToJson(r.label)}, {"submitted", Count(r.submitted)},
                      {"accepted", Count(r.accepted)}});
    }
    breakdowns.push_back({{"dimension", ToJson(b.dimension)}, {"rows", rows}});
  }
  return {{"programme_id", p.programme_id},
          {"programme_name", p.programme_name},
          {"organisation_name", p.organisation_name},
          {"smallest_cell", kSmallestCell},
          {"years", years},
          {"alumni", Count(p.alumni)},
          {"breakdown_intake", p.breakdown_intake},
          {"breakdowns", breakdowns}};
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

  router.Add(Method::kGet, "/api/v1/intakes/{id}/reports/reviewers", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto format = http::FormatParam(req);
    if (!format) return format.error();
    auto list = reports->Reviewers(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    if (*format != "json") {
      docs::Table t{"reviewers", {"stage", "reviewer", "assigned", "submitted", "in_progress", "not_started", "conflicts"}, {}};
      for (const auto& r : *list) {
        t.rows.push_back({std::to_string(r.stage_position), r.name, std::to_string(r.assigned), std::to_string(r.submitted),
                          std::to_string(r.in_progress), std::to_string(r.not_started), std::to_string(r.conflicts)});
      }
      return http::TableDownload(t, *format, "reviewers");
    }
    json items = json::array();
    for (const auto& r : *list) {
      items.push_back({{"stage_id", r.stage_id},     {"stage_position", r.stage_position}, {"reviewer_id", r.reviewer_id},
                       {"name", r.name},             {"assigned", r.assigned},             {"submitted", r.submitted},
                       {"in_progress", r.in_progress}, {"not_started", r.not_started},     {"conflicts", r.conflicts}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/reports/dashboard", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto format = http::FormatParam(req);
    if (!format) return format.error();
    auto d = reports->Dashboard(*ctx, req.PathParam("id"));
    if (!d) return d.error();
    if (*format != "json") {
      docs::Table t{"members", {"organisation", "country", "submitted", "accepted", "completed"}, {}};
      for (const auto& m : d->members) {
        t.rows.push_back({m.name, m.country, std::to_string(m.submitted), std::to_string(m.accepted),
                          std::to_string(m.completed)});
      }
      return http::TableDownload(t, *format, "network-dashboard");
    }
    json members = json::array();
    for (const auto& m : d->members) {
      members.push_back({{"organisation_id", m.organisation_id}, {"name", m.name}, {"country", m.country},
                         {"submitted", m.submitted}, {"accepted", m.accepted}, {"completed", m.completed}});
    }
    json years = json::array();
    for (const auto& y : d->years) {
      years.push_back({{"year", y.year}, {"submitted", y.submitted}, {"accepted", y.accepted}, {"completed", y.completed}});
    }
    return Response::Json(200, {{"members", members},
                                {"years", years},
                                {"totals", {{"submitted", d->submitted}, {"accepted", d->accepted}, {"completed", d->completed}}}});
  });

  // Public: no sign-in; counts under the smallest cell are null.
  router.Add(Method::kGet, "/api/v1/programmes/{id}/statistics", [&auth, reports](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto p = reports->Public(*ctx, req.PathParam("id"));
    if (!p) return p.error();
    auto r = Response::Json(200, ToJson(*p));
    r.Header("Cache-Control", "public, max-age=300");
    return r;
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
                   t.rows.push_back({r.value, programmes::InLanguage(r.label, req.QueryParam("lang").value_or(ctx->locale)),
                                     std::to_string(r.submitted),
                                     std::to_string(r.eligible), std::to_string(r.offered), std::to_string(r.accepted),
                                     std::to_string(r.completed)});
                 }
                 return http::TableDownload(t, *format, "breakdown-" + b->dimension.key);
               }
               json rows = json::array();
               for (const auto& r : b->rows) {
                 rows.push_back({{"value", r.value},
                                 {"label", programmes::TranslatedToJson(r.label)},
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
