#pragma once
// RFC 3339 timestamps in UTC with millisecond precision, the one format used
// in storage and in the API ("2026-11-22T09:01:08.123Z"). The fixed width
// makes text comparison equal to time comparison in SQL.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace cohort {

std::string FormatUtc(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff]Z" and numeric offsets "+04:00".
std::optional<TimePoint> ParseRfc3339(std::string_view s);

}  // namespace cohort
