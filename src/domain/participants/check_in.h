#pragma once
// The rotating check-in code a trainer's screen shows as a QR code: a MAC
// (HMAC-SHA-256, libsodium) of the activity and the current 10-second
// window under the activity's own secret, so a code photographed and sent
// on stops working within seconds and cannot be made without the secret.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace cohort::participants {

inline constexpr int kCheckInWindowSeconds = 10;

// 32 random bytes, hex: an activity's check-in key, a calendar feed's secret address.
std::string NewSecret();
std::int64_t CheckInWindow(TimePoint t);
// 10 characters of Crockford base32 (50 bits).
std::string CheckInCode(std::string_view secret, std::string_view activity_id, std::int64_t window);

// What a check-in screen shows: the code, and the address its QR code opens
// (public_url/check-in/{activity}?code=… for an activity,
// public_url/event-check-in?session=…&code=… for an event's session).
struct CheckInScreen {
  std::string code;
  std::string url;
  std::string expires_at;  // the end of the code's window
};

enum class CodeCheck { kValid, kExpired, kForged };
// Valid: the code of the current or the previous window (a scan takes a
// moment). Expired: a code of the ten minutes before that. Forged: anything else.
CodeCheck CheckCode(std::string_view secret, std::string_view activity_id, std::string_view code, TimePoint now);

}  // namespace cohort::participants
