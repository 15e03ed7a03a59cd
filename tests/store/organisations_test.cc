#include <gtest/gtest.h>

#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/organisations/service.h"
#include "store/engine_fixture.h"

namespace cohort::testing {
namespace {

using organisations::NewOrganisation;

class Organisations : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped()) return;
    Migrate();
  }
  RequestContext Ctx(Actor actor) { return RequestContext{std::move(actor), "en", "req-1", clock_}; }
  FakeClock clock_{TimePoint{std::chrono::milliseconds(1'795'338'068'123)}};
  const Actor admin_{"01M818SWED844GZTK6E12D0VP2", true, ""};
  const Actor staff_{"01M818SWED844GZTK6E12D0VP3", false, ""};
  const audit::Trail trail_{std::string(64, 'k')};
};

TEST_P(Organisations, PlatformAdministratorCreatesAndAnyoneReads) {
  organisations::Service s(db(), trail_);
  auto created = s.Create(Ctx(admin_), NewOrganisation{"MFA", "Ministry of Foreign Affairs", "AZ"});
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->slug, "MFA");
  EXPECT_EQ(created->created_at, "2026-11-22T09:01:08.123Z");
  auto history = db().Read([&](db::Tx& tx) { return audit::Trail::History(tx, "organisation", created->id); });
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].actor_account_id, admin_.account_id);
  EXPECT_EQ((*history)[0].entry.action, "create");
  EXPECT_EQ((*history)[0].entry.organisation_id, created->id);
  EXPECT_EQ((*history)[0].entry.after_json, R"({"slug":"MFA","name":"Ministry of Foreign Affairs","country":"AZ"})");
  EXPECT_EQ((*history)[0].request_id, "req-1");
  auto got = s.Get(Ctx(Actor{}), created->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "Ministry of Foreign Affairs");
}

TEST_P(Organisations, OthersMayNotCreateAndAreToldWhy) {
  organisations::Service s(db(), trail_);
  auto anonymous = s.Create(Ctx(Actor{}), NewOrganisation{"MFA", "M", "AZ"});
  ASSERT_FALSE(anonymous.ok());
  EXPECT_EQ(anonymous.error().code(), ErrorCode::kUnauthenticated);
  EXPECT_EQ(anonymous.error().message(), "sign in to create an organisation");
  auto staff = s.Create(Ctx(staff_), NewOrganisation{"MFA", "M", "AZ"});
  ASSERT_FALSE(staff.ok());
  EXPECT_EQ(staff.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(staff.error().message(), "only a platform administrator may create organisations");
  auto list = s.List(Ctx(Actor{}), 10, "");
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->items.empty());
}

TEST_P(Organisations, EveryBadFieldIsReported) {
  organisations::Service s(db(), trail_);
  auto r = s.Create(Ctx(admin_), NewOrganisation{"mfa!", "", "Azerbaijan"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  ASSERT_EQ(r.error().fields().size(), 3u);
  EXPECT_EQ(r.error().fields()[0].field, "slug");
  EXPECT_EQ(r.error().fields()[0].code, "invalid_slug");
  EXPECT_EQ(r.error().fields()[1].field, "name");
  EXPECT_EQ(r.error().fields()[1].code, "required");
  EXPECT_EQ(r.error().fields()[2].field, "country");
}

TEST_P(Organisations, TakenSlugIsAFieldError) {
  organisations::Service s(db(), trail_);
  ASSERT_TRUE(s.Create(Ctx(admin_), NewOrganisation{"MFA", "One", "AZ"}).ok());
  auto r = s.Create(Ctx(admin_), NewOrganisation{"MFA", "Two", "AZ"});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0], (FieldError{"slug", "taken", "another organisation uses this code"}));
}

TEST_P(Organisations, ListPagesWithACursor) {
  organisations::Service s(db(), trail_);
  for (const char* slug : {"A1", "A2", "A3", "A4", "A5"}) {
    clock_.Advance(std::chrono::milliseconds(1));
    ASSERT_TRUE(s.Create(Ctx(admin_), NewOrganisation{slug, slug, "AZ"}).ok());
  }
  auto first = s.List(Ctx(Actor{}), 2, "");
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].slug, "A1");
  ASSERT_TRUE(first->next_cursor);
  auto second = s.List(Ctx(Actor{}), 2, *first->next_cursor);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->items[0].slug, "A3");
  auto last = s.List(Ctx(Actor{}), 2, *second->next_cursor);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->items.size(), 1u);
  EXPECT_EQ(last->items[0].slug, "A5");
  EXPECT_FALSE(last->next_cursor);
  auto bad = s.List(Ctx(Actor{}), 0, "");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields()[0].field, "limit");
}

TEST_P(Organisations, AdministratorsAndTokens) {
  auto admin = accounts::CreateAdmin(db(), trail_, Ctx(Actor{}), {"Admin@Cohort.Test", "Admin", "a long passphrase", std::nullopt});
  ASSERT_TRUE(admin.ok()) << admin.error().message();
  EXPECT_EQ(admin->email, "admin@cohort.test");
  EXPECT_TRUE(admin->is_platform_admin);
  auto dup = accounts::CreateAdmin(db(), trail_, Ctx(Actor{}), {"admin@cohort.test", "Admin", "a long passphrase", std::nullopt});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  auto token = accounts::CreateApiToken(db(), trail_, Ctx(Actor{}), "admin@cohort.test", "ci");
  ASSERT_TRUE(token.ok());
  auto actor = accounts::Service(db(), trail_, {}).AuthenticateToken(clock_, *token);
  ASSERT_TRUE(actor.ok());
  EXPECT_EQ(actor->account_id, admin->id);
  EXPECT_TRUE(actor->is_platform_admin);
  auto bad = accounts::Service(db(), trail_, {}).AuthenticateToken(clock_, *token + "x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kUnauthenticated);
  auto unknown = accounts::CreateApiToken(db(), trail_, Ctx(Actor{}), "nobody@cohort.test", "ci");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
}

COHORT_ON_BOTH_ENGINES(Organisations);

}  // namespace
}  // namespace cohort::testing
