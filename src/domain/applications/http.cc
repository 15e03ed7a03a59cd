#include "domain/applications/http.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "domain/applications/service.h"
#include "domain/applications/workflow.h"
#include "domain/programmes/eligibility.h"
#include "http/json_body.h"

namespace cohort::applications {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json CallJson(const programmes::Call& c, const std::string& locale, const std::string& now) {
  return {{"id", c.id},
          {"title", programmes::InLanguage(c.settings.title, locale)},
          {"closes_at", Opt(c.closes_at)},
          {"time_zone", c.settings.time_zone},
          {"state", programmes::CallState(c, now)}};
}

json ToJson(const ApplicationView& v, const std::string& locale, const std::string& now) {
  const Application& a = v.application;
  json rules = json::array();
  for (const auto& r : a.eligibility) {
    rules.push_back({{"id", r.id}, {"passed", r.passed}, {"knock_out", r.knock_out},
                     {"reason", programmes::Reason(r, locale)}});
  }
  json timeline = json::array();
  for (const auto& t : a.timeline) timeline.push_back({{"at", t.at}, {"event", t.event}, {"note", t.note}});
  return {{"id", a.id},
          {"call_id", a.call_id},
          {"applicant", a.applicant_id},
          {"state", a.state},
          {"answers", a.answers},
          {"version", a.version},
          {"reference", Opt(a.reference)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"submitted_at", Opt(a.submitted_at)},
          {"withdrawn_at", Opt(a.withdrawn_at)},
          {"eligibility", {{"outcome", a.eligibility_outcome}, {"rules", rules}}},
          {"timeline", timeline},
          {"actions", ActionsFrom(a.state)},
          {"call", CallJson(v.call, locale, now)}};
}

json SummaryJson(const ApplicationView& v, const std::string& locale, const std::string& now) {
  const Application& a = v.application;
  return {{"id", a.id},
          {"call_id", a.call_id},
          {"state", a.state},
          {"reference", Opt(a.reference)},
          {"updated_at", a.updated_at},
          {"submitted_at", Opt(a.submitted_at)},
          {"call", CallJson(v.call, locale, now)}};
}

json RowJson(const StaffRow& r) {
  return {{"id", r.id},
          {"reference", Opt(r.reference)},
          {"state", r.state},
          {"eligibility", r.eligibility_outcome},
          {"applicant", {{"id", r.applicant_id}, {"name", r.applicant_name}, {"email", r.applicant_email}}},
          {"submitted_at", Opt(r.submitted_at)},
          {"updated_at", r.updated_at}};
}

Result<Response> Answer(const Result<ApplicationView>& v, const RequestContext& ctx, int status = 200) {
  if (!v) return v.error();
  return Response::Json(status, ToJson(*v, ctx.locale, FormatUtc(ctx.clock.Now())));
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);

  router.Add(Method::kPost, "/api/v1/calls/{id}/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (!req.body.empty()) {
      auto body = http::StrictJsonObjectBody(req, {});
      if (!body) return body.error();
    }
    auto v = service->Start(*ctx, req.PathParam("id"));
    auto r = Answer(v, *ctx, 201);
    if (r) r->Header("Location", "/api/v1/applications/" + v->application.id);
    return r;
  });

  router.Add(Method::kGet, "/api/v1/applications/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Get(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kPatch, "/api/v1/applications/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"answers", "version"});
    if (!body) return body.error();
    std::vector<FieldError> errors;
    const auto answers = body->find("answers");
    if (answers == body->end() || !answers->is_object()) errors.push_back({"answers", "wrong_type", "an object of answers"});
    const auto version = body->find("version");
    if (version == body->end() || !version->is_number_integer()) {
      errors.push_back({"version", "not_an_integer", "the version you last saw"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid autosave", errors);
    return Answer(service->Autosave(*ctx, req.PathParam("id"), *answers, version->get<std::int64_t>()), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/submit", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Submit(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/withdraw", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Withdraw(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kGet, "/api/v1/me/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Mine(*ctx);
    if (!list) return list.error();
    const std::string now = FormatUtc(ctx->clock.Now());
    json items = json::array();
    for (const auto& v : *list) items.push_back(SummaryJson(v, ctx->locale, now));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    StaffFilter filter;
    filter.state = req.QueryParam("state").value_or("");
    filter.eligibility = req.QueryParam("eligibility").value_or("");
    filter.query = req.QueryParam("q").value_or("");
    filter.after = req.QueryParam("cursor").value_or("");
    if (auto text = req.QueryParam("limit")) {
      auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), filter.limit);
      if (ec != std::errc() || p != text->data() + text->size()) {
        return Error::InvalidArgument("bad limit", {{"limit", "not_a_number", "a whole number"}});
      }
    }
    auto page = service->OfIntake(*ctx, req.PathParam("id"), filter);
    if (!page) return page.error();
    json items = json::array();
    for (const auto& r : page->items) items.push_back(RowJson(r));
    return Response::Json(200, {{"items", items}, {"next_cursor", Opt(page->next_cursor)}, {"total", page->total}});
  });
}

}  // namespace cohort::applications
