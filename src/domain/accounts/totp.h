#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP with
// HMAC-SHA-1, 6 digits, 30-second steps): what authenticator apps show.
// SHA-1 is written here from FIPS 180-4 because libsodium has none; it is
// used only inside HMAC, where its collision weakness does not matter.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace cohort::accounts::totp {

std::array<std::uint8_t, 20> Sha1(std::string_view data);
std::array<std::uint8_t, 20> HmacSha1(std::string_view key, std::string_view message);

// RFC 4648 base32 without padding (the form authenticator apps take).
std::string Base32Encode(std::string_view bytes);
std::optional<std::string> Base32Decode(std::string_view text);

// A new shared secret: 20 random bytes, base32.
std::string NewSecret();
// The HOTP value for `counter`, 6 digits with leading zeros.
std::string Hotp(std::string_view key, std::uint64_t counter);
// The 30-second step of `t`.
std::int64_t Step(TimePoint t);
// The step whose code matches `code` within ±1 step of `now`; nullopt when none.
std::optional<std::int64_t> Match(std::string_view secret_base32, std::string_view code, TimePoint now);
// otpauth://totp/ URI for a QR code in the authenticator app.
std::string Uri(std::string_view secret_base32, std::string_view account_email);

}  // namespace cohort::accounts::totp
