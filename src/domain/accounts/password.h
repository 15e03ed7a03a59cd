#pragma once
// Passwords: argon2id through libsodium (t = 2 passes, m = 19 MiB, the
// OWASP minimum), and the rules a new password must meet.
#include <string>
#include <string_view>

#include "core/error.h"

namespace cohort::accounts {

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;  // bytes; longer is refused, not cut

// kInvalidArgument on field `field` when the password is too short, too
// long, or the same as the e-mail address.
Result<void> CheckNewPassword(std::string_view password, std::string_view email, const std::string& field = "password");

// The libsodium argon2id string ("$argon2id$v=19$m=19456,t=2,p=1$...").
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace cohort::accounts
