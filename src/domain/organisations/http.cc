#include "domain/organisations/http.h"

#include <nlohmann/json.hpp>

#include "domain/organisations/service.h"
#include "http/json_body.h"

namespace cohort::organisations {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Organisation& o) {
  return {{"id", o.id},          {"slug", o.slug},       {"name", o.name},
          {"country", o.country}, {"created_at", o.created_at}, {"require_totp", o.require_totp}};
}
json ToJson(const Unit& u) {
  return {{"id", u.id},          {"organisation_id", u.organisation_id}, {"name", u.name},
          {"description", u.description}, {"active", u.active}, {"created_at", u.created_at}};
}
json ToJson(const Member& m) {
  return {{"account_id", m.account_id}, {"name", m.name}, {"email", m.email}, {"roles", m.roles}};
}
json ToJson(const Invitation& i) {
  return {{"id", i.id},
          {"organisation_id", i.organisation_id},
          {"email", i.email},
          {"role", i.role},
          {"invited_by", i.invited_by},
          {"created_at", i.created_at},
          {"expires_at", i.expires_at},
          {"accepted_at", i.accepted_at ? json(*i.accepted_at) : json(nullptr)}};
}
template <class T>
json Items(const std::vector<T>& v) {
  json items = json::array();
  for (const auto& x : v) items.push_back(ToJson(x));
  return {{"items", items}};
}



}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);

  router.Add(Method::kGet, "/api/v1/organisations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto limit = http::LimitParam(req, 50);
    if (!limit) return limit.error();
    auto page = service->List(*ctx, *limit, req.QueryParam("cursor").value_or(""));
    if (!page) return page.error();
    json body = Items(page->items);
    body["next_cursor"] = page->next_cursor ? json(*page->next_cursor) : json(nullptr);
    return Response::Json(200, body);
  });

  router.Add(Method::kGet, "/api/v1/organisations/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto o = service->Get(*ctx, req.PathParam("id"));
    if (!o) return o.error();
    return Response::Json(200, ToJson(*o));
  });

  router.Add(Method::kPost, "/api/v1/organisations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"slug", "name", "country"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    NewOrganisation in{f.Text("slug"), f.Text("name"), f.OptionalText("country").value_or("AZ")};
    if (auto c = f.Check(); !c) return c.error();
    auto o = service->Create(*ctx, in);
    if (!o) return o.error();
    auto r = Response::Json(201, ToJson(*o));
    r.Header("Location", "/api/v1/organisations/" + o->id);
    return r;
  });

  router.Add(Method::kPatch, "/api/v1/organisations/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "require_totp"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    OrganisationChange change{f.OptionalText("name"), std::nullopt};
    if (body->contains("require_totp")) change.require_totp = f.Flag("require_totp");
    if (auto c = f.Check(); !c) return c.error();
    auto o = service->Update(*ctx, req.PathParam("id"), change);
    if (!o) return o.error();
    return Response::Json(200, ToJson(*o));
  });

  router.Add(Method::kGet, "/api/v1/organisations/{id}/units", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto units = service->ListUnits(*ctx, req.PathParam("id"));
    if (!units) return units.error();
    return Response::Json(200, Items(*units));
  });

  router.Add(Method::kPost, "/api/v1/organisations/{id}/units", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "description"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string name = f.Text("name"), description = f.Text("description");
    if (auto c = f.Check(); !c) return c.error();
    auto unit = service->CreateUnit(*ctx, req.PathParam("id"), name, description);
    if (!unit) return unit.error();
    return Response::Json(201, ToJson(*unit));
  });

  router.Add(Method::kPatch, "/api/v1/units/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "description", "active"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    UnitChange change{f.OptionalText("name"), f.OptionalText("description"), std::nullopt};
    if (body->contains("active")) change.active = f.Flag("active");
    if (auto c = f.Check(); !c) return c.error();
    auto unit = service->UpdateUnit(*ctx, req.PathParam("id"), change);
    if (!unit) return unit.error();
    return Response::Json(200, ToJson(*unit));
  });

  router.Add(Method::kGet, "/api/v1/organisations/{id}/members", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto members = service->ListMembers(*ctx, req.PathParam("id"));
    if (!members) return members.error();
    return Response::Json(200, Items(*members));
  });

  router.Add(Method::kPost, "/api/v1/organisations/{id}/members/{account}/roles",
             [&auth, service](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto body = http::StrictJsonObjectBody(req, {"role"});
               if (!body) return body.error();
               http::JsonFields f(*body);
               const std::string role = f.Text("role");
               if (auto c = f.Check(); !c) return c.error();
               auto member = service->GrantRole(*ctx, req.PathParam("id"), req.PathParam("account"), role);
               if (!member) return member.error();
               return Response::Json(200, ToJson(*member));
             });

  router.Add(Method::kDelete, "/api/v1/organisations/{id}/members/{account}/roles/{role}",
             [&auth, service](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto r = service->RevokeRole(*ctx, req.PathParam("id"), req.PathParam("account"), req.PathParam("role"));
               if (!r) return r.error();
               return Response::NoContent();
             });

  router.Add(Method::kGet, "/api/v1/organisations/{id}/invitations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->ListInvitations(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/organisations/{id}/invitations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"email", "role"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string email = f.Text("email"), role = f.Text("role");
    if (auto c = f.Check(); !c) return c.error();
    auto inv = service->Invite(*ctx, req.PathParam("id"), email, role);
    if (!inv) return inv.error();
    return Response::Json(201, ToJson(*inv));
  });

  router.Add(Method::kPost, "/api/v1/invitations/accept", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"token"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string token = f.Text("token");
    if (auto c = f.Check(); !c) return c.error();
    auto inv = service->AcceptInvitation(*ctx, token);
    if (!inv) return inv.error();
    return Response::Json(200, ToJson(*inv));
  });
}

}  // namespace cohort::organisations
