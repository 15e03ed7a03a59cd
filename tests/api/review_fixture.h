#pragma once
// The selection fixture shared by the review, interview and decision API
// tests: an organisation with a coordinator (HR), three reviewers (Aysel,
// Bahram, Cavid) and six submitted applications to a Migration School call
// (applicants 0 and 1 studied at ADA University), with its default stages.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

#include "api/api_fixture.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/organisations/service.h"

namespace cohort::testing {

using json = nlohmann::json;


inline constexpr const char* kCall = R"J({
  "title": {"en": "Migration School 2027"}, "opens_at_local": "2026-11-01T09:00",
  "closes_at_local": "2026-12-01T18:00", "published": true,
  "form": {"fields": [
    {"key": "motivation", "type": "short_text", "label": {"en": "Why?"}, "required": true},
    {"key": "phone", "type": "phone", "label": {"en": "Phone"}},
    {"key": "education", "type": "education", "label": {"en": "Education"}},
    {"key": "cv", "type": "file", "label": {"en": "CV"}, "accept": ["pdf"]}
  ]}})J";

// A minimal PDF, as libmagic recognises it.
inline const std::string kCvPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

// Worldview weighs twice logical thinking; both on 0..10.
inline constexpr const char* kRubric = R"J([
  {"key": "worldview", "label": {"en": "Worldview"}, "guidance": {"en": "Breadth"}, "weight": 2, "min": 0, "max": 10},
  {"key": "logic", "label": {"en": "Logical thinking"}, "weight": 1, "min": 0, "max": 10}])J";

inline std::map<std::string, std::string> Codes(const HttpResponse& r) {
  std::map<std::string, std::string> out;
  const json body = r.Json();
  for (const auto& e : body["errors"]) out[e["field"]] = e["code"];
  return out;
}

class ReviewApi : public MailApiTest {
 protected:
  void SetUp() override {
    MailApiTest::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const auto& trail = portal_->trail();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto platform = accounts::CreateAdmin(db, trail, system, {"platform@cohort.test", "P", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    organisations::Service orgs(db, trail);
    auto org = orgs.Create({Actor{platform->id, true, ""}, "en", "setup", clock_}, {"DMX", "Migration Service", "AZ"});
    ASSERT_TRUE(org.ok());
    org_ = org->id;
    ASSERT_TRUE(accounts::CreateAdmin(db, trail, system, {"hr@dmx.test", "HR", "a long passphrase", org_}).ok());
    staff_ = Bearer(*accounts::CreateApiToken(db, trail, system, "hr@dmx.test", "t"));
    // Three reviewers; the third is an alumnus of ADA University.
    for (const auto& [name, email] : std::vector<std::pair<std::string, std::string>>{
             {"Aysel", "aysel@dmx.test"}, {"Bahram", "bahram@dmx.test"}, {"Cavid", "cavid@dmx.test"}}) {
      auto acc = accounts::CreateAdmin(db, trail, system, {email, name + " Reviewer", "a long passphrase", org_});
      ASSERT_TRUE(acc.ok());
      SetRole(acc->id, "reviewer");
      reviewer_ids_.push_back(acc->id);
      reviewers_.push_back(Bearer(*accounts::CreateApiToken(db, trail, system, email, "t")));
    }
    // Six applicants, submitted; applicants 0 and 1 studied at ADA University.
    std::vector<accounts::NewApplicant> people;
    for (int i = 0; i < 6; ++i) people.push_back({"applicant" + std::to_string(i) + "@example.az", "Applicant " + std::to_string(i), "en"});
    auto applicants = accounts::CreateApplicants(db, trail, system, people, "a long passphrase");
    ASSERT_TRUE(applicants.ok());

    auto programme = client().PostJson("/api/v1/organisations/" + org_ + "/programmes", R"({"name": "Migration School", "code": "MS"})", staff_);
    ASSERT_EQ(programme.status, 201);
    auto intake = client().PostJson("/api/v1/programmes/" + programme.Json()["id"].get<std::string>() + "/intakes",
                                    R"({"name": "2027", "starts_on": "2027-02-01", "ends_on": "2027-07-31", "capacity": 20})", staff_);
    ASSERT_EQ(intake.status, 201);
    intake_ = intake.Json()["id"];
    auto call = Send("PUT", "/api/v1/intakes/" + intake_ + "/call", kCall, staff_);
    ASSERT_EQ(call.status, 200) << call.body;
    applications::Service apps(db, trail);
    for (std::size_t i = 0; i < applicants->size(); ++i) {
      const RequestContext as{Actor{(*applicants)[i].id, false, ""}, "en", "setup", clock_};
      auto a = apps.Start(as, call.Json()["id"]);
      ASSERT_TRUE(a.ok());
      const std::string university = i < 2 ? "ADA  university" : "Baku State University";
      json answers = {{"motivation", "to serve"},
                      {"phone", "+994 50 123 45 6" + std::to_string(i)},
                      {"education", json::array({{{"university", university}, {"field_of_study", "Law"},
                                                   {"degree", "bachelor"}, {"graduation_year", 2024}}})}};
      ASSERT_TRUE(apps.Autosave(as, a->application.id, answers, 1).ok());
      auto cv = apps.Upload(as, a->application.id, "cv", "CV " + std::to_string(i) + ".pdf", kCvPdf);
      ASSERT_TRUE(cv.ok()) << cv.error().message();
      documents_.push_back(cv->first.id);
      auto submitted = apps.Submit(as, a->application.id);
      ASSERT_TRUE(submitted.ok()) << submitted.error().message();
      references_.push_back(*submitted->application.reference);
    }
    auto stages = client().Get("/api/v1/intakes/" + intake_ + "/stages", staff_);
    ASSERT_EQ(stages.status, 200) << stages.body;
    review_stage_ = stages.Json()["items"][1]["id"];
    interview_stage_ = stages.Json()["items"][2]["id"];
  }

  void SetRole(const std::string& account, const std::string& role) {
    ASSERT_TRUE(portal_->database().Write([&](db::Tx& tx) -> Result<void> {
      if (auto d = tx.Exec("DELETE FROM memberships WHERE account_id = :id", {db::P("id", account)}); !d) return d.error();
      auto i = tx.Exec("INSERT INTO memberships (organisation_id, account_id, role, created_at) VALUES (:o, :a, :r, 't')",
                       {db::P("o", org_), db::P("a", account), db::P("r", role)});
      if (!i) return i.error();
      return Ok();
    }).ok());
  }
  static Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }
  HttpResponse Send(const std::string& method, const std::string& path, const std::string& body, Headers h) {
    h.emplace_back("Content-Type", "application/json");
    return client().Request(method, path, body, h);
  }
  // Sets the review stage's settings (from its current version).
  HttpResponse SetSettings(const json& settings) {
    auto stage = client().Get("/api/v1/stages/" + review_stage_, staff_);
    return Send("PUT", "/api/v1/stages/" + review_stage_,
                json{{"settings", settings}, {"version", stage.Json()["version"]}}.dump(), staff_);
  }
  void AddReviewers(const std::vector<json>& extra = {}) {
    for (std::size_t i = 0; i < reviewer_ids_.size(); ++i) {
      json body = {{"account_id", reviewer_ids_[i]}};
      if (i < extra.size()) body.update(extra[i]);
      auto r = client().PostJson("/api/v1/stages/" + review_stage_ + "/reviewers", body.dump(), staff_);
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  json Assign() {
    auto r = client().PostJson("/api/v1/intakes/" + intake_ + "/review-assignments",
                               json{{"stage_id", review_stage_}, {"mode", "automatic"}}.dump(), staff_);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json();
  }
  json Queue(int reviewer) { return client().Get("/api/v1/me/reviews", reviewers_[reviewer]).Json()["items"]; }
  HttpResponse Score(int reviewer, const std::string& review, const json& scores) {
    auto view = client().Get("/api/v1/reviews/" + review, reviewers_[reviewer]);
    return Send("PUT", "/api/v1/reviews/" + review,
                json{{"scores", scores}, {"shared_comment", "solid"}, {"private_comment", "for staff"},
                     {"version", view.Json()["version"]}}.dump(),
                reviewers_[reviewer]);
  }
  HttpResponse Submit(int reviewer, const std::string& review) {
    return client().PostJson("/api/v1/reviews/" + review + "/submit", "", reviewers_[reviewer]);
  }

  // Applicant i's API token.
  Headers Applicant(int i) {
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto token = accounts::CreateApiToken(portal_->database(), portal_->trail(), system,
                                          "applicant" + std::to_string(i) + "@example.az", "t");
    EXPECT_TRUE(token.ok());
    return Bearer(*token);
  }
  // The first mail to `to` whose subject contains `needle` (receipts come first).
  std::optional<ReceivedMail> MailAbout(const std::string& to, const std::string& needle) {
    while (auto m = sink_->WaitFor(to, std::chrono::seconds(10))) {
      if (m->subject.find(needle) != std::string::npos) return m;
    }
    return std::nullopt;
  }

  std::string org_, intake_, review_stage_, interview_stage_;
  Headers staff_;
  std::vector<std::string> reviewer_ids_, references_;
  std::vector<std::string> documents_;  // applicant i's CV
  std::vector<Headers> reviewers_;
};

// Selection up to decisions: one review stage scored (applicant i scores
// 9 - i), all six short-listed into the decision stage, capacity 2.
class DecisionsApi : public ReviewApi {
 protected:
  void SetUp() override {
    ReviewApi::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(client().Request("DELETE", "/api/v1/stages/" + interview_stage_, "", staff_).status, 204);
    auto stages = client().Get("/api/v1/intakes/" + intake_ + "/stages", staff_).Json()["items"];
    decision_stage_ = stages[2]["id"];
    ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
    AddReviewers();
    ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
    Assign();
    // Applicant i scores 9 - i on both criteria: applicant 0 is best.
    for (int who = 0; who < 3; ++who) {
      for (const auto& r : Queue(who)) {
        const auto i = std::find(references_.begin(), references_.end(), r["reference"].get<std::string>()) - references_.begin();
        const int s = 9 - static_cast<int>(i);
        ASSERT_EQ(Score(who, r["id"], {{"worldview", s}, {"logic", s}}).status, 200);
        ASSERT_EQ(Submit(who, r["id"]).status, 200);
      }
    }
    ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/shortlist", R"({"top": 6})", staff_).Json()["moved"], 6);
    auto patch = Send("PATCH", "/api/v1/intakes/" + intake_, R"({"capacity": 2})", staff_);
    ASSERT_EQ(patch.status, 200) << patch.body;
  }
  HttpResponse Decide(const json& settings) {
    auto stage = client().Get("/api/v1/stages/" + decision_stage_, staff_).Json();
    auto put = Send("PUT", "/api/v1/stages/" + decision_stage_, json{{"settings", settings}, {"version", stage["version"]}}.dump(), staff_);
    EXPECT_EQ(put.status, 200) << put.body;
    return client().PostJson("/api/v1/intakes/" + intake_ + "/decisions", json{{"stage_id", decision_stage_}}.dump(),
                             {{"Authorization", staff_[0].second}, {"Accept-Language", "en"}});
  }
  HttpResponse Publish() {
    return client().PostJson("/api/v1/intakes/" + intake_ + "/decisions/publish", json{{"stage_id", decision_stage_}}.dump(), staff_);
  }
  // Outcome by applicant index.
  std::map<int, std::string> Outcomes(const json& board) {
    std::map<int, std::string> out;
    for (const auto& d : board["items"]) {
      const auto i = std::find(references_.begin(), references_.end(), d["reference"].get<std::string>()) - references_.begin();
      out[static_cast<int>(i)] = d["outcome"];
    }
    return out;
  }
  json OfferOf(int i) {
    const json offers = client().Get("/api/v1/me/offers", Applicant(i)).Json()["items"];
    return offers.empty() ? json() : offers[0];
  }
  std::int64_t Participants() {
    auto n = portal_->database().Read([](db::Tx& tx) { return tx.QueryOne("SELECT count(*) FROM participants"); });
    return (*n)->Int(0);
  }

  std::string decision_stage_;
};

}  // namespace cohort::testing
