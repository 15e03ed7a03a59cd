#pragma once
// Who may do what with organisations. Pure predicates: no I/O.
#include <string>

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

}  // namespace cohort

namespace cohort::organisations {

Decision CanCreateOrganisation(const Actor& actor);

}  // namespace cohort::organisations
