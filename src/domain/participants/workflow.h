#pragma once
// The states of a participant and of an intake's rotation plan, and the one
// table of what moves each.
//
//   participant:  (offer accepted) ──▶ active ──withdraw──▶ withdrawn
//                                        └─────complete──▶ completed
//   rotation plan:  none ──plan──▶ draft ──publish──▶ published
//                                  └─plan─┘
//   activity:  scheduled ──cancel──▶ cancelled
// A published plan changes only by hand (moves), never by re-planning, so
// nobody's known rotation is moved by the optimiser after people were told.
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::participants {

enum class ParticipantAction { kWithdraw, kComplete };
enum class PlanAction { kPlan, kPublish };
enum class ActivityAction { kCancel };

struct ParticipantTransition {
  const char* from;
  ParticipantAction action;
  const char* to;
};

struct PlanTransition {
  const char* from;
  PlanAction action;
  const char* to;
};

const std::vector<ParticipantTransition>& ParticipantTransitions();
const std::vector<PlanTransition>& PlanTransitions();
// kFailedPrecondition (with a catalogued reason) when the table has no such move.
Result<std::string> NextParticipantState(const std::string& from, ParticipantAction action);
Result<std::string> NextPlanState(const std::string& from, PlanAction action);
Result<std::string> NextActivityState(const std::string& from, ActivityAction action);

}  // namespace cohort::participants
