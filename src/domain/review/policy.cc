#include "domain/review/policy.h"

#include <algorithm>

namespace cohort::review {
namespace {

bool Has(const organisations::Roles& roles, const char* role) {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

Decision CanManageSelection(const Actor& actor, const organisations::Roles& roles) {
  if (!actor.authenticated()) return Decision::Deny("sign in to manage selection");
  if (actor.is_platform_admin || Has(roles, "organisation_admin") || Has(roles, "coordinator")) return Decision::Allow();
  return Decision::Deny("only administrators and coordinators of this organisation manage its selection");
}

bool CanBeReviewer(const organisations::Roles& roles) {
  return Has(roles, "reviewer") || Has(roles, "interviewer") || Has(roles, "coordinator") ||
         Has(roles, "organisation_admin");
}

}  // namespace cohort::review
