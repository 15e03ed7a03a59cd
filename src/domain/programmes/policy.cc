#include "domain/programmes/policy.h"

#include <algorithm>

namespace cohort::programmes {
namespace {

bool Has(const Roles& roles, const char* role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

}  // namespace

Decision CanViewProgrammes(const Actor& actor, const Roles& roles) {
  if (!actor.authenticated()) return Decision::Deny("sign in to see the programmes");
  if (actor.is_platform_admin || !roles.empty()) return Decision::Allow();
  return Decision::Deny("only staff of this organisation may see its programmes");
}

Decision CanManageProgrammes(const Actor& actor, const Roles& roles) {
  if (!actor.authenticated()) return Decision::Deny("sign in to set up programmes");
  if (actor.is_platform_admin || Has(roles, "organisation_admin") || Has(roles, "coordinator")) {
    return Decision::Allow();
  }
  return Decision::Deny("only administrators and coordinators of this organisation may set up its programmes");
}

}  // namespace cohort::programmes
