#include "domain/participants/check_in.h"

#include <sodium.h>

#include <chrono>

namespace cohort::participants {

std::string NewSecret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

std::int64_t CheckInWindow(TimePoint t) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  return seconds / kCheckInWindowSeconds;
}

std::string CheckInCode(std::string_view secret, std::string_view activity_id, std::int64_t window) {
  const std::string message = std::string(activity_id) + ":" + std::to_string(window);
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits = (bits << 8) | mac[i];
  std::string code;
  for (int i = 0; i < 10; ++i) {
    code += kAlphabet[bits >> 59];
    bits <<= 5;
  }
  return code;
}

CodeCheck CheckCode(std::string_view secret, std::string_view activity_id, std::string_view code, TimePoint now) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  const std::int64_t window = CheckInWindow(now);
  auto same = [&](std::int64_t w) {
    const std::string expected = CheckInCode(secret, activity_id, w);
    return expected.size() == upper.size() &&
           sodium_memcmp(expected.data(), upper.data(), expected.size()) == 0;
  };
  if (same(window) || same(window - 1)) return CodeCheck::kValid;
  const std::int64_t ten_minutes = 600 / kCheckInWindowSeconds;
  for (std::int64_t w = window - 2; w >= window - ten_minutes; --w) {
    if (same(w)) return CodeCheck::kExpired;
  }
  return CodeCheck::kForged;
}

}  // namespace cohort::participants
