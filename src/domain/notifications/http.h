#pragma once
// In-app notifications of the signed-in person:
//   GET  /api/v1/me/notifications            newest first, with unread count
//   POST /api/v1/me/notifications/{id}/read  mark one read
#include "domain/accounts/http.h"
#include "http/router.h"

namespace cohort::notifications {

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth);

}  // namespace cohort::notifications
