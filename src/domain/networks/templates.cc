#include "domain/networks/templates.h"

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/networks/service.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "domain/review/service.h"
#include "domain/review/settings.h"

namespace cohort::networks {
namespace {

using db::P;
using nlohmann::json;

constexpr const char* kSelect =
    "SELECT t.id, t.network_id, t.title, t.description, t.source_organisation_id, o.name, t.content, t.published_at, "
    "(SELECT count(*) FROM network_template_adoptions a WHERE a.template_id = t.id) "
    "FROM network_templates t JOIN organisations o ON o.id = t.source_organisation_id ";

Template FromRow(const db::Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
          json::parse(r.Text(6), nullptr, false), r.Text(7), r.Int(8)};
}

Result<std::optional<Template>> Find(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kSelect) + "WHERE t.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Template>();
  return std::optional<Template>(FromRow(**row));
}

// The template and its network as the actor may read them.
Result<std::pair<Template, NetworkAccess>> Readable(db::Tx& tx, const RequestContext& ctx, const std::string& id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  if (!LooksLikeId(id)) return Error::NotFound("no such template");
  auto t = Find(tx, id);
  if (!t) return t.error();
  if (!*t) return Error::NotFound("no such template");
  auto access = ReadableNetwork(tx, ctx, (*t)->network_id);
  if (!access) return access.error().code() == ErrorCode::kNotFound ? Error::NotFound("no such template") : access.error();
  return std::make_pair(std::move(**t), std::move(*access));
}

}  // namespace

Result<Template> Templates::Publish(const RequestContext& ctx, const std::string& network_id, const std::string& title_in,
                                    const std::string& description_in, const std::string& intake_id) {
  auto access = db_.Read([&](db::Tx& tx) { return ReadableNetwork(tx, ctx, network_id); });
  if (!access) return access.error();
  if (!access->admin) return Error::PermissionDenied("only the network's administrators publish templates");
  const std::string title = Trim(title_in);
  const std::string description = Trim(description_in);
  std::vector<FieldError> errors;
  if (title.empty()) errors.push_back({"title", "required", "a title"});
  else if (CodePoints(title) > 200) errors.push_back({"title", "too_long", "at most 200 characters"});
  if (CodePoints(description) > 5000) errors.push_back({"description", "too_long", "at most 5,000 characters"});
  // The snapshot, read as the actor: they must manage the intake's programme.
  programmes::Service programmes(db_, trail_);
  auto intake = LooksLikeId(intake_id) ? programmes.GetIntake(ctx, intake_id) : Result<programmes::Intake>(Error::NotFound(""));
  auto call = intake ? programmes.GetCall(ctx, intake_id) : Result<programmes::Call>(intake.error());
  auto stages = call ? review::Service(db_, trail_).Stages(ctx, intake_id) : Result<std::vector<review::Stage>>(call.error());
  auto programme = intake ? programmes.GetProgramme(ctx, intake->programme_id) : Result<programmes::Programme>(intake.error());
  if (!stages || !programme) {
    const Error& e = !stages ? stages.error() : programme.error();
    if (e.code() != ErrorCode::kNotFound && e.code() != ErrorCode::kPermissionDenied) return e;
    errors.push_back({"intake_id", "unknown_intake", "an intake with a call, of a programme you manage"});
  } else if (!IsMember(access->network, intake->organisation_id)) {
    errors.push_back({"intake_id", "not_a_member", "the intake's organisation is not a member of the network"});
  }
  if (!errors.empty()) return Error::InvalidArgument("invalid template", errors);

  json settings = programmes::ToJson(*call->settings);
  settings.erase("opens_at_local");
  settings.erase("closes_at_local");
  settings.erase("time_zone");
  settings["published"] = false;
  json stage_list = json::array();
  for (const auto& s : *stages) stage_list.push_back({{"kind", s.kind}, {"settings", review::ToJson(s.settings)}});
  Template t{NewId(ctx.clock.Now()), network_id, title, description, intake->organisation_id, "",
             {{"programme", {{"name", programme->name}, {"description", programme->description}}},
              {"call", settings},
              {"stages", stage_list}},
             FormatUtc(ctx.clock.Now()), 0};
  return db_.Write([&](db::Tx& tx) -> Result<Template> {
    if (auto w = tx.Exec(
            "INSERT INTO network_templates (id, network_id, title, description, source_organisation_id, content, "
            "published_by, published_at) VALUES (:id, :n, :title, :description, :source, :content, :by, :now)",
            {P("id", t.id), P("n", network_id), P("title", t.title), P("description", t.description),
             P("source", t.source_organisation_id), P("content", t.content.dump()), P("by", ctx.actor.account_id),
             P("now", t.published_at)});
        !w) {
      return w.error();
    }
    if (auto a = trail_.Append(tx, ctx, {"", "network", network_id, "publish_template", "",
                                         json({{"template_id", t.id}, {"intake_id", intake_id}}).dump()});
        !a) {
      return a.error();
    }
    auto stored = Find(tx, t.id);
    if (!stored) return stored.error();
    return std::move(**stored);
  });
}

Result<std::vector<Template>> Templates::List(const RequestContext& ctx, const std::string& network_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Template>> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    auto rows = tx.Query(std::string(kSelect) + "WHERE t.network_id = :n ORDER BY t.published_at DESC, t.id DESC",
                         {P("n", network_id)});
    if (!rows) return rows.error();
    std::vector<Template> out;
    for (const auto& r : *rows) out.push_back(FromRow(r));
    return out;
  });
}

Result<Template> Templates::Get(const RequestContext& ctx, const std::string& template_id) {
  return db_.Read([&](db::Tx& tx) -> Result<Template> {
    auto found = Readable(tx, ctx, template_id);
    if (!found) return found.error();
    return std::move(found->first);
  });
}

Result<Adoption> Templates::Adopt(const RequestContext& ctx, const std::string& template_id, const AdoptionRequest& in) {
  auto found = db_.Read([&](db::Tx& tx) { return Readable(tx, ctx, template_id); });
  if (!found) return found.error();
  const Template& t = found->first;
  if (!IsMember(found->second.network, in.organisation_id)) {
    return Error::InvalidArgument("not a member", {{"organisation_id", "not_a_member", "a member organisation of the network"}});
  }
  // Made with the member's own rights, step by step as its coordinator
  // would: the programme, the intake, the call (unpublished, no dates), the
  // stages. The intake is checked first, so that a refusal of the programme
  // or intake comes before anything is made.
  const std::string zone = in.time_zone.empty() ? "Asia/Baku" : in.time_zone;
  programmes::Intake wanted;
  wanted.name = Trim(in.intake_name);
  wanted.starts_on = in.starts_on;
  wanted.ends_on = in.ends_on;
  wanted.capacity = in.capacity;
  wanted.time_zone = zone;
  if (auto errors = programmes::CheckIntake(wanted); !errors.empty()) {
    for (auto& e : errors) e.field = "intake." + e.field;
    return Error::InvalidArgument("invalid intake", errors);
  }
  programmes::Service programmes(db_, trail_);
  const json& p = t.content["programme"];
  auto programme = programmes.CreateProgramme(ctx, in.organisation_id,
                                              {p.value("name", t.title), in.code, p.value("description", "")});
  if (!programme) return programme.error();
  auto intake = programmes.CreateIntake(ctx, programme->id,
                                        {wanted.name, in.starts_on, in.ends_on, in.capacity, zone, ""});
  if (!intake) return intake.error();
  json call_json = t.content["call"];
  call_json["time_zone"] = intake->time_zone;
  auto settings = programmes::ParseCallSettings(call_json);
  if (!settings) return settings.error();
  if (auto c = programmes.PutCall(ctx, intake->id, *settings); !c) return c.error();
  // The template's stages after the default four, which then go.
  review::Service review(db_, trail_);
  auto defaults = review.Stages(ctx, intake->id);
  if (!defaults) return defaults.error();
  for (const auto& s : t.content["stages"]) {
    auto added = review.AddStage(ctx, intake->id, s.value("kind", ""), s.value("settings", json()), std::nullopt);
    if (!added) return added.error();
  }
  if (!t.content["stages"].empty()) {
    for (const auto& s : *defaults) {
      if (auto d = review.DeleteStage(ctx, s.id); !d) return d.error();
    }
  }
  Adoption a{t.id, in.organisation_id, programme->id, intake->id};
  auto recorded = db_.Write([&](db::Tx& tx) -> Result<void> {
    if (auto w = tx.Exec(
            "INSERT INTO network_template_adoptions (template_id, organisation_id, programme_id, intake_id, adopted_by, "
            "adopted_at) VALUES (:t, :o, :p, :i, :by, :now)",
            {P("t", a.template_id), P("o", a.organisation_id), P("p", a.programme_id), P("i", a.intake_id),
             P("by", ctx.actor.account_id), P("now", FormatUtc(ctx.clock.Now()))});
        !w) {
      return w.error();
    }
    return trail_.Append(tx, ctx, {in.organisation_id, "programme", a.programme_id, "adopt_template", "",
                                   json({{"template_id", t.id}, {"network_id", t.network_id}}).dump()});
  });
  if (!recorded) return recorded.error();
  return a;
}

}  // namespace cohort::networks
