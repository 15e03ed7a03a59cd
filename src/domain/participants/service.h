#pragma once
// Running the programme: the participants of an intake, their withdrawal
// and preferences, the rotation set-up (periods, host units, required unit
// types), the rotation plan made by the optimiser (engines/rotations) and
// changed by hand with every rule checked, its publication, and what
// supervisors see. Staff = organisation administrators and coordinators;
// people outside the organisation get kNotFound.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/participants/model.h"

namespace cohort::participants {

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // Staff: every participant of the intake, by name. A read of personal
  // data, audited.
  Result<std::vector<Participant>> List(const RequestContext& ctx, const std::string& intake_id);
  // Staff, or the participant: leaves the programme with a reason
  // (kInvalidArgument at "reason": required, too_long). Rotations in periods
  // that have not started are removed. kFailedPrecondition "not_active"
  // when already withdrawn or completed. Audited.
  Result<Participant> Withdraw(const RequestContext& ctx, const std::string& participant_id, const std::string& reason);
  // The participant (until the plan is published: kFailedPrecondition
  // "plan_published" after) or staff: languages spoken and host units
  // wanted, most wanted first. kInvalidArgument at languages[i]
  // (invalid_language, duplicate) or unit_ids[i] (unknown_unit, duplicate).
  Result<Participant> SetPreferences(const RequestContext& ctx, const std::string& participant_id,
                                     const std::vector<std::string>& languages,
                                     const std::vector<std::string>& unit_ids);
  // The signed-in person's participations, each with what they need to
  // state preferences and, once published, their rotations.
  Result<std::vector<Participation>> MyParticipations(const RequestContext& ctx);

  // Staff. The intake's set-up (version 0 before the first save).
  Result<Setup> GetSetup(const RequestContext& ctx, const std::string& intake_id);
  // Staff. Replaces periods, host units and requirements; see
  // docs/api/programme.md for every field error. kConflict "stale_version"
  // when `version` is not the stored one; kFailedPrecondition "in_use" when
  // a removed period or unit has rotations.
  Result<Setup> SaveSetup(const RequestContext& ctx, const std::string& intake_id, Setup input, std::int64_t version);

  // Staff. The plan as it stands, with shortfalls and broken rules.
  Result<Plan> GetPlan(const RequestContext& ctx, const std::string& intake_id);
  // Staff. Plans every active participant's rotations optimally, keeping
  // those set by hand when `keep_manual`. kFailedPrecondition "no_setup"
  // without periods or host units, "plan_published" once published. Audited.
  Result<Plan> MakePlan(const RequestContext& ctx, const std::string& intake_id, bool keep_manual);
  // Staff. Puts a participant in a unit for a period (or empties the
  // period). Refused with kInvalidArgument at "unit_id" when the change
  // breaks a rule the plan kept before (same_unit_twice, over_capacity,
  // language_missing, required_type); "period_id" unknown_period,
  // "unit_id" unknown_unit; kFailedPrecondition "not_active". Audited.
  Result<Plan> Move(const RequestContext& ctx, const std::string& intake_id, const std::string& participant_id,
                    const std::string& period_id, const std::optional<std::string>& unit_id);
  // Staff. Publishes the plan and tells participants and supervisors by
  // e-mail. kFailedPrecondition "nothing_planned", "plan_published",
  // "plan_has_violations". Audited.
  Result<Plan> Publish(const RequestContext& ctx, const std::string& intake_id);

  // The signed-in supervisor's interns, per unit and period, of published plans.
  Result<std::vector<InternGroup>> MyInterns(const RequestContext& ctx);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

// For later modules (certificates), inside their transactions.
// The intake's participants, by name.
Result<std::vector<Participant>> ParticipantsOf(db::Tx& tx, const std::string& intake_id);
Result<std::optional<Participant>> FindParticipant(db::Tx& tx, const std::string& participant_id);
// Each participant's attendance (withdrawn ones left out) over activities
// that ended before `now` (RFC 3339) and were not cancelled.
Result<std::vector<AttendanceShare>> AttendanceSharesOf(db::Tx& tx, const std::string& intake_id, const std::string& now);
Result<std::optional<Activity>> FindActivity(db::Tx& tx, const std::string& activity_id);
// The intake's rotations (all, with the plan in any state) and evaluations.
Result<std::vector<Rotation>> RotationsOf(db::Tx& tx, const std::string& intake_id);
Result<std::vector<Evaluation>> EvaluationsOfIntake(db::Tx& tx, const std::string& intake_id);
// Marks an active participant completed (the workflow's complete move).
// kFailedPrecondition "not_active" otherwise. Audited.
Result<Participant> Complete(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                             const std::string& participant_id);

}  // namespace cohort::participants
