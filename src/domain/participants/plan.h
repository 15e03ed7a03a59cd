#pragma once
// The rotation plan in the engine's terms (engines/rotations.h): the
// optimiser's plan, the rule check of a change, and the plan as the
// coordinator sees it. Pure: no I/O. Only active participants take part;
// preferences and rotations naming units or periods no longer set up are
// ignored.
#include <string>
#include <vector>

#include "domain/participants/model.h"

namespace cohort::participants {

// The plan as it stands: cost, places taken, a row per active participant
// (by name), shortfalls (periods without a unit; rotations missing in a
// required type) and broken rules (two units in a period, a unit twice,
// over places, a language missing).
Plan DescribePlan(const Setup& setup, const std::vector<Participant>& participants,
                  const std::vector<Rotation>& rotations);

// The optimal rotations of the active participants around `fixed` (kept as
// they are); returns only the new ones.
std::vector<Rotation> OptimalRotations(const Setup& setup, const std::vector<Participant>& participants,
                                       const std::vector<Rotation>& fixed);

// The rules (same_unit_twice, over_capacity, language_missing,
// required_type, two_units_in_one_period) that `after` breaks and `before`
// did not break in the same place; empty when the change is allowed.
std::vector<std::string> NewlyBrokenRules(const Setup& setup, const std::vector<Participant>& participants,
                                          const std::vector<Rotation>& before, const std::vector<Rotation>& after);

}  // namespace cohort::participants
