#include "domain/notifications/http.h"

#include <nlohmann/json.hpp>

#include "core/time_format.h"

namespace cohort::notifications {

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth) {
  router.Add(http::Method::kGet, "/api/v1/me/notifications", [&db, &auth](http::Request& req) -> Result<http::Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (!ctx->actor.authenticated()) return Error::Unauthenticated("sign in first");
    auto rows = db.Read([&](db::Tx& tx) {
      return tx.Query(
          "SELECT id, created_at, template, title, body, read_at FROM notifications WHERE account_id = :a "
          "ORDER BY created_at DESC, id DESC LIMIT 100",
          {db::P("a", ctx->actor.account_id)});
    });
    if (!rows) return rows.error();
    auto count = db.Read([&](db::Tx& tx) {
      return tx.QueryOne("SELECT count(*) FROM notifications WHERE account_id = :a AND read_at IS NULL",
                         {db::P("a", ctx->actor.account_id)});
    });
    if (!count) return count.error();
    const auto unread = (*count)->Int(0);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *rows) {
      items.push_back({{"id", r.Text(0)},
                       {"created_at", r.Text(1)},
                       {"kind", r.Text(2)},
                       {"title", r.Text(3)},
                       {"body", r.Text(4)},
                       {"read_at", r.IsNull(5) ? nlohmann::json(nullptr) : nlohmann::json(r.Text(5))}});
    }
    return http::Response::Json(200, {{"items", items}, {"unread", unread}});
  });

  router.Add(http::Method::kPost, "/api/v1/me/notifications/{id}/read",
             [&db, &auth](http::Request& req) -> Result<http::Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               if (!ctx->actor.authenticated()) return Error::Unauthenticated("sign in first");
               auto n = db.Write([&](db::Tx& tx) {
                 return tx.Exec(
                     "UPDATE notifications SET read_at = COALESCE(read_at, :now) WHERE id = :id AND account_id = :a",
                     {db::P("now", FormatUtc(ctx->clock.Now())), db::P("id", req.PathParam("id")),
                      db::P("a", ctx->actor.account_id)});
               });
               if (!n) return n.error();
               if (*n == 0) return Error::NotFound("no such notification");
               return http::Response::NoContent();
             });
}

}  // namespace cohort::notifications
