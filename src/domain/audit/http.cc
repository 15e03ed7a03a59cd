#include "domain/audit/http.h"

#include <nlohmann/json.hpp>

#include "domain/audit/trail.h"

namespace cohort::audit {

void RegisterRoutes(http::Router& router, db::Database& db, const accounts::Authenticator& auth) {
  router.Add(http::Method::kGet, "/api/v1/audit", [&db, &auth](http::Request& req) -> Result<http::Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (!ctx->actor.authenticated()) return Error::Unauthenticated("sign in to read the audit trail");
    const auto type = req.QueryParam("subject_type").value_or("");
    const auto id = req.QueryParam("subject_id").value_or("");
    std::vector<FieldError> errors;
    if (type.empty()) errors.push_back({"subject_type", "required", "required"});
    if (id.empty()) errors.push_back({"subject_id", "required", "required"});
    if (!errors.empty()) return Error::InvalidArgument("subject required", std::move(errors));
    auto records = db.Read([&](db::Tx& tx) -> Result<std::vector<Record>> {
      auto all = Trail::History(tx, type, id);
      if (!all) return all.error();
      if (ctx->actor.is_platform_admin) return all;
      // The organisations this actor administers.
      auto rows = tx.Query("SELECT organisation_id FROM memberships WHERE account_id = :a AND role = 'organisation_admin'",
                           {db::P("a", ctx->actor.account_id)});
      if (!rows) return rows.error();
      std::vector<std::string> orgs;
      for (const auto& r : *rows) orgs.push_back(r.Text(0));
      if (orgs.empty()) return Error::PermissionDenied("only administrators may read the audit trail");
      std::vector<Record> visible;
      for (auto& rec : *all) {
        if (std::find(orgs.begin(), orgs.end(), rec.entry.organisation_id) != orgs.end()) {
          visible.push_back(std::move(rec));
        }
      }
      return visible;
    });
    if (!records) return records.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *records) {
      auto parse = [](const std::string& s) {
        return s.empty() ? nlohmann::json(nullptr) : nlohmann::json::parse(s, nullptr, false);
      };
      items.push_back({{"seq", r.seq},
                       {"at", r.at},
                       {"actor", r.actor_account_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.actor_account_id)},
                       {"organisation_id", r.entry.organisation_id.empty() ? nlohmann::json(nullptr)
                                                                            : nlohmann::json(r.entry.organisation_id)},
                       {"subject_type", r.entry.subject_type},
                       {"subject_id", r.entry.subject_id},
                       {"action", r.entry.action},
                       {"before", parse(r.entry.before_json)},
                       {"after", parse(r.entry.after_json)},
                       {"request_id", r.request_id}});
    }
    return http::Response::Json(200, {{"items", items}});
  });
}

}  // namespace cohort::audit
