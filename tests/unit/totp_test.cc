#include "domain/accounts/totp.h"

#include <gtest/gtest.h>

namespace cohort::accounts::totp {
namespace {

std::string Hex(const std::array<std::uint8_t, 20>& d) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (auto b : d) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

TEST(Totp, Sha1MatchesTheFipsExamples) {
  EXPECT_EQ(Hex(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(Hex(Sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Hex(Sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(Hex(Sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Totp, HmacSha1MatchesRfc2202) {
  EXPECT_EQ(Hex(HmacSha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(Hex(HmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(Hex(HmacSha1(std::string(80, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST(Totp, HotpMatchesRfc4226) {
  const std::string key = "12345678901234567890";
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(Hotp(key, i), expected[i]) << i;
}

TEST(Totp, TotpMatchesRfc6238ForSha1) {
  const std::string secret = Base32Encode("12345678901234567890");
  EXPECT_EQ(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  // RFC 6238 appendix B gives 8 digits; the last 6 are what 6-digit apps show.
  const std::pair<std::int64_t, const char*> cases[] = {
      {59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"}, {2000000000, "279037"}};
  for (const auto& [seconds, code] : cases) {
    const TimePoint t{std::chrono::seconds(seconds)};
    auto step = Match(secret, code, t);
    ASSERT_TRUE(step.has_value()) << seconds;
    EXPECT_EQ(*step, seconds / 30);
  }
}

TEST(Totp, OnlyTheNeighbouringStepsAreAccepted) {
  const std::string secret = Base32Encode("12345678901234567890");
  const TimePoint t{std::chrono::seconds(59)};
  EXPECT_TRUE(Match(secret, "287082", t + std::chrono::seconds(30)));   // one step late: still fine
  EXPECT_FALSE(Match(secret, "287082", t + std::chrono::seconds(90)));  // three steps late
  EXPECT_FALSE(Match(secret, "28708", t));
  EXPECT_FALSE(Match("not base32!", "287082", t));
}

TEST(Totp, Base32RoundTripsAndTheUriNamesTheAccount) {
  EXPECT_EQ(Base32Decode(Base32Encode("any bytes \x01\xff")), "any bytes \x01\xff");
  EXPECT_EQ(NewSecret().size(), 32u);
  EXPECT_EQ(Uri("ABC", "leyla@mfa.gov.az"),
            "otpauth://totp/Cohort:leyla@mfa.gov.az?secret=ABC&issuer=Cohort&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace cohort::accounts::totp
