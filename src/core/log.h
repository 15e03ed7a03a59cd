#pragma once
// Logging: one JSON object per line on stderr (spdlog). Use LogEvent for
// structured lines; fields are JSON-escaped here.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace cohort {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

// Sets up the process-wide JSON logger; `level` is a Config::log_level word.
void InitLogging(const std::string& level);

using LogField = std::pair<std::string_view, std::string>;
// Writes {"ts":..., "level":..., "msg": msg, <fields>...}.
void LogEvent(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});

// JSON string escaping for hand-built log lines.
std::string JsonEscape(std::string_view s);

}  // namespace cohort
