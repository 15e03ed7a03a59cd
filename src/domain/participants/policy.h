#pragma once
// Who runs the programme. Pure predicates.
#include "domain/organisations/policy.h"

namespace cohort::participants {

// Participants, rotation set-up and plan: organisation administrators and
// coordinators.
::cohort::Decision CanRunProgramme(const Actor& actor, const organisations::Roles& roles);
// Who may supervise a host unit: unit supervisors, coordinators and
// organisation administrators of the organisation.
bool MaySupervise(const organisations::Roles& roles);

}  // namespace cohort::participants
