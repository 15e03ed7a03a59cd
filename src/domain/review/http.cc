#include "domain/review/http.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "docs/file_type.h"
#include "domain/programmes/form.h"
#include "domain/review/service.h"
#include "domain/review/settings.h"
#include "http/json_body.h"
#include "i18n/catalog.h"

namespace cohort::review {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json Opt(const std::optional<double>& d) { return d ? json(*d) : json(nullptr); }

json ToJson(const StageReviewer& r) {
  return {{"account_id", r.account_id}, {"name", r.name},       {"email", r.email},
          {"load_cap", r.load_cap},     {"affiliations", r.affiliations}, {"assigned", r.assigned},
          {"submitted", r.submitted},   {"conflicts", r.conflicts},       {"last_activity_at", Opt(r.last_activity_at)}};
}

json ToJson(const ReviewRow& row, const std::string& locale) {
  const Review& r = row.review;
  return {{"id", r.id},
          {"stage_id", r.stage_id},
          {"stage_kind", row.stage_kind},
          {"stage_name", programmes::InLanguage(row.stage_name, locale)},
          {"call_title", programmes::InLanguage(row.call_title, locale)},
          {"intake_id", row.intake_id},
          {"application_id", r.application_id},
          {"reference", row.reference},
          {"reviewer_id", r.reviewer_id},
          {"reviewer_name", row.reviewer_name},
          {"state", r.state},
          {"origin", r.origin},
          {"explanation", r.explanation},
          {"total", Opt(r.total)},
          {"updated_at", r.updated_at},
          {"submitted_at", Opt(r.submitted_at)}};
}

json ToJson(const ReviewView& v, const std::string& locale) {
  json j = ToJson(v.row, locale);
  json rubric = json::array();
  for (const auto& c : v.rubric) rubric.push_back(ToJson(c));
  j["rubric"] = rubric;
  j["scores"] = v.row.review.scores;
  j["private_comment"] = v.row.review.private_comment;
  j["shared_comment"] = v.row.review.shared_comment;
  j["conflict_reason"] = v.row.review.conflict_reason;
  j["version"] = v.row.review.version;
  j["actions"] = v.actions;
  json fields = json::array();
  for (const auto& f : v.fields) fields.push_back(programmes::ToJson(f));
  json documents = json::array();
  for (const auto& d : v.documents) {
    documents.push_back({{"id", d.id}, {"field", d.field_key}, {"file_name", d.file_name}, {"kind", d.kind},
                         {"size_bytes", d.size_bytes}});
  }
  json application = {{"id", v.row.review.application_id}, {"reference", v.row.reference}, {"fields", fields},
                      {"answers", v.answers}, {"documents", documents}};
  if (v.applicant_name) application["name"] = *v.applicant_name;
  if (v.applicant_email) application["email"] = *v.applicant_email;
  j["application"] = application;
  json others = json::array();
  for (const auto& o : v.others) {
    json one = {{"reviewer_name", o.reviewer_name},
                {"scores", o.review.scores},
                {"total", Opt(o.review.total)},
                {"shared_comment", o.review.shared_comment}};
    if (v.staff) one["private_comment"] = o.review.private_comment;
    others.push_back(one);
  }
  j["others"] = others;
  return j;
}

std::string Points(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// One sentence on why an application stands where it does, in `locale`.
std::string Explain(const Ranking& ranking, const RankedEntry& item, std::size_t ranked, const std::string& locale) {
  const auto& catalog = i18n::Catalog::Embedded();
  const auto lang = i18n::ParseLocale(locale).value_or(i18n::kDefaultLocale);
  if (!item.rank) return catalog.Text(lang, "ranking_explanation.unranked");
  std::string text = catalog.Text(
      lang, "ranking_explanation.ranked",
      {{"rank", std::to_string(*item.rank)},
       {"ranked", std::to_string(ranked)},
       {"score", Points(item.score)},
       {"reviews", std::to_string(item.reviews)},
       {"aggregation", catalog.Text(lang, "ranking_explanation." + ranking.stage.settings.aggregation)}});
  if (ranking.stage.settings.calibrate && std::abs(item.score - item.raw) >= 0.05) {
    text += " " + catalog.Text(lang, "ranking_explanation.calibrated",
                               {{"raw", Points(item.raw)}, {"effect", (item.score >= item.raw ? "+" : "") + Points(item.score - item.raw)}});
  }
  if (item.disagreement) {
    text += " " + catalog.Text(lang, "ranking_explanation.disagreement", {{"spread", Points(item.spread)}});
  }
  if (ranking.cutoff_score) {
    text += " " + catalog.Text(lang, item.above_cutoff ? "ranking_explanation.above_cutoff" : "ranking_explanation.below_cutoff",
                               {{"cutoff", Points(*ranking.cutoff_score)}});
  }
  return text;
}

json ToJson(const Ranking& r, const std::string& locale) {
  json reviewers = json::array();
  for (const auto& f : r.reviewers) {
    reviewers.push_back({{"reviewer_id", f.reviewer_id}, {"name", f.name}, {"reviews", f.reviews}, {"mean", f.mean},
                         {"stddev", f.stddev}, {"calibrated", f.calibrated}});
  }
  std::size_t ranked = 0;
  for (const auto& item : r.items) ranked += item.rank ? 1 : 0;
  json items = json::array();
  for (const auto& item : r.items) {
    json totals = json::array();
    for (const auto& t : item.totals) {
      totals.push_back({{"reviewer_name", t.reviewer_name}, {"total", t.total}, {"calibrated", t.calibrated}});
    }
    items.push_back({{"application_id", item.application_id},
                     {"reference", item.reference},
                     {"name", item.applicant_name},
                     {"rank", item.rank ? json(*item.rank) : json(nullptr)},
                     {"score", item.rank ? json(item.score) : json(nullptr)},
                     {"raw", item.rank ? json(item.raw) : json(nullptr)},
                     {"calibration_effect", item.rank ? json(item.score - item.raw) : json(nullptr)},
                     {"reviews", item.reviews},
                     {"spread", item.spread},
                     {"disagreement", item.disagreement},
                     {"totals", totals},
                     {"above_cutoff", item.above_cutoff},
                     {"in_next_stage", item.in_next_stage},
                     {"explanation", Explain(r, item, ranked, locale)}});
  }
  json out = {{"stage_id", r.stage.id},
              {"aggregation", r.stage.settings.aggregation},
              {"calibrate", r.stage.settings.calibrate},
              {"alpha", Opt(r.alpha)},
              {"reviewers", reviewers},
              {"items", items},
              {"cutoff", nullptr}};
  if (r.cutoff_top || r.cutoff_score) {
    out["cutoff"] = {{"top", r.cutoff_top ? json(*r.cutoff_top) : json(nullptr)}, {"score", Opt(r.cutoff_score)}};
  }
  return out;
}

template <class T>
json Items(const std::vector<T>& v) {
  json items = json::array();
  for (const auto& x : v) items.push_back(ToJson(x));
  return {{"items", items}};
}

json RowItems(const std::vector<ReviewRow>& v, const std::string& locale) {
  json items = json::array();
  for (const auto& x : v) items.push_back(ToJson(x, locale));
  return {{"items", items}};
}

// A number from a query parameter; kInvalidArgument at `name` otherwise.
Result<std::optional<double>> NumberParam(const Request& req, const char* name) {
  auto text = req.QueryParam(name);
  if (!text || text->empty()) return std::optional<double>{};
  char* end = nullptr;
  const double v = std::strtod(text->c_str(), &end);
  if (end != text->c_str() + text->size() || !std::isfinite(v)) {
    return Error::InvalidArgument("not a number", {{name, "wrong_type", "a number"}});
  }
  return std::optional<double>{v};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/stages", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Stages(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/stages", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"kind", "settings", "position"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string kind = f.Text("kind");
    const auto position = f.OptionalInteger("position");
    if (auto c = f.Check(); !c) return c.error();
    std::optional<int> at;
    if (position) at = static_cast<int>(std::clamp<std::int64_t>(*position, -1, 1000));
    auto stage = service->AddStage(*ctx, req.PathParam("id"), kind, body->value("settings", json()), at);
    if (!stage) return stage.error();
    auto r = Response::Json(201, ToJson(*stage));
    r.Header("Location", "/api/v1/stages/" + stage->id);
    return r;
  });

  router.Add(Method::kPut, "/api/v1/intakes/{id}/stages/order", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"stage_ids"});
    if (!body) return body.error();
    std::vector<FieldError> errors;
    auto ids = http::TextList(*body, "stage_ids", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid order", errors);
    auto list = service->Reorder(*ctx, req.PathParam("id"), ids);
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kGet, "/api/v1/stages/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto stage = service->GetStage(*ctx, req.PathParam("id"));
    if (!stage) return stage.error();
    return Response::Json(200, ToJson(*stage));
  });

  router.Add(Method::kPut, "/api/v1/stages/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"settings", "version"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const auto version = f.OptionalInteger("version");
    if (auto c = f.Check(); !c) return c.error();
    if (!version) return Error::InvalidArgument("version required", {{"version", "required", "required"}});
    auto stage = service->UpdateStage(*ctx, req.PathParam("id"), body->value("settings", json::object()), *version);
    if (!stage) return stage.error();
    return Response::Json(200, ToJson(*stage));
  });

  router.Add(Method::kDelete, "/api/v1/stages/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service->DeleteStage(*ctx, req.PathParam("id")); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kGet, "/api/v1/stages/{id}/reviewers", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Reviewers(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/reviewers", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"account_id", "load_cap", "affiliations"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    StageReviewer in;
    in.account_id = f.Text("account_id");
    in.load_cap = static_cast<int>(std::clamp<std::int64_t>(f.OptionalInteger("load_cap").value_or(0), -1, 1'000'000));
    if (auto c = f.Check(); !c) return c.error();
    std::vector<FieldError> errors;
    in.affiliations = http::TextList(*body, "affiliations", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid reviewer", errors);
    auto r = service->PutReviewer(*ctx, req.PathParam("id"), in);
    if (!r) return r.error();
    return Response::Json(201, ToJson(*r));
  });

  router.Add(Method::kDelete, "/api/v1/stages/{id}/reviewers/{account}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service->RemoveReviewer(*ctx, req.PathParam("id"), req.PathParam("account")); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/admit", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto s = service->Admit(*ctx, req.PathParam("id"));
    if (!s) return s.error();
    return Response::Json(200, {{"admitted", s->admitted}, {"already", s->already}, {"awaiting_screening", s->awaiting_screening}});
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/shortlist", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"top", "min_score", "application_ids"});
    if (!body) return body.error();
    ShortlistRequest in;
    std::vector<FieldError> errors;
    http::JsonFields f(*body);
    in.top = f.OptionalInteger("top");
    if (auto c = f.Check(); !c) return c.error();
    if (body->contains("min_score") && !(*body)["min_score"].is_null()) {
      if (!(*body)["min_score"].is_number()) errors.push_back({"min_score", "wrong_type", "a number"});
      else in.min_score = (*body)["min_score"].get<double>();
    }
    in.application_ids = http::TextList(*body, "application_ids", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid short list", errors);
    auto s = service->Shortlist(*ctx, req.PathParam("id"), in);
    if (!s) return s.error();
    return Response::Json(200, {{"moved", s->moved}, {"already", s->already}, {"cutoff_score", Opt(s->cutoff_score)},
                                {"second_stage_opened", s->second_stage_opened}});
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/review-assignments", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"stage_id", "mode", "application_id", "reviewer_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string stage_id = f.Text("stage_id");
    const std::string mode = f.Text("mode");
    const std::string application_id = f.Text("application_id");
    const std::string reviewer_id = f.Text("reviewer_id");
    if (auto c = f.Check(); !c) return c.error();
    // The stage must belong to the intake in the path.
    auto stage = service->GetStage(*ctx, stage_id);
    if (!stage) return stage.error();
    if (stage->intake_id != req.PathParam("id")) return Error::NotFound("no such stage in this intake");
    if (mode == "automatic") {
      auto s = service->AssignAutomatically(*ctx, stage_id);
      if (!s) return s.error();
      json shortfalls = json::array();
      for (const auto& x : s->shortfalls) {
        shortfalls.push_back({{"application_id", x.application_id}, {"reference", x.reference}, {"missing", x.missing},
                              {"declared_conflicts", x.declared_conflicts},
                              {"affiliation_conflicts", x.affiliation_conflicts}, {"at_cap", x.at_cap}});
      }
      return Response::Json(200, {{"added", s->added},
                                  {"applications", s->applications},
                                  {"reviewers", s->reviewers},
                                  {"shortfalls", shortfalls},
                                  {"load", {{"min", s->load_min}, {"max", s->load_max}}}});
    }
    if (!mode.empty() && mode != "manual") {
      return Error::InvalidArgument("bad mode", {{"mode", "invalid_choice", "automatic or manual"}});
    }
    auto row = service->AssignManually(*ctx, stage_id, application_id, reviewer_id);
    if (!row) return row.error();
    return Response::Json(201, ToJson(*row, ctx->locale));
  });

  router.Add(Method::kGet, "/api/v1/stages/{id}/review-assignments", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    store::ReviewFilter filter{req.QueryParam("reviewer").value_or(""), req.QueryParam("application").value_or(""),
                               req.QueryParam("state").value_or("")};
    auto list = service->Assignments(*ctx, req.PathParam("id"), filter);
    if (!list) return list.error();
    return Response::Json(200, RowItems(*list, ctx->locale));
  });

  router.Add(Method::kDelete, "/api/v1/review-assignments/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service->RemoveAssignment(*ctx, req.PathParam("id")); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/reminders", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto n = service->Remind(*ctx, req.PathParam("id"));
    if (!n) return n.error();
    return Response::Json(200, {{"reminded", *n}});
  });

  router.Add(Method::kGet, "/api/v1/me/reviews", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->MyReviews(*ctx, req.QueryParam("state").value_or(""));
    if (!list) return list.error();
    return Response::Json(200, RowItems(*list, ctx->locale));
  });

  router.Add(Method::kGet, "/api/v1/reviews/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto v = service->GetReview(*ctx, req.PathParam("id"));
    if (!v) return v.error();
    return Response::Json(200, ToJson(*v, ctx->locale));
  });

  router.Add(Method::kGet, "/api/v1/reviews/{id}/documents/{document}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto doc = service->ReviewDocument(*ctx, req.PathParam("id"), req.PathParam("document"));
    if (!doc) return doc.error();
    return Response::Download(std::move(doc->second), docs::MediaType(doc->first.kind), doc->first.file_name);
  });

  router.Add(Method::kPut, "/api/v1/reviews/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"scores", "private_comment", "shared_comment", "version"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string private_comment = f.Text("private_comment");
    const std::string shared_comment = f.Text("shared_comment");
    const auto version = f.OptionalInteger("version");
    if (auto c = f.Check(); !c) return c.error();
    if (!version) return Error::InvalidArgument("version required", {{"version", "required", "required"}});
    auto v = service->SaveReview(*ctx, req.PathParam("id"), body->value("scores", json::object()), private_comment,
                                 shared_comment, *version);
    if (!v) return v.error();
    return Response::Json(200, ToJson(*v, ctx->locale));
  });

  router.Add(Method::kPost, "/api/v1/reviews/{id}/submit", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto v = service->SubmitReview(*ctx, req.PathParam("id"));
    if (!v) return v.error();
    return Response::Json(200, ToJson(*v, ctx->locale));
  });

  router.Add(Method::kPost, "/api/v1/reviews/{id}/conflict", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"reason"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string reason = f.Text("reason");
    if (auto c = f.Check(); !c) return c.error();
    auto out = service->DeclareConflict(*ctx, req.PathParam("id"), reason);
    if (!out) return out.error();
    return Response::Json(200, {{"review", ToJson(out->review, ctx->locale)},
                                {"replacement", out->replacement ? ToJson(*out->replacement, ctx->locale) : json(nullptr)}});
  });

  router.Add(Method::kPost, "/api/v1/reviews/{id}/reopen", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto v = service->Reopen(*ctx, req.PathParam("id"));
    if (!v) return v.error();
    return Response::Json(200, ToJson(*v, ctx->locale));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/ranking", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto top = NumberParam(req, "top");
    if (!top) return top.error();
    auto min_score = NumberParam(req, "min_score");
    if (!min_score) return min_score.error();
    std::optional<std::int64_t> top_n;
    if (*top) top_n = static_cast<std::int64_t>(std::clamp(**top, -1.0, 1e7));
    auto r = service->RankingOf(*ctx, req.PathParam("id"), req.QueryParam("stage").value_or(""), top_n, *min_score);
    if (!r) return r.error();
    return Response::Json(200, ToJson(*r, ctx->locale));
  });
}

}  // namespace cohort::review
