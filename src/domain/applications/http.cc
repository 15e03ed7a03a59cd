#include "domain/applications/http.h"

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "docs/file_type.h"
#include "docs/table.h"
#include "domain/programmes/form.h"
#include "http/multipart.h"
#include "domain/applications/service.h"
#include "domain/applications/workflow.h"
#include "domain/programmes/eligibility.h"
#include "http/download.h"
#include "http/json_body.h"

namespace cohort::applications {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json CallJson(const programmes::Call& c, const std::string& locale, const std::string& now) {
  return {{"id", c.id},
          {"title", programmes::InLanguage(c.settings->title, locale)},
          {"closes_at", Opt(c.closes_at)},
          {"time_zone", c.settings->time_zone},
          {"state", programmes::CallState(c, now)}};
}

// What the applicant may do now: the application's own actions, and the
// short-list form's while it is open and not yet due.
std::vector<std::string> Actions(const Application& a, const std::string& now) {
  auto out = ActionsFrom(a.state);
  if (a.state == "submitted" && !(a.second_stage_due_at && now >= *a.second_stage_due_at)) {
    auto more = SecondStageActionsFrom(a.second_stage);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

// The short-list form: its state, due date and (once opened) its questions.
json SecondStageJson(const ApplicationView& v, const std::string& now) {
  const Application& a = v.application;
  json fields = json::array();
  if (a.second_stage != "none") {
    for (const auto& f : v.call.settings->form.fields) {
      if (f.stage == 2 && !f.retired) fields.push_back(programmes::ToJson(f));
    }
  }
  const bool closed = a.second_stage == "open" && a.second_stage_due_at && now >= *a.second_stage_due_at;
  return {{"state", closed ? "closed" : a.second_stage},
          {"due_at", Opt(a.second_stage_due_at)},
          {"submitted_at", Opt(a.second_stage_submitted_at)},
          {"fields", fields}};
}

json ToJson(const ApplicationView& v, const std::string& locale, const std::string& now) {
  const Application& a = v.application;
  json rules = json::array();
  for (const auto& r : a.eligibility) {
    rules.push_back({{"id", r.id}, {"passed", r.passed}, {"knock_out", r.knock_out},
                     {"reason", programmes::Reason(r, locale)}});
  }
  json timeline = json::array();
  for (const auto& t : a.timeline) timeline.push_back({{"at", t.at}, {"event", t.event}, {"note", t.note}});
  json out = {{"id", a.id},
          {"call_id", a.call_id},
          {"applicant", a.applicant_id},
          {"state", a.state},
          {"answers", a.answers},
          {"version", a.version},
          {"reference", Opt(a.reference)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"submitted_at", Opt(a.submitted_at)},
          {"withdrawn_at", Opt(a.withdrawn_at)},
          {"eligibility", {{"outcome", a.EffectiveOutcome()}, {"rules", rules}}},
          {"timeline", timeline},
          {"actions", Actions(a, now)},
          {"second_stage", SecondStageJson(v, now)},
          {"call", CallJson(v.call, locale, now)}};
  if (v.staff) {
    out["eligibility"]["rules_outcome"] = a.eligibility_outcome;
    out["screening"] = a.screening_decision ? json{{"decision", *a.screening_decision},
                                                   {"reason", a.screening_reason.value_or("")},
                                                   {"by", a.screened_by.value_or("")},
                                                   {"by_name", v.screened_by_name},
                                                   {"at", a.screened_at.value_or("")}}
                                            : json(nullptr);
  }
  return out;
}

json SummaryJson(const ApplicationView& v, const std::string& locale, const std::string& now) {
  const Application& a = v.application;
  return {{"id", a.id},
          {"call_id", a.call_id},
          {"state", a.state},
          {"reference", Opt(a.reference)},
          {"updated_at", a.updated_at},
          {"submitted_at", Opt(a.submitted_at)},
          {"call", CallJson(v.call, locale, now)}};
}

json RowJson(const StaffRow& r) {
  return {{"id", r.id},
          {"reference", Opt(r.reference)},
          {"state", r.state},
          {"eligibility", r.eligibility_outcome},
          {"applicant", {{"id", r.applicant_id}, {"name", r.applicant_name}, {"email", r.applicant_email}}},
          {"submitted_at", Opt(r.submitted_at)},
          {"updated_at", r.updated_at},
          {"screened", r.screened},
          {"possible_duplicate", r.possible_duplicate}};
}

// One answer as a spreadsheet cell.
std::string CellText(const programmes::Field& field, const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "✓" : "";
  if (v.is_number()) return v.dump();
  if (!v.is_array()) return v.dump();
  std::string out;
  for (const auto& item : v) {
    std::string part;
    if (field.type == programmes::FieldType::kEducation && item.is_object()) {
      part = item.value("university", "") + ", " + item.value("field_of_study", "") + ", " + item.value("degree", "") +
             ", " + (item.contains("graduation_year") ? item["graduation_year"].dump() : "");
    } else if (field.type == programmes::FieldType::kLanguages && item.is_object()) {
      part = item.value("language", "") + " " + item.value("level", "");
    } else {
      part = item.is_string() ? item.get<std::string>() : item.dump();
    }
    out += (out.empty() ? "" : "; ") + part;
  }
  return out;
}

docs::Table ExportTable(const StaffPage& page, const programmes::Call& call, const std::string& locale) {
  docs::Table t;
  t.title = call.reference_prefix;
  t.header = {"reference", "name", "email", "state", "eligibility", "submitted_at"};
  for (const auto& f : call.settings->form.fields) t.header.push_back(programmes::InLanguage(f.label, locale) + " [" + f.key + "]");
  for (const auto& r : page.items) {
    std::vector<std::string> row = {r.reference.value_or(""), r.applicant_name,      r.applicant_email,
                                    r.state,                  r.eligibility_outcome, r.submitted_at.value_or("")};
    for (const auto& f : call.settings->form.fields) {
      row.push_back(r.answers.is_object() && r.answers.contains(f.key) ? CellText(f, r.answers[f.key]) : "");
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

json DocumentJson(const Document& d) {
  return {{"id", d.id},         {"application_id", d.application_id}, {"field", d.field_key}, {"file_name", d.file_name},
          {"kind", d.kind},     {"size_bytes", d.size_bytes},         {"created_at", d.created_at}};
}

Result<Response> Answer(const Result<ApplicationView>& v, const RequestContext& ctx, int status = 200) {
  if (!v) return v.error();
  return Response::Json(status, ToJson(*v, ctx.locale, FormatUtc(ctx.clock.Now())));
}

}  // namespace


void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url,
                    std::vector<WithdrawalHook> on_withdrawn) {
  auto service = std::make_shared<Service>(db, trail, public_url, std::move(on_withdrawn));

  router.Add(Method::kPost, "/api/v1/calls/{id}/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (!req.body.empty()) {
      auto body = http::StrictJsonObjectBody(req, {});
      if (!body) return body.error();
    }
    auto v = service->Start(*ctx, req.PathParam("id"));
    auto r = Answer(v, *ctx, 201);
    if (r) r->Header("Location", "/api/v1/applications/" + v->application.id);
    return r;
  });

  router.Add(Method::kGet, "/api/v1/applications/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Get(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kPatch, "/api/v1/applications/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"answers", "version"});
    if (!body) return body.error();
    std::vector<FieldError> errors;
    const auto answers = body->find("answers");
    if (answers == body->end() || !answers->is_object()) errors.push_back({"answers", "wrong_type", "an object of answers"});
    const auto version = body->find("version");
    if (version == body->end() || !version->is_number_integer()) {
      errors.push_back({"version", "not_an_integer", "the version you last saw"});
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid autosave", errors);
    return Answer(service->Autosave(*ctx, req.PathParam("id"), *answers, version->get<std::int64_t>()), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/submit", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Submit(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/second-stage/submit", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->SubmitSecondStage(*ctx, req.PathParam("id")), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/withdraw", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    return Answer(service->Withdraw(*ctx, req.PathParam("id")), *ctx);
  });

  // A file of up to 10 MiB and the multipart framing around it.
  router.AddWithBodyLimit(Method::kPost, "/api/v1/applications/{id}/documents", 10 * 1024 * 1024 + 64 * 1024,
                          [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (!ctx->actor.authenticated()) return Error::Unauthenticated("sign in to see your applications");
    auto parts = http::ParseMultipart(req.Header("content-type"), req.body);
    if (!parts) return parts.error();
    std::string field, file_name;
    std::string_view bytes;
    bool has_file = false;
    for (const auto& p : *parts) {
      if (p.name == "field" && p.filename.empty()) field = std::string(p.body);
      if (p.name == "file") {
        has_file = true;
        file_name = p.filename;
        bytes = p.body;
      }
    }
    std::vector<FieldError> errors;
    if (field.empty()) errors.push_back({"field", "required", "the key of the file question"});
    if (!has_file) errors.push_back({"file", "required", "a file"});
    if (!errors.empty()) return Error::InvalidArgument("invalid upload", errors);
    auto up = service->Upload(*ctx, req.PathParam("id"), field, file_name, bytes);
    if (!up) return up.error();
    const std::string now = FormatUtc(ctx->clock.Now());
    return Response::Json(201, {{"document", DocumentJson(up->first)}, {"application", ToJson(up->second, ctx->locale, now)}});
  });

  router.Add(Method::kGet, "/api/v1/documents/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto doc = service->Download(*ctx, req.PathParam("id"));
    if (!doc) return doc.error();
    return Response::Download(std::move(doc->second), docs::MediaType(doc->first.kind), doc->first.file_name);
  });

  router.Add(Method::kPost, "/api/v1/applications/{id}/screening", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"decision", "reason"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string decision = f.Text("decision"), reason = f.Text("reason");
    if (auto c = f.Check(); !c) return c.error();
    return Answer(service->Screen(*ctx, req.PathParam("id"), decision, reason), *ctx);
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/eligibility/evaluate", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto s = service->Reevaluate(*ctx, req.PathParam("id"));
    if (!s) return s.error();
    return Response::Json(200, {{"evaluated", s->evaluated}, {"changed", s->changed}, {"eligible", s->eligible},
                                {"ineligible", s->ineligible}, {"review", s->review}});
  });

  router.Add(Method::kGet, "/api/v1/me/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Mine(*ctx);
    if (!list) return list.error();
    const std::string now = FormatUtc(ctx->clock.Now());
    json items = json::array();
    for (const auto& v : *list) items.push_back(SummaryJson(v, ctx->locale, now));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/applications", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    StaffFilter filter;
    filter.state = req.QueryParam("state").value_or("");
    filter.eligibility = req.QueryParam("eligibility").value_or("");
    filter.query = req.QueryParam("q").value_or("");
    filter.after = req.QueryParam("cursor").value_or("");
    filter.duplicates_only = req.QueryParam("duplicates").value_or("") == "true";
    auto limit = http::LimitParam(req, 50);
    if (!limit) return limit.error();
    filter.limit = *limit;
    auto format = http::FormatParam(req);
    if (!format) return format.error();
    if (*format != "json") {
      filter.with_answers = true;
      programmes::Call call;
      auto page = service->OfIntake(*ctx, req.PathParam("id"), filter, &call);
      if (!page) return page.error();
      return http::TableDownload(ExportTable(*page, call, ctx->locale), *format,
                                 (call.reference_prefix.empty() ? "applications" : call.reference_prefix) + "-applications");
    }
    auto page = service->OfIntake(*ctx, req.PathParam("id"), filter);
    if (!page) return page.error();
    json items = json::array();
    for (const auto& r : page->items) items.push_back(RowJson(r));
    return Response::Json(200, {{"items", items}, {"next_cursor", Opt(page->next_cursor)}, {"total", page->total}});
  });
}

}  // namespace cohort::applications
