#include "domain/accounts/token.h"

#include <sodium.h>

#include <array>

namespace cohort::accounts {

std::string RandomToken() {
  if (sodium_init() < 0) return {};
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string NewApiToken() { return "cht_" + RandomToken(); }

std::string HashApiToken(std::string_view token) {
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest.data(), digest.size());
  return hex;
}

}  // namespace cohort::accounts
