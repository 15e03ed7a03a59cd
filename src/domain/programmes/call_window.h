#pragma once
// Calls open and close at local times of their time zone (Asia/Baku by
// default); the database keeps UTC. Uses the system's tz database.
#include <string>

#include "core/error.h"

namespace cohort::programmes {

bool KnownTimeZone(const std::string& zone);
// "2026-12-01T09:00" in `zone` → "2026-12-01T05:00:00.000Z". A local time
// that a clock change skips or repeats resolves to the earlier instant.
// kInvalidArgument on "time_zone" for an unknown zone.
Result<std::string> LocalToUtc(const std::string& local, const std::string& zone);
// An RFC 3339 UTC time as "YYYY-MM-DD HH:MM" in `zone` (for e-mails).
std::string UtcToLocal(const std::string& utc, const std::string& zone);

}  // namespace cohort::programmes
