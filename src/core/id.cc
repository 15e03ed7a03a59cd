#include "core/id.h"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace cohort {
namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}

std::string NewId(TimePoint now) {
  std::array<std::uint8_t, 16> bytes{};
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
  for (int i = 0; i < 6; ++i) bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
  randombytes_buf(bytes.data() + 6, 10);
  // 128 bits -> 26 base32 digits, most significant first (the first digit
  // carries the top 3 bits).
  std::string out(26, '0');
  for (int i = 25; i >= 0; --i) {
    const int low_bit = (25 - i) * 5;  // bit position of this digit's lowest bit, from the right
    unsigned digit = 0;
    for (int k = 0; k < 5; ++k) {
      const int bit = low_bit + k;
      if (bit >= 128) break;
      const auto byte = bytes[static_cast<std::size_t>(15 - bit / 8)];
      digit |= static_cast<unsigned>((byte >> (bit % 8)) & 1U) << k;
    }
    out[static_cast<std::size_t>(i)] = kAlphabet[digit];
  }
  return out;
}

bool LooksLikeId(std::string_view s) {
  if (s.size() != 26) return false;
  for (char c : s) {
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  }
  return s[0] <= '7';
}

}  // namespace cohort
