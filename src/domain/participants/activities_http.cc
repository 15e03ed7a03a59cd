// Routes of activities, attendance and calendar feeds (docs/api/programme.md
// "Activities").
#include <algorithm>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/participants/activities.h"
#include "domain/participants/http.h"
#include "http/json_body.h"

namespace cohort::participants {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

// The members of an activity in a request body.
const std::vector<std::string_view> kFields = {"kind",       "title",      "topic",     "trainer_name", "trainer_kind",
                                               "trainer_id", "place",      "online_url", "starts_at",    "ends_at"};

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ToJson(const Activity& a) {
  return {{"id", a.id},
          {"intake_id", a.intake_id},
          {"series_id", Opt(a.series_id)},
          {"kind", a.kind},
          {"title", a.title},
          {"topic", a.topic},
          {"trainer_name", a.trainer_name},
          {"trainer_kind", a.trainer_kind},
          {"trainer_id", Opt(a.trainer_id)},
          {"place", a.place},
          {"online_url", a.online_url},
          {"starts_at", a.starts_at},
          {"ends_at", a.ends_at},
          {"state", a.state},
          {"version", a.version}};
}

json ToJson(const ActivityView& v) {
  json out = ToJson(v.activity);
  out["programme_name"] = v.programme_name;
  out["intake_name"] = v.intake_name;
  out["time_zone"] = v.time_zone;
  out["takes_attendance"] = v.takes_attendance;
  return out;
}

json ToJson(const AttendanceRecord& r) {
  return {{"participant_id", r.participant_id},
          {"name", r.name},
          {"status", r.status.empty() ? json(nullptr) : json(r.status)},
          {"method", r.method.empty() ? json(nullptr) : json(r.method)},
          {"reason", Opt(r.reason)},
          {"recorded_at", r.recorded_at.empty() ? json(nullptr) : json(r.recorded_at)}};
}

json Items(const std::vector<Activity>& list) {
  json items = json::array();
  for (const auto& a : list) items.push_back(ToJson(a));
  return {{"items", items}};
}

json Roster(const std::vector<AttendanceRecord>& list) {
  json items = json::array();
  for (const auto& r : list) items.push_back(ToJson(r));
  return {{"items", items}};
}

// The activity's fields of a request body.
Result<Activity> ActivityFrom(const json& body) {
  http::JsonFields f(body);
  Activity a;
  a.kind = f.Text("kind");
  a.title = f.Text("title");
  a.topic = f.Text("topic");
  a.trainer_name = f.Text("trainer_name");
  a.trainer_kind = f.OptionalText("trainer_kind").value_or("staff");
  a.trainer_id = f.OptionalText("trainer_id");
  if (a.trainer_id && a.trainer_id->empty()) a.trainer_id.reset();
  a.place = f.Text("place");
  a.online_url = f.Text("online_url");
  a.starts_at = f.Text("starts_at");
  a.ends_at = f.Text("ends_at");
  if (auto c = f.Check(); !c) return c.error();
  return a;
}

}  // namespace

void RegisterActivityRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                            const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Activities>(db, trail, public_url);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/activities", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->List(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/activities", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::JsonObjectBody(req);
    if (!body) return body.error();
    std::vector<std::string_view> allowed(kFields);
    allowed.push_back("repeat");
    for (const auto& [key, value] : body->items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return Error::InvalidArgument("unknown field", {{key, "unknown_field", "not a field of an activity"}});
      }
    }
    auto input = ActivityFrom(*body);
    if (!input) return input.error();
    Repeat repeat;
    if (body->contains("repeat") && !(*body)["repeat"].is_null()) {
      const json& r = (*body)["repeat"];
      if (!r.is_object()) return Error::InvalidArgument("invalid repeat", {{"repeat", "not_an_object", "an object"}});
      http::JsonFields f(r);
      repeat.every = f.Text("every");
      repeat.count = f.OptionalInteger("count").value_or(1);
      if (auto c = f.Check(); !c) return c.error();
    }
    auto made = service->Create(*ctx, req.PathParam("id"), std::move(*input), repeat);
    if (!made) return made.error();
    return Response::Json(201, Items(*made));
  });

  router.Add(Method::kGet, "/api/v1/activities/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto view = service->Get(*ctx, req.PathParam("id"));
    if (!view) return view.error();
    return Response::Json(200, ToJson(*view));
  });

  router.Add(Method::kGet, "/api/v1/me/activities", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->Mine(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& v : *list) items.push_back(ToJson(v));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPut, "/api/v1/activities/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::JsonObjectBody(req);
    if (!body) return body.error();
    std::vector<std::string_view> allowed(kFields);
    allowed.push_back("version");
    allowed.push_back("series");
    for (const auto& [key, value] : body->items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        return Error::InvalidArgument("unknown field", {{key, "unknown_field", "not a field of an activity"}});
      }
    }
    auto input = ActivityFrom(*body);
    if (!input) return input.error();
    http::JsonFields f(*body);
    const auto version = f.OptionalInteger("version");
    const bool series = f.Flag("series");
    if (auto c = f.Check(); !c) return c.error();
    if (!version) return Error::InvalidArgument("version missing", {{"version", "required", "the version you read"}});
    auto saved = service->Update(*ctx, req.PathParam("id"), std::move(*input), *version, series);
    if (!saved) return saved.error();
    return Response::Json(200, ToJson(*saved));
  });

  router.Add(Method::kPost, "/api/v1/activities/{id}/cancel", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    bool series = false;  // an empty body cancels this one only
    if (!req.body.empty()) {
      auto body = http::StrictJsonObjectBody(req, {"series"});
      if (!body) return body.error();
      http::JsonFields f(*body);
      series = f.Flag("series");
      if (auto c = f.Check(); !c) return c.error();
    }
    auto cancelled = service->Cancel(*ctx, req.PathParam("id"), series);
    if (!cancelled) return cancelled.error();
    return Response::Json(200, Items(*cancelled));
  });

  router.Add(Method::kGet, "/api/v1/activities/{id}/check-in-code", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto screen = service->CheckInCode(*ctx, req.PathParam("id"));
    if (!screen) return screen.error();
    Response r = Response::Json(200, {{"code", screen->code}, {"url", screen->url}, {"expires_at", screen->expires_at}});
    r.Header("Cache-Control", "no-store");
    return r;
  });

  router.Add(Method::kPost, "/api/v1/activities/{id}/check-in", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"code"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string code = f.Text("code");
    if (auto c = f.Check(); !c) return c.error();
    auto record = service->CheckIn(*ctx, req.PathParam("id"), code);
    if (!record) return record.error();
    return Response::Json(200, ToJson(*record));
  });

  router.Add(Method::kGet, "/api/v1/activities/{id}/attendance", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto roster = service->Roster(*ctx, req.PathParam("id"));
    if (!roster) return roster.error();
    return Response::Json(200, Roster(*roster));
  });

  router.Add(Method::kPut, "/api/v1/activities/{id}/attendance", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"items"});
    if (!body) return body.error();
    if (!body->contains("items") || !(*body)["items"].is_array()) {
      return Error::InvalidArgument("items missing", {{"items", "required", "a list of marks"}});
    }
    std::vector<AttendanceRecord> items;
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < (*body)["items"].size(); ++i) {
      const json& item = (*body)["items"][i];
      const std::string at = "items[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        errors.push_back({at, "not_an_object", "an object"});
        continue;
      }
      AttendanceRecord r;
      r.participant_id = item.value("participant_id", "");
      r.status = item.value("status", "");
      if (item.contains("reason") && item["reason"].is_string()) r.reason = item["reason"].get<std::string>();
      items.push_back(std::move(r));
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid attendance", errors);
    auto roster = service->Mark(*ctx, req.PathParam("id"), items);
    if (!roster) return roster.error();
    return Response::Json(200, Roster(*roster));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/attendance", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto shares = service->Shares(*ctx, req.PathParam("id"));
    if (!shares) return shares.error();
    json items = json::array();
    for (const auto& s : *shares) {
      items.push_back({{"participant_id", s.participant_id},
                       {"name", s.name},
                       {"held", s.held},
                       {"present", s.present},
                       {"absent", s.absent},
                       {"excused", s.excused},
                       {"share", s.share}});
    }
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/calendar-feed", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"renew"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const bool renew = f.Flag("renew");
    if (auto c = f.Check(); !c) return c.error();
    auto url = service->FeedUrl(*ctx, req.PathParam("id"), renew);
    if (!url) return url.error();
    return Response::Json(200, {{"url", *url}});
  });

  // Public: the secret address is the permission (calendar apps cannot sign in).
  router.Add(Method::kGet, "/api/v1/calendar/{token}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto feed = service->Feed(*ctx, req.PathParam("token"));
    if (!feed) return feed.error();
    Response r = Response::Text(200, std::move(*feed), "text/calendar; charset=utf-8");
    r.Header("Cache-Control", "private, max-age=300");
    return r;
  });
}

}  // namespace cohort::participants
