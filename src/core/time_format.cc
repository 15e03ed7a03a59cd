#include "core/time_format.h"

#include <date/date.h>

#include <sstream>

namespace cohort {

std::string FormatUtc(TimePoint t) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::milliseconds>(t));
}

std::optional<TimePoint> ParseRfc3339(std::string_view s) {
  std::istringstream in{std::string(s)};
  date::sys_time<std::chrono::milliseconds> tp;
  if (s.ends_with('Z') || s.ends_with('z')) {
    in >> date::parse("%FT%T", tp);
    if (in.fail()) return std::nullopt;
    char z = 0;
    in >> z;
    if (z != 'Z' && z != 'z') return std::nullopt;
  } else {
    in >> date::parse("%FT%T%Ez", tp);
    if (in.fail()) return std::nullopt;
  }
  if (in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return TimePoint(tp);
}

}  // namespace cohort
