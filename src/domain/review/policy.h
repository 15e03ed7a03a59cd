#pragma once
// Who may do what in selection. Pure predicates over the actor and their
// roles in the call's organisation.
#include "domain/organisations/policy.h"

namespace cohort::review {

// Stages, reviewers, assignment, short lists and the ranking: organisation
// administrators and coordinators.
Decision CanManageSelection(const Actor& actor, const organisations::Roles& roles);
// Who can be named a reviewer or interviewer of a stage: staff holding the
// reviewer, interviewer, coordinator or administrator role.
bool CanBeReviewer(const organisations::Roles& roles);

}  // namespace cohort::review
