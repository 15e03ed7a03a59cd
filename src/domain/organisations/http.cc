#include "domain/organisations/http.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "domain/accounts/http.h"
#include "domain/organisations/service.h"
#include "http/json_body.h"

namespace cohort::organisations {
namespace {

nlohmann::json ToJson(const Organisation& o) {
  return {{"id", o.id}, {"slug", o.slug}, {"name", o.name}, {"country", o.country}, {"created_at", o.created_at}};
}

Result<int> LimitOf(const http::Request& request) {
  auto text = request.QueryParam("limit");
  if (!text) return 50;
  int v = 0;
  auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || p != text->data() + text->size()) {
    return Error::InvalidArgument("bad limit", {{"limit", "not_a_number", "a whole number"}});
  }
  return v;
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth) {
  router.Add(http::Method::kGet, "/api/v1/organisations", [&db, &trail, &auth](http::Request& req) -> Result<http::Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto limit = LimitOf(req);
    if (!limit) return limit.error();
    auto page = Service(db, trail).List(*ctx, *limit, req.QueryParam("cursor").value_or(""));
    if (!page) return page.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& o : page->items) items.push_back(ToJson(o));
    return http::Response::Json(200, {{"items", items},
                                      {"next_cursor", page->next_cursor ? nlohmann::json(*page->next_cursor)
                                                                        : nlohmann::json(nullptr)}});
  });

  router.Add(http::Method::kGet, "/api/v1/organisations/{id}",
             [&db, &trail, &auth](http::Request& req) -> Result<http::Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto o = Service(db, trail).Get(*ctx, req.PathParam("id"));
               if (!o) return o.error();
               return http::Response::Json(200, ToJson(*o));
             });

  router.Add(http::Method::kPost, "/api/v1/organisations", [&db, &trail, &auth](http::Request& req) -> Result<http::Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::JsonObjectBody(req);
    if (!body) return body.error();
    if (auto r = http::RejectUnknownFields(*body, {"slug", "name", "country"}); !r) return r.error();
    NewOrganisation in;
    std::vector<FieldError> type_errors;
    auto text = [&](const char* key, std::string& out) {
      if (!body->contains(key)) return;
      if (!(*body)[key].is_string()) type_errors.push_back({key, "not_a_string", "must be text"});
      else out = (*body)[key].get<std::string>();
    };
    text("slug", in.slug);
    text("name", in.name);
    text("country", in.country);
    if (!type_errors.empty()) return Error::InvalidArgument("invalid organisation", std::move(type_errors));
    auto o = Service(db, trail).Create(*ctx, in);
    if (!o) return o.error();
    auto r = http::Response::Json(201, ToJson(*o));
    r.Header("Location", "/api/v1/organisations/" + o->id);
    return r;
  });
}

}  // namespace cohort::organisations
