// Two-factor codes and secrets as people type them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "domain/accounts/totp.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  namespace totp = cohort::accounts::totp;
  if (auto bytes = totp::Base32Decode(input)) {
    if (totp::Base32Decode(totp::Base32Encode(*bytes)) != *bytes) std::abort();  // round trip
  }
  const auto half = input.size() / 2;
  (void)totp::Match(input.substr(0, half), input.substr(half), cohort::TimePoint{std::chrono::seconds(59)});
  return 0;
}
