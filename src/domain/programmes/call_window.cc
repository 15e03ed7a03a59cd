#include "domain/programmes/call_window.h"

#include <sstream>

#include <date/tz.h>

#include "core/time_format.h"

namespace cohort::programmes {
namespace {

const date::time_zone* Locate(const std::string& zone) {
  if (zone.empty() || zone.size() > 64) return nullptr;
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

bool KnownTimeZone(const std::string& zone) { return Locate(zone) != nullptr; }

Result<std::string> LocalToUtc(const std::string& local, const std::string& zone) {
  const date::time_zone* tz = Locate(zone);
  if (!tz) return Error::InvalidArgument("unknown time zone", {{"time_zone", "unknown_time_zone", "an IANA time zone such as Asia/Baku"}});
  std::istringstream in(local);
  date::local_time<std::chrono::minutes> t;
  in >> date::parse("%Y-%m-%dT%H:%M", t);
  if (in.fail()) return Error::InvalidArgument("bad local time", {{"local_time", "invalid_datetime", "YYYY-MM-DDTHH:MM"}});
  const auto utc = tz->to_sys(t, date::choose::earliest);
  return FormatUtc(TimePoint{std::chrono::duration_cast<TimePoint::duration>(utc.time_since_epoch())});
}

std::string UtcToLocal(const std::string& utc, const std::string& zone) {
  const date::time_zone* tz = Locate(zone);
  auto t = ParseRfc3339(utc);
  if (!tz || !t) return utc;
  const auto sys = date::sys_time<std::chrono::milliseconds>{std::chrono::duration_cast<std::chrono::milliseconds>(t->time_since_epoch())};
  return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(date::make_zoned(tz, sys).get_local_time()));
}

}  // namespace cohort::programmes
