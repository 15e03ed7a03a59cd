#include "domain/accounts/password.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

namespace cohort::accounts {
namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19U * 1024U * 1024U;
}

Result<void> CheckNewPassword(std::string_view password, std::string_view email, const std::string& field) {
  if (password.size() < kMinPasswordLength) {
    return Error::InvalidArgument("password too short", {{field, "too_short", "at least 10 characters"}});
  }
  if (password.size() > kMaxPasswordLength) {
    return Error::InvalidArgument("password too long", {{field, "too_long", "at most 256 bytes"}});
  }
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!email.empty() && lower == email) {
    return Error::InvalidArgument("password equals e-mail", {{field, "weak", "must differ from the e-mail address"}});
  }
  return Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Unavailable("out of memory while hashing a password");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace cohort::accounts
