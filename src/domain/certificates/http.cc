#include "domain/certificates/http.h"

#include <nlohmann/json.hpp>

#include "domain/certificates/alumni.h"
#include "domain/certificates/service.h"
#include "http/json_body.h"

namespace cohort::certificates {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ToJson(const Statement& s) {
  return {{"serial", s.serial},         {"holder", s.holder}, {"programme", s.programme},
          {"organisation", s.organisation}, {"intake", s.intake}, {"from", s.from},
          {"to", s.to},                 {"hours", s.hours},   {"issued", s.issued}};
}

json ToJson(const Certificate& c, const Service& service) {
  return {{"serial", c.serial},
          {"participant_id", c.participant_id},
          {"intake_id", c.intake_id},
          {"state", c.state},
          {"revoked_at", Opt(c.revoked_at)},
          {"revoke_reason", Opt(c.revoke_reason)},
          {"issued_at", c.issued_at},
          {"statement", ToJson(c.statement)},
          {"verify_url", service.VerifyUrl(c)}};
}

json ToJson(const CompletionRules& r) {
  return {{"min_attendance", r.min_attendance},
          {"final_work_required", r.final_work_required},
          {"min_evaluation", r.min_evaluation},
          {"hours", r.hours}};
}

json ToJson(const CompletionRow& r) {
  json work = nullptr;
  if (r.final_work) {
    work = {{"title", r.final_work->title}, {"grade", r.final_work->grade}, {"passed", r.final_work->passed}};
  }
  return {{"participant_id", r.participant_id},
          {"name", r.name},
          {"state", r.state},
          {"attendance", r.attendance},
          {"final_work", work},
          {"rotations", r.rotations},
          {"evaluated", r.evaluated},
          {"unmet", r.unmet},
          {"meets", r.meets()},
          {"certificate_serial", Opt(r.certificate_serial)}};
}

json Report(const std::vector<CompletionRow>& rows) {
  json items = json::array();
  for (const auto& r : rows) items.push_back(ToJson(r));
  return {{"items", items}};
}

json ToJson(const Verification& v) {
  return {{"status", v.status},
          {"signature_valid", v.signature_valid},
          {"certificate", v.statement ? ToJson(*v.statement) : json(nullptr)},
          {"revoked_at", Opt(v.revoked_at)},
          {"revoke_reason", Opt(v.revoke_reason)}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail, const Signer& signer,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, signer, public_url);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/completion-rules", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto rules = service->Rules(*ctx, req.PathParam("id"));
    if (!rules) return rules.error();
    return Response::Json(200, ToJson(*rules));
  });

  router.Add(Method::kPut, "/api/v1/intakes/{id}/completion-rules", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"min_attendance", "final_work_required", "min_evaluation", "hours"});
    if (!body) return body.error();
    CompletionRules rules;
    std::vector<FieldError> errors;
    if (body->contains("min_attendance")) {
      if ((*body)["min_attendance"].is_number()) rules.min_attendance = (*body)["min_attendance"].get<double>();
      else errors.push_back({"min_attendance", "not_a_number", "a number"});
    }
    http::JsonFields f(*body);
    rules.final_work_required = f.Flag("final_work_required");
    rules.hours = f.OptionalInteger("hours").value_or(0);
    rules.min_evaluation = f.OptionalInteger("min_evaluation").value_or(0);
    if (auto c = f.Check(); !c) return c.error();
    if (!errors.empty()) return Error::InvalidArgument("invalid completion rules", errors);
    auto saved = service->SaveRules(*ctx, req.PathParam("id"), rules);
    if (!saved) return saved.error();
    return Response::Json(200, ToJson(*saved));
  });

  router.Add(Method::kPut, "/api/v1/participants/{id}/final-work", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"title", "grade", "passed"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    FinalWork work;
    work.title = f.Text("title");
    work.grade = f.Text("grade");
    work.passed = f.Flag("passed");
    if (auto c = f.Check(); !c) return c.error();
    auto saved = service->SaveFinalWork(*ctx, req.PathParam("id"), work);
    if (!saved) return saved.error();
    return Response::Json(200, {{"title", saved->title}, {"grade", saved->grade}, {"passed", saved->passed}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/completion", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto rows = service->Report(*ctx, req.PathParam("id"));
    if (!rows) return rows.error();
    return Response::Json(200, Report(*rows));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/completion/confirm", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"participant_ids"});
    if (!body) return body.error();
    std::vector<FieldError> errors;
    const auto ids = http::TextList(*body, "participant_ids", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid confirmation", errors);
    auto rows = service->Confirm(*ctx, req.PathParam("id"), ids);
    if (!rows) return rows.error();
    return Response::Json(200, Report(*rows));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/certificates", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->OfIntake(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& c : *list) items.push_back(ToJson(c, *service));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/me/certificates", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Mine(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& c : *list) items.push_back(ToJson(c, *service));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/certificates/{serial}/revoke", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"reason"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string reason = f.Text("reason");
    if (auto c = f.Check(); !c) return c.error();
    auto c = service->Revoke(*ctx, req.PathParam("serial"), reason);
    if (!c) return c.error();
    return Response::Json(200, ToJson(*c, *service));
  });

  router.Add(Method::kGet, "/api/v1/certificates/{serial}/pdf", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    const std::string language = req.QueryParam("lang").value_or(ctx->locale);
    auto pdf = service->Pdf(*ctx, req.PathParam("serial"), language);
    if (!pdf) return pdf.error();
    return Response::Download(std::move(*pdf), "application/pdf", req.PathParam("serial") + ".pdf");
  });

  router.Add(Method::kGet, "/api/v1/certificates/{serial}/badge", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto badge = service->Badge(*ctx, req.PathParam("serial"));
    if (!badge) return badge.error();
    Response r = Response::Json(200, *badge);
    r.headers.clear();
    r.Header("Content-Type", "application/vc+ld+json");
    return r;
  });

  auto alumni = std::make_shared<Alumni>(db, trail, public_url);
  auto alumnus_json = [](const Alumnus& a, bool with_email) {
    json out = {{"account_id", a.account_id}, {"name", a.name},           {"intakes", a.intakes},
                {"year", a.year},             {"directory", a.directory}, {"headline", a.headline}};
    if (with_email) out["email"] = a.email;
    return out;
  };

  router.Add(Method::kGet, "/api/v1/programmes/{id}/alumni", [&auth, alumni, alumnus_json](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto o = alumni->OfProgramme(*ctx, req.PathParam("id"));
    if (!o) return o.error();
    json years = json::array();
    for (const auto& [year, n] : o->per_year) years.push_back({{"year", year}, {"completed", n}});
    json items = json::array();
    for (const auto& a : o->items) items.push_back(alumnus_json(a, true));
    return Response::Json(200, {{"total", o->total}, {"per_year", years}, {"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/programmes/{id}/alumni-directory",
             [&auth, alumni, alumnus_json](Request& req) -> Result<Response> {
               auto ctx = auth.Context(req);
               if (!ctx) return ctx.error();
               auto list = alumni->Directory(*ctx, req.PathParam("id"));
               if (!list) return list.error();
               json items = json::array();
               for (const auto& a : *list) items.push_back(alumnus_json(a, false));
               return Response::Json(200, {{"items", items}});
             });

  router.Add(Method::kGet, "/api/v1/me/alumni-profile", [&auth, alumni](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto saved = alumni->Profile(*ctx);
    if (!saved) return saved.error();
    return Response::Json(200, {{"directory", saved->directory}, {"headline", saved->headline}});
  });

  router.Add(Method::kPut, "/api/v1/me/alumni-profile", [&auth, alumni](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"directory", "headline"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const bool directory = f.Flag("directory");
    const std::string headline = f.Text("headline");
    if (auto c = f.Check(); !c) return c.error();
    auto saved = alumni->SaveProfile(*ctx, directory, headline);
    if (!saved) return saved.error();
    return Response::Json(200, {{"directory", saved->directory}, {"headline", saved->headline}});
  });

  router.Add(Method::kPost, "/api/v1/activities/{id}/invite-alumni", [&auth, alumni](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto invited = alumni->Invite(*ctx, req.PathParam("id"));
    if (!invited) return invited.error();
    return Response::Json(200, {{"invited", *invited}});
  });

  // Public: anyone checks a certificate.
  router.Add(Method::kGet, "/api/v1/certificates/verify", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    const auto token = req.QueryParam("c");
    auto v = token ? service->VerifyToken(*ctx, *token) : service->VerifySerial(*ctx, req.QueryParam("serial").value_or(""));
    if (!v) return v.error();
    return Response::Json(200, ToJson(*v));
  });

  router.Add(Method::kGet, "/api/v1/certificates/public-key", [&signer](Request&) -> Result<Response> {
    return Response::Json(200, {{"algorithm", "Ed25519"},
                                {"public_key", Base64Url(signer.PublicKey())},
                                {"did", signer.Did()}});
  });
}

}  // namespace cohort::certificates
