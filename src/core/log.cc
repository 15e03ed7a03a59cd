#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>

namespace cohort {

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

void InitLogging(const std::string& level) {
  auto logger = spdlog::stderr_logger_mt("cohort");
  // The timestamp and level are spdlog's; the message is the JSON tail.
  logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

void LogEvent(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields) {
  auto lvl = spdlog::level::info;
  switch (level) {
    case LogLevel::kTrace: lvl = spdlog::level::trace; break;
    case LogLevel::kDebug: lvl = spdlog::level::debug; break;
    case LogLevel::kInfo: lvl = spdlog::level::info; break;
    case LogLevel::kWarn: lvl = spdlog::level::warn; break;
    case LogLevel::kError: lvl = spdlog::level::err; break;
  }
  if (!spdlog::should_log(lvl)) return;
  std::string line = "\"msg\":\"" + JsonEscape(msg) + "\"";
  for (const auto& [k, v] : fields) {
    line += ",\"";
    line += k;
    line += "\":\"";
    line += JsonEscape(v);
    line += "\"";
  }
  spdlog::log(lvl, "{}", line);
}

}  // namespace cohort
