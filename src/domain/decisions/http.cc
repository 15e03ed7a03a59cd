#include "domain/decisions/http.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "domain/decisions/service.h"
#include "domain/decisions/workflow.h"
#include "domain/programmes/form.h"
#include "http/json_body.h"
#include "i18n/catalog.h"

namespace cohort::decisions {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ToJson(const Offer& o, const std::string& locale) {
  const auto title = programmes::TranslatedFromJson(json::parse(o.call_title_json, nullptr, false));
  return {{"id", o.id},
          {"application_id", o.application_id},
          {"reference", o.reference},
          {"call_title", programmes::InLanguage(title, locale)},
          {"intake_name", o.intake_name},
          {"state", o.state},
          {"deadline_at", o.deadline_at},
          {"responded_at", Opt(o.responded_at)},
          {"promoted_from_waitlist", o.promoted},
          {"actions", OfferActionsFrom(o.state)}};
}

std::string Points(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// One sentence on a decision, in `locale`.
std::string Explain(const Decision& d, const std::optional<double>& cutoff, const std::string& locale) {
  const auto& catalog = i18n::Catalog::Embedded();
  const auto lang = i18n::ParseLocale(locale).value_or(i18n::kDefaultLocale);
  const std::string reason = d.explanation.value("reason", "");
  std::map<std::string, std::string> params = {{"rank", d.rank ? std::to_string(*d.rank) : ""},
                                               {"score", d.score ? Points(*d.score) : ""},
                                               {"cutoff", cutoff ? Points(*cutoff) : "—"}};
  if (d.explanation.contains("quota") && d.explanation["quota"].is_object()) {
    params["field"] = d.explanation["quota"].value("field", "");
    params["value"] = d.explanation["quota"].value("value", "");
  }
  std::string text = catalog.Text(lang, "decision_explanation." + (reason.empty() ? std::string("not_scored") : reason), params);
  if (d.override_reason) {
    text += " " + catalog.Text(lang, "decision_explanation.overridden",
                               {{"name", d.overridden_by_name}, {"reason", *d.override_reason}});
  }
  if (d.promoted) text += " " + catalog.Text(lang, "decision_explanation.promoted");
  return text;
}

json ToJson(const Decision& d, const std::optional<double>& cutoff, const std::string& locale) {
  return {{"id", d.id},
          {"application_id", d.application_id},
          {"reference", d.reference},
          {"application_state", d.application_state},
          {"name", d.applicant_name},
          {"rank", d.rank ? json(*d.rank) : json(nullptr)},
          {"score", d.score ? json(*d.score) : json(nullptr)},
          {"outcome", d.outcome},
          {"proposed_outcome", d.proposed_outcome},
          {"waitlist_position", d.waitlist_position ? json(*d.waitlist_position) : json(nullptr)},
          {"override_reason", Opt(d.override_reason)},
          {"overridden_by_name", d.overridden_by_name},
          {"promoted_from_waitlist", d.promoted},
          {"state", d.state},
          {"explanation", Explain(d, cutoff, locale)},
          {"offer", d.offer ? ToJson(*d.offer, locale) : json(nullptr)}};
}

json ToJson(const Board& b, const std::string& locale) {
  json quotas = json::array();
  for (const auto& q : b.quotas) {
    quotas.push_back({{"field", q.field},
                      {"value", q.value},
                      {"minimum_seats", q.minimum_seats},
                      {"maximum_seats", q.maximum_seats},
                      {"candidates", q.candidates},
                      {"selected", q.selected},
                      {"minimum_met", q.minimum_met},
                      {"minimum_lowered", q.minimum_lowered}});
  }
  json items = json::array();
  json counts = {{"accept", 0}, {"waitlist", 0}, {"reject", 0}};
  for (const auto& d : b.items) {
    items.push_back(ToJson(d, b.cutoff_score, locale));
    counts[d.outcome] = counts[d.outcome].get<int>() + 1;
  }
  return {{"stage_id", b.stage_id},       {"source_stage_id", b.source_stage_id.empty() ? json(nullptr) : json(b.source_stage_id)},
          {"capacity", b.capacity},       {"published", b.published},
          {"quotas", quotas},             {"counts", counts},
          {"cutoff_score", b.cutoff_score ? json(*b.cutoff_score) : json(nullptr)},
          {"items", items}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);

  router.Add(Method::kPost, "/api/v1/intakes/{id}/decisions", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"stage_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string stage_id = f.Text("stage_id");
    if (auto c = f.Check(); !c) return c.error();
    auto b = service->Prepare(*ctx, req.PathParam("id"), stage_id);
    if (!b) return b.error();
    return Response::Json(200, ToJson(*b, ctx->locale));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/decisions", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto b = service->BoardOf(*ctx, req.PathParam("id"), req.QueryParam("stage").value_or(""));
    if (!b) return b.error();
    return Response::Json(200, ToJson(*b, ctx->locale));
  });

  router.Add(Method::kPut, "/api/v1/decisions/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"outcome", "reason"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string outcome = f.Text("outcome");
    const std::string reason = f.Text("reason");
    if (auto c = f.Check(); !c) return c.error();
    auto d = service->Override(*ctx, req.PathParam("id"), outcome, reason);
    if (!d) return d.error();
    return Response::Json(200, ToJson(*d, std::nullopt, ctx->locale));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/decisions/publish", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"stage_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string stage_id = f.Text("stage_id");
    if (auto c = f.Check(); !c) return c.error();
    auto s = service->Publish(*ctx, req.PathParam("id"), stage_id);
    if (!s) return s.error();
    return Response::Json(200, {{"published", s->published}, {"offers", s->offers}, {"letters", s->letters}});
  });

  router.Add(Method::kGet, "/api/v1/me/offers", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->MyOffers(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& o : *list) items.push_back(ToJson(o, ctx->locale));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/offers/{id}/accept", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto o = service->Accept(*ctx, req.PathParam("id"));
    if (!o) return o.error();
    return Response::Json(200, ToJson(*o, ctx->locale));
  });

  router.Add(Method::kPost, "/api/v1/offers/{id}/decline", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto o = service->Decline(*ctx, req.PathParam("id"));
    if (!o) return o.error();
    return Response::Json(200, ToJson(*o, ctx->locale));
  });
}

}  // namespace cohort::decisions
