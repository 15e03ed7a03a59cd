#pragma once
// How a request says who is acting. So far: `Authorization: Bearer <token>`
// (personal API tokens); browser sessions come with the accounts issue.
#include "core/request_context.h"
#include "db/database.h"
#include "http/request.h"

namespace cohort::accounts {

// The actor of `request`: the public when it carries no credentials;
// kUnauthenticated when it carries bad ones.
Result<Actor> ActorOf(db::Database& db, const http::Request& request);

}  // namespace cohort::accounts
