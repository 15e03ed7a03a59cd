// Calls and applications through the HTTP API, on both engines: a
// coordinator sets up a programme, an intake and its call; an applicant
// applies, autosaves, submits and withdraws; staff list what came in.
#include <gtest/gtest.h>

#include "api/api_fixture.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/organisations/service.h"

namespace cohort::testing {
namespace {

using nlohmann::json;

// The fake clock starts at 2026-11-22T09:01:08.123Z; this call is open
// from 1 November 09:00 to 1 December 18:00, Baku time (UTC+4).
json CallSettings() {
  return json::parse(R"J({
    "title": {"az": "Diplomatiya Könüllüləri 2027", "en": "Diplomacy Volunteers 2027"},
    "description": {"en": "**Serve** abroad.<script>alert(1)</script> [x](javascript:alert(2))"},
    "opens_at_local": "2026-11-01T09:00", "closes_at_local": "2026-12-01T18:00",
    "time_zone": "Asia/Baku", "published": true,
    "form": {"fields": [
      {"key": "motivation", "type": "long_text", "label": {"en": "Why?"}, "required": true, "max_words": 5},
      {"key": "birth_date", "type": "date", "label": {"en": "Birth date"}, "required": true},
      {"key": "phone", "type": "phone", "label": {"en": "Phone"}},
      {"key": "education", "type": "education", "label": {"en": "Education"}, "required": true},
      {"key": "languages", "type": "languages", "label": {"en": "Languages"}},
      {"key": "has_abroad", "type": "single_choice", "label": {"en": "Lived abroad?"},
       "options": [{"value": "yes", "label": {"en": "Yes"}}, {"value": "no", "label": {"en": "No"}}]},
      {"key": "where", "type": "short_text", "label": {"en": "Where?"}, "required": true,
       "visible_if": {"field": "has_abroad", "equals": "yes"}},
      {"key": "consent", "type": "consent", "label": {"en": "I agree"}, "required": true},
      {"key": "cv", "type": "file", "label": {"en": "CV"}, "accept": ["pdf", "docx"]}
    ]},
    "eligibility": {"rules": [
      {"id": "fos", "kind": "field_of_study_in", "field": "education", "values": ["International Relations", "Law"], "knock_out": true},
      {"id": "english", "kind": "language_at_least", "field": "languages", "language": "en", "level": "B2"}
    ]}
  })J");
}

// Field → code of a problem document's errors.
std::map<std::string, std::string> Codes(const HttpResponse& r) {
  const json body = r.Json();
  std::map<std::string, std::string> out;
  for (const auto& e : body["errors"]) out[e["field"]] = e["code"];
  return out;
}

class ApplicationsApi : public MailApiTest {
 protected:
  void SetUp() override {
    MailApiTest::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto platform = accounts::CreateAdmin(db, portal_->trail(), system, {"platform@cohort.test", "P", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    organisations::Service orgs(db, portal_->trail());
    auto org = orgs.Create({Actor{platform->id, true, ""}, "en", "setup", clock_}, {"MFA", "Foreign Ministry", "AZ"});
    ASSERT_TRUE(org.ok());
    org_ = org->id;
    ASSERT_TRUE(accounts::CreateAdmin(db, portal_->trail(), system, {"hr@mfa.test", "HR", "a long passphrase", org_}).ok());
    staff_ = Bearer(*accounts::CreateApiToken(db, portal_->trail(), system, "hr@mfa.test", "t"));
    auto person = accounts::CreateAdmin(db, portal_->trail(), system,
                                        {"leyla@example.az", "Leyla Məmmədova", "a long passphrase", org_});
    ASSERT_TRUE(person.ok());
    // An applicant is an account without staff roles.
    ASSERT_TRUE(db.Write([&](db::Tx& tx) {
                    return tx.Exec("DELETE FROM memberships WHERE account_id = :id", {db::P("id", person->id)});
                  }).ok());
    applicant_id_ = person->id;
    applicant_ = Bearer(*accounts::CreateApiToken(db, portal_->trail(), system, "leyla@example.az", "t"));

    auto programme = client().PostJson("/api/v1/organisations/" + org_ + "/programmes",
                                       R"({"name": "Diplomacy Volunteers", "code": "DV"})", staff_);
    ASSERT_EQ(programme.status, 201) << programme.body;
    programme_ = programme.Json()["id"];
    auto intake = client().PostJson("/api/v1/programmes/" + programme_ + "/intakes",
                                    R"({"name": "2027", "starts_on": "2027-02-01", "ends_on": "2027-07-31", "capacity": 95})",
                                    staff_);
    ASSERT_EQ(intake.status, 201) << intake.body;
    intake_ = intake.Json()["id"];
    auto call = Put("/api/v1/intakes/" + intake_ + "/call", CallSettings().dump(), staff_);
    ASSERT_EQ(call.status, 200) << call.body;
    call_ = call.Json()["id"];
  }

  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  static Headers With(Headers h, const std::string& name, const std::string& value) {
    h.emplace_back(name, value);
    return h;
  }
  HttpResponse Put(const std::string& path, const std::string& body, Headers h) {
    h.emplace_back("Content-Type", "application/json");
    return client().Request("PUT", path, body, h);
  }
  HttpResponse Patch(const std::string& path, const std::string& body, Headers h) {
    h.emplace_back("Content-Type", "application/json");
    return client().Request("PATCH", path, body, h);
  }
  // Starts a draft as the applicant and returns its id.
  std::string Start() {
    auto r = client().PostJson("/api/v1/calls/" + call_ + "/applications", "", applicant_);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json()["id"];
  }
  HttpResponse Save(const std::string& id, const json& answers, int version) {
    return Patch("/api/v1/applications/" + id, json{{"answers", answers}, {"version", version}}.dump(), applicant_);
  }
  static json Complete() {
    return {{"motivation", "To serve my country"},
            {"birth_date", "2001-05-17"},
            {"education", json::array({{{"university", "ADA University"},
                                        {"field_of_study", "international  relations"},
                                        {"degree", "bachelor"},
                                        {"graduation_year", 2023}}})},
            {"languages", json::array({{{"language", "en"}, {"level", "C1"}}})},
            {"has_abroad", "no"},
            {"consent", true}};
  }

  std::string org_, programme_, intake_, call_, applicant_id_;
  Headers staff_, applicant_;
};

TEST_P(ApplicationsApi, TheCallWindowIsReadInTheCallsTimeZoneAndTheCallIsPublic) {
  auto call = client().Get("/api/v1/intakes/" + intake_ + "/call", staff_);
  ASSERT_EQ(call.status, 200);
  EXPECT_EQ(call.Json()["opens_at"], "2026-11-01T05:00:00.000Z");
  EXPECT_EQ(call.Json()["closes_at"], "2026-12-01T14:00:00.000Z");
  EXPECT_EQ(call.Json()["state"], "open");
  EXPECT_EQ(call.Json()["reference_prefix"], "MFA-DV-2027");

  auto list = client().Get("/api/v1/calls?state=open", {{"Accept-Language", "en"}});
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  EXPECT_EQ(list.Json()["items"][0]["title"], "Diplomacy Volunteers 2027");
  EXPECT_EQ(list.Json()["items"][0]["organisation"]["slug"], "MFA");
  EXPECT_EQ(list.Json()["items"][0]["programme"]["name"], "Diplomacy Volunteers");
  auto az = client().Get("/api/v1/calls");
  EXPECT_EQ(az.Json()["items"][0]["title"], "Diplomatiya Könüllüləri 2027");
  EXPECT_EQ(client().Get("/api/v1/calls?state=upcoming").Json()["items"].size(), 0u);

  auto page = client().Get("/api/v1/calls/" + call_, {{"Accept-Language", "ru"}});
  ASSERT_EQ(page.status, 200);
  // No Russian description: the English one, rendered without the script
  // or the javascript: link.
  const std::string html = page.Json()["description_html"];
  EXPECT_NE(html.find("<strong>Serve</strong>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(page.Json()["form"]["fields"].size(), 9u);
  EXPECT_EQ(page.Json()["eligibility"][1]["text"], "Язык en на уровне B2 или выше.");
}

TEST_P(ApplicationsApi, AnUnpublishedCallIsHiddenFromThePublic) {
  auto settings = CallSettings();
  settings["published"] = false;
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  EXPECT_EQ(client().Get("/api/v1/calls/" + call_).status, 404);
  EXPECT_EQ(client().Get("/api/v1/calls").Json()["items"].size(), 0u);
  EXPECT_EQ(client().PostJson("/api/v1/calls/" + call_ + "/applications", "", applicant_).status, 404);
}

// The public list is kept for up to a second (programmes/http.cc), but a
// change made through this server shows at once, and so does the passing
// of a call's closing time.
TEST_P(ApplicationsApi, ThePublicListShowsAChangeAtOnce) {
  const std::string path = "/api/v1/calls?state=open";
  ASSERT_EQ(client().Get(path, {{"Accept-Language", "en"}}).Json()["items"][0]["title"], "Diplomacy Volunteers 2027");
  auto settings = CallSettings();
  settings["title"]["en"] = "Diplomacy Volunteers 2027 (renamed)";
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  EXPECT_EQ(client().Get(path, {{"Accept-Language", "en"}}).Json()["items"][0]["title"], "Diplomacy Volunteers 2027 (renamed)");
  settings["published"] = false;
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  EXPECT_EQ(client().Get(path, {{"Accept-Language", "en"}}).Json()["items"].size(), 0u);
  settings["published"] = true;
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  ASSERT_EQ(client().Get(path).Json()["items"].size(), 1u);
  clock_.Set(*ParseRfc3339("2026-12-01T14:00:00.000Z"));  // the call closes
  EXPECT_EQ(client().Get(path).Json()["items"].size(), 0u);
  EXPECT_EQ(client().Get("/api/v1/calls?state=closed").Json()["items"].size(), 1u);
}

TEST_P(ApplicationsApi, AnApplicantAppliesOnceAutosavesSubmitsAndGetsAReceipt) {
  const std::string id = Start();
  auto again = client().PostJson("/api/v1/calls/" + call_ + "/applications", "", applicant_);
  ASSERT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["code"], "already_applied");
  EXPECT_EQ(again.Json()["application_id"], id);

  auto saved = Save(id, {{"motivation", "To serve"}}, 1);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["version"], 2);
  EXPECT_EQ(saved.Json()["answers"]["motivation"], "To serve");
  // Autosave keeps a draft that is not complete yet, even over a limit.
  auto long_text = Save(id, {{"motivation", "one two three four five six seven"}}, 2);
  ASSERT_EQ(long_text.status, 200);

  auto incomplete = client().PostJson("/api/v1/applications/" + id + "/submit", "", With(applicant_, "Accept-Language", "en"));
  ASSERT_EQ(incomplete.status, 422) << incomplete.body;
  auto errors = Codes(incomplete);
  EXPECT_EQ(errors, (std::map<std::string, std::string>{{"answers.motivation", "too_many_words"},
                                                         {"answers.birth_date", "required"},
                                                         {"answers.education", "required"},
                                                         {"answers.consent", "required"}}));

  auto answers = Complete();
  answers["has_abroad"] = "yes";  // makes "where" visible and required
  ASSERT_EQ(Save(id, answers, 3).status, 200);
  auto where = client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_);
  ASSERT_EQ(where.status, 422);
  ASSERT_EQ(where.Json()["errors"].size(), 1u);
  EXPECT_EQ(where.Json()["errors"][0]["field"], "answers.where");
  ASSERT_EQ(Save(id, {{"where", "Ankara"}}, 4).status, 200);

  auto submitted = client().PostJson("/api/v1/applications/" + id + "/submit", "", With(applicant_, "Accept-Language", "en"));
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  const auto s = submitted.Json();
  EXPECT_EQ(s["state"], "submitted");
  EXPECT_EQ(s["reference"], "MFA-DV-2027-000001");
  EXPECT_EQ(s["submitted_at"], "2026-11-22T09:01:08.123Z");
  EXPECT_EQ(s["eligibility"]["outcome"], "eligible");
  EXPECT_EQ(s["eligibility"]["rules"][0]["reason"],
            "Your field of study (international  relations) is among those accepted.");
  EXPECT_EQ(s["actions"], json::array({"withdraw"}));
  ASSERT_EQ(s["timeline"].size(), 3u);
  EXPECT_EQ(s["timeline"][1]["event"], "submitted");

  auto mail = sink_->WaitFor("leyla@example.az", std::chrono::seconds(20));
  ASSERT_TRUE(mail.has_value());
  EXPECT_EQ(mail->subject, "Müraciətiniz qəbul edildi: MFA-DV-2027-000001");
  EXPECT_NE(mail->body.find("2026-11-22 13:01 (Asia/Baku)"), std::string::npos) << mail->body;
  EXPECT_NE(mail->body.find("https://apply.example.az/application?id=" + id), std::string::npos);

  // A submitted application no longer changes; it can be withdrawn once.
  auto edit = Save(id, {{"motivation", "changed"}}, 6);
  EXPECT_EQ(edit.status, 409);
  EXPECT_EQ(edit.Json()["detail"], "Yalnız qaralamanı dəyişmək olar.");
  auto withdrawn = client().PostJson("/api/v1/applications/" + id + "/withdraw", "", applicant_);
  ASSERT_EQ(withdrawn.status, 200);
  EXPECT_EQ(withdrawn.Json()["state"], "withdrawn");
  EXPECT_EQ(withdrawn.Json()["reference"], "MFA-DV-2027-000001");
  EXPECT_EQ(client().PostJson("/api/v1/applications/" + id + "/withdraw", "", applicant_).status, 409);

  auto mine = client().Get("/api/v1/me/applications", applicant_);
  ASSERT_EQ(mine.Json()["items"].size(), 1u);
  EXPECT_EQ(mine.Json()["items"][0]["state"], "withdrawn");
  EXPECT_EQ(mine.Json()["items"][0]["call"]["title"], "Diplomatiya Könüllüləri 2027");
}

TEST_P(ApplicationsApi, TwoTabsSavingTheSameDraftGetAConflictThatLosesNeitherText) {
  const std::string id = Start();
  ASSERT_EQ(Save(id, {{"motivation", "typed in tab one"}}, 1).status, 200);
  auto stale = Save(id, {{"motivation", "typed in tab two"}}, 1);
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.Json()["code"], "stale_version");
  EXPECT_EQ(stale.Json()["current"]["version"], 2);
  EXPECT_EQ(stale.Json()["current"]["answers"]["motivation"], "typed in tab one");
  auto stored = client().Get("/api/v1/applications/" + id, applicant_);
  EXPECT_EQ(stored.Json()["answers"]["motivation"], "typed in tab one");
  // The second tab merges and saves against the current version.
  ASSERT_EQ(Save(id, {{"motivation", "typed in tab one; typed in tab two"}}, 2).status, 200);
}

TEST_P(ApplicationsApi, AutosaveRefusesValuesOfTheWrongShapeAndUnknownQuestions) {
  const std::string id = Start();
  auto r = Save(id, {{"birth_date", 17}, {"nonsense", "x"}, {"consent", "yes"}}, 1);
  ASSERT_EQ(r.status, 422);
  auto errors = Codes(r);
  EXPECT_EQ(errors, (std::map<std::string, std::string>{
                        {"answers.birth_date", "wrong_type"}, {"answers.nonsense", "unknown_field"}, {"answers.consent", "wrong_type"}}));
  EXPECT_EQ(client().Get("/api/v1/applications/" + id, applicant_).Json()["version"], 1);
  auto no_version = Patch("/api/v1/applications/" + id, R"({"answers": {}})", applicant_);
  ASSERT_EQ(no_version.status, 422);
  EXPECT_EQ(no_version.Json()["errors"][0]["field"], "version");
}

TEST_P(ApplicationsApi, AKnockOutRuleMakesAnApplicationIneligibleAndSaysWhy) {
  const std::string id = Start();
  auto answers = Complete();
  answers["education"][0]["field_of_study"] = "Chemistry";
  answers["languages"][0]["level"] = "B1";
  ASSERT_EQ(Save(id, answers, 1).status, 200);
  auto r = client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["eligibility"]["outcome"], "ineligible");
  EXPECT_EQ(r.Json()["eligibility"]["rules"][0]["reason"], "İxtisasınız (Chemistry) qəbul edilənlər sırasında deyil.");
  EXPECT_EQ(r.Json()["eligibility"]["rules"][1]["reason"],
            "en dili üzrə səviyyəniz (B1) tələb olunan B2 səviyyəsindən aşağıdır.");
}

TEST_P(ApplicationsApi, TheServerEnforcesTheWindow) {
  const std::string id = Start();
  ASSERT_EQ(Save(id, Complete(), 1).status, 200);
  // 1 December 18:00 in Baku is 14:00 UTC: one millisecond before is in time.
  clock_.Set(*ParseRfc3339("2026-12-01T14:00:00.000Z"));
  auto late = client().PostJson("/api/v1/applications/" + id + "/submit", "", With(applicant_, "Accept-Language", "en"));
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["detail"], "The call has closed.");
  clock_.Set(*ParseRfc3339("2026-12-01T13:59:59.999Z"));
  EXPECT_EQ(client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_).status, 200);

  clock_.Set(*ParseRfc3339("2026-10-01T00:00:00.000Z"));
  auto early = client().PostJson("/api/v1/calls/" + call_ + "/applications", "", staff_);
  ASSERT_EQ(early.status, 409);
  EXPECT_EQ(early.Json()["detail"], "Müsabiqə hələ açılmayıb.");
}

TEST_P(ApplicationsApi, RemovingAnAnsweredFieldIsRefusedAndRetiringKeepsTheAnswers) {
  const std::string id = Start();
  ASSERT_EQ(Save(id, {{"phone", "+994 50 123 45 67"}}, 1).status, 200);
  auto settings = CallSettings();
  settings["form"]["fields"].erase(2);  // phone
  auto removed = Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), With(staff_, "Accept-Language", "en"));
  ASSERT_EQ(removed.status, 422) << removed.body;
  EXPECT_EQ(removed.Json()["errors"][0]["field"], "form.fields");
  EXPECT_EQ(removed.Json()["errors"][0]["code"], "field_has_answers");

  settings = CallSettings();
  settings["form"]["fields"][2]["retired"] = true;
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  EXPECT_EQ(client().Get("/api/v1/applications/" + id, applicant_).Json()["answers"]["phone"], "+994 50 123 45 67");
  EXPECT_EQ(client().Get("/api/v1/calls/" + call_).Json()["form"]["fields"].size(), 8u);
  // A field nobody answered may go.
  settings["form"]["fields"].erase(4);  // languages, but a rule reads it
  auto rule = Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_);
  ASSERT_EQ(rule.status, 422);
  EXPECT_EQ(rule.Json()["errors"][0]["field"], "eligibility.rules[1].field");
  EXPECT_EQ(rule.Json()["errors"][0]["code"], "unknown_field");
  settings["eligibility"]["rules"].erase(1);
  EXPECT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
}

TEST_P(ApplicationsApi, BadCallSettingsAreListedFieldByField) {
  auto settings = CallSettings();
  settings["closes_at_local"] = "2026-10-01T09:00";
  settings["time_zone"] = "Mars/Olympus";
  settings["form"]["fields"][1]["key"] = "Birth Date";
  settings["form"]["fields"][2]["key"] = "motivation";
  settings["form"]["fields"][5]["options"] = json::array();
  settings["form"]["fields"][6]["visible_if"]["field"] = "later";
  auto r = Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), With(staff_, "Accept-Language", "en"));
  ASSERT_EQ(r.status, 422);
  auto errors = Codes(r);
  EXPECT_EQ(errors["closes_at_local"], "closes_before_opening");
  EXPECT_EQ(errors["form.fields[1].key"], "invalid_key");
  EXPECT_EQ(errors["form.fields[2].key"], "duplicate");
  EXPECT_EQ(errors["form.fields[5].options"], "required");
  EXPECT_EQ(errors["form.fields[6].visible_if.field"], "unknown_field");
  // The zone is checked once the rest is valid.
  settings = CallSettings();
  settings["time_zone"] = "Mars/Olympus";
  auto zone = Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), With(staff_, "Accept-Language", "en"));
  ASSERT_EQ(zone.status, 422);
  EXPECT_EQ(zone.Json()["errors"][0]["field"], "time_zone");
  EXPECT_EQ(zone.Json()["errors"][0]["message"], "Unknown time zone (e.g. Asia/Baku)");
  // Nothing of the bad attempts was saved.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/call", staff_).Json()["time_zone"], "Asia/Baku");
}

TEST_P(ApplicationsApi, StaffListApplicationsWithFiltersAndTheReadIsAudited) {
  const std::string id = Start();
  ASSERT_EQ(Save(id, Complete(), 1).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_).status, 200);
  auto list = client().Get("/api/v1/intakes/" + intake_ + "/applications", staff_);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json()["total"], 1);
  EXPECT_EQ(list.Json()["items"][0]["reference"], "MFA-DV-2027-000001");
  EXPECT_EQ(list.Json()["items"][0]["applicant"]["name"], "Leyla Məmmədova");
  EXPECT_EQ(list.Json()["items"][0]["eligibility"], "eligible");
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?q=leyla", staff_).Json()["total"], 1);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?q=000001", staff_).Json()["total"], 1);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?q=nobody", staff_).Json()["total"], 0);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?eligibility=ineligible", staff_).Json()["total"], 0);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?state=draft", staff_).Json()["total"], 0);
  auto bad = client().Get("/api/v1/intakes/" + intake_ + "/applications?state=lost", staff_);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json()["errors"][0]["field"], "state");

  auto staff_read = client().Get("/api/v1/applications/" + id, staff_);
  ASSERT_EQ(staff_read.status, 200);
  auto audited = portal_->database().Read([&](db::Tx& tx) {
    return tx.QueryOne("SELECT count(*) FROM audit_log WHERE action = 'read_personal_data' AND organisation_id = :org",
                       {db::P("org", org_)});
  });
  ASSERT_TRUE(audited.ok());
  EXPECT_EQ((*audited)->Int(0), 7);  // six list reads (the refused one is not a read) and one application
  // The applicant cannot see the staff list; strangers do not see the application.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications", applicant_).status, 404);
}

TEST_P(ApplicationsApi, ANewIntakeClonesLastYearsCallWithoutItsWindowOrApplications) {
  const std::string id = Start();
  ASSERT_EQ(Save(id, Complete(), 1).status, 200);
  auto next = client().PostJson("/api/v1/programmes/" + programme_ + "/intakes",
                                json{{"name", "2028"}, {"starts_on", "2028-02-01"}, {"ends_on", "2028-07-31"},
                                     {"capacity", 100}, {"from_intake", intake_}}
                                    .dump(),
                                staff_);
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_TRUE(next.Json()["has_call"].get<bool>());
  auto call = client().Get("/api/v1/intakes/" + next.Json()["id"].get<std::string>() + "/call", staff_);
  ASSERT_EQ(call.status, 200);
  EXPECT_EQ(call.Json()["form"], client().Get("/api/v1/intakes/" + intake_ + "/call", staff_).Json()["form"]);
  EXPECT_EQ(call.Json()["form"]["fields"].size(), 9u);
  EXPECT_EQ(call.Json()["eligibility"]["rules"].size(), 2u);
  EXPECT_EQ(call.Json()["published"], false);
  EXPECT_EQ(call.Json()["opens_at"], nullptr);
  EXPECT_EQ(call.Json()["applications"], 0);
  EXPECT_EQ(call.Json()["reference_prefix"], "MFA-DV-2028");
  EXPECT_EQ(call.Json()["state"], "draft");

  auto foreign = client().PostJson("/api/v1/programmes/" + programme_ + "/intakes",
                                   R"({"name": "x", "starts_on": "2028-13-01", "ends_on": "2028-01-01", "from_intake": "01M818SWED844GZTK6E12D0VP2"})",
                                   staff_);
  ASSERT_EQ(foreign.status, 422);
  auto errors = Codes(foreign);
  EXPECT_EQ(errors, (std::map<std::string, std::string>{{"starts_on", "invalid_date"}, {"from_intake", "unknown_intake"}}));
}

TEST_P(ApplicationsApi, TwoIntakesStartingInOneYearNumberTheirApplicationsApart) {
  auto autumn = client().PostJson("/api/v1/programmes/" + programme_ + "/intakes",
                                  R"({"name": "Autumn 2027", "starts_on": "2027-09-01", "ends_on": "2028-02-28", "capacity": 20})",
                                  staff_);
  ASSERT_EQ(autumn.status, 201);
  auto call = Put("/api/v1/intakes/" + autumn.Json()["id"].get<std::string>() + "/call", CallSettings().dump(), staff_);
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.Json()["reference_prefix"], "MFA-DV-2027B");
  const std::string first = Start();
  ASSERT_EQ(Save(first, Complete(), 1).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + first + "/submit", "", applicant_).Json()["reference"],
            "MFA-DV-2027-000001");
  auto second = client().PostJson("/api/v1/calls/" + call.Json()["id"].get<std::string>() + "/applications", "", applicant_);
  ASSERT_EQ(second.status, 201);
  const std::string id = second.Json()["id"];
  ASSERT_EQ(Save(id, Complete(), 1).status, 200);
  auto submitted = client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["reference"], "MFA-DV-2027B-000001");
}

TEST_P(ApplicationsApi, ProgrammeCodesAreCheckedAndUniquePerOrganisation) {
  auto bad = client().PostJson("/api/v1/organisations/" + org_ + "/programmes", R"({"name": "", "code": "dv"})", staff_);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json()["errors"].size(), 2u);
  auto taken = client().PostJson("/api/v1/organisations/" + org_ + "/programmes", R"({"name": "Again", "code": "DV"})", staff_);
  ASSERT_EQ(taken.status, 422);
  EXPECT_EQ(taken.Json()["errors"][0]["code"], "taken");
  auto list = client().Get("/api/v1/organisations/" + org_ + "/programmes", staff_);
  ASSERT_EQ(list.Json()["items"].size(), 1u);
}

// A file as a browser uploads it.
HttpResponse UploadFile(HttpClient& client, const std::string& application, const std::string& field,
                        const std::string& file_name, const std::string& bytes, Headers headers) {
  const std::string boundary = "----cohort7MA4YWxkTrZu0gW";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n" + field + "\r\n--" +
                     boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
                     "\"\r\nContent-Type: application/pdf\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
  headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  return client.Request("POST", "/api/v1/applications/" + application + "/documents", body, headers);
}

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90\x77\x53\xde", 33);

TEST_P(ApplicationsApi, UploadsAreCheckedByContentAndServedOnlyToThoseAllowed) {
  const std::string id = Start();
  auto en = With(applicant_, "Accept-Language", "en");
  auto pdf = UploadFile(client(), id, "cv", "Leyla CV.pdf", kPdf, en);
  ASSERT_EQ(pdf.status, 201) << pdf.body;
  const std::string doc = pdf.Json()["document"]["id"];
  EXPECT_EQ(pdf.Json()["document"]["kind"], "pdf");
  EXPECT_EQ(pdf.Json()["application"]["answers"]["cv"], doc);
  EXPECT_EQ(pdf.Json()["application"]["version"], 2);

  // A text file that claims to be a PDF; a PNG named .pdf; a PNG where
  // only PDF and DOCX are taken; an oversize file; a question that is not
  // for files.
  auto fake = UploadFile(client(), id, "cv", "cv.pdf", "I am not a PDF", en);
  ASSERT_EQ(fake.status, 422);
  EXPECT_EQ(Codes(fake), (std::map<std::string, std::string>{{"file", "unsupported_file_type"}}));
  EXPECT_EQ(Codes(UploadFile(client(), id, "cv", "photo.pdf", kPng, en)), (std::map<std::string, std::string>{{"file", "type_mismatch"}}));
  EXPECT_EQ(Codes(UploadFile(client(), id, "cv", "photo.png", kPng, en)), (std::map<std::string, std::string>{{"file", "type_mismatch"}}));
  auto big = UploadFile(client(), id, "cv", "big.pdf", kPdf + std::string(10 * 1024 * 1024, ' '), en);
  ASSERT_EQ(big.status, 422);
  EXPECT_EQ(Codes(big), (std::map<std::string, std::string>{{"file", "too_large"}}));
  EXPECT_EQ(Codes(UploadFile(client(), id, "motivation", "cv.pdf", kPdf, en)),
            (std::map<std::string, std::string>{{"field", "wrong_field_type"}}));
  auto no_form = client().PostJson("/api/v1/applications/" + id + "/documents", "{}", applicant_);
  EXPECT_EQ(no_form.status, 415);
  // None of the refused files changed the answer.
  EXPECT_EQ(client().Get("/api/v1/applications/" + id, applicant_).Json()["answers"]["cv"], doc);

  auto own = client().Get("/api/v1/documents/" + doc, applicant_);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body, kPdf);
  EXPECT_EQ(own.Header("content-type"), "application/pdf");
  EXPECT_EQ(own.Header("content-disposition"), "attachment; filename=\"Leyla CV.pdf\"; filename*=UTF-8''Leyla%20CV.pdf");
  EXPECT_EQ(own.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(client().Get("/api/v1/documents/" + doc, staff_).status, 200);
  EXPECT_EQ(client().Get("/api/v1/documents/" + doc).status, 401);
  // Another applicant does not learn that the document exists.
  const RequestContext system{Actor{}, "en", "setup", clock_};
  auto other = accounts::CreateAdmin(portal_->database(), portal_->trail(), system,
                                     {"other@example.az", "Other", "a long passphrase", std::nullopt});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(portal_->database().Write([&](db::Tx& tx) {
                return tx.Exec("UPDATE accounts SET is_platform_admin = 0 WHERE id = :id", {db::P("id", other->id)});
              }).ok());
  auto stranger = Bearer(*accounts::CreateApiToken(portal_->database(), portal_->trail(), system, "other@example.az", "t"));
  EXPECT_EQ(client().Get("/api/v1/documents/" + doc, stranger).status, 404);

  // The upload counts at submission; an answer naming someone else's
  // document does not.
  auto answers = Complete();
  ASSERT_EQ(Save(id, answers, 2).status, 200);
  auto other_draft = client().PostJson("/api/v1/calls/" + call_ + "/applications", "", stranger);
  ASSERT_EQ(other_draft.status, 201);
  const std::string other_id = other_draft.Json()["id"];
  answers["cv"] = doc;
  ASSERT_EQ(Patch("/api/v1/applications/" + other_id, json{{"answers", answers}, {"version", 1}}.dump(), stranger).status, 200);
  auto borrowed = client().PostJson("/api/v1/applications/" + other_id + "/submit", "", stranger);
  ASSERT_EQ(borrowed.status, 422);
  EXPECT_EQ(borrowed.Json()["errors"][0]["field"], "answers.cv");
  EXPECT_EQ(client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_).status, 200);
}

TEST_P(ApplicationsApi, ExportsNeverStartACellWithAFormula) {
  const std::string id = Start();
  auto answers = Complete();
  answers["motivation"] = "=HYPERLINK(\"http://evil\") now";
  answers["phone"] = "+994 50 123 45 67";
  ASSERT_EQ(Save(id, answers, 1).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_).status, 200);
  auto csv = client().Get("/api/v1/intakes/" + intake_ + "/applications?format=csv", With(staff_, "Accept-Language", "en"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.Header("content-disposition"),
            "attachment; filename=\"MFA-DV-2027-applications.csv\"; filename*=UTF-8''MFA-DV-2027-applications.csv");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("reference,name,email,state,eligibility,submitted_at,Why? [motivation]"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("MFA-DV-2027-000001,Leyla Məmmədova,leyla@example.az,submitted,eligible"), std::string::npos);
  EXPECT_NE(csv.body.find(",\"'=HYPERLINK(\"\"http://evil\"\") now\","), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",'+994 50 123 45 67,"), std::string::npos);
  EXPECT_NE(csv.body.find("ADA University, international  relations, bachelor, 2023"), std::string::npos);
  EXPECT_EQ(csv.body.find(",=HYPERLINK"), std::string::npos);

  auto xlsx = client().Get("/api/v1/intakes/" + intake_ + "/applications?format=xlsx", staff_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
  EXPECT_GT(xlsx.body.size(), 1000u);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?format=pdf", staff_).status, 422);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?format=csv", applicant_).status, 404);
}

TEST_P(ApplicationsApi, OpenCallsComeAsAnAtomFeedForWebsites) {
  auto feed = client().Get("/api/v1/calls.atom", {{"Accept-Language", "en"}});
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.Header("content-type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(feed.Header("access-control-allow-origin"), "*");
  EXPECT_NE(feed.body.find("<title>Diplomacy Volunteers 2027</title>"), std::string::npos) << feed.body;
  EXPECT_NE(feed.body.find("<link rel=\"alternate\" href=\"https://apply.example.az/call?id=" + call_ + "\"/>"),
            std::string::npos);
  EXPECT_NE(feed.body.find("&lt;strong&gt;Serve&lt;/strong&gt;"), std::string::npos);
  EXPECT_EQ(feed.body.find("<script"), std::string::npos);
  EXPECT_EQ(client().Get("/api/v1/calls").Header("access-control-allow-origin"), "*");
}

TEST_P(ApplicationsApi, CoordinatorsScreenWithAReasonAndRulesCanBeEvaluatedAgain) {
  const std::string id = Start();
  auto answers = Complete();
  answers["languages"][0]["level"] = "B1";  // fails the English rule, which is not a knock-out
  ASSERT_EQ(Save(id, answers, 1).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + id + "/submit", "", applicant_).status, 200);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?eligibility=review", staff_).Json()["total"], 1);

  auto missing = client().PostJson("/api/v1/applications/" + id + "/screening", R"({"decision": "maybe"})", staff_);
  ASSERT_EQ(missing.status, 422);
  EXPECT_EQ(Codes(missing), (std::map<std::string, std::string>{{"decision", "not_an_option"}, {"reason", "required"}}));
  auto screened = client().PostJson("/api/v1/applications/" + id + "/screening",
                                    R"({"decision": "eligible", "reason": "IELTS 6.5 certificate seen at the interview"})", staff_);
  ASSERT_EQ(screened.status, 200) << screened.body;
  EXPECT_EQ(screened.Json()["eligibility"]["outcome"], "eligible");
  EXPECT_EQ(screened.Json()["eligibility"]["rules_outcome"], "review");
  EXPECT_EQ(screened.Json()["screening"]["reason"], "IELTS 6.5 certificate seen at the interview");
  EXPECT_EQ(screened.Json()["screening"]["by_name"], "HR");
  // The applicant sees the outcome, not the coordinator's note.
  auto own = client().Get("/api/v1/applications/" + id, applicant_).Json();
  EXPECT_EQ(own["eligibility"]["outcome"], "eligible");
  EXPECT_FALSE(own.contains("screening"));
  auto row = client().Get("/api/v1/intakes/" + intake_ + "/applications", staff_).Json()["items"][0];
  EXPECT_EQ(row["eligibility"], "eligible");
  EXPECT_TRUE(row["screened"].get<bool>());
  auto history = client().Get("/api/v1/audit?subject_type=application&subject_id=" + id, staff_);
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.Json()["items"].back()["action"], "screen");
  EXPECT_EQ(history.Json()["items"].back()["after"]["reason"], "IELTS 6.5 certificate seen at the interview");

  // The rules change; evaluating again updates the rules' outcome, and the
  // coordinator's decision still counts.
  auto settings = CallSettings();
  settings["eligibility"]["rules"][1]["level"] = "A2";
  ASSERT_EQ(Put("/api/v1/intakes/" + intake_ + "/call", settings.dump(), staff_).status, 200);
  auto evaluated = client().PostJson("/api/v1/intakes/" + intake_ + "/eligibility/evaluate", "", staff_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  EXPECT_EQ(evaluated.Json(), json::parse(R"({"evaluated": 1, "changed": 1, "eligible": 1, "ineligible": 0, "review": 0})"));
  auto after = client().Get("/api/v1/applications/" + id, staff_).Json();
  EXPECT_EQ(after["eligibility"]["rules_outcome"], "eligible");
  EXPECT_EQ(after["screening"]["decision"], "eligible");
  EXPECT_EQ(client().PostJson("/api/v1/applications/" + id + "/screening", R"({"decision": "eligible", "reason": "x"})",
                              applicant_).status,
            404);
}

TEST_P(ApplicationsApi, ThePersonApplyingTwiceUnderAnotherAccountIsFlagged) {
  const std::string first = Start();
  auto answers = Complete();
  answers["phone"] = "050 123 45 67";
  ASSERT_EQ(Save(first, answers, 1).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + first + "/submit", "", applicant_).status, 200);
  // The same person, name as the passport spells it, another address and phone.
  const RequestContext system{Actor{}, "en", "setup", clock_};
  ASSERT_TRUE(accounts::CreateApplicants(portal_->database(), portal_->trail(), system,
                                         {{"leyla.m@example.com", "MAMMADOVA Leyla", "en"}, {"other@example.com", "Nigar Əliyeva", "az"}},
                                         "a long passphrase")
                  .ok());
  auto twin = Bearer(*accounts::CreateApiToken(portal_->database(), portal_->trail(), system, "leyla.m@example.com", "t"));
  auto other = Bearer(*accounts::CreateApiToken(portal_->database(), portal_->trail(), system, "other@example.com", "t"));
  for (const auto& who : {twin, other}) {
    auto draft = client().PostJson("/api/v1/calls/" + call_ + "/applications", "", who);
    ASSERT_EQ(draft.status, 201);
    auto a = Complete();
    a["phone"] = "+994 55 999 88 77";
    ASSERT_EQ(Patch("/api/v1/applications/" + draft.Json()["id"].get<std::string>(), json{{"answers", a}, {"version", 1}}.dump(), who).status, 200);
    ASSERT_EQ(client().PostJson("/api/v1/applications/" + draft.Json()["id"].get<std::string>() + "/submit", "", who).status, 200);
  }
  auto list = client().Get("/api/v1/intakes/" + intake_ + "/applications", staff_).Json();
  ASSERT_EQ(list["total"], 3);
  std::map<std::string, bool> flagged;
  for (const auto& r : list["items"]) flagged[r["applicant"]["email"]] = r["possible_duplicate"];
  // Leyla twice: "MAMMADOVA Leyla" and "Leyla Məmmədova" with one birth
  // date; Nigar shares a phone with the second Leyla account.
  EXPECT_TRUE(flagged["leyla@example.az"]);
  EXPECT_TRUE(flagged["leyla.m@example.com"]);
  EXPECT_TRUE(flagged["other@example.com"]);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/applications?duplicates=true", staff_).Json()["total"], 3);
}

COHORT_API_ON_BOTH_ENGINES(ApplicationsApi);

}  // namespace
}  // namespace cohort::testing
