#include "domain/participants/policy.h"

#include <algorithm>

namespace cohort::participants {
namespace {

bool Has(const organisations::Roles& roles, const char* role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

::cohort::Decision CanRunProgramme(const Actor& actor, const organisations::Roles& roles) {
  if (!actor.authenticated()) return ::cohort::Decision::Deny("sign in to run the programme");
  if (actor.is_platform_admin || Has(roles, "organisation_admin") || Has(roles, "coordinator")) {
    return ::cohort::Decision::Allow();
  }
  return ::cohort::Decision::Deny("only administrators and coordinators of this organisation run its programmes");
}

bool MaySupervise(const organisations::Roles& roles) {
  return Has(roles, "unit_supervisor") || Has(roles, "coordinator") || Has(roles, "organisation_admin");
}

}  // namespace cohort::participants
