#pragma once
// `cohort demo`: a realistic demo portal for newcomers.
#include <string>
#include <vector>

#include "core/clock.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::app {

struct DemoLogin {
  std::string role;
  std::string email;
  std::string password;
};

// The logins the demo creates (fixed, so they can be printed again later).
std::vector<DemoLogin> DemoLogins();

// Loads the demo into an empty database and returns the logins it made.
// kFailedPrecondition when the database already holds organisations.
Result<std::vector<DemoLogin>> LoadDemo(db::Database& db, const audit::Trail& trail, const Clock& clock,
                                          const std::string& secret_key);

}  // namespace cohort::app
