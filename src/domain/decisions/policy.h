#pragma once
// Who decides. Pure predicates.
#include "domain/organisations/policy.h"

namespace cohort::decisions {

// Preparing, changing and publishing decisions: organisation administrators
// and coordinators. A person always publishes: nothing is decided by
// scoring alone.
::cohort::Decision CanDecide(const Actor& actor, const organisations::Roles& roles);

}  // namespace cohort::decisions
