#include "domain/accounts/password.h"

#include <gtest/gtest.h>

#include "domain/accounts/service.h"
#include "domain/accounts/token.h"

namespace cohort::accounts {
namespace {

TEST(Password, HashIsArgon2idWithAtLeast19MiBAndTwoPasses) {
  auto h = HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << *h;
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h));
  EXPECT_FALSE(VerifyPassword("correct horse batterY", *h));
}

TEST(Password, RulesNameTheField) {
  auto short_one = CheckNewPassword("short", "a@b.az");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().fields()[0], (FieldError{"password", "too_short", "at least 10 characters"}));
  auto long_one = CheckNewPassword(std::string(257, 'x'), "a@b.az");
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.error().fields()[0].code, "too_long");
  auto same = CheckNewPassword("Leyla@Mail.az", "leyla@mail.az");
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().fields()[0].code, "weak");
  EXPECT_TRUE(CheckNewPassword("a long enough passphrase", "a@b.az").ok());
}

TEST(Email, NormalisedAndChecked) {
  EXPECT_EQ(NormaliseEmail("Leyla.Mammadova@Mail.AZ"), "leyla.mammadova@mail.az");
  EXPECT_FALSE(NormaliseEmail("no-at-sign"));
  EXPECT_FALSE(NormaliseEmail("a@b"));
  EXPECT_FALSE(NormaliseEmail("a@@b.az"));
  EXPECT_FALSE(NormaliseEmail("a b@c.az"));
  EXPECT_FALSE(NormaliseEmail("@c.az"));
}

TEST(ApiToken, TokensAreRandomAndHashedStably) {
  auto a = NewApiToken(), b = NewApiToken();
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.starts_with("cht_"));
  EXPECT_EQ(a.size(), 4u + 43u);
  EXPECT_EQ(HashApiToken(a), HashApiToken(a));
  EXPECT_NE(HashApiToken(a), HashApiToken(b));
  EXPECT_EQ(HashApiToken(a).size(), 64u);
}

}  // namespace
}  // namespace cohort::accounts
