#pragma once
// The counting queries behind reports, inside the caller's transaction.
#include <cstdint>
#include <string>

#include "db/database.h"

namespace cohort::reports::store {

// How many applications of an intake reached each step of the funnel.
struct FunnelCounts {
  std::int64_t started = 0, submitted = 0, eligible = 0, short_listed = 0, interviewed = 0, offered = 0,
               accepted = 0, completed = 0;
  bool has_interviews = false;
};

Result<FunnelCounts> CountFunnel(db::Tx& tx, const std::string& intake_id);

}  // namespace cohort::reports::store
