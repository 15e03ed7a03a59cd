// Routes of a network's events, agenda and delegations (docs/api/networks.md "Events").
#include <memory>

#include <nlohmann/json.hpp>

#include "domain/networks/events.h"
#include "domain/networks/http.h"
#include "http/json_body.h"

namespace cohort::networks {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Event& e) {
  json partners = json::array();
  for (const auto& p : e.partners) partners.push_back({{"organisation_id", p.organisation_id}, {"name", p.name}});
  json sessions = json::array();
  for (const auto& s : e.sessions) {
    sessions.push_back({{"id", s.id}, {"title", s.title}, {"place", s.place}, {"starts_at", s.starts_at}, {"ends_at", s.ends_at}});
  }
  return {{"id", e.id},
          {"network_id", e.network_id},
          {"host_organisation_id", e.host_organisation_id},
          {"host_name", e.host_name},
          {"kind", e.kind},
          {"title", e.title},
          {"description", e.description},
          {"place", e.place},
          {"starts_on", e.starts_on},
          {"ends_on", e.ends_on},
          {"time_zone", e.time_zone},
          {"registration_closes_at", e.registration_closes_at},
          {"delegation_limit", e.delegation_limit},
          {"partners", partners},
          {"sessions", sessions}};
}

json ToJson(const SessionCheckIn& c) {
  return {{"delegate_id", c.delegate_id},
          {"name", c.name},
          {"role", c.role},
          {"organisation_id", c.organisation_id},
          {"organisation_name", c.organisation_name},
          {"checked_in_at", c.checked_in_at.empty() ? json(nullptr) : json(c.checked_in_at)}};
}

json ToJson(const Delegation& d) {
  json people = json::array();
  for (const auto& p : d.delegates) {
    people.push_back({{"id", p.id},           {"role", p.role},           {"name", p.name},
                      {"email", p.email},     {"arrival", p.arrival},     {"departure", p.departure},
                      {"accommodation", p.accommodation}});
  }
  return {{"id", d.id},
          {"event_id", d.event_id},
          {"organisation_id", d.organisation_id},
          {"organisation_name", d.organisation_name},
          {"registered_at", d.registered_at},
          {"updated_at", d.updated_at},
          {"delegates", people}};
}

std::string TextOf(const json& item, const char* key) {
  return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : "";
}

}  // namespace

void RegisterEventRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                         const accounts::Authenticator& auth, const std::string& public_url) {
  auto events = std::make_shared<Events>(db, trail, public_url);

  router.Add(Method::kPost, "/api/v1/networks/{id}/events", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"kind", "title", "description", "place", "host_organisation_id", "starts_on",
                                                 "ends_on", "time_zone", "registration_closes_at", "delegation_limit",
                                                 "partner_organisation_ids"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    Event input;
    input.kind = f.Text("kind");
    input.title = f.Text("title");
    input.description = f.OptionalText("description").value_or("");
    input.place = f.OptionalText("place").value_or("");
    input.host_organisation_id = f.Text("host_organisation_id");
    input.starts_on = f.Text("starts_on");
    input.ends_on = f.Text("ends_on");
    input.time_zone = f.OptionalText("time_zone").value_or("Asia/Baku");
    input.registration_closes_at = f.Text("registration_closes_at");
    input.delegation_limit = static_cast<int>(f.OptionalInteger("delegation_limit").value_or(5));
    if (auto c = f.Check(); !c) return c.error();
    std::vector<FieldError> errors;
    for (const auto& id : http::TextList(*body, "partner_organisation_ids", errors)) input.partners.push_back({id, ""});
    if (!errors.empty()) return Error::InvalidArgument("invalid event", errors);
    auto made = events->Create(*ctx, req.PathParam("id"), std::move(input));
    if (!made) return made.error();
    return Response::Json(201, ToJson(*made));
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}/events", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = events->List(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& e : *list) items.push_back(ToJson(e));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/events/{id}", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto e = events->Get(*ctx, req.PathParam("id"));
    if (!e) return e.error();
    return Response::Json(200, ToJson(*e));
  });

  router.Add(Method::kPatch, "/api/v1/events/{id}", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"kind", "title", "description", "place", "starts_on", "ends_on", "time_zone",
                                                 "registration_closes_at", "delegation_limit", "partner_organisation_ids"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    EventChange change;
    change.kind = f.OptionalText("kind");
    change.title = f.OptionalText("title");
    change.description = f.OptionalText("description");
    change.place = f.OptionalText("place");
    change.starts_on = f.OptionalText("starts_on");
    change.ends_on = f.OptionalText("ends_on");
    change.time_zone = f.OptionalText("time_zone");
    change.registration_closes_at = f.OptionalText("registration_closes_at");
    if (auto limit = f.OptionalInteger("delegation_limit")) change.delegation_limit = static_cast<int>(*limit);
    if (auto c = f.Check(); !c) return c.error();
    if (body->contains("partner_organisation_ids")) {
      std::vector<FieldError> errors;
      change.partner_organisation_ids = http::TextList(*body, "partner_organisation_ids", errors);
      if (!errors.empty()) return Error::InvalidArgument("invalid event", errors);
    }
    auto e = events->Update(*ctx, req.PathParam("id"), change);
    if (!e) return e.error();
    return Response::Json(200, ToJson(*e));
  });

  router.Add(Method::kDelete, "/api/v1/event-sessions/{id}", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto e = events->RemoveSession(*ctx, req.PathParam("id"));
    if (!e) return e.error();
    return Response::Json(200, ToJson(*e));
  });

  router.Add(Method::kPost, "/api/v1/events/{id}/sessions", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"title", "place", "starts_at", "ends_at"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    Session s;
    s.title = f.Text("title");
    s.place = f.OptionalText("place").value_or("");
    s.starts_at = f.Text("starts_at");
    s.ends_at = f.Text("ends_at");
    if (auto c = f.Check(); !c) return c.error();
    auto e = events->AddSession(*ctx, req.PathParam("id"), std::move(s));
    if (!e) return e.error();
    return Response::Json(200, ToJson(*e));
  });

  router.Add(Method::kGet, "/api/v1/events/{id}/delegations", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = events->Delegations(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& d : *list) items.push_back(ToJson(d));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/events/{id}/badges", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto pdf = events->Badges(*ctx, req.PathParam("id"), req.QueryParam("organisation").value_or(""),
                              req.QueryParam("lang").value_or(""));
    if (!pdf) return pdf.error();
    return Response::Download(std::move(*pdf), "application/pdf", "badges.pdf");
  });

  router.Add(Method::kPut, "/api/v1/events/{id}/delegations/{organisation}", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"delegates"});
    if (!body) return body.error();
    std::vector<Delegate> people;
    const json list = body->contains("delegates") ? (*body)["delegates"] : json::array();
    if (!list.is_array()) {
      return Error::InvalidArgument("invalid delegation", {{"delegates", "invalid_type", "a list of people"}});
    }
    for (const auto& item : list) {
      if (!item.is_object()) {
        return Error::InvalidArgument("invalid delegation", {{"delegates", "invalid_type", "a list of people"}});
      }
      people.push_back({TextOf(item, "id"), TextOf(item, "role"), TextOf(item, "name"), TextOf(item, "email"), TextOf(item, "arrival"),
                        TextOf(item, "departure"), TextOf(item, "accommodation"), ""});
    }
    auto saved = events->Register(*ctx, req.PathParam("id"), req.PathParam("organisation"), std::move(people));
    if (!saved) return saved.error();
    return Response::Json(200, ToJson(*saved));
  });

  router.Add(Method::kGet, "/api/v1/event-sessions/{id}/check-in-code", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto screen = events->SessionCode(*ctx, req.PathParam("id"));
    if (!screen) return screen.error();
    auto r = Response::Json(200, {{"code", screen->code}, {"url", screen->url}, {"expires_at", screen->expires_at}});
    r.Header("Cache-Control", "no-store");
    return r;
  });

  // No account needed: the pass (from the badge) says who, the code that they are in the room.
  router.Add(Method::kPost, "/api/v1/event-sessions/{id}/check-ins", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"pass", "code"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string pass = f.Text("pass");
    const std::string code = f.Text("code");
    if (auto c = f.Check(); !c) return c.error();
    auto done = events->CheckIn(*ctx, req.PathParam("id"), pass, code);
    if (!done) return done.error();
    return Response::Json(200, ToJson(*done));
  });

  router.Add(Method::kGet, "/api/v1/event-sessions/{id}/check-ins", [&auth, events](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = events->CheckIns(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& c : *list) items.push_back(ToJson(c));
    return Response::Json(200, {{"items", items}});
  });

  // The pass page of a phone: who holds it, the event and where they have checked in.
  router.Add(Method::kGet, "/api/v1/passes/{key}", [events](Request& req) -> Result<Response> {
    auto pass = events->PassOf(req.PathParam("key"));
    if (!pass) return pass.error();
    auto r = Response::Json(200, {{"delegate_id", pass->delegate_id},
                                  {"name", pass->name},
                                  {"role", pass->role},
                                  {"organisation_name", pass->organisation_name},
                                  {"event", ToJson(pass->event)},
                                  {"checked_in_to", pass->checked_in_to}});
    r.Header("Cache-Control", "no-store");
    return r;
  });
}

}  // namespace cohort::networks
