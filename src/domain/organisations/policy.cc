#include "domain/organisations/policy.h"

#include <algorithm>

namespace cohort::organisations {
namespace {

bool Has(const Roles& roles, const char* role) { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Decision SignedIn(const Actor& actor, const std::string& what) {
  if (!actor.authenticated()) return Decision::Deny("sign in to " + what);
  return Decision::Allow();
}

}  // namespace

Decision CanCreateOrganisation(const Actor& actor) {
  if (auto d = SignedIn(actor, "create an organisation"); !d.allowed) return d;
  if (!actor.is_platform_admin) return Decision::Deny("only a platform administrator may create organisations");
  return Decision::Allow();
}

Decision CanViewUnits(const Actor& actor, const Roles& roles) {
  if (auto d = SignedIn(actor, "see the units"); !d.allowed) return d;
  if (actor.is_platform_admin || !roles.empty()) return Decision::Allow();
  return Decision::Deny("only staff of this organisation may see its units");
}

Decision CanManageUnits(const Actor& actor, const Roles& roles) {
  if (auto d = SignedIn(actor, "change units"); !d.allowed) return d;
  if (actor.is_platform_admin || Has(roles, "organisation_admin") || Has(roles, "coordinator")) {
    return Decision::Allow();
  }
  return Decision::Deny("only administrators and coordinators of this organisation may change its units");
}

Decision CanManageStaff(const Actor& actor, const Roles& roles) {
  if (auto d = SignedIn(actor, "manage staff"); !d.allowed) return d;
  if (actor.is_platform_admin || Has(roles, "organisation_admin")) return Decision::Allow();
  return Decision::Deny("only administrators of this organisation may manage its staff");
}

}  // namespace cohort::organisations
