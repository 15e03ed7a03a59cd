#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/accounts/service.h"

namespace cohort::testing {
namespace {

class OrganisationsApi : public ApiTest {
 protected:
  std::string Token(const std::string& email, bool platform_admin) {
    accounts::NewAdmin admin{email, "Test", "a long passphrase", std::nullopt};
    if (!platform_admin) {
      // An organisation administrator of an organisation made for them.
      auto r = portal_->database().Write([&](db::Tx& tx) {
        return tx.Exec("INSERT INTO organisations (id, slug, name, country, created_at, updated_at) VALUES "
                       "('01M818SWED844GZTK6E12D0VZZ', 'OWN', 'Own', 'AZ', 't', 't')");
      });
      EXPECT_TRUE(r.ok());
      admin.organisation_id = "OWN";
    }
    const RequestContext cli{Actor{}, "en", "test", clock_};
    EXPECT_TRUE(accounts::CreateAdmin(portal_->database(), portal_->trail(), cli, admin).ok());
    auto token = accounts::CreateApiToken(portal_->database(), portal_->trail(), cli, email, "test");
    EXPECT_TRUE(token.ok());
    return *token;
  }
  std::vector<std::pair<std::string, std::string>> Bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
};

TEST_P(OrganisationsApi, PlatformAdministratorCreatesThenThePublicReads) {
  const auto token = Token("admin@cohort.test", true);
  auto created = client().PostJson("/api/v1/organisations",
                                   R"({"slug": "MFA", "name": "Xarici İşlər Nazirliyi", "country": "AZ"})", Bearer(token));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.Json()["id"].get<std::string>();
  EXPECT_EQ(created.Header("location"), "/api/v1/organisations/" + id);
  auto got = client().Get("/api/v1/organisations/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.Json()["name"], "Xarici İşlər Nazirliyi");
  EXPECT_EQ(got.Json()["created_at"], "2026-11-22T09:01:08.123Z");
  auto list = client().Get("/api/v1/organisations?limit=10");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_TRUE(list.Json()["next_cursor"].is_null());
}

TEST_P(OrganisationsApi, WithoutCredentialsIs401AndWithABadTokenToo) {
  auto anonymous = client().PostJson("/api/v1/organisations", R"({"slug": "MFA", "name": "M"})");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.Json()["detail"], "Təşkilat yaratmaq üçün daxil olun.");
  auto bad = client().PostJson("/api/v1/organisations", R"({"slug": "MFA", "name": "M"})", Bearer("cht_nope"));
  EXPECT_EQ(bad.status, 401);
}

TEST_P(OrganisationsApi, AnOrganisationAdministratorMayNotCreateOrganisations) {
  const auto token = Token("hr@mfa.cohort.test", false);
  auto r = client().PostJson("/api/v1/organisations", R"({"slug": "NEW", "name": "New"})", Bearer(token));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Json()["detail"], "Təşkilatları yalnız platforma administratoru yarada bilər.");
}

TEST_P(OrganisationsApi, InvalidInputListsEveryFieldInTheUsersLanguage) {
  const auto token = Token("admin@cohort.test", true);
  auto headers = Bearer(token);
  headers.emplace_back("Accept-Language", "en");
  auto r = client().PostJson("/api/v1/organisations", R"({"slug": "x", "name": 5, "colour": "red"})", headers);
  ASSERT_EQ(r.status, 422);
  auto errors = r.Json()["errors"];
  ASSERT_EQ(errors.size(), 1u);  // unknown fields are reported first, alone
  EXPECT_EQ(errors[0]["field"], "colour");
  EXPECT_EQ(errors[0]["code"], "unknown_field");
  EXPECT_EQ(errors[0]["message"], "Unknown field");
  auto typed = client().PostJson("/api/v1/organisations", R"({"slug": "x", "name": 5})", headers);
  ASSERT_EQ(typed.status, 422);
  EXPECT_EQ(typed.Json()["errors"][0]["field"], "name");
  EXPECT_EQ(typed.Json()["errors"][0]["code"], "not_a_string");
  auto invalid = client().PostJson("/api/v1/organisations", R"({"slug": "x", "name": ""})", headers);
  ASSERT_EQ(invalid.status, 422);
  auto e = invalid.Json()["errors"];
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0]["field"], "slug");
  EXPECT_EQ(e[0]["message"], "2–16 capital letters, digits or \"-\"");
  EXPECT_EQ(e[1]["field"], "name");
  EXPECT_EQ(e[1]["message"], "Required");
}

TEST_P(OrganisationsApi, UnknownOrMalformedIdsAre404) {
  EXPECT_EQ(client().Get("/api/v1/organisations/01M818SWED844GZTK6E12D0VP2").status, 404);
  EXPECT_EQ(client().Get("/api/v1/organisations/not-an-id").status, 404);
}

TEST_P(OrganisationsApi, BadPaginationParametersAreFieldErrors) {
  auto r = client().Get("/api/v1/organisations?limit=abc");
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.Json()["errors"][0]["field"], "limit");
  auto c = client().Get("/api/v1/organisations?cursor=zzz");
  ASSERT_EQ(c.status, 422);
  EXPECT_EQ(c.Json()["errors"][0]["field"], "cursor");
}

COHORT_API_ON_BOTH_ENGINES(OrganisationsApi);

}  // namespace
}  // namespace cohort::testing
