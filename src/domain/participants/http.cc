#include "domain/participants/http.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "domain/participants/service.h"
#include "http/json_body.h"

namespace cohort::participants {
namespace {

using http::Method;
using http::Request;
using http::Response;
using nlohmann::json;

json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json ToJson(const Participant& p) {
  return {{"id", p.id},
          {"intake_id", p.intake_id},
          {"account_id", p.account_id},
          {"name", p.name},
          {"email", p.email},
          {"reference", p.reference},
          {"state", p.state},
          {"withdrawn_at", Opt(p.withdrawn_at)},
          {"withdrawal_reason", Opt(p.withdrawal_reason)},
          {"languages", p.languages},
          {"unit_ids", p.unit_ids},
          {"created_at", p.created_at}};
}

json ToJson(const Period& p) {
  return {{"id", p.id}, {"name", p.name}, {"starts_on", p.starts_on}, {"ends_on", p.ends_on}};
}

json ToJson(const HostUnit& h) {
  return {{"unit_id", h.unit_id},
          {"name", h.name},
          {"type", h.type},
          {"supervisor_id", Opt(h.supervisor_id)},
          {"supervisor_name", h.supervisor_name},
          {"languages", h.languages},
          {"places", h.places}};
}

json PeriodsJson(const Setup& s) {
  json out = json::array();
  for (const auto& p : s.periods) out.push_back(ToJson(p));
  return out;
}

json UnitsJson(const Setup& s) {
  json out = json::array();
  for (const auto& h : s.units) out.push_back(ToJson(h));
  return out;
}

json ToJson(const Setup& s) {
  json required = json::array();
  for (const auto& r : s.required) required.push_back({{"type", r.type}, {"rotations", r.rotations}});
  return {{"intake_id", s.intake_id},
          {"periods", PeriodsJson(s)},
          {"units", UnitsJson(s)},
          {"required", required},
          {"evaluation_criteria", s.criteria},
          {"version", s.version}};
}

json ToJson(const Plan& plan) {
  json units = json::array();
  for (std::size_t u = 0; u < plan.setup.units.size(); ++u) {
    json unit = ToJson(plan.setup.units[u]);
    unit["taken"] = plan.taken[u];
    units.push_back(std::move(unit));
  }
  json rows = json::array();
  for (const auto& row : plan.rows) {
    json cells = json::array();
    for (const auto& c : row.cells) {
      cells.push_back({{"period_id", c.period_id},
                       {"unit_id", Opt(c.unit_id)},
                       {"manual", c.manual},
                       {"choice", c.choice ? json(*c.choice) : json(nullptr)}});
    }
    rows.push_back(
        {{"participant_id", row.participant_id}, {"name", row.name}, {"languages", row.languages}, {"rotations", cells}});
  }
  std::int64_t short_rotations = 0;
  std::map<std::string, std::int64_t> by_type;
  std::set<std::string> short_people;
  json items = json::array();
  for (const auto& s : plan.shortfalls) {
    if (s.type) by_type[*s.type] += s.rotations;
    else short_rotations += s.rotations;
    short_people.insert(s.participant_id);
    items.push_back({{"participant_id", s.participant_id}, {"name", s.name}, {"rotations", s.rotations}, {"type", Opt(s.type)}});
  }
  json types = json::array();
  for (const auto& [type, n] : by_type) types.push_back({{"type", type}, {"short", n}});
  json violations = json::array();
  for (const auto& v : plan.violations) {
    json item = {{"rule", v.rule}};
    if (v.participant_id) item["participant_id"] = *v.participant_id;
    if (v.period_id) item["period_id"] = *v.period_id;
    if (v.unit_id) item["unit_id"] = *v.unit_id;
    if (v.type) item["type"] = *v.type;
    violations.push_back(std::move(item));
  }
  return {{"intake_id", plan.setup.intake_id},
          {"state", plan.setup.state},
          {"planned_at", Opt(plan.setup.planned_at)},
          {"published_at", Opt(plan.setup.published_at)},
          {"cost", plan.cost},
          {"periods", PeriodsJson(plan.setup)},
          {"units", units},
          {"participants", rows},
          {"shortfalls",
           {{"rotations", short_rotations},
            {"participants", short_people.size()},
            {"by_type", types},
            {"items", items}}},
          {"violations", violations}};
}

json ToJson(const Participation& p) {
  json rotations = json::array();
  for (const auto& r : p.rotations) {
    std::string unit_name, supervisor_name;
    for (const auto& h : p.setup.units) {
      if (h.unit_id != r.unit_id) continue;
      unit_name = h.name;
      supervisor_name = h.supervisor_name;
    }
    rotations.push_back(
        {{"period_id", r.period_id}, {"unit_id", r.unit_id}, {"unit_name", unit_name}, {"supervisor_name", supervisor_name}});
  }
  json lines = json::array();
  for (const auto& l : p.attendance_lines) {
    lines.push_back({{"activity_id", l.activity.id},
                     {"kind", l.activity.kind},
                     {"title", l.activity.title},
                     {"starts_at", l.activity.starts_at},
                     {"ends_at", l.activity.ends_at},
                     {"status", l.status.empty() ? json(nullptr) : json(l.status)},
                     {"reason", l.reason ? json(*l.reason) : json(nullptr)}});
  }
  json feedback = json::array();
  for (const auto& f : p.feedback) {
    feedback.push_back({{"activity_id", f.activity_id}, {"rating", f.rating}, {"comment", f.comment}, {"given_at", f.created_at}});
  }
  const auto& a = p.attendance;
  json attendance = {{"held", a.held},       {"present", a.present}, {"absent", a.absent},
                     {"excused", a.excused}, {"share", a.share},     {"items", lines}};
  return {{"participant", ToJson(p.participant)},
          {"programme_id", p.programme_id},
          {"programme_name", p.programme_name},
          {"intake_name", p.intake_name},
          {"organisation_name", p.organisation_name},
          {"plan_state", p.setup.state},
          {"periods", PeriodsJson(p.setup)},
          {"units", UnitsJson(p.setup)},
          {"rotations", rotations},
          {"attendance", attendance},
          {"feedback", feedback}};
}

// Typed reading of the nested set-up body, one field error per problem.
class SetupReader {
 public:
  Setup Read(const json& body) {
    Setup s;
    for (const auto& [i, item] : Objects(body, "periods", {"id", "name", "starts_on", "ends_on"})) {
      const std::string at = "periods[" + std::to_string(i) + "]";
      s.periods.push_back({Text(item, at, "id"), Text(item, at, "name"), Text(item, at, "starts_on"),
                           Text(item, at, "ends_on")});
    }
    for (const auto& [i, item] :
         // name, supervisor_name and taken are read-only: sent back as read, ignored.
         Objects(body, "units", {"unit_id", "type", "supervisor_id", "languages", "places", "name", "supervisor_name", "taken"})) {
      const std::string at = "units[" + std::to_string(i) + "]";
      HostUnit h;
      h.unit_id = Text(item, at, "unit_id");
      h.type = Text(item, at, "type");
      if (item.contains("supervisor_id") && !item["supervisor_id"].is_null()) {
        const std::string supervisor = Text(item, at, "supervisor_id");
        if (!supervisor.empty()) h.supervisor_id = supervisor;
      }
      h.languages = Texts(item, at, "languages");
      h.places = Numbers(item, at, "places");
      s.units.push_back(std::move(h));
    }
    for (const auto& [i, item] : Objects(body, "required", {"type", "rotations"})) {
      const std::string at = "required[" + std::to_string(i) + "]";
      Requirement r;
      r.type = Text(item, at, "type");
      r.rotations = Number(item, at, "rotations");
      s.required.push_back(std::move(r));
    }
    return s;
  }

  std::vector<FieldError>& errors() { return errors_; }

 private:
  std::vector<std::pair<std::size_t, json>> Objects(const json& body, const char* name,
                                                    std::initializer_list<std::string_view> allowed) {
    std::vector<std::pair<std::size_t, json>> out;
    if (!body.contains(name)) return out;
    if (!body[name].is_array()) {
      errors_.push_back({name, "not_a_list", "must be a list"});
      return out;
    }
    for (std::size_t i = 0; i < body[name].size(); ++i) {
      const json& item = body[name][i];
      const std::string at = std::string(name) + "[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        errors_.push_back({at, "invalid_type", "an object"});
        continue;
      }
      for (const auto& [key, value] : item.items()) {
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
          errors_.push_back({at + "." + key, "unknown_field", "not a field of this object"});
        }
      }
      out.emplace_back(i, item);
    }
    return out;
  }

  std::string Text(const json& item, const std::string& at, const char* key) {
    if (!item.contains(key) || item[key].is_null()) return "";
    if (!item[key].is_string()) {
      errors_.push_back({at + "." + key, "not_a_string", "must be text"});
      return "";
    }
    return item[key].get<std::string>();
  }

  std::int64_t Number(const json& item, const std::string& at, const char* key) {
    if (!item.contains(key)) return 0;
    if (!item[key].is_number_integer()) {
      errors_.push_back({at + "." + key, "invalid_type", "a whole number"});
      return 0;
    }
    return item[key].get<std::int64_t>();
  }

  std::vector<std::string> Texts(const json& item, const std::string& at, const char* key) {
    std::vector<std::string> out;
    if (!item.contains(key)) return out;
    if (!item[key].is_array()) {
      errors_.push_back({at + "." + key, "not_a_list", "must be a list"});
      return out;
    }
    for (std::size_t j = 0; j < item[key].size(); ++j) {
      if (item[key][j].is_string()) out.push_back(item[key][j].get<std::string>());
      else errors_.push_back({at + "." + key + "[" + std::to_string(j) + "]", "not_a_string", "must be text"});
    }
    return out;
  }

  std::vector<std::int64_t> Numbers(const json& item, const std::string& at, const char* key) {
    std::vector<std::int64_t> out;
    if (!item.contains(key)) return out;
    if (!item[key].is_array()) {
      errors_.push_back({at + "." + key, "not_a_list", "must be a list"});
      return out;
    }
    for (std::size_t j = 0; j < item[key].size(); ++j) {
      if (item[key][j].is_number_integer()) out.push_back(item[key][j].get<std::int64_t>());
      else errors_.push_back({at + "." + key + "[" + std::to_string(j) + "]", "invalid_type", "a whole number"});
    }
    return out;
  }

  std::vector<FieldError> errors_;
};

}  // namespace

void RegisterRoutes(http::Router& router, db::Database& db, const audit::Trail& trail,
                    const accounts::Authenticator& auth, const std::string& public_url) {
  auto service = std::make_shared<Service>(db, trail, public_url);
  RegisterActivityRoutes(router, db, trail, auth, public_url);
  RegisterEvaluationRoutes(router, db, trail, auth, public_url);

  router.Add(Method::kGet, "/api/v1/intakes/{id}/participants", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->List(*ctx, req.PathParam("id"));
    if (!list) return list.error();
    json items = json::array();
    for (const auto& p : *list) items.push_back(ToJson(p));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kPost, "/api/v1/participants/{id}/withdraw", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"reason"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string reason = f.Text("reason");
    if (auto c = f.Check(); !c) return c.error();
    auto p = service->Withdraw(*ctx, req.PathParam("id"), reason);
    if (!p) return p.error();
    return Response::Json(200, ToJson(*p));
  });

  router.Add(Method::kPut, "/api/v1/participants/{id}/preferences", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"languages", "unit_ids"});
    if (!body) return body.error();
    std::vector<FieldError> errors;
    const auto languages = http::TextList(*body, "languages", errors);
    const auto unit_ids = http::TextList(*body, "unit_ids", errors);
    if (!errors.empty()) return Error::InvalidArgument("invalid preferences", errors);
    auto p = service->SetPreferences(*ctx, req.PathParam("id"), languages, unit_ids);
    if (!p) return p.error();
    return Response::Json(200, ToJson(*p));
  });

  router.Add(Method::kGet, "/api/v1/me/participations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto list = service->MyParticipations(*ctx);
    if (!list) return list.error();
    json items = json::array();
    for (const auto& p : *list) items.push_back(ToJson(p));
    return Response::Json(200, {{"items", items}});
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/rotation-setup", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto s = service->GetSetup(*ctx, req.PathParam("id"));
    if (!s) return s.error();
    return Response::Json(200, ToJson(*s));
  });

  router.Add(Method::kPut, "/api/v1/intakes/{id}/rotation-setup", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"periods", "units", "required", "evaluation_criteria", "version"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const auto version = f.OptionalInteger("version");
    if (auto c = f.Check(); !c) return c.error();
    SetupReader reader;
    Setup input = reader.Read(*body);
    if (body->contains("evaluation_criteria")) {
      input.criteria = http::TextList(*body, "evaluation_criteria", reader.errors());
    } else {  // left out: the saved criteria stay
      auto current = service->GetSetup(*ctx, req.PathParam("id"));
      if (!current) return current.error();
      input.criteria = current->criteria;
    }
    if (!version) reader.errors().push_back({"version", "required", "the version you read"});
    if (!reader.errors().empty()) return Error::InvalidArgument("invalid rotation set-up", reader.errors());
    auto saved = service->SaveSetup(*ctx, req.PathParam("id"), std::move(input), *version);
    if (!saved) {
      if (saved.error().code() == ErrorCode::kConflict) {
        // A stale version: the client gets what is stored now.
        auto current = service->GetSetup(*ctx, req.PathParam("id"));
        Error e = saved.error();
        if (current) e.WithExtension("current", ToJson(*current).dump());
        return e;
      }
      return saved.error();
    }
    return Response::Json(200, ToJson(*saved));
  });

  router.Add(Method::kGet, "/api/v1/intakes/{id}/rotations", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto plan = service->GetPlan(*ctx, req.PathParam("id"));
    if (!plan) return plan.error();
    return Response::Json(200, ToJson(*plan));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/rotations/plan", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    bool keep_manual = true;  // an empty body keeps rotations set by hand
    if (!req.body.empty()) {
      auto body = http::StrictJsonObjectBody(req, {"keep_manual"});
      if (!body) return body.error();
      http::JsonFields f(*body);
      keep_manual = !body->contains("keep_manual") || f.Flag("keep_manual");
      if (auto c = f.Check(); !c) return c.error();
    }
    auto plan = service->MakePlan(*ctx, req.PathParam("id"), keep_manual);
    if (!plan) return plan.error();
    return Response::Json(200, ToJson(*plan));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/rotations/move", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto body = http::StrictJsonObjectBody(req, {"participant_id", "period_id", "unit_id"});
    if (!body) return body.error();
    http::JsonFields f(*body);
    const std::string participant_id = f.Text("participant_id");
    const std::string period_id = f.Text("period_id");
    const std::optional<std::string> unit_id = f.OptionalText("unit_id");
    if (auto c = f.Check(); !c) return c.error();
    auto plan = service->Move(*ctx, req.PathParam("id"), participant_id, period_id, unit_id);
    if (!plan) return plan.error();
    return Response::Json(200, ToJson(*plan));
  });

  router.Add(Method::kPost, "/api/v1/intakes/{id}/rotations/publish", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto plan = service->Publish(*ctx, req.PathParam("id"));
    if (!plan) return plan.error();
    return Response::Json(200, ToJson(*plan));
  });

  router.Add(Method::kGet, "/api/v1/me/interns", [&auth, service](Request& req) -> Result<Response> {
    auto ctx = auth.Context(req);
    if (!ctx) return ctx.error();
    auto groups = service->MyInterns(*ctx);
    if (!groups) return groups.error();
    json items = json::array();
    for (const auto& g : *groups) {
      json interns = json::array();
      for (const auto& p : g.interns) interns.push_back({{"participant_id", p.id}, {"name", p.name}, {"email", p.email}});
      items.push_back({{"intake_id", g.intake_id},
                       {"intake_name", g.intake_name},
                       {"unit_id", g.unit_id},
                       {"unit_name", g.unit_name},
                       {"period", ToJson(g.period)},
                       {"interns", interns}});
    }
    return Response::Json(200, {{"items", items}});
  });
}

}  // namespace cohort::participants
