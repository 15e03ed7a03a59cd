#pragma once
// Who is acting, and the accounts routes.
//
// Credentials: `Authorization: Bearer <token>` (personal API tokens) or the
// `cohort_session` cookie. A request with a session cookie that changes
// state must carry the session's CSRF token in `X-CSRF-Token`. An unknown
// or expired cookie makes the request anonymous (so signing in again
// works); an unknown bearer token is refused.
#include "core/request_context.h"
#include "domain/accounts/service.h"
#include "http/request.h"
#include "http/router.h"

namespace cohort::accounts {

class Authenticator {
 public:
  Authenticator(Service& service, const Clock& clock) : service_(service), clock_(clock) {}
  // The context of `request`. kUnauthenticated for a bad bearer token;
  // kPermissionDenied for a state change without the right CSRF token.
  // `csrf_token`, when given, receives the session's CSRF token (empty
  // without a session).
  Result<RequestContext> Context(const http::Request& request, std::string* csrf_token = nullptr) const;

 private:
  Service& service_;
  const Clock& clock_;
};

inline constexpr std::string_view kSessionCookie = "cohort_session";

void RegisterRoutes(http::Router& router, Service& service, const Authenticator& auth, bool secure_cookies);

}  // namespace cohort::accounts
