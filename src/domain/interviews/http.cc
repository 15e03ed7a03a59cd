#include "domain/interviews/http.h"

#include <nlohmann/json.hpp>

#include "domain/interviews/service.h"
#include "domain/programmes/form.h"
#include "http/json_body.h"

namespace cohort::interviews {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

std::string Localised(const std::string& translated_json, const std::string& locale) {
  return programmes::InLanguage(programmes::TranslatedFromJson(json::parse(translated_json, nullptr, false)), locale);
}

json ToJson(const Panel& p) {
  json members = json::array();
  for (std::size_t i = 0; i < p.members.size(); ++i) {
    members.push_back({{"account_id", p.members[i]}, {"name", i < p.member_names.size() ? p.member_names[i] : ""}});
  }
  return {{"id", p.id}, {"stage_id", p.stage_id}, {"name", p.name}, {"location", p.location}, {"members", members},
          {"created_at", p.created_at}};
}

json ToJson(const Slot& s) {
  return {{"id", s.id},           {"stage_id", s.stage_id}, {"panel_id", s.panel_id},   {"panel_name", s.panel_name},
          {"location", s.location}, {"starts_at", s.starts_at}, {"ends_at", s.ends_at}, {"places", s.places},
          {"booked", s.booked},   {"places_left", s.places - s.booked}};
}

json ToJson(const Booking& b) {
  return {{"id", b.id},
          {"stage_id", b.stage_id},
          {"slot_id", b.slot_id},
          {"application_id", b.application_id},
          {"reference", b.reference},
          {"name", b.applicant_name},
          {"state", b.state},
          {"origin", b.origin},
          {"starts_at", b.starts_at},
          {"ends_at", b.ends_at},
          {"panel_name", b.panel_name},
          {"location", b.location},
          {"calendar", "/api/v1/interview-bookings/" + b.id + "/calendar.ics"}};
}

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);

  router.Add(Method::kGet, "/api/v1/stages/{id}/panels", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Panels(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& p : *list) items.push_back(ToJson(p));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/panels", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "location", "members"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    Panel in;
    in.name = f.Text("name");
    in.location = f.Text("location");
    if (auto c = f.Check(); !c) return c.error();
    std::vector<FieldError> errors;
    in.members = http::TextList(*body, "members", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid panel", errors);
    auto p = service->AddPanel(*ctx, req.PathParam("id"), in);
    if (!p) return p.error();
    return Response::Json(201, ToJson(*p));
  });

  router.Add(Method::kDelete, "/api/v1/panels/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service->DeletePanel(*ctx, req.PathParam("id")); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/interview-slots", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(
        req, {"stage_id", "panel_id", "days", "from", "to", "length_minutes", "break_minutes", "places"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    SlotRequest in;
    in.stage_id = f.Text("stage_id");
    in.panel_id = f.Text("panel_id");
    in.from = f.Text("from");
    in.to = f.Text("to");
    in.length_minutes = static_cast<int>(std::clamp<std::int64_t>(f.OptionalInteger("length_minutes").value_or(30), -1, 100000));
    in.break_minutes = static_cast<int>(std::clamp<std::int64_t>(f.OptionalInteger("break_minutes").value_or(0), -1, 100000));
    in.places = static_cast<int>(std::clamp<std::int64_t>(f.OptionalInteger("places").value_or(1), -1, 100000));
    if (auto c = f.Check(); !c) return c.error();
    std::vector<FieldError> errors;
    in.days = http::TextList(*body, "days", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid slots", errors);
    auto made = service->GenerateSlots(*ctx, req.PathParam("id"), in);
    if (!made) return made.error();
    json items = json::array();
    for (const auto& s : *made) items.push_back(ToJson(s));
    return Response::Json(201, {{"created", made->size()}, {"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/stages/{id}/interview-slots", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto r = service->Slots(*ctx, req.PathParam("id"));
    if (!r) return r.error();
    json slots = json::array(), bookings = json::array();
    for (const auto& s : r->first) slots.push_back(ToJson(s));
    for (const auto& b : r->second) bookings.push_back(ToJson(b));
    return Response::Json(200, {{"items", slots}, {"bookings", bookings}});
  });

  router.Add(Method::kGet, "/api/v1/stages/{id}/interview-candidates", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto r = service->Candidates(*ctx, req.PathParam("id"));
    if (!r) return r.error();
    json items = json::array();
    for (const auto& c : *r) {
      json windows = json::array();
      for (const auto& w : c.availability) windows.push_back({{"start", w.start}, {"end", w.end}});
      items.push_back({{"application_id", c.application_id},
                       {"reference", c.reference},
                       {"name", c.name},
                       {"booking", c.booking ? ToJson(*c.booking) : json(nullptr)},
                       {"availability", windows}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kDelete, "/api/v1/interview-slots/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    if (auto r = service->DeleteSlot(*ctx, req.PathParam("id")); !r) return r.error();
    return Response::NoContent();
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/invitations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto n = service->Invite(*ctx, req.PathParam("id"));
    if (!n) return n.error();
    return Response::Json(200, {{"invited", *n}});
  });

  router.Add(Method::kGet, "/api/v1/me/interviews", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Mine(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& inv : *list) {
      json slots = json::array(), windows = json::array();
      for (const auto& s : inv.open_slots) slots.push_back(ToJson(s));
      for (const auto& w : inv.availability) windows.push_back({{"start", w.start}, {"end", w.end}});
      items.push_back({{"stage_id", inv.stage_id},
                       {"application_id", inv.application_id},
                       {"reference", inv.reference},
                       {"call_title", Localised(inv.call_title_json, ctx->locale)},
                       {"stage_name", Localised(inv.stage_name_json, ctx->locale)},
                       {"time_zone", inv.time_zone},
                       {"booking", inv.booking ? ToJson(*inv.booking) : json(nullptr)},
                       {"change_until", inv.change_until.empty() ? json(nullptr) : json(inv.change_until)},
                       {"open_slots", slots},
                       {"availability", windows}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/interview-slots/{id}/book", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto b = service->Book(*ctx, req.PathParam("id"));
    if (!b) return b.error();
    return Response::Json(201, ToJson(*b));
  });

  router.Add(Method::kPut, "/api/v1/stages/{id}/availability", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"windows"});
    if (!body) return body.error();
    std::vector<std::pair<std::string, std::string>> windows;
    const json& list = (*body)["windows"];
    if (!list.is_array()) return Error::InvalidArgument("invalid availability", {{"windows", "wrong_type", "a list of windows"}});
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object() || !list[i].value("from", json()).is_string() || !list[i].value("to", json()).is_string()) {
        return Error::InvalidArgument("invalid availability",
                                      {{"windows[" + std::to_string(i) + "]", "wrong_type", "{\"from\", \"to\"} local times"}});
      }
      windows.emplace_back(list[i]["from"].get<std::string>(), list[i]["to"].get<std::string>());
    }
    auto saved = service->SetAvailability(*ctx, req.PathParam("id"), windows);
    if (!saved) return saved.error();
    json out = json::array();
    for (const auto& w : *saved) out.push_back({{"start", w.start}, {"end", w.end}});
    return Response::Json(200, {{"windows", out}});
  });

  router.Add(Method::kPost, "/api/v1/stages/{id}/schedule", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto s = service->Schedule(*ctx, req.PathParam("id"));
    if (!s) return s.error();
    json left = json::array();
    for (const auto& u : s->unscheduled) {
      left.push_back({{"application_id", u.application_id}, {"reference", u.reference}, {"reason", u.reason}});
    }
    return Response::Json(200, {{"scheduled", s->scheduled}, {"unscheduled", left}});
  });

  router.Add(Method::kPost, "/api/v1/interview-bookings/{id}/attendance", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"state"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string state = f.Text("state");
    if (auto c = f.Check(); !c) return c.error();
    auto b = service->Attendance(*ctx, req.PathParam("id"), state);
    if (!b) return b.error();
    return Response::Json(200, ToJson(*b));
  });

  router.Add(Method::kGet, "/api/v1/interview-bookings/{id}/calendar.ics", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto ics = service->Calendar(*ctx, req.PathParam("id"));
    if (!ics) return ics.error();
    auto r = Response::Text(200, *ics, "text/calendar; charset=utf-8");
    r.Header("Content-Disposition", "attachment; filename=\"interview.ics\"");
    return r;
  });
}

}  // namespace cohort::interviews
