#pragma once
// Who may do what with programmes, intakes and calls. Pure predicates over
// the actor and their roles in the organisation concerned.
#include "domain/organisations/policy.h"

namespace cohort::programmes {

using organisations::Roles;

// Every staff member of the organisation sees its programmes, intakes and calls.
Decision CanViewProgrammes(const Actor& actor, const Roles& roles);
// Administrators and coordinators set them up.
Decision CanManageProgrammes(const Actor& actor, const Roles& roles);

}  // namespace cohort::programmes
