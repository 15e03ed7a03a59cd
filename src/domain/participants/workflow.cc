#include "domain/participants/workflow.h"

namespace cohort::participants {

const std::vector<ParticipantTransition>& ParticipantTransitions() {
  static const std::vector<ParticipantTransition> kTable = {
      {"active", ParticipantAction::kWithdraw, "withdrawn"},
      {"active", ParticipantAction::kComplete, "completed"},
  };
  return kTable;
}

const std::vector<PlanTransition>& PlanTransitions() {
  static const std::vector<PlanTransition> kTable = {
      {"none", PlanAction::kPlan, "draft"},
      {"draft", PlanAction::kPlan, "draft"},
      {"draft", PlanAction::kPublish, "published"},
  };
  return kTable;
}

Result<std::string> NextParticipantState(const std::string& from, ParticipantAction action) {
  for (const auto& t : ParticipantTransitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  return Error::FailedPrecondition("this participant is no longer active")
      .WithCode("not_active");
}

Result<std::string> NextPlanState(const std::string& from, PlanAction action) {
  for (const auto& t : PlanTransitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  if (from == "published") {
    return Error::FailedPrecondition("the rotation plan is published; change it by hand")
        .WithCode("plan_published");
  }
  return Error::FailedPrecondition("nothing has been planned yet").WithCode("nothing_planned");
}

Result<std::string> NextActivityState(const std::string& from, ActivityAction action) {
  if (from == "scheduled" && action == ActivityAction::kCancel) return std::string("cancelled");
  return Error::FailedPrecondition("this activity is cancelled").WithCode("activity_cancelled");
}

}  // namespace cohort::participants
