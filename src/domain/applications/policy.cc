#include "domain/applications/policy.h"

#include <algorithm>

namespace cohort::applications {

Decision CanReadApplications(const Actor& actor, const organisations::Roles& roles) {
  if (!actor.authenticated()) return Decision::Deny("sign in to see applications");
  auto has = [&](const char* r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  if (actor.is_platform_admin || has("organisation_admin") || has("coordinator")) return Decision::Allow();
  return Decision::Deny("only administrators and coordinators of this organisation may see its applications");
}

}  // namespace cohort::applications
