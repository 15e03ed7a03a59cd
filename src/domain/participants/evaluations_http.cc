// Routes of evaluations and activity feedback (docs/api/programme.md "Evaluations").
#include <nlohmann/json.hpp>

#include "domain/participants/activities.h"
#include "domain/participants/evaluations.h"
#include "domain/participants/http.h"
#include "http/json_body.h"

namespace cohort::participants {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Evaluation& e) {
  return {{"participant_id", e.participant_id}, {"name", e.participant_name}, {"period_id", e.period_id},
          {"period_name", e.period_name},       {"unit_id", e.unit_id},       {"unit_name", e.unit_name},
          {"scores", e.scores},                 {"overall", e.overall},       {"comment", e.comment},
          {"submitted_at", e.submitted_at},     {"evaluator_id", e.evaluator_id}, {"evaluator_name", e.evaluator_name}};
}

}  // namespace

void RegisterEvaluationRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                              const accounts::Authenticator& auth, const std::string& public_url) {
  auto evaluations = std::make_shared<Evaluations>(db, trail);
  auto activities = std::make_shared<Activities>(db, trail, public_url);

  router.Add(Method::kGet, "/api/v1/me/evaluations", [&auth, evaluations](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto tasks = evaluations->Mine(*ctx);
    if (!tasks) return tasks.error();
    json items = json::array();
    for (const auto& t : *tasks) {
      items.push_back({{"intake_id", t.intake_id},
                       {"intake_name", t.intake_name},
                       {"period", {{"id", t.period.id}, {"name", t.period.name}, {"starts_on", t.period.starts_on},
                                   {"ends_on", t.period.ends_on}}},
                       {"unit_id", t.unit_id},
                       {"unit_name", t.unit_name},
                       {"participant_id", t.participant_id},
                       {"name", t.participant_name},
                       {"criteria", t.criteria},
                       {"evaluation", t.evaluation ? ToJson(*t.evaluation) : json(nullptr)}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPut, "/api/v1/evaluations", [&auth, evaluations](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"participant_id", "period_id", "scores", "comment"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string participant_id = f.Text("participant_id");
    const std::string period_id = f.Text("period_id");
    const std::string comment = f.Text("comment");
    if (auto c = f.Check(); !c) return c.error();
    std::map<std::string, std::int64_t> scores;
    std::vector<FieldError> errors;
    if (body->contains("scores") && (*body)["scores"].is_object()) {
      for (const auto& [key, value] : (*body)["scores"].items()) {
        if (value.is_number_integer()) scores[key] = value.get<std::int64_t>();
        else errors.push_back({"scores." + key, "not_an_integer", "a whole number"});
      }
    } else {
      errors.push_back({"scores", "required", "the scores"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid evaluation", errors);
    auto e = evaluations->Submit(*ctx, participant_id, period_id, scores, comment);
    if (!e) return e.error();
    return Response::Json(200, ToJson(*e));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/evaluations", [&auth, evaluations](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = evaluations->OfIntake(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& e : *list) items.push_back(ToJson(e));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPut, "/api/v1/activities/{id}/feedback", [&auth, activities](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"rating", "comment"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const auto rating = f.OptionalInteger("rating");
    const std::string comment = f.Text("comment");
    if (auto c = f.Check(); !c) return c.error();
    auto given = activities->GiveFeedback(*ctx, req.PathParam("id"), rating.value_or(0), comment);
    if (!given) return given.error();
    return Response::Json(200, {{"rating", given->rating}, {"comment", given->comment}});
  });

  router.Add(Method::kGet, "/api/v1/activities/{id}/feedback", [&auth, activities](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = activities->FeedbackOn(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    double total = 0;
    for (const auto& f : *list) {
      items.push_back({{"rating", f.rating}, {"comment", f.comment}});
      total += static_cast<double>(f.rating);
    }
    return Response::Json(200, {{"count", list->size()},
                                {"average", list->empty() ? json(nullptr) : json(total / static_cast<double>(list->size()))},
                                {"items", items}});
  });
}

}  // namespace cohort::participants
