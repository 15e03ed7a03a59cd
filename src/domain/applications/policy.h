#pragma once
// Who may see applications. Pure predicates.
#include "domain/organisations/policy.h"

namespace cohort::applications {

// Applicants' personal data: administrators and coordinators of the
// organisation (reviewers see only what a review stage shows them).
Decision CanReadApplications(const Actor& actor, const organisations::Roles& roles);

}  // namespace cohort::applications
