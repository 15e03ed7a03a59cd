// Two-factor sign-in with TOTP codes, and organisations that require it.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/accounts/service.h"
#include "domain/accounts/totp.h"
#include "domain/organisations/service.h"

namespace cohort::testing {
namespace {

class TwoFactor : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto& db = portal_->database();
    auto platform = accounts::CreateAdmin(db, portal_->trail(), system, {"root@cohort.test", "Root", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    auto org = organisations::Service(db, portal_->trail())
                   .Create({Actor{platform->id, true, ""}, "en", "s", clock_}, {"DMX", "Migration Service", "AZ"});
    ASSERT_TRUE(org.ok());
    org_ = org->id;
    ASSERT_TRUE(accounts::CreateAdmin(db, portal_->trail(), system, {"school@dmx.test", "S", "a long passphrase", org_}).ok());
  }
  HttpResponse Login(const std::string& code = "") {
    std::string body = R"({"email":"school@dmx.test","password":"a long passphrase")";
    if (!code.empty()) body += R"(,"totp_code":")" + code + "\"";
    return client().PostJson("/api/v1/session", body + "}");
  }
  Headers Session(const HttpResponse& login) {
    const auto set = login.Header("set-cookie");
    return {{"Cookie", set.substr(0, set.find(';'))},
            {"X-CSRF-Token", login.Json()["csrf_token"].get<std::string>()},
            {"Content-Type", "application/json"}};
  }
  std::string CodeAt(const std::string& secret, TimePoint t) {
    return accounts::totp::Hotp(*accounts::totp::Base32Decode(secret), static_cast<std::uint64_t>(accounts::totp::Step(t)));
  }
  std::string org_;
};

TEST_P(TwoFactor, OnceOnSignInNeedsAFreshCode) {
  auto first = Login();
  ASSERT_EQ(first.status, 200);
  auto s = Session(first);
  auto setup = client().Request("POST", "/api/v1/me/totp/setup", "", s);
  ASSERT_EQ(setup.status, 200);
  const auto secret = setup.Json()["secret"].get<std::string>();
  EXPECT_TRUE(setup.Json()["otpauth_uri"].get<std::string>().starts_with("otpauth://totp/Cohort:school@dmx.test?secret="));
  auto wrong = client().Request("POST", "/api/v1/me/totp/enable", R"({"code":"123"})", s);
  ASSERT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.Json()["errors"][0]["code"], "wrong_code");
  auto on = client().Request("POST", "/api/v1/me/totp/enable", R"({"code":")" + CodeAt(secret, clock_.Now()) + "\"}", s);
  ASSERT_EQ(on.status, 204) << on.body;
  EXPECT_EQ(client().Get("/api/v1/me", s).Json()["account"]["totp_enabled"], true);

  auto without = Login();
  ASSERT_EQ(without.status, 422);
  EXPECT_EQ(without.Json()["errors"][0]["field"], "totp_code");
  EXPECT_EQ(without.Json()["errors"][0]["code"], "totp_required");
  // The code used to turn it on cannot be used again.
  auto replay = Login(CodeAt(secret, clock_.Now()));
  ASSERT_EQ(replay.status, 422);
  EXPECT_EQ(replay.Json()["errors"][0]["code"], "wrong_code");
  clock_.Advance(std::chrono::seconds(30));
  EXPECT_EQ(Login(CodeAt(secret, clock_.Now())).status, 200);
}

TEST_P(TwoFactor, AnOrganisationThatRequiresItShutsOutStaffWithoutIt) {
  auto login = Login();
  ASSERT_EQ(login.status, 200);
  auto s = Session(login);
  auto require = client().Request("PATCH", "/api/v1/organisations/" + org_, R"({"require_totp":true})", s);
  ASSERT_EQ(require.status, 200) << require.body;
  EXPECT_EQ(require.Json()["require_totp"], true);
  auto units = client().Request("GET", "/api/v1/organisations/" + org_ + "/units", "", s);
  ASSERT_EQ(units.status, 403);
  EXPECT_EQ(units.Json()["detail"], "Bu təşkilat iki mərhələli girişi tələb edir; onu hesabınızda aktivləşdirin.");
  EXPECT_EQ(client().Get("/api/v1/me", s).Json()["account"]["totp_required"], true);
  const auto secret = client().Request("POST", "/api/v1/me/totp/setup", "", s).Json()["secret"].get<std::string>();
  ASSERT_EQ(client().Request("POST", "/api/v1/me/totp/enable", R"({"code":")" + CodeAt(secret, clock_.Now()) + "\"}", s).status,
            204);
  EXPECT_EQ(client().Request("GET", "/api/v1/organisations/" + org_ + "/units", "", s).status, 200);
}

COHORT_API_ON_BOTH_ENGINES(TwoFactor);

}  // namespace
}  // namespace cohort::testing
