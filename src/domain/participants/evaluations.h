#pragma once
// Supervisors evaluate each intern at the end of each rotation, on the
// intake's criteria (1-5 each; without criteria, one overall score).
// A rotation can be evaluated once its period has begun and the plan is
// published, by the supervisor of its unit or by staff (organisation
// administrators and coordinators).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/participants/model.h"

namespace cohort::participants {

// A rotation to evaluate, with its evaluation when there is one.
struct EvaluationTask {
  std::string intake_id, intake_name;
  Period period;
  std::string unit_id, unit_name;
  std::string participant_id, participant_name;
  std::vector<std::string> criteria;
  std::optional<Evaluation> evaluation;
};

class Evaluations {
 public:
  Evaluations(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // The signed-in supervisor's rotations that have begun, evaluated or not.
  Result<std::vector<EvaluationTask>> Mine(const RequestContext& ctx);
  // Evaluates (or re-evaluates) a rotation. kInvalidArgument at
  // scores.<criterion> (required, out_of_range 1-5), scores.<key>
  // (unknown_field), comment (too_long); kFailedPrecondition
  // "evaluation_not_open" before the period begins or before the plan is
  // published; kNotFound when there is no such rotation or it is not the
  // actor's to evaluate. Audited.
  Result<Evaluation> Submit(const RequestContext& ctx, const std::string& participant_id, const std::string& period_id,
                            const std::map<std::string, std::int64_t>& scores, const std::string& comment);
  // Staff: every evaluation of the intake.
  Result<std::vector<Evaluation>> OfIntake(const RequestContext& ctx, const std::string& intake_id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

}  // namespace cohort::participants
