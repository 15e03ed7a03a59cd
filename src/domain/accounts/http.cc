#include "domain/accounts/http.h"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "http/json_body.h"

namespace cohort::accounts {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

bool Unsafe(Method m) { return m != Method::kGet && m != Method::kHead && m != Method::kOptions; }

json AccountJson(const Me& me) {
  json memberships = json::array();
  for (const auto& m : me.memberships) {
    memberships.push_back({{"organisation_id", m.organisation_id},
                           {"organisation_name", m.organisation_name},
                           {"role", m.role}});
  }
  const auto& a = me.account;
  return {{"id", a.id},
          {"email", a.email},
          {"name", a.name},
          {"locale", a.locale},
          {"email_verified", a.email_verified},
          {"totp_enabled", a.totp_enabled},
          {"totp_required", me.totp_required},
          {"is_platform_admin", a.is_platform_admin},
          {"created_at", a.created_at},
          {"memberships", memberships}};
}

json MeJson(const Me& me) { return {{"account", AccountJson(me)}, {"csrf_token", me.csrf_token}}; }

std::string SessionCookie(const std::string& value, long max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(max_age) + (secure ? "; Secure" : "");
}


}  // namespace


Result<RequestContext> Authenticator::Context(const Request& request, std::string* csrf_token) const {
  RequestContext ctx{Actor{}, std::string(i18n::Code(request.locale)), request.request_id, clock_};
  auto auth = request.Header("authorization");
  if (!auth.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!auth.starts_with(kBearer)) return Error::Unauthenticated("unsupported authorization scheme");
    auto actor = service_.AuthenticateToken(clock_, std::string(auth.substr(kBearer.size())));
    if (!actor) return actor.error();
    ctx.actor = *actor;
    return ctx;
  }
  const std::string cookie = request.Cookie(kSessionCookie);
  if (cookie.empty()) return ctx;
  auto session = service_.AuthenticateSession(clock_, cookie);
  if (!session) {
    if (session.error().code() == ErrorCode::kUnauthenticated) return ctx;  // stale cookie: anonymous
    return session.error();
  }
  if (Unsafe(request.method)) {
    const auto sent = request.Header("x-csrf-token");
    const auto& expected = session->csrf_token;
    if (sent.size() != expected.size() || sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
      return Error::PermissionDenied("missing or wrong CSRF token");
    }
  }
  ctx.actor = session->actor;
  if (csrf_token) *csrf_token = session->csrf_token;
  return ctx;
}


void RegisterRoutes(http::Router& router, Service& service, const Authenticator& auth, bool secure_cookies) {
  router.Add(Method::kPost, "/api/v1/accounts", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "email", "password", "locale", "consent"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    NewAccount in{f.Text("name"), f.Text("email"), f.Text("password"), f.OptionalText("locale").value_or(ctx->locale),
                  f.Flag("consent")};
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.Register(*ctx, in); !r) return r.error();
    return Response::Json(202, {{"status", "verification_sent"}});
  });

  router.Add(Method::kPost, "/api/v1/accounts/verify", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"token"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string token = f.Text("token");
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.VerifyEmail(*ctx, token); !r) return r.error();
    return Response::Json(200, {{"status", "verified"}});
  });

  router.Add(Method::kGet, "/api/v1/privacy-notice", [](Request&) -> Result<Response> {
    return Response::Json(200, {{"version", std::string(kPrivacyNoticeVersion)}});
  });

  router.Add(Method::kPost, "/api/v1/session", [&, secure_cookies](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"email", "password", "totp_code"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string email = f.Text("email"), password = f.Text("password"), code = f.Text("totp_code");
    if (auto c = f.Check(); !c) return c.error();
    auto grant = service.Login(*ctx, email, password, req.remote_address, code);
    if (!grant) return grant.error();
    auto r = Response::Json(200, MeJson(grant->me));
    r.Header("Set-Cookie", SessionCookie(grant->token, 12 * 3600, secure_cookies));
    return r;
  });

  router.Add(Method::kDelete, "/api/v1/session", [&, secure_cookies](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service.Logout(*ctx); !r) return r.error();
    auto r = Response::NoContent();
    r.Header("Set-Cookie", SessionCookie("", 0, secure_cookies));
    return r;
  });

  // The session as the browser sees it: who is signed in, or nobody (200
  // either way, so a signed-out page load logs no error).
  router.Add(Method::kGet, "/api/v1/session", [&](Request& req) -> Result<Response> {
    std::string csrf;
    auto ctx = auth.Context(req, &csrf);
    if (!ctx) return ctx.error();
    if (!ctx->actor.authenticated()) return Response::Json(200, {{"account", nullptr}, {"csrf_token", ""}});
    auto me = service.GetMe(*ctx, csrf);
    if (!me) return me.error();
    return Response::Json(200, MeJson(*me));
  });

  router.Add(Method::kGet, "/api/v1/me", [&](Request& req) -> Result<Response> {
    std::string csrf;
    auto ctx = auth.Context(req, &csrf);
    if (!ctx) return ctx.error();
    auto me = service.GetMe(*ctx, csrf);
    if (!me) return me.error();
    return Response::Json(200, MeJson(*me));
  });

  router.Add(Method::kPatch, "/api/v1/me", [&](Request& req) -> Result<Response> {
    std::string csrf;
    auto ctx = auth.Context(req, &csrf);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "locale"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    auto name = f.OptionalText("name");
    auto locale = f.OptionalText("locale");
    if (auto c = f.Check(); !c) return c.error();
    auto me = service.UpdateProfile(*ctx, name, locale);
    if (!me) return me.error();
    me->csrf_token = csrf;
    return Response::Json(200, MeJson(*me));
  });

  router.Add(Method::kPost, "/api/v1/me/password", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"current_password", "new_password"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string current = f.Text("current_password"), next = f.Text("new_password");
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.ChangePassword(*ctx, current, next); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/me/email", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"new_email", "password"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string email = f.Text("new_email"), password = f.Text("password");
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.RequestEmailChange(*ctx, email, password); !r) return r.error();
    return Response::Json(202, {{"status", "confirmation_sent"}});
  });

  router.Add(Method::kPost, "/api/v1/password-reset", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"email"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string email = f.Text("email");
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.RequestPasswordReset(*ctx, email); !r) return r.error();
    return Response::Json(202, {{"status", "reset_sent"}});
  });

  router.Add(Method::kPost, "/api/v1/password-reset/confirm", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"token", "new_password"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string token = f.Text("token"), next = f.Text("new_password");
    if (auto c = f.Check(); !c) return c.error();
    if (auto r = service.ResetPassword(*ctx, token, next); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/me/totp/setup", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto setup = service.SetupTotp(*ctx);
    if (!setup) return setup.error();
    return Response::Json(200, {{"secret", setup->secret}, {"otpauth_uri", setup->uri}});
  });

  auto totp_code = [](const Request& req) -> Result<std::string> {
    auto body = http::StrictJsonObjectBody(req, {"code"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    std::string code = f.Text("code");
    if (auto c = f.Check(); !c) return c.error();
    return code;
  };

  router.Add(Method::kPost, "/api/v1/me/totp/enable", [&, totp_code](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto code = totp_code(req);
    if (!code) return code.error();
    if (auto r = service.EnableTotp(*ctx, *code); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/me/totp/disable", [&, totp_code](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto code = totp_code(req);
    if (!code) return code.error();
    if (auto r = service.DisableTotp(*ctx, *code); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kGet, "/api/v1/me/tokens", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto tokens = service.ListTokens(*ctx);
    if (!tokens) return tokens.error();
    json items = json::array();
    for (const auto& t : *tokens) {
      items.push_back({{"id", t.id},
                       {"name", t.name},
                       {"created_at", t.created_at},
                       {"last_used_at", t.last_used_at ? json(*t.last_used_at) : json(nullptr)}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/me/tokens", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string name = f.Text("name");
    if (auto c = f.Check(); !c) return c.error();
    auto created = service.CreateToken(*ctx, name);
    if (!created) return created.error();
    return Response::Json(201, {{"id", created->first.id},
                                {"name", created->first.name},
                                {"created_at", created->first.created_at},
                                {"token", created->second}});
  });

  router.Add(Method::kDelete, "/api/v1/me/tokens/{id}", [&](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service.RevokeToken(*ctx, req.PathParam("id")); !r) return r.error();
    return Response::NoContent();
  });
}

}  // namespace cohort::accounts
