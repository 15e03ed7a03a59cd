// Units, staff and invitations through the API, with real e-mail.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "domain/accounts/service.h"
#include "domain/organisations/service.h"
#include "support/smtp_sink.h"

namespace cohort::testing {
namespace {

class StaffApi : public MailApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto platform = accounts::CreateAdmin(db, portal_->trail(), system, {"root@cohort.test", "Root", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    organisations::Service orgs(db, portal_->trail());
    auto org = orgs.Create({Actor{platform->id, true, ""}, "en", "setup", clock_}, {"MFA", "Xarici İşlər Nazirliyi", "AZ"});
    ASSERT_TRUE(org.ok());
    org_ = org->id;
    auto admin = accounts::CreateAdmin(db, portal_->trail(), system, {"hr@mfa.test", "Leyla HR", "a long passphrase", org_});
    ASSERT_TRUE(admin.ok());
    admin_id_ = admin->id;
    admin_token_ = *accounts::CreateApiToken(db, portal_->trail(), system, "hr@mfa.test", "t");
  }
  Headers Admin() { return {{"Authorization", "Bearer " + admin_token_}, {"Content-Type", "application/json"}}; }
  std::string SignUp(const std::string& email) {
    EXPECT_EQ(client().PostJson("/api/v1/accounts", R"({"name":"Rəşad","email":")" + email +
                                                        R"(","password":"a long passphrase","consent":true})")
                  .status,
              202);
    (void)sink_->WaitFor(email, std::chrono::seconds(20));  // the verification mail
    const RequestContext system{Actor{}, "en", "setup", clock_};
    return *accounts::CreateApiToken(portal_->database(), portal_->trail(), system, email, "t");
  }
  std::string org_, admin_id_, admin_token_;
};

TEST_P(StaffApi, AnInvitedPersonJoinsWithTheRoleByFollowingTheLink) {
  const auto person = SignUp("rashad@example.az");
  auto headers = Admin();
  headers.emplace_back("Accept-Language", "en");
  auto invited = client().Request("POST", "/api/v1/organisations/" + org_ + "/invitations",
                                  R"({"email":"Rashad@Example.az","role":"reviewer"})", headers);
  ASSERT_EQ(invited.status, 201) << invited.body;
  EXPECT_EQ(invited.Json()["email"], "rashad@example.az");
  auto mail = sink_->WaitFor("rashad@example.az", std::chrono::seconds(20));
  ASSERT_TRUE(mail);
  EXPECT_EQ(mail->subject, "Invitation to Xarici İşlər Nazirliyi on Cohort");  // the inviter's language (en)
  EXPECT_NE(mail->body.find("as reviewer"), std::string::npos) << mail->body;
  EXPECT_NE(mail->body.find("https://apply.example.az/invitations/accept?token="), std::string::npos);
  const auto token = TokenIn(mail->body);
  auto accepted = client().Request("POST", "/api/v1/invitations/accept", R"({"token":")" + token + "\"}",
                                   {{"Authorization", "Bearer " + person}, {"Content-Type", "application/json"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto me = client().Get("/api/v1/me", {{"Authorization", "Bearer " + person}});
  ASSERT_EQ(me.Json()["account"]["memberships"].size(), 1u);
  EXPECT_EQ(me.Json()["account"]["memberships"][0]["role"], "reviewer");
  EXPECT_EQ(me.Json()["account"]["memberships"][0]["organisation_name"], "Xarici İşlər Nazirliyi");
  auto again = client().Request("POST", "/api/v1/invitations/accept", R"({"token":")" + token + "\"}",
                                {{"Authorization", "Bearer " + person}, {"Content-Type", "application/json"}});
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.Json()["errors"][0]["code"], "used_token");
  auto units = client().Get("/api/v1/organisations/" + org_ + "/units", {{"Authorization", "Bearer " + person}});
  EXPECT_EQ(units.status, 200);  // staff now
}

TEST_P(StaffApi, AnInvitationForSomeoneElseCannotBeTaken) {
  const auto intruder = SignUp("intruder@example.az");
  ASSERT_EQ(client().Request("POST", "/api/v1/organisations/" + org_ + "/invitations",
                             R"({"email":"invitee@example.az","role":"coordinator"})", Admin())
                .status,
            201);
  const auto token = TokenIn(sink_->WaitFor("invitee@example.az", std::chrono::seconds(20))->body);
  auto r = client().Request("POST", "/api/v1/invitations/accept", R"({"token":")" + token + "\"}",
                            {{"Authorization", "Bearer " + intruder}, {"Content-Type", "application/json"},
                             {"Accept-Language", "en"}});
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.Json()["errors"][0]["code"], "email_mismatch");
  EXPECT_EQ(r.Json()["errors"][0]["message"], "This invitation was sent to another e-mail address");
}

TEST_P(StaffApi, BadInvitationsListEveryField) {
  auto r = client().Request("POST", "/api/v1/organisations/" + org_ + "/invitations",
                            R"({"email":"nope","role":"king"})", Admin());
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(r.Json()["errors"][0]["field"], "email");
  EXPECT_EQ(r.Json()["errors"][1]["field"], "role");
  EXPECT_EQ(r.Json()["errors"][1]["code"], "invalid_role");
}

TEST_P(StaffApi, ReadingTheListsOfPeopleIsAudited) {
  ASSERT_EQ(client().Get("/api/v1/organisations/" + org_ + "/members", Admin()).status, 200);
  ASSERT_EQ(client().Get("/api/v1/organisations/" + org_ + "/invitations", Admin()).status, 200);
  auto members = client().Get("/api/v1/audit?subject_type=members&subject_id=" + org_, Admin());
  ASSERT_EQ(members.status, 200);
  ASSERT_EQ(members.Json()["items"].size(), 1u);
  EXPECT_EQ(members.Json()["items"][0]["action"], "read_personal_data");
  EXPECT_EQ(members.Json()["items"][0]["actor"], admin_id_);
  EXPECT_EQ(members.Json()["items"][0]["after"]["people"], 1);
  auto invitations = client().Get("/api/v1/audit?subject_type=invitations&subject_id=" + org_, Admin());
  ASSERT_EQ(invitations.Json()["items"].size(), 1u);
  // A refused look leaves no trace of data that was never shown.
  const RequestContext system{Actor{}, "en", "setup", clock_};
  ASSERT_TRUE(accounts::CreateAdmin(portal_->database(), portal_->trail(), system,
                                    {"outsider@x.test", "O", "a long passphrase", std::nullopt})
                  .ok());
  (void)portal_->database().Write([](db::Tx& tx) {
    return tx.Exec("UPDATE accounts SET is_platform_admin = 0 WHERE email = 'outsider@x.test'");
  });
  const auto outsider = *accounts::CreateApiToken(portal_->database(), portal_->trail(), system, "outsider@x.test", "t");
  EXPECT_EQ(client().Get("/api/v1/organisations/" + org_ + "/members", {{"Authorization", "Bearer " + outsider}}).status, 403);
  EXPECT_EQ(client().Get("/api/v1/audit?subject_type=members&subject_id=" + org_, Admin()).Json()["items"].size(), 1u);
}

TEST_P(StaffApi, TheLastAdministratorCannotBeRemoved) {
  auto r = client().Request("DELETE", "/api/v1/organisations/" + org_ + "/members/" + admin_id_ + "/roles/organisation_admin",
                            "", Admin());
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.Json()["detail"], "Təşkilatın ən azı bir administratoru olmalıdır.");
  auto members = client().Get("/api/v1/organisations/" + org_ + "/members", Admin());
  ASSERT_EQ(members.status, 200);
  ASSERT_EQ(members.Json()["items"].size(), 1u);
  EXPECT_EQ(members.Json()["items"][0]["roles"], nlohmann::json::array({"organisation_admin"}));
}

TEST_P(StaffApi, UnitsAreCreatedRenamedAndRetiredWithTheirHistoryAudited) {
  auto created = client().Request("POST", "/api/v1/organisations/" + org_ + "/units",
                                  R"({"name":"Konsulluq İdarəsi","description":"Consular department"})", Admin());
  ASSERT_EQ(created.status, 201);
  const auto id = created.Json()["id"].get<std::string>();
  auto dup = client().Request("POST", "/api/v1/organisations/" + org_ + "/units", R"({"name":"Konsulluq İdarəsi"})", Admin());
  ASSERT_EQ(dup.status, 422);
  EXPECT_EQ(dup.Json()["errors"][0]["code"], "taken");
  auto retired = client().Request("PATCH", "/api/v1/units/" + id, R"({"active":false})", Admin());
  ASSERT_EQ(retired.status, 200);
  EXPECT_EQ(retired.Json()["active"], false);
  auto history = portal_->database().Read([&](db::Tx& tx) { return audit::Trail::History(tx, "unit", id); });
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].entry.action, "update");
  EXPECT_EQ((*history)[1].entry.before_json, R"({"name":"Konsulluq İdarəsi","description":"Consular department","active":true})");
  EXPECT_EQ((*history)[1].entry.after_json, R"({"name":"Konsulluq İdarəsi","description":"Consular department","active":false})");
  EXPECT_EQ((*history)[1].actor_account_id, admin_id_);
}

COHORT_API_ON_BOTH_ENGINES(StaffApi);

}  // namespace
}  // namespace cohort::testing
