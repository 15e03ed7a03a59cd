#pragma once
// What every use case receives first: who acts, in which language, for
// which request, and the clock. Services never see HTTP types.
#include <optional>
#include <string>

#include "core/clock.h"

namespace cohort {

struct Actor {
  std::string account_id;       // empty for the public
  bool is_platform_admin = false;
  std::string session_id;       // hash of the browser session, when signed in by cookie
  bool second_factor = false;   // the account signs in with a TOTP code too
  bool authenticated() const { return !account_id.empty(); }
};

struct RequestContext {
  Actor actor;
  std::string locale = "az";    // az, en, ru
  std::string request_id;
  const Clock& clock;
};

}  // namespace cohort
