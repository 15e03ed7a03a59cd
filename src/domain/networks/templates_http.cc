// Routes of a network's templates (docs/api/networks.md "Templates").
#include <memory>

#include <nlohmann/json.hpp>

#include "domain/networks/http.h"
#include "domain/networks/templates.h"
#include "http/json_body.h"

namespace cohort::networks {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Template& t, bool with_content) {
  const json& call = t.content.value("call", json::object());
  json out = {{"id", t.id},
              {"network_id", t.network_id},
              {"title", t.title},
              {"description", t.description},
              {"source_organisation_id", t.source_organisation_id},
              {"source_organisation_name", t.source_organisation_name},
              {"programme_name", t.content.value("programme", json::object()).value("name", "")},
              {"fields", call.value("form", json::object()).value("fields", json::array()).size()},
              {"stages", t.content.value("stages", json::array()).size()},
              {"published_at", t.published_at},
              {"adoptions", t.adoptions}};
  if (with_content) out["content"] = t.content;
  return out;
}

}  // namespace

void RegisterTemplateRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                            const accounts::Authenticator& auth) {
  auto templates = std::make_shared<Templates>(db, trail);

  router.Add(Method::kPost, "/api/v1/networks/{id}/templates", [&auth, templates](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"title", "description", "intake_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string title = f.Text("title");
    const std::string description = f.OptionalText("description").value_or("");
    const std::string intake = f.Text("intake_id");
    if (auto c = f.Check(); !c) return c.error();
    auto t = templates->Publish(*ctx, req.PathParam("id"), title, description, intake);
    if (!t) return t.error();
    return Response::Json(201, ToJson(*t, true));
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/templates", [&auth, templates](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = templates->List(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& t : *list) items.push_back(ToJson(t, false));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/network-templates/{id}", [&auth, templates](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto t = templates->Get(*ctx, req.PathParam("id"));
    if (!t) return t.error();
    return Response::Json(200, ToJson(*t, true));
  });

  router.Add(Method::kPost, "/api/v1/network-templates/{id}/adopt", [&auth, templates](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"organisation_id", "code", "intake"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    AdoptionRequest in;
    in.organisation_id = f.Text("organisation_id");
    in.code = f.Text("code");
    if (auto c = f.Check(); !c) return c.error();
    const json intake = body->value("intake", json::object());
    if (!intake.is_object()) return Error::InvalidArgument("invalid intake", {{"intake", "wrong_type", "an object"}});
    // A text of the wrong type reads as empty: the intake's own checks then name the field.
    auto text = [&](const char* key) { return intake.value(key, json("")).is_string() ? intake.value(key, "") : ""; };
    in.intake_name = text("name");
    in.starts_on = text("starts_on");
    in.ends_on = text("ends_on");
    in.time_zone = text("time_zone");
    in.capacity = intake.value("capacity", json(0)).is_number_integer() ? intake.value("capacity", 0) : -1;
    auto a = templates->Adopt(*ctx, req.PathParam("id"), in);
    if (!a) return a.error();
    return Response::Json(201, {{"template_id", a->template_id},
                                {"organisation_id", a->organisation_id},
                                {"programme_id", a->programme_id},
                                {"intake_id", a->intake_id}});
  });
}

}  // namespace cohort::networks
