// Completion and certificates over HTTP on both engines: rules, the report,
// confirmation (refused for someone who has not completed), signed
// certificates as PDF and Open Badge, public verification by serial and by
// the QR code's token (tampered tokens caught), and revocation.
#include <gtest/gtest.h>

#include <map>

#include "api/participants_fixture.h"
#include "core/time_format.h"
#include "domain/certificates/signer.h"

namespace cohort::testing {
namespace {

// One activity held yesterday: participants 0 and 1 came, 2 and 3 did
// not. Final works: 0 passed, 1 failed.
class CertificatesApi : public ParticipantsApi {
 protected:
  void SetUp() override {
    ParticipantsApi::SetUp();
    if (IsSkipped()) return;
    json activity = {{"kind", "lecture"},
                     {"title", "Consular law"},
                     {"starts_at", FormatUtc(clock_.Now() - std::chrono::hours(26))},
                     {"ends_at", FormatUtc(clock_.Now() - std::chrono::hours(24))}};
    auto made = client().PostJson("/api/v1/intakes/" + intake_ + "/activities", activity.dump(), staff_);
    ASSERT_EQ(made.status, 201) << made.body;
    const std::string id = made.Json()["items"][0]["id"];
    json marks = {{"items", {{{"participant_id", participants_[0]}, {"status", "present"}},
                             {{"participant_id", participants_[1]}, {"status", "present"}},
                             {{"participant_id", participants_[2]}, {"status", "absent"}}}}};
    ASSERT_EQ(Send("PUT", "/api/v1/activities/" + id + "/attendance", marks.dump(), staff_).status, 200);
    ASSERT_EQ(Send("PUT", "/api/v1/intakes/" + intake_ + "/completion-rules",
                   R"({"min_attendance": 0.75, "final_work_required": true, "hours": 960})", staff_)
                  .status,
              200);
    ASSERT_EQ(FinalWork(0, {{"title", "Visa policy of the EU"}, {"grade", "A"}, {"passed", true}}).status, 200);
    ASSERT_EQ(FinalWork(1, {{"title", "Consular crises"}, {"grade", "F"}, {"passed", false}}).status, 200);
  }
  HttpResponse FinalWork(int i, const json& body) {
    return Send("PUT", "/api/v1/participants/" + participants_[static_cast<std::size_t>(i)] + "/final-work", body.dump(),
                staff_);
  }
  HttpResponse Confirm(const json& ids) {
    return client().PostJson("/api/v1/intakes/" + intake_ + "/completion/confirm",
                             json{{"participant_ids", ids}}.dump(), staff_);
  }
  // The first certificate of applicant 0.
  json Mine() { return client().Get("/api/v1/me/certificates", Applicant(0)).Json()["items"][0]; }
  static std::string TokenOf(const std::string& verify_url) { return verify_url.substr(verify_url.find("?c=") + 3); }
  json Verify(const std::string& query) { return client().Get("/api/v1/certificates/verify?" + query).Json(); }
};

TEST_P(CertificatesApi, TheReportSaysWhoMeetsTheRulesAndOnlyTheyComplete) {
  auto bad_rules = Send("PUT", "/api/v1/intakes/" + intake_ + "/completion-rules", R"({"min_attendance": 1.5})", staff_);
  ASSERT_EQ(bad_rules.status, 422);
  EXPECT_EQ(Codes(bad_rules)["min_attendance"], "out_of_range");
  EXPECT_EQ(Codes(FinalWork(2, {{"title", " "}, {"passed", true}}))["title"], "required");

  auto report = client().Get("/api/v1/intakes/" + intake_ + "/completion", staff_);
  ASSERT_EQ(report.status, 200) << report.body;
  std::map<std::string, json> rows;
  const json items = report.Json()["items"];
  for (const auto& r : items) rows[r["participant_id"]] = r;
  EXPECT_TRUE(rows[participants_[0]]["meets"]);
  EXPECT_EQ(rows[participants_[1]]["unmet"], json::array({"final_work"}));
  EXPECT_EQ(rows[participants_[2]]["unmet"], json::array({"attendance", "final_work"}));

  // A certificate for someone who has not completed is refused, and nothing is issued.
  auto refused = Confirm({participants_[0], participants_[1]});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(Codes(refused)["participant_ids[1]"], "not_completed");
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/certificates", staff_).Json()["items"], json::array());

  auto confirmed = Confirm({participants_[0]});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const json certificates = client().Get("/api/v1/intakes/" + intake_ + "/certificates", staff_).Json()["items"];
  ASSERT_EQ(certificates.size(), 1u);
  EXPECT_EQ(certificates[0]["serial"], "DMX-MS-2027-0001");
  EXPECT_EQ(certificates[0]["statement"]["holder"], "Applicant 0");
  EXPECT_EQ(certificates[0]["statement"]["hours"], 960);
  EXPECT_EQ(Codes(Confirm({participants_[0]}))["participant_ids[0]"], "already_completed");
  auto mail = MailAbout("applicant0@example.az", "Your certificate");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("DMX-MS-2027-0001"), std::string::npos);
  const json list = client().Get("/api/v1/intakes/" + intake_ + "/participants", staff_).Json()["items"];
  for (const auto& p : list) {
    if (p["id"] == participants_[0]) {
      EXPECT_EQ(p["state"], "completed");
    }
  }
}

TEST_P(CertificatesApi, ACertificateIsAPdfAndABadgeForItsHolderOnly) {
  ASSERT_EQ(Confirm({participants_[0]}).status, 200);
  const json mine = Mine();
  const std::string serial = mine["serial"];
  for (const char* lang : {"az", "en", "ru"}) {
    auto pdf = client().Get("/api/v1/certificates/" + serial + "/pdf?lang=" + lang, Applicant(0));
    ASSERT_EQ(pdf.status, 200) << lang;
    EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
    EXPECT_TRUE(pdf.body.starts_with("%PDF-")) << lang;
  }
  EXPECT_EQ(client().Get("/api/v1/certificates/" + serial + "/pdf", Applicant(1)).status, 404);
  EXPECT_EQ(client().Get("/api/v1/certificates/" + serial + "/pdf", staff_).status, 200);
  auto badge = client().Get("/api/v1/certificates/" + serial + "/badge", Applicant(0));
  ASSERT_EQ(badge.status, 200);
  const json credential = json::parse(badge.body);
  EXPECT_EQ(credential["type"], json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_EQ(credential["credentialSubject"]["name"], "Applicant 0");
  const json key = client().Get("/api/v1/certificates/public-key").Json();
  EXPECT_EQ(credential["issuer"]["id"], key["did"]);
  EXPECT_EQ(key["algorithm"], "Ed25519");
}

TEST_P(CertificatesApi, AnyoneVerifiesAndTamperingOrRevocationShows) {
  ASSERT_EQ(Confirm({participants_[0]}).status, 200);
  const json mine = Mine();
  const std::string serial = mine["serial"];
  const std::string token = TokenOf(mine["verify_url"]);
  EXPECT_EQ(Verify("serial=" + serial)["status"], "valid");
  const json by_token = Verify("c=" + token);
  EXPECT_EQ(by_token["status"], "valid");
  EXPECT_TRUE(by_token["signature_valid"]);
  EXPECT_EQ(by_token["certificate"]["holder"], "Applicant 0");
  EXPECT_EQ(Verify("serial=DMX-MS-2027-9999")["status"], "unknown");

  // Raise the hours in the token's payload: the signature no longer holds.
  json forged = by_token["certificate"];
  forged["hours"] = 1960;
  forged["v"] = 1;
  const std::string forged_payload = certificates::Base64Url(forged.dump());
  const json tampered = Verify("c=" + forged_payload + token.substr(token.find('.')));
  EXPECT_EQ(tampered["status"], "tampered");
  EXPECT_FALSE(tampered["signature_valid"]);
  EXPECT_EQ(Verify("c=garbage")["status"], "unknown");
  // A readable payload with a damaged or cut signature is tampered, not unknown.
  const std::string payload_part = token.substr(0, token.find('.'));
  EXPECT_EQ(Verify("c=" + payload_part + ".%21%21")["status"], "tampered");
  EXPECT_EQ(Verify("c=" + payload_part + "." + token.substr(token.find('.') + 1, 20))["status"], "tampered");

  // Revocation needs a reason and shows with its date.
  const std::string revoke = "/api/v1/certificates/" + serial + "/revoke";
  EXPECT_EQ(Codes(client().PostJson(revoke, R"({"reason": ""})", staff_))["reason"], "required");
  EXPECT_EQ(client().PostJson(revoke, R"({"reason": "x"})", Applicant(0)).status, 403);
  auto revoked = client().PostJson(revoke, R"({"reason": "Issued in error"})", staff_);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  const json after = Verify("c=" + token);
  EXPECT_EQ(after["status"], "revoked");
  EXPECT_EQ(after["revoke_reason"], "Issued in error");
  EXPECT_EQ(after["revoked_at"], FormatUtc(clock_.Now()));
  EXPECT_EQ(client().PostJson(revoke, R"({"reason": "again"})", staff_).Json()["code"], "already_revoked");
}

TEST_P(CertificatesApi, AlumniAreCountedPerYearListedByChoiceAndInvited) {
  ASSERT_EQ(Confirm({participants_[0]}).status, 200);
  const std::string programme = client().Get("/api/v1/intakes/" + intake_, staff_).Json()["programme_id"];
  auto alumni = client().Get("/api/v1/programmes/" + programme + "/alumni", staff_);
  ASSERT_EQ(alumni.status, 200) << alumni.body;
  EXPECT_EQ(alumni.Json()["total"], 1);
  EXPECT_EQ(alumni.Json()["per_year"], json::parse(R"([{"year": "2027", "completed": 1}])"));
  EXPECT_EQ(alumni.Json()["items"][0]["email"], "applicant0@example.az");
  EXPECT_EQ(client().Get("/api/v1/programmes/" + programme + "/alumni", Applicant(0)).status, 404);

  // The directory lists only those who opt in, without e-mail, to staff and alumni.
  const std::string directory = "/api/v1/programmes/" + programme + "/alumni-directory";
  EXPECT_EQ(client().Get(directory, Applicant(0)).Json()["items"], json::array());
  EXPECT_EQ(client().Get("/api/v1/me/alumni-profile", Applicant(0)).Json(), json::parse(R"({"directory": false, "headline": ""})"));
  ASSERT_EQ(Send("PUT", "/api/v1/me/alumni-profile", R"({"directory": true, "headline": "Attaché, Berlin"})", Applicant(0)).status, 200);
  EXPECT_EQ(client().Get("/api/v1/me/alumni-profile", Applicant(0)).Json()["headline"], "Attaché, Berlin");
  const json listed = client().Get(directory, Applicant(0)).Json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["headline"], "Attaché, Berlin");
  EXPECT_FALSE(listed[0].contains("email"));
  EXPECT_EQ(client().Get(directory, Applicant(1)).status, 404);
  EXPECT_EQ(client().Get(directory, staff_).Json()["items"].size(), 1u);

  // Next year's intake invites last year's alumni to its opening lecture.
  auto next = client().PostJson("/api/v1/programmes/" + programme + "/intakes",
                                R"({"name": "2028", "starts_on": "2028-02-01", "ends_on": "2028-07-31", "capacity": 20})", staff_);
  ASSERT_EQ(next.status, 201) << next.body;
  json lecture = {{"kind", "lecture"}, {"title", "Opening lecture"}, {"place", "Main hall"},
                  {"starts_at", "2028-02-01T06:00:00Z"}, {"ends_at", "2028-02-01T08:00:00Z"}};
  auto made = client().PostJson("/api/v1/intakes/" + next.Json()["id"].get<std::string>() + "/activities", lecture.dump(), staff_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string invite = "/api/v1/activities/" + made.Json()["items"][0]["id"].get<std::string>() + "/invite-alumni";
  EXPECT_EQ(client().PostJson(invite, "", reviewers_[0]).status, 403);
  auto invited = client().PostJson(invite, "", staff_);
  ASSERT_EQ(invited.status, 200) << invited.body;
  EXPECT_EQ(invited.Json()["invited"], 1);
  auto mail = MailAbout("applicant0@example.az", "An invitation for alumni");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("Opening lecture"), std::string::npos);
  EXPECT_NE(mail->body.find("2028-02-01 10:00 (Asia/Baku)"), std::string::npos) << mail->body;  // the intake's local time

  // Once it is over, nobody is invited to it any more.
  clock_.Advance(*ParseRfc3339("2028-02-01T09:00:00Z") - clock_.Now());
  EXPECT_EQ(client().PostJson(invite, "", staff_).Json()["code"], "activity_over");
}

COHORT_API_ON_BOTH_ENGINES(CertificatesApi);

}  // namespace
}  // namespace cohort::testing
