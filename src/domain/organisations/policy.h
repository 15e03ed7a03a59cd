#pragma once
// Who may do what with organisations. Pure predicates over the actor and
// their roles in the organisation concerned: no I/O. Handlers never look at
// roles themselves.
#include <string>
#include <vector>

#include "core/error.h"
#include "core/request_context.h"

namespace cohort {

// The answer of every permission predicate: allowed, or denied with the
// reason shown to the caller and written to the log.
struct Decision {
  bool allowed;
  std::string reason;
  static Decision Allow() { return {true, {}}; }
  static Decision Deny(std::string reason) { return {false, std::move(reason)}; }
};

// The error a denial becomes: kUnauthenticated for the public (so they are
// asked to sign in), kPermissionDenied for everyone else.
inline Error Denied(const Actor& actor, const Decision& d) {
  if (!actor.authenticated()) return Error::Unauthenticated(d.reason);
  return Error::PermissionDenied(d.reason);
}

}  // namespace cohort

namespace cohort::organisations {

// The actor's roles in one organisation (empty when not a member).
using Roles = std::vector<std::string>;

Decision CanCreateOrganisation(const Actor& actor);
// Units are visible to every staff member of the organisation.
Decision CanViewUnits(const Actor& actor, const Roles& roles);
// Units are kept by organisation administrators and coordinators.
Decision CanManageUnits(const Actor& actor, const Roles& roles);
// Members, roles and invitations are kept by organisation administrators.
Decision CanManageStaff(const Actor& actor, const Roles& roles);

}  // namespace cohort::organisations
