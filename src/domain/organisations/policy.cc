#include "domain/organisations/policy.h"

namespace cohort::organisations {

Decision CanCreateOrganisation(const Actor& actor) {
  if (!actor.authenticated()) return Decision::Deny("sign in to create an organisation");
  if (!actor.is_platform_admin) return Decision::Deny("only a platform administrator may create organisations");
  return Decision::Allow();
}

}  // namespace cohort::organisations
