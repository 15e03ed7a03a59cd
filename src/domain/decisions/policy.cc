#include "domain/decisions/policy.h"

#include <algorithm>

namespace cohort::decisions {

::cohort::Decision CanDecide(const Actor& actor, const organisations::Roles& roles) {
  if (!actor.authenticated()) return ::cohort::Decision::Deny("sign in to decide");
  auto has = [&](const char* r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  if (actor.is_platform_admin || has("organisation_admin") || has("coordinator")) return ::cohort::Decision::Allow();
  return ::cohort::Decision::Deny("only administrators and coordinators of this organisation decide on applications");
}

}  // namespace cohort::decisions
