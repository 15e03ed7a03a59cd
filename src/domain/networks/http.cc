#include "domain/networks/http.h"

#include <algorithm>
#include <memory>

#include <nlohmann/json.hpp>

#include "domain/networks/service.h"
#include "http/json_body.h"

namespace cohort::networks {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Summary(const Network& n) {
  return {{"id", n.id}, {"code", n.code}, {"name", n.name}, {"description", n.description}, {"created_at", n.created_at}};
}

json ToJson(const Network& n) {
  json out = Summary(n);
  json members = json::array();
  for (const auto& m : n.members) {
    members.push_back({{"organisation_id", m.organisation_id}, {"name", m.name}, {"country", m.country}, {"joined_at", m.joined_at}});
  }
  json admins = json::array();
  for (const auto& a : n.admins) admins.push_back({{"account_id", a.account_id}, {"name", a.name}, {"email", a.email}});
  json chairs = json::array();
  for (const auto& c : n.chairs) {
    chairs.push_back({{"year", c.year},
                      {"organisation_id", c.organisation_id},
                      {"organisation_name", c.organisation_name},
                      {"assigned_at", c.assigned_at},
                      {"handed_over_at", c.handed_over_at ? json(*c.handed_over_at) : json(nullptr)},
                      {"note", c.note}});
  }
  out["members"] = members;
  out["admins"] = admins;
  out["chairs"] = chairs;
  return out;
}

Result<Response> Answer(const Result<Network>& n, int status = 200) {
  if (!n) return n.error();
  return Response::Json(status, ToJson(*n));
}

// The {year} of a path, or a field error at "year".
}  // namespace

Result<int> YearParam(const Request& req) {
  const std::string text = req.PathParam("year");
  if (text.size() != 4 || !std::all_of(text.begin(), text.end(), ::isdigit)) {
    return Error::InvalidArgument("bad year", {{"year", "out_of_range", "a year from 1900 to 2999"}});
  }
  return std::stoi(text);
}

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth) {
  auto service = std::make_shared<Service>(db, trail);

  router.Add(Method::kPost, "/api/v1/networks", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"code", "name", "description"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    NewNetwork input{f.Text("code"), f.Text("name"), f.OptionalText("description").value_or("")};
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->Create(*ctx, std::move(input)), 201);
  });

  router.Add(Method::kGet, "/api/v1/networks", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->List(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& n : *list) items.push_back(Summary(n));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/networks/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Get(*ctx, req.PathParam("id")));
  });

  router.Add(Method::kPost, "/api/v1/networks/{id}/members", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"organisation_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string organisation = f.Text("organisation_id");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->AddMember(*ctx, req.PathParam("id"), organisation));
  });

  router.Add(Method::kDelete, "/api/v1/networks/{id}/members/{organisation}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->RemoveMember(*ctx, req.PathParam("id"), req.PathParam("organisation")));
  });

  router.Add(Method::kDelete, "/api/v1/networks/{id}/admins/{account}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->RemoveAdmin(*ctx, req.PathParam("id"), req.PathParam("account")));
  });

  router.Add(Method::kPatch, "/api/v1/networks/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "description"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    auto name = f.OptionalText("name");
    auto description = f.OptionalText("description");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->Update(*ctx, req.PathParam("id"), name, description));
  });

  router.Add(Method::kPost, "/api/v1/networks/{id}/admins", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"email"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string email = f.Text("email");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->AddAdmin(*ctx, req.PathParam("id"), email));
  });

  router.Add(Method::kPut, "/api/v1/networks/{id}/chairs/{year}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto year = YearParam(req);
    if (!year) return year.error();
    auto body = http::StrictJsonObjectBody(req, {"organisation_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string organisation = f.Text("organisation_id");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->SetChair(*ctx, req.PathParam("id"), *year, organisation));
  });

  router.Add(Method::kPost, "/api/v1/networks/{id}/chairs/{year}/hand-over", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto year = YearParam(req);
    if (!year) return year.error();
    auto body = http::StrictJsonObjectBody(req, {"organisation_id", "note"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string organisation = f.Text("organisation_id");
    const std::string note = f.OptionalText("note").value_or("");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->HandOver(*ctx, req.PathParam("id"), *year, organisation, note));
  });
}

}  // namespace cohort::networks
