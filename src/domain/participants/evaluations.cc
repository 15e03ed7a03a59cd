#include "domain/participants/evaluations.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "domain/organisations/service.h"
#include "domain/participants/evaluation_store.h"
#include "domain/participants/policy.h"
#include "domain/participants/store.h"
#include "domain/programmes/service.h"

namespace cohort::participants {
namespace {

using nlohmann::json;



}  // namespace

Result<std::vector<EvaluationTask>> Evaluations::Mine(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<EvaluationTask>> {
    auto groups = store::InternsOf(tx, ctx.actor.account_id);
    if (!groups) return groups.error();
    const std::string today = FormatUtc(ctx.clock.Now()).substr(0, 10);
    std::map<std::string, Setup> setups;
    std::map<std::string, std::vector<Evaluation>> evaluations;
    std::vector<EvaluationTask> out;
    for (const auto& g : *groups) {
      if (g.period.starts_on > today) continue;
      if (!setups.contains(g.intake_id)) {
        auto setup = store::GetSetup(tx, g.intake_id);
        if (!setup) return setup.error();
        setups[g.intake_id] = std::move(*setup);
        auto list = store::EvaluationsOf(tx, g.intake_id);
        if (!list) return list.error();
        evaluations[g.intake_id] = std::move(*list);
      }
      for (const auto& intern : g.interns) {
        EvaluationTask t{g.intake_id, g.intake_name, g.period, g.unit_id, g.unit_name, intern.id, intern.name,
                         setups[g.intake_id].criteria, std::nullopt};
        for (const auto& e : evaluations[g.intake_id])
          if (e.participant_id == intern.id && e.period_id == g.period.id) t.evaluation = e;
        out.push_back(std::move(t));
      }
    }
    return out;
  });
}

Result<Evaluation> Evaluations::Submit(const RequestContext& ctx, const std::string& participant_id,
                                       const std::string& period_id, const std::map<std::string, std::int64_t>& scores,
                                       const std::string& comment) {
  return db_.Write([&](db::Tx& tx) -> Result<Evaluation> {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
    if (!LooksLikeId(participant_id)) return Error::NotFound("no such rotation");
    auto p = store::Get(tx, participant_id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such rotation");
    auto setup = store::GetSetup(tx, (*p)->intake_id);
    if (!setup) return setup.error();
    auto rotations = store::Rotations(tx, (*p)->intake_id);
    if (!rotations) return rotations.error();
    const auto rotation = std::find_if(rotations->begin(), rotations->end(), [&](const Rotation& r) {
      return r.participant_id == participant_id && r.period_id == period_id;
    });
    if (rotation == rotations->end()) return Error::NotFound("no such rotation");
    const auto unit = std::find_if(setup->units.begin(), setup->units.end(),
                                   [&](const HostUnit& h) { return h.unit_id == rotation->unit_id; });
    const bool supervisor = unit != setup->units.end() && unit->supervisor_id == ctx.actor.account_id;
    auto roles = organisations::StaffRoles(tx, ctx, (*p)->organisation_id);
    if (!roles) return roles.error();
    if (!supervisor && !CanRunProgramme(ctx.actor, *roles).allowed) return Error::NotFound("no such rotation");
    const auto period = std::find_if(setup->periods.begin(), setup->periods.end(),
                                     [&](const Period& t) { return t.id == period_id; });
    const std::string today = FormatUtc(ctx.clock.Now()).substr(0, 10);
    if (setup->state != "published" || period == setup->periods.end() || period->starts_on > today) {
      return Error::FailedPrecondition("a rotation is evaluated once it has begun").WithCode("evaluation_not_open");
    }
    std::vector<FieldError> errors;
    const std::vector<std::string> criteria =
        setup->criteria.empty() ? std::vector<std::string>{"overall"} : setup->criteria;
    double total = 0;
    for (const auto& c : criteria) {
      const auto it = scores.find(c);
      if (it == scores.end()) errors.push_back({"scores." + c, "required", "a score from 1 to 5"});
      else if (it->second < 1 || it->second > 5) errors.push_back({"scores." + c, "out_of_range", "1 to 5"});
      else total += static_cast<double>(it->second);
    }
    for (const auto& [key, value] : scores) {
      if (std::find(criteria.begin(), criteria.end(), key) == criteria.end()) {
        errors.push_back({"scores." + key, "unknown_field", "not a criterion of this intake"});
      }
    }
    if (CodePoints(comment) > 3000) errors.push_back({"comment", "too_long", "at most 3,000 characters"});
    if (!errors.empty()) return Error::InvalidArgument("invalid evaluation", errors);
    Evaluation e;
    e.participant_id = participant_id;
    e.period_id = period_id;
    e.unit_id = rotation->unit_id;
    e.evaluator_id = ctx.actor.account_id;
    e.scores = scores;
    e.overall = total / static_cast<double>(criteria.size());
    e.comment = comment;
    e.submitted_at = FormatUtc(ctx.clock.Now());
    e.participant_name = (*p)->name;
    e.period_name = period->name;
    e.unit_name = unit != setup->units.end() ? unit->name : "";
    if (auto s = store::SaveEvaluation(tx, e); !s) return s.error();
    if (auto a = trail_.Append(tx, ctx, {(*p)->organisation_id, "participant", participant_id, "evaluate", "",
                                         json({{"period_id", period_id}, {"overall", e.overall}}).dump()});
        !a) {
      return a.error();
    }
    return e;
  });
}

Result<std::vector<Evaluation>> Evaluations::OfIntake(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Evaluation>> {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
    if (!LooksLikeId(intake_id)) return Error::NotFound("no such intake");
    auto intake = programmes::FindIntake(tx, intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such intake");
    auto roles = organisations::StaffRoles(tx, ctx, (*intake)->organisation_id);
    if (!roles) return roles.error();
    if (!ctx.actor.is_platform_admin && roles->empty()) return Error::NotFound("no such intake");
    if (auto d = CanRunProgramme(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    return store::EvaluationsOf(tx, intake_id);
  });
}

}  // namespace cohort::participants
