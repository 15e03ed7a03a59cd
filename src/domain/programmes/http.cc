#include "domain/programmes/http.h"

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "docs/markdown.h"
#include "domain/programmes/eligibility.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "http/json_body.h"

namespace cohort::programmes {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json ToJson(const Programme& p) {
  return {{"id", p.id},     {"organisation_id", p.organisation_id}, {"name", p.name},
          {"code", p.code}, {"description", p.description},         {"created_at", p.created_at}};
}

json ToJson(const Intake& i) {
  return {{"id", i.id},
          {"programme_id", i.programme_id},
          {"organisation_id", i.organisation_id},
          {"name", i.name},
          {"starts_on", i.starts_on},
          {"ends_on", i.ends_on},
          {"capacity", i.capacity},
          {"time_zone", i.time_zone},
          {"has_call", i.has_call},
          {"created_at", i.created_at}};
}

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json StaffJson(const Call& c, const std::string& now) {
  json j = programmes::ToJson(*c.settings);
  j["id"] = c.id;
  j["intake_id"] = c.intake_id;
  j["organisation_id"] = c.organisation_id;
  j["programme_id"] = c.programme_id;
  j["opens_at"] = Opt(c.opens_at);
  j["closes_at"] = Opt(c.closes_at);
  j["state"] = CallState(c, now);
  j["applications"] = c.applications;
  j["reference_prefix"] = c.reference_prefix;
  j["updated_at"] = c.updated_at;
  return j;
}

json SummaryJson(const CallSummary& s, const std::string& locale, const std::string& now) {
  const Call& c = s.call;
  return {{"id", c.id},
          {"title", InLanguage(c.settings->title, locale)},
          {"opens_at", Opt(c.opens_at)},
          {"closes_at", Opt(c.closes_at)},
          {"time_zone", c.settings->time_zone},
          {"state", CallState(c, now)},
          {"programme", {{"id", c.programme_id}, {"name", s.programme_name}}},
          {"organisation", {{"id", c.organisation_id}, {"name", s.organisation_name}, {"slug", s.organisation_slug}}},
          {"intake", {{"id", c.intake_id}, {"name", s.intake_name}}}};
}

json PublicJson(const CallSummary& s, const std::string& locale, const std::string& now) {
  json j = SummaryJson(s, locale, now);
  const auto& settings = *s.call.settings;
  j["titles"] = programmes::ToJson(settings)["title"];
  const std::string description = InLanguage(settings.description, locale);
  j["description"] = description;
  j["description_html"] = docs::MarkdownToSafeHtml(description);
  json fields = json::array();
  for (const auto& f : settings.form.fields) {
    if (!f.retired && f.stage == 1) fields.push_back(programmes::ToJson(f));
  }
  j["form"] = {{"fields", fields}};
  json rules = json::array();
  for (const auto& r : settings.rules) rules.push_back({{"id", r.id}, {"text", Describe(r, locale)}});
  j["eligibility"] = rules;
  return j;
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// An Atom feed (RFC 4287) of open calls for organisations' websites.
std::string AtomFeed(const std::vector<CallSummary>& calls, const std::string& locale, const std::string& now,
                     const std::string& public_url) {
  std::string updated = calls.empty() ? now : calls.front().call.updated_at;
  for (const auto& c : calls) updated = std::max(updated, c.call.updated_at);
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                    locale + "\">\n<title>Cohort</title>\n<id>" + XmlEscape(public_url) + "/calls</id>\n<link rel=\"alternate\" href=\"" +
                    XmlEscape(public_url) + "/calls\"/>\n<updated>" + updated + "</updated>\n";
  for (const auto& s : calls) {
    const Call& c = s.call;
    const std::string link = public_url + "/call?id=" + c.id;
    xml += "<entry>\n<id>urn:cohort:call:" + c.id + "</id>\n<title>" + XmlEscape(InLanguage(c.settings->title, locale)) +
           "</title>\n<link rel=\"alternate\" href=\"" + XmlEscape(link) + "\"/>\n<updated>" + c.updated_at +
           "</updated>\n<author><name>" + XmlEscape(s.organisation_name) + "</name></author>\n<summary>" +
           XmlEscape(s.programme_name + " · " + s.intake_name + " · " + c.closes_at.value_or("")) +
           "</summary>\n<content type=\"html\">" +
           XmlEscape(docs::MarkdownToSafeHtml(InLanguage(c.settings->description, locale))) + "</content>\n</entry>\n";
  }
  return xml + "</feed>\n";
}

template <class T>
json Items(const std::vector<T>& v) {
  json items = json::array();
  for (const auto& x : v) items.push_back(ToJson(x));
  return {{"items", items}};
}


// The public list of calls, kept as its answer for at most a second: a
// website embedding it, or a crowd opening the portal when a call opens,
// costs one query a second per language. A change this process makes to a
// programme, intake or call ends every kept answer at once (Changes());
// another server's changes, an organisation's new name and a call opening
// or closing are seen within the second. Keys are few (language, state,
// limit), so the cache stays small.
class PublicListCache {
 public:
  // The kept answer for `key`, when it was made less than a second before
  // `now` and nothing has changed since.
  std::optional<std::string> Find(const std::string& key, TimePoint now) const {
    std::lock_guard lock(mu_);
    auto it = kept_.find(key);
    if (it == kept_.end()) return std::nullopt;
    const Kept& k = it->second;
    if (k.changes != Changes() || now < k.at || now >= k.at + std::chrono::seconds(1)) return std::nullopt;
    return k.body;
  }
  // `changes`: Changes() as read before reading the database.
  void Keep(const std::string& key, std::string body, TimePoint now, std::uint64_t changes) {
    std::lock_guard lock(mu_);
    kept_[key] = Kept{std::move(body), now, changes};
  }

 private:
  struct Kept {
    std::string body;
    TimePoint at;
    std::uint64_t changes = 0;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Kept> kept_;
};

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail);
  auto list_cache = std::make_shared<PublicListCache>();

  router.Add(Method::kGet, "/api/v1/organisations/{id}/programmes", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->ListProgrammes(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/organisations/{id}/programmes", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "code", "description"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    NewProgramme in{f.Text("name"), f.Text("code"), f.Text("description")};
    if (auto c = f.Check(); !c) return c.error();
    auto p = service->CreateProgramme(*ctx, req.PathParam("id"), in);
    if (!p) return p.error();
    auto r = Response::Json(201, ToJson(*p));
    r.Header("Location", "/api/v1/programmes/" + p->id);
    return r;
  });

  router.Add(Method::kGet, "/api/v1/programmes/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto p = service->GetProgramme(*ctx, req.PathParam("id"));
    if (!p) return p.error();
    return Response::Json(200, ToJson(*p));
  });

  router.Add(Method::kGet, "/api/v1/programmes/{id}/intakes", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->ListIntakes(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    return Response::Json(200, Items(*list));
  });

  router.Add(Method::kPost, "/api/v1/programmes/{id}/intakes", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "starts_on", "ends_on", "capacity", "time_zone", "from_intake"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    NewIntake in{f.Text("name"), f.Text("starts_on"), f.Text("ends_on"),
                 static_cast<int>(std::clamp<std::int64_t>(f.OptionalInteger("capacity").value_or(0), -1, 1'000'000)),
                 f.OptionalText("time_zone").value_or("Asia/Baku"), f.Text("from_intake")};
    if (auto c = f.Check(); !c) return c.error();
    auto i = service->CreateIntake(*ctx, req.PathParam("id"), in);
    if (!i) return i.error();
    auto r = Response::Json(201, ToJson(*i));
    r.Header("Location", "/api/v1/intakes/" + i->id);
    return r;
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto i = service->GetIntake(*ctx, req.PathParam("id"));
    if (!i) return i.error();
    return Response::Json(200, ToJson(*i));
  });

  router.Add(Method::kPatch, "/api/v1/intakes/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"name", "starts_on", "ends_on", "capacity", "time_zone"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    IntakeChange change{f.OptionalText("name"), f.OptionalText("starts_on"), f.OptionalText("ends_on"),
                        f.OptionalText("time_zone"), std::nullopt};
    if (auto cap = f.OptionalInteger("capacity")) change.capacity = static_cast<int>(std::clamp<std::int64_t>(*cap, -1, 1'000'000));
    if (auto c = f.Check(); !c) return c.error();
    auto i = service->UpdateIntake(*ctx, req.PathParam("id"), change);
    if (!i) return i.error();
    return Response::Json(200, ToJson(*i));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/call", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto call = service->GetCall(*ctx, req.PathParam("id"));
    if (!call) return call.error();
    return Response::Json(200, StaffJson(*call, FormatUtc(ctx->clock.Now())));
  });

  router.Add(Method::kPut, "/api/v1/intakes/{id}/call", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::JsonObjectBody(req);
    if (!body) return body.error();
    auto settings = ParseCallSettings(*body);
    if (!settings) return settings.error();
    auto call = service->PutCall(*ctx, req.PathParam("id"), *settings);
    if (!call) return call.error();
    return Response::Json(200, StaffJson(*call, FormatUtc(ctx->clock.Now())));
  });

  router.Add(Method::kGet, "/api/v1/calls", [&auth, service, list_cache](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto limit = http::LimitParam(req, 100);
    if (!limit) return limit.error();
    const std::string state = req.QueryParam("state").value_or("open");
    const TimePoint at = ctx->clock.Now();
    const std::string key = ctx->locale + "|" + state + "|" + std::to_string(*limit);
    std::optional<std::string> body = list_cache->Find(key, at);
    if (!body) {
      const std::uint64_t changes = Changes();
      auto list = service->PublishedCalls(*ctx, state, *limit);
      if (!list) return list.error();
      const std::string now = FormatUtc(at);
      json items = json::array();
      for (const auto& s : *list) items.push_back(SummaryJson(s, ctx->locale, now));
      body = json{{"items", items}, {"next_cursor", nullptr}}.dump(-1, ' ', false, json::error_handler_t::replace);
      list_cache->Keep(key, *body, at, changes);
    }
    // Public and embeddable in organisations' websites.
    auto r = Response::Text(200, std::move(*body), "application/json");
    r.Header("Access-Control-Allow-Origin", "*");
    return r;
  });

  router.Add(Method::kGet, "/api/v1/calls.atom", [&auth, service, public_url](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->PublishedCalls(*ctx, "open", 100);
    if (!list) return list.error();
    auto r = Response::Text(200, AtomFeed(*list, ctx->locale, FormatUtc(ctx->clock.Now()), public_url),
                            "application/atom+xml; charset=utf-8");
    r.Header("Access-Control-Allow-Origin", "*");
    return r;
  });

  router.Add(Method::kGet, "/api/v1/calls/{id}", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto call = service->PublishedCall(*ctx, req.PathParam("id"));
    if (!call) return call.error();
    return Response::Json(200, PublicJson(*call, ctx->locale, FormatUtc(ctx->clock.Now())));
  });
}

}  // namespace cohort::programmes
