// Selection through the HTTP API, on both engines: a coordinator sets up the
// stages and rubric of a call, names reviewers, admits the eligible
// applications, assigns reviewers automatically; reviewers score, declare
// conflicts and see others' reviews only after their own; the coordinator
// reads the calibrated ranking and short-lists the top.
#include <gtest/gtest.h>

#include "api/review_fixture.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/decisions/service.h"
#include "domain/organisations/service.h"

namespace cohort::testing {
namespace {

using nlohmann::json;

TEST_P(ReviewApi, ACallGetsTheDefaultStagesInOrder) {
  auto stages = client().Get("/api/v1/intakes/" + intake_ + "/stages", staff_);
  ASSERT_EQ(stages.status, 200);
  std::vector<std::string> kinds;
  const json items = stages.Json()["items"];
  for (const auto& s : items) kinds.push_back(s["kind"]);
  EXPECT_EQ(kinds, (std::vector<std::string>{"screening", "review", "interview", "decision"}));
  EXPECT_EQ(stages.Json()["items"][1]["settings"]["name"]["en"], "Review");
  EXPECT_EQ(stages.Json()["items"][1]["position"], 2);
}

TEST_P(ReviewApi, ABadRubricIsRefusedAtEachFieldAndNothingIsSaved) {
  auto r = SetSettings({{"rubric", json::parse(R"([
      {"key": "worldview", "label": {"en": "W"}, "weight": 0},
      {"key": "logic", "label": {"en": "L"}, "weight": -1, "min": 5, "max": 5},
      {"key": "worldview", "label": {"en": "again"}}])")},
                      {"reviewers_per_application", 0},
                      {"hidden_fields", {"nope"}}});
  ASSERT_EQ(r.status, 422) << r.body;
  const auto codes = Codes(r);
  EXPECT_EQ(codes.at("settings.rubric[0].weight"), "weight_not_positive");
  EXPECT_EQ(codes.at("settings.rubric[1].weight"), "weight_not_positive");
  EXPECT_EQ(codes.at("settings.rubric[1].max"), "scale_inverted");
  EXPECT_EQ(codes.at("settings.rubric[2].key"), "duplicate_key");
  EXPECT_EQ(codes.at("settings.reviewers_per_application"), "out_of_range");
  EXPECT_EQ(codes.at("settings.hidden_fields[0]"), "unknown_field");
  auto stage = client().Get("/api/v1/stages/" + review_stage_, staff_);
  EXPECT_EQ(stage.Json()["version"], 1);
  EXPECT_EQ(stage.Json()["settings"]["rubric"][0]["key"], "overall");
}

TEST_P(ReviewApi, AStaleStageVersionIsAConflictCarryingTheStoredStage) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}}).status, 200);
  auto stale = Send("PUT", "/api/v1/stages/" + review_stage_, R"({"settings": {}, "version": 1})", staff_);
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.Json()["code"], "stale_version");
  EXPECT_EQ(stale.Json()["current"]["version"], 2);
  EXPECT_EQ(stale.Json()["current"]["settings"]["rubric"][0]["key"], "worldview");
}

TEST_P(ReviewApi, OnlyStaffWithAReviewingRoleCanBeNamedReviewers) {
  auto& db = portal_->database();
  const RequestContext system{Actor{}, "en", "setup", clock_};
  auto trainer = accounts::CreateAdmin(db, portal_->trail(), system, {"t@dmx.test", "Trainer", "a long passphrase", org_});
  ASSERT_TRUE(trainer.ok());
  SetRole(trainer->id, "trainer");
  auto r = client().PostJson("/api/v1/stages/" + review_stage_ + "/reviewers",
                             json{{"account_id", trainer->id}, {"load_cap", -1}}.dump(), staff_);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(Codes(r).at("account_id"), "not_a_reviewer");
  EXPECT_EQ(Codes(r).at("load_cap"), "out_of_range");
}

TEST_P(ReviewApi, MoreReviewersAskedForThanTheStageHasIsExplained) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 4}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  auto r = client().PostJson("/api/v1/intakes/" + intake_ + "/review-assignments",
                             json{{"stage_id", review_stage_}, {"mode", "automatic"}}.dump(), staff_);
  ASSERT_EQ(r.status, 422);
  EXPECT_EQ(Codes(r).at("reviewers_per_application"), "not_enough_reviewers");
}

TEST_P(ReviewApi, AssignmentIsBalancedAndKeepsAffiliatedReviewersAway) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 2},
                       {"conflict_fields", {"education"}}}).status, 200);
  AddReviewers({json::object(), json::object(), {{"affiliations", {"ADA University"}}}});
  auto admit = client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_);
  ASSERT_EQ(admit.status, 200);
  EXPECT_EQ(admit.Json()["admitted"], 6);
  const json summary = Assign();
  EXPECT_EQ(summary["added"], 12);
  EXPECT_EQ(summary["shortfalls"].size(), 0u);
  EXPECT_EQ(summary["load"]["min"], 4);
  EXPECT_EQ(summary["load"]["max"], 4);
  // Cavid (ADA University) never reviews applicants 0 and 1 of ADA.
  for (const auto& r : Queue(2)) {
    EXPECT_NE(r["reference"], references_[0]);
    EXPECT_NE(r["reference"], references_[1]);
    EXPECT_EQ(r["explanation"]["rule"], "least_loaded");
  }
  // Running it again adds nothing: every application has its two.
  EXPECT_EQ(Assign()["added"], 0);
}

TEST_P(ReviewApi, AReviewIsScoredWithinTheScaleAndSubmittedComplete) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  const std::string review = Queue(0)[0]["id"];
  auto bad = Score(0, review, {{"worldview", 11}, {"charm", 3}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Codes(bad).at("scores.worldview"), "out_of_scale");
  EXPECT_EQ(Codes(bad).at("scores.charm"), "unknown_criterion");
  ASSERT_EQ(Score(0, review, {{"worldview", 8}}).status, 200);
  auto incomplete = Submit(0, review);
  ASSERT_EQ(incomplete.status, 422);
  EXPECT_EQ(Codes(incomplete).at("scores.logic"), "required");
  ASSERT_EQ(Score(0, review, {{"worldview", 8}, {"logic", 5}}).status, 200);
  auto done = Submit(0, review);
  ASSERT_EQ(done.status, 200) << done.body;
  // (2 × 0.8 + 1 × 0.5) / 3 × 100
  EXPECT_DOUBLE_EQ(done.Json()["total"].get<double>(), 70.0);
  EXPECT_EQ(done.Json()["state"], "submitted");
  // Staff may not score on a reviewer's behalf; other reviewers see nothing.
  EXPECT_EQ(Send("PUT", "/api/v1/reviews/" + review, R"({"scores": {}, "version": 9})", staff_).status, 403);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review, reviewers_[1]).status, 404);
}

TEST_P(ReviewApi, BlindReviewHidesIdentityAndOthersScoresUntilOneOwnIsSubmitted) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 2}, {"blind", true}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  // Find an application Aysel and Bahram both review.
  std::map<std::string, std::string> aysel, bahram;
  for (const auto& r : Queue(0)) aysel[r["application_id"]] = r["id"];
  for (const auto& r : Queue(1)) bahram[r["application_id"]] = r["id"];
  std::string app;
  for (const auto& [a, id] : aysel) {
    if (bahram.contains(a)) app = a;
  }
  ASSERT_FALSE(app.empty());
  auto view = client().Get("/api/v1/reviews/" + aysel[app], reviewers_[0]);
  ASSERT_EQ(view.status, 200);
  EXPECT_FALSE(view.Json()["application"].contains("name"));
  EXPECT_FALSE(view.Json()["application"].contains("email"));
  EXPECT_FALSE(view.Json()["application"]["answers"].contains("phone"));
  EXPECT_TRUE(view.Json()["application"]["answers"].contains("motivation"));
  ASSERT_EQ(Score(1, bahram[app], {{"worldview", 4}, {"logic", 4}}).status, 200);
  ASSERT_EQ(Submit(1, bahram[app]).status, 200);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + aysel[app], reviewers_[0]).Json()["others"].size(), 0u);
  ASSERT_EQ(Score(0, aysel[app], {{"worldview", 9}, {"logic", 9}}).status, 200);
  auto after = Submit(0, aysel[app]);
  ASSERT_EQ(after.Json()["others"].size(), 1u);
  EXPECT_EQ(after.Json()["others"][0]["shared_comment"], "solid");
  EXPECT_FALSE(after.Json()["others"][0].contains("private_comment"));
  // Staff see names and private comments.
  auto staff_view = client().Get("/api/v1/reviews/" + aysel[app], staff_);
  EXPECT_TRUE(staff_view.Json()["application"].contains("name"));
  EXPECT_EQ(staff_view.Json()["others"][0]["private_comment"], "for staff");
}

TEST_P(ReviewApi, AReviewerDownloadsTheDocumentsOfTheApplicationsTheyReviewWhileTheStageShowsThem) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  const json mine = Queue(0)[0];
  const std::string review = mine["id"];
  const auto index = std::find(references_.begin(), references_.end(), mine["reference"].get<std::string>()) - references_.begin();
  ASSERT_LT(index, static_cast<long>(documents_.size()));
  const std::string cv = documents_[index];
  // The review page names the file; the reviewer downloads it as an attachment.
  auto view = client().Get("/api/v1/reviews/" + review, reviewers_[0]);
  ASSERT_EQ(view.status, 200);
  ASSERT_EQ(view.Json()["application"]["documents"].size(), 1u);
  EXPECT_EQ(view.Json()["application"]["documents"][0]["id"], cv);
  EXPECT_EQ(view.Json()["application"]["documents"][0]["file_name"], "CV " + std::to_string(index) + ".pdf");
  auto file = client().Get("/api/v1/reviews/" + review + "/documents/" + cv, reviewers_[0]);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.body, kCvPdf);
  EXPECT_EQ(file.Header("content-type"), "application/pdf");
  EXPECT_NE(file.Header("content-disposition").find("attachment"), std::string::npos);
  // Not the general document route (a reviewer is not staff who read every application),
  // not another application's document through this review, not another reviewer's review.
  EXPECT_EQ(client().Get("/api/v1/documents/" + cv, reviewers_[0]).status, 404);
  const std::string other = documents_[(index + 1) % documents_.size()];
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + other, reviewers_[0]).status, 404);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + cv, reviewers_[1]).status, 404);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + cv).status, 401);
  // Staff may read it through the review too.
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + cv, staff_).status, 200);
  // A stage that hides the question hides the file.
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}, {"hidden_fields", {"cv"}}}).status, 200);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review, reviewers_[0]).Json()["application"]["documents"].size(), 0u);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + cv, reviewers_[0]).status, 404);
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  // Blind review: the file's own name (which may name the applicant) is not shown to reviewers.
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}, {"blind", true}}).status, 200);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review, reviewers_[0]).Json()["application"]["documents"][0]["file_name"], "cv.pdf");
  auto blind = client().Get("/api/v1/reviews/" + review + "/documents/" + cv, reviewers_[0]);
  ASSERT_EQ(blind.status, 200);
  EXPECT_EQ(blind.Header("content-disposition"), "attachment; filename=\"cv.pdf\"; filename*=UTF-8''cv.pdf");
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  // Another applicant who withdraws is no longer shown to their reviewer.
  const json theirs = Queue(1)[0];
  const auto their_index = std::find(references_.begin(), references_.end(), theirs["reference"].get<std::string>()) - references_.begin();
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + theirs["application_id"].get<std::string>() + "/withdraw", "",
                              Applicant(static_cast<int>(their_index))).status,
            200);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + theirs["id"].get<std::string>(), reviewers_[1]).Json()["application"]["answers"].size(), 0u);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + theirs["id"].get<std::string>() + "/documents/" + documents_[their_index], reviewers_[1]).status, 404);
  // A reviewer whose review ended in a conflict sees no more of it.
  ASSERT_EQ(client().PostJson("/api/v1/reviews/" + review + "/conflict", R"({"reason": "I know her"})", reviewers_[0]).status, 200);
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review + "/documents/" + cv, reviewers_[0]).status, 404);
  // Every download is in the audit trail.
  auto audited = portal_->database().Read([&](db::Tx& tx) -> Result<std::int64_t> {
    auto row = tx.QueryOne("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'document' AND subject_id = :id", {db::P("id", cv)});
    if (!row) return row.error();
    return (**row).Int(0);
  });
  ASSERT_TRUE(audited.ok());
  EXPECT_EQ(*audited, 3);
}

TEST_P(ReviewApi, TheShortListFormOpensToTheShortListedUntilItsDueDate) {
  // The call gains a short-list form: an essay and an optional letter, due in 5 days.
  json call = json::parse(kCall);
  call["form"]["fields"].push_back({{"key", "essay"}, {"type", "long_text"}, {"label", {{"en", "Essay"}}}, {"required", true}, {"stage", 2}});
  call["form"]["fields"].push_back({{"key", "letter"}, {"type", "file"}, {"label", {{"en", "Letter"}}}, {"stage", 2}});
  call["form"]["second_stage_days"] = 5;
  auto put = Send("PUT", "/api/v1/intakes/" + intake_ + "/call", call.dump(), staff_);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.Json()["form"]["second_stage_days"], 5);
  std::map<std::string, std::string> ids;  // reference -> application id
  const json rows = client().Get("/api/v1/intakes/" + intake_ + "/applications", staff_).Json()["items"];
  for (const auto& r : rows) ids[r["reference"]] = r["id"];
  const std::string mine = ids[references_[0]], other = ids[references_[1]];
  auto get = [&](int i, const std::string& id) { return client().Get("/api/v1/applications/" + id, Applicant(i)).Json(); };
  auto patch = [&](int i, const std::string& id, const json& answers) {
    return Send("PATCH", "/api/v1/applications/" + id, json{{"answers", answers}, {"version", get(i, id)["version"]}}.dump(), Applicant(i));
  };
  // Bad input: days out of range; an answered question moved to the short-list form.
  json bad = call;
  bad["form"]["second_stage_days"] = 61;
  auto refused = Send("PUT", "/api/v1/intakes/" + intake_ + "/call", bad.dump(), staff_);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(Codes(refused).at("form.second_stage_days"), "out_of_range");
  bad = call;
  bad["form"]["fields"][0]["stage"] = 2;  // motivation, answered by everyone
  refused = Send("PUT", "/api/v1/intakes/" + intake_ + "/call", bad.dump(), staff_);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(Codes(refused).at("form.fields"), "field_has_answers");
  // Not short-listed yet: nothing to answer.
  EXPECT_EQ(get(0, mine)["second_stage"]["state"], "none");
  EXPECT_EQ(get(0, mine)["second_stage"]["fields"].size(), 0u);
  EXPECT_EQ(patch(0, mine, {{"essay", "early"}}).status, 409);

  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  auto listed = client().PostJson("/api/v1/stages/" + review_stage_ + "/shortlist", json{{"application_ids", {mine, other}}}.dump(), staff_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json()["second_stage_opened"], 2);
  auto mail = MailAbout("applicant0@example.az", "short-listed");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("/application?id=" + mine), std::string::npos);
  json view = get(0, mine);
  EXPECT_EQ(view["second_stage"]["state"], "open");
  EXPECT_EQ(view["second_stage"]["due_at"].get<std::string>().substr(0, 16), "2026-11-27T09:01");  // five days on
  ASSERT_EQ(view["second_stage"]["fields"].size(), 2u);
  EXPECT_EQ(view["second_stage"]["fields"][0]["key"], "essay");
  EXPECT_NE(std::find(view["actions"].begin(), view["actions"].end(), "submit_second_stage"), view["actions"].end());

  // Only the short-list questions change; submitting checks them all.
  auto stage_one = patch(0, mine, {{"motivation", "changed"}});
  ASSERT_EQ(stage_one.status, 422);
  EXPECT_EQ(Codes(stage_one).at("answers.motivation"), "not_editable");
  auto incomplete = client().PostJson("/api/v1/applications/" + mine + "/second-stage/submit", "", Applicant(0));
  ASSERT_EQ(incomplete.status, 422);
  EXPECT_EQ(Codes(incomplete), (std::map<std::string, std::string>{{"answers.essay", "required"}}));
  ASSERT_EQ(patch(0, mine, {{"essay", "Why diplomacy matters to me."}}).status, 200);
  auto done = client().PostJson("/api/v1/applications/" + mine + "/second-stage/submit", "", Applicant(0));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json()["second_stage"]["state"], "submitted");
  EXPECT_EQ(done.Json()["answers"]["motivation"], "to serve");
  EXPECT_EQ(done.Json()["timeline"].back()["event"], "second_stage_submitted");
  EXPECT_EQ(patch(0, mine, {{"essay", "again"}}).status, 409);
  // A short list again does not reopen it.
  auto again = client().PostJson("/api/v1/stages/" + review_stage_ + "/shortlist", json{{"application_ids", {mine}}}.dump(), staff_);
  EXPECT_EQ(again.Json()["second_stage_opened"], 0);

  // Past the due date the other applicant's form is closed.
  clock_.Advance(std::chrono::hours(24 * 5 + 1));
  EXPECT_EQ(get(1, other)["second_stage"]["state"], "closed");
  auto late = patch(1, other, {{"essay", "late"}});
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["code"], "second_stage_closed");
  EXPECT_EQ(client().PostJson("/api/v1/applications/" + other + "/second-stage/submit", "", Applicant(1)).status, 409);
}

TEST_P(ReviewApi, ADeclaredConflictEndsTheReviewAndAssignsAReplacement) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  const json first = Queue(0)[0];
  auto missing = client().PostJson("/api/v1/reviews/" + first["id"].get<std::string>() + "/conflict", R"({"reason": ""})", reviewers_[0]);
  ASSERT_EQ(missing.status, 422);
  EXPECT_EQ(Codes(missing).at("reason"), "required");
  auto r = client().PostJson("/api/v1/reviews/" + first["id"].get<std::string>() + "/conflict",
                             R"({"reason": "She is my cousin"})", reviewers_[0]);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["review"]["state"], "conflict");
  ASSERT_TRUE(r.Json()["replacement"].is_object());
  EXPECT_NE(r.Json()["replacement"]["reviewer_id"], reviewer_ids_[0]);
  EXPECT_EQ(r.Json()["replacement"]["origin"], "replacement");
  EXPECT_EQ(r.Json()["replacement"]["explanation"]["replaces"], "Aysel Reviewer");
  // A conflicted review cannot be scored, and the reviewer cannot be put back by hand.
  EXPECT_EQ(Score(0, first["id"], {{"worldview", 1}}).status, 409);
  auto manual = client().PostJson("/api/v1/intakes/" + intake_ + "/review-assignments",
                                  json{{"stage_id", review_stage_}, {"application_id", first["application_id"]},
                                       {"reviewer_id", reviewer_ids_[0]}}.dump(), staff_);
  ASSERT_EQ(manual.status, 422);
  EXPECT_EQ(Codes(manual).at("reviewer_id"), "conflict_of_interest");
}

TEST_P(ReviewApi, CalibratedRankingExplainsEachPlaceAndTheShortListMovesTheTop) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  // Every reviewer gives their two applications different scores.
  std::map<std::string, double> total_of;  // reference → total
  int turn = 0;
  for (int who = 0; who < 3; ++who) {
    for (const auto& r : Queue(who)) {
      const int s = 3 + (turn++);
      ASSERT_EQ(Score(who, r["id"], {{"worldview", s}, {"logic", s}}).status, 200);
      auto done = Submit(who, r["id"]);
      ASSERT_EQ(done.status, 200);
      total_of[r["reference"]] = done.Json()["total"];
    }
  }
  auto ranking = client().Get("/api/v1/intakes/" + intake_ + "/ranking?stage=" + review_stage_ + "&top=2",
                              {{"Authorization", staff_[0].second}, {"Accept-Language", "en"}});
  ASSERT_EQ(ranking.status, 200) << ranking.body;
  const json items = ranking.Json()["items"];
  ASSERT_EQ(items.size(), 6u);
  for (std::size_t i = 0; i + 1 < items.size(); ++i) {
    EXPECT_GE(items[i]["score"].get<double>(), items[i + 1]["score"].get<double>());
    EXPECT_EQ(items[i]["rank"], i + 1);
  }
  EXPECT_EQ(items[0]["score"].get<double>(), total_of[items[0]["reference"]]);
  EXPECT_TRUE(items[1]["above_cutoff"]);
  EXPECT_FALSE(items[2]["above_cutoff"]);
  EXPECT_EQ(ranking.Json()["cutoff"]["score"].get<double>(), items[1]["score"].get<double>());
  EXPECT_NE(items[0]["explanation"].get<std::string>().find("Rank 1 of 6"), std::string::npos) << items[0]["explanation"];
  EXPECT_NE(items[2]["explanation"].get<std::string>().find("Below the cut-off"), std::string::npos) << items[2]["explanation"];

  auto shortlist = client().PostJson("/api/v1/stages/" + review_stage_ + "/shortlist", R"({"top": 2})", staff_);
  ASSERT_EQ(shortlist.status, 200);
  EXPECT_EQ(shortlist.Json()["moved"], 2);
  auto interview = client().Get("/api/v1/stages/" + interview_stage_, staff_);
  EXPECT_EQ(interview.Json()["entries"], 2);
  auto again = client().Get("/api/v1/intakes/" + intake_ + "/ranking?stage=" + review_stage_, staff_);
  EXPECT_TRUE(again.Json()["items"][0]["in_next_stage"]);
  EXPECT_FALSE(again.Json()["items"][2]["in_next_stage"]);

  // Calibration can be turned on once reviews are in; a reviewer with
  // fewer than three reviews keeps raw totals, and the page says so.
  auto stage = client().Get("/api/v1/stages/" + review_stage_, staff_).Json();
  json settings = stage["settings"];
  settings["calibrate"] = true;
  ASSERT_EQ(Send("PUT", "/api/v1/stages/" + review_stage_, json{{"settings", settings}, {"version", stage["version"]}}.dump(),
                 staff_).status, 200);
  auto calibrated = client().Get("/api/v1/intakes/" + intake_ + "/ranking?stage=" + review_stage_, staff_).Json();
  EXPECT_TRUE(calibrated["calibrate"]);
  ASSERT_EQ(calibrated["reviewers"].size(), 3u);
  for (const auto& r : calibrated["reviewers"]) {
    EXPECT_EQ(r["reviews"], 2);
    EXPECT_FALSE(r["calibrated"]);
  }
  // ...but the rubric's weights cannot change any more.
  settings["rubric"][0]["weight"] = 3;
  auto locked = Send("PUT", "/api/v1/stages/" + review_stage_, json{{"settings", settings}, {"version", stage["version"].get<int>() + 1}}.dump(), staff_);
  ASSERT_EQ(locked.status, 422);
  EXPECT_EQ(Codes(locked).at("settings.rubric"), "rubric_in_use");
}

TEST_P(ReviewApi, EqualScoresAreOrderedByTheStagesTieBreaks) {
  const json rubric = json::parse(R"([{"key": "worldview", "label": {"en": "W"}}, {"key": "logic", "label": {"en": "L"}}])");
  auto bad = SetSettings({{"rubric", rubric}, {"tie_breaks", {"criterion:charm"}}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Codes(bad).at("settings.tie_breaks[0]"), "unknown_criterion");
  ASSERT_EQ(SetSettings({{"rubric", rubric}, {"reviewers_per_application", 1}, {"tie_breaks", {"criterion:logic"}}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  // Everyone totals 70; applicant 3 has the best logic, applicant 0 the worst.
  for (int who = 0; who < 3; ++who) {
    for (const auto& r : Queue(who)) {
      const auto i = std::find(references_.begin(), references_.end(), r["reference"].get<std::string>()) - references_.begin();
      const int logic = 5 + static_cast<int>(i == 3 ? 4 : i % 3);
      ASSERT_EQ(Score(who, r["id"], {{"worldview", 14 - logic}, {"logic", logic}}).status, 200);
      ASSERT_EQ(Submit(who, r["id"]).status, 200);
    }
  }
  auto first = [&] {
    const json items = client().Get("/api/v1/intakes/" + intake_ + "/ranking?stage=" + review_stage_, staff_).Json()["items"];
    EXPECT_EQ(items[0]["score"].get<double>(), 70.0);
    EXPECT_EQ(items[5]["score"].get<double>(), 70.0);
    return items[0]["reference"].get<std::string>();
  };
  EXPECT_EQ(first(), references_[3]);
  auto stage = client().Get("/api/v1/stages/" + review_stage_, staff_).Json();
  json settings = stage["settings"];
  settings["tie_breaks"] = {"criterion:worldview"};
  ASSERT_EQ(Send("PUT", "/api/v1/stages/" + review_stage_, json{{"settings", settings}, {"version", stage["version"]}}.dump(), staff_).status,
            200);
  EXPECT_EQ(first(), references_[0]);
}

TEST_P(ReviewApi, AReviewerWhoLostTheRoleNoLongerSeesOrScoresTheApplication) {
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  const std::string review = Queue(0)[0]["id"];
  ASSERT_EQ(client().Get("/api/v1/reviews/" + review, reviewers_[0]).status, 200);
  SetRole(reviewer_ids_[0], "trainer");
  EXPECT_EQ(client().Get("/api/v1/reviews/" + review, reviewers_[0]).status, 404);
  EXPECT_EQ(Send("PUT", "/api/v1/reviews/" + review, R"({"scores": {}, "version": 1})", reviewers_[0]).status, 404);
  EXPECT_EQ(client().PostJson("/api/v1/reviews/" + review + "/submit", "", reviewers_[0]).status, 404);
}

TEST_P(ReviewApi, AStageInUseCannotBeRemovedOrMoved) {
  AddReviewers();
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  auto del = client().Request("DELETE", "/api/v1/stages/" + review_stage_, "", staff_);
  ASSERT_EQ(del.status, 409);
  EXPECT_EQ(del.Json()["code"], "stage_in_use");
  auto stages = client().Get("/api/v1/intakes/" + intake_ + "/stages", staff_).Json()["items"];
  json order = {stages[1]["id"], stages[0]["id"], stages[2]["id"], stages[3]["id"]};
  auto moved = Send("PUT", "/api/v1/intakes/" + intake_ + "/stages/order", json{{"stage_ids", order}}.dump(), staff_);
  ASSERT_EQ(moved.status, 409);
  // Unused stages move freely, and an unused one can go.
  order = {stages[0]["id"], stages[1]["id"], stages[3]["id"], stages[2]["id"]};
  auto ok = Send("PUT", "/api/v1/intakes/" + intake_ + "/stages/order", json{{"stage_ids", order}}.dump(), staff_);
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.Json()["items"][2]["kind"], "decision");
  EXPECT_EQ(client().Request("DELETE", "/api/v1/stages/" + stages[3]["id"].get<std::string>(), "", staff_).status, 204);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/stages", staff_).Json()["items"].size(), 3u);
}

TEST_P(ReviewApi, RemindersGoToReviewersWithOpenReviews) {
  AddReviewers();
  ASSERT_EQ(SetSettings({{"rubric", json::parse(kRubric)}, {"reviewers_per_application", 1}}).status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
  Assign();
  auto r = client().PostJson("/api/v1/stages/" + review_stage_ + "/reminders", "", staff_);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["reminded"], 3);
  auto mail = sink_->WaitFor("aysel@dmx.test", std::chrono::seconds(10));
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("https://apply.example.az/reviews"), std::string::npos);
}

COHORT_API_ON_BOTH_ENGINES(ReviewApi);

// ---------------------------------------------------------------- decisions

// The decision flow: the interview stage (unused here) is removed, every
// application is reviewed once with distinct scores, all move on to the
// decision stage.

TEST_P(DecisionsApi, AMinimumQuotaSelectsTheBestOfItsGroupAndSaysWhy) {
  // Half of the two seats for ADA University graduates (applicants 0 and 1),
  // at most half: applicant 0 takes the ADA seat, applicant 2 the other.
  auto board = Decide({{"waitlist_size", 2},
                       {"quotas", {{{"field", "education"}, {"value", "ADA University"}, {"min_share", 0.5}, {"max_share", 0.5}}}}});
  ASSERT_EQ(board.status, 200) << board.body;
  const json b = board.Json();
  EXPECT_EQ(Outcomes(b), (std::map<int, std::string>{
                             {0, "accept"}, {1, "waitlist"}, {2, "accept"}, {3, "waitlist"}, {4, "reject"}, {5, "reject"}}));
  EXPECT_EQ(b["counts"]["accept"], 2);
  EXPECT_EQ(b["quotas"][0]["minimum_seats"], 1);
  EXPECT_EQ(b["quotas"][0]["maximum_seats"], 1);
  EXPECT_EQ(b["quotas"][0]["selected"], 1);
  EXPECT_TRUE(b["quotas"][0]["minimum_met"]);
  // Applicant 1 (second best) waits: the ADA maximum is reached.
  for (const auto& d : b["items"]) {
    if (d["reference"] == references_[1]) {
      EXPECT_NE(d["explanation"].get<std::string>().find("maximum share for education = ADA University"), std::string::npos)
          << d["explanation"];
      EXPECT_EQ(d["waitlist_position"], 1);
    }
  }
}

TEST_P(DecisionsApi, QuotasThatCannotAllBeMetAreExplained) {
  auto board = Decide({{"quotas", {{{"field", "education"}, {"value", "ADA University"}, {"min_share", 0.6}},
                                   {{"field", "education"}, {"value", "Baku State University"}, {"min_share", 0.6}}}}});
  ASSERT_EQ(board.status, 422) << board.body;
  EXPECT_EQ(Codes(board).at("settings.quotas"), "quotas_infeasible");
}

TEST_P(DecisionsApi, AChangeNeedsAReasonAndPublishingHappensOnce) {
  auto board = Decide({{"waitlist_size", 1}}).Json();
  std::string fifth;
  for (const auto& d : board["items"]) {
    if (d["reference"] == references_[4]) fifth = d["id"];
  }
  auto bare = Send("PUT", "/api/v1/decisions/" + fifth, R"({"outcome": "accept"})", staff_);
  ASSERT_EQ(bare.status, 422);
  EXPECT_EQ(Codes(bare).at("reason"), "required");
  auto changed = Send("PUT", "/api/v1/decisions/" + fifth, R"({"outcome": "waitlist", "reason": "Strong interview"})",
                      {{"Authorization", staff_[0].second}, {"Accept-Language", "en"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json()["outcome"], "waitlist");
  EXPECT_EQ(changed.Json()["proposed_outcome"], "reject");
  EXPECT_EQ(changed.Json()["waitlist_position"], 2);
  EXPECT_NE(changed.Json()["explanation"].get<std::string>().find("Strong interview"), std::string::npos);

  auto published = Publish();
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.Json()["published"], 6);
  EXPECT_EQ(published.Json()["offers"], 2);
  auto again = Publish();
  ASSERT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["code"], "already_published");
  EXPECT_EQ(Send("PUT", "/api/v1/decisions/" + fifth, R"({"outcome": "accept", "reason": "x"})", staff_).status, 409);
  auto letter = MailAbout("applicant0@example.az", "You are accepted");
  ASSERT_TRUE(letter.has_value());
  EXPECT_NE(letter->body.find("https://apply.example.az/offers"), std::string::npos);
  EXPECT_TRUE(MailAbout("applicant5@example.az", "Your application to").has_value());
}

TEST_P(DecisionsApi, ADeclinePromotesTheNextOnTheWaitlistAndAnAcceptanceMakesAParticipant) {
  ASSERT_EQ(Decide({{"waitlist_size", 2}}).status, 200);
  ASSERT_EQ(Publish().status, 200);
  EXPECT_EQ(OfferOf(2), json());  // applicant 2 waits first
  const json mine = OfferOf(1);
  ASSERT_EQ(mine["state"], "open");
  auto declined = client().PostJson("/api/v1/offers/" + mine["id"].get<std::string>() + "/decline", "", Applicant(1));
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.Json()["state"], "declined");
  const json promoted = OfferOf(2);
  ASSERT_EQ(promoted["state"], "open");
  EXPECT_TRUE(promoted["promoted_from_waitlist"]);
  EXPECT_TRUE(MailAbout("applicant2@example.az", "A place is free for you").has_value());
  // Someone else's offer is not there to accept.
  EXPECT_EQ(client().PostJson("/api/v1/offers/" + promoted["id"].get<std::string>() + "/accept", "", Applicant(0)).status, 404);
  auto accepted = client().PostJson("/api/v1/offers/" + promoted["id"].get<std::string>() + "/accept", "", Applicant(2));
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["state"], "accepted");
  EXPECT_EQ(Participants(), 1);
  EXPECT_EQ(client().PostJson("/api/v1/offers/" + promoted["id"].get<std::string>() + "/decline", "", Applicant(2)).status, 409);
}

TEST_P(DecisionsApi, AnExpiredOfferCannotBeAcceptedAndItsSeatGoesOn) {
  ASSERT_EQ(Decide({{"waitlist_size", 2}, {"offer_days", 3}}).status, 200);
  ASSERT_EQ(Publish().status, 200);
  const json offer = OfferOf(0);
  clock_.Advance(std::chrono::hours(24 * 3 + 1));
  auto late = client().PostJson("/api/v1/offers/" + offer["id"].get<std::string>() + "/accept", "", Applicant(0));
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["code"], "offer_expired");
  EXPECT_EQ(OfferOf(0)["state"], "expired");
  EXPECT_EQ(OfferOf(2)["state"], "open");
  EXPECT_EQ(Participants(), 0);
  // The sweep expires the other one as well and promotes applicant 3.
  decisions::Service service(portal_->database(), portal_->trail());
  auto swept = service.ExpireDue({Actor{}, "en", "test", clock_});
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1);
  EXPECT_EQ(OfferOf(1)["state"], "expired");
  EXPECT_EQ(OfferOf(3)["state"], "open");
}

TEST_P(DecisionsApi, DecisionsPreparedBeforeSomeoneWithdrewArePreparedAgainBeforePublishing) {
  auto prepared = Decide({{"waitlist_size", 2}});
  ASSERT_EQ(prepared.status, 200);
  std::string last;
  const json board = prepared.Json();
  for (const auto& d : board["items"]) {
    if (d["reference"] == references_[5]) last = d["application_id"];
  }
  ASSERT_FALSE(last.empty());
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + last + "/withdraw", "", Applicant(5)).status, 200);
  auto refused = client().PostJson("/api/v1/intakes/" + intake_ + "/decisions/publish", json{{"stage_id", decision_stage_}}.dump(),
                                   {{"Authorization", staff_[0].second}, {"Accept-Language", "en"}});
  ASSERT_EQ(refused.status, 409);
  EXPECT_EQ(refused.Json()["detail"], "Prepare the decisions again: an applicant withdrew after they were prepared.");
  auto again = Decide({{"waitlist_size", 2}});
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.Json()["items"].size(), 5u);
  auto published = Publish();
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.Json()["letters"], 5);
}

TEST_P(DecisionsApi, AWithdrawalFreesItsSeatAtOnceAndTheWaitlistMovesOnWithoutTheWithdrawn) {
  ASSERT_EQ(Decide({{"waitlist_size", 2}}).status, 200);
  ASSERT_EQ(Publish().status, 200);
  const json offer = OfferOf(0);
  auto withdraw = [&](int i, const std::string& application_id) {
    return client().PostJson("/api/v1/applications/" + application_id + "/withdraw", "", Applicant(i)).status;
  };
  // Applicant 2, first on the waitlist, withdraws: nothing is offered yet, the waitlist closes up.
  auto board = client().Get("/api/v1/intakes/" + intake_ + "/decisions?stage=" + decision_stage_, staff_).Json();
  std::string second;
  for (const auto& d : board["items"]) {
    if (d["reference"] == references_[2]) second = d["application_id"];
  }
  ASSERT_FALSE(second.empty());
  ASSERT_EQ(withdraw(2, second), 200);
  board = client().Get("/api/v1/intakes/" + intake_ + "/decisions?stage=" + decision_stage_, staff_).Json();
  for (const auto& d : board["items"]) {
    if (d["reference"] == references_[2]) {
      EXPECT_TRUE(d["waitlist_position"].is_null()) << d;
      EXPECT_EQ(d["application_state"], "withdrawn");
    }
    if (d["reference"] == references_[3]) {
      EXPECT_EQ(d["waitlist_position"], 1) << d;
    }
  }
  // Applicant 0 withdraws with an open offer: it ends at once and the seat goes to applicant 3, not to 2.
  ASSERT_EQ(withdraw(0, offer["application_id"]), 200);
  EXPECT_EQ(OfferOf(0)["state"], "declined");
  EXPECT_EQ(OfferOf(2), json());
  EXPECT_EQ(OfferOf(3)["state"], "open");
  EXPECT_TRUE(MailAbout("applicant3@example.az", "A place is free for you").has_value());
  EXPECT_EQ(client().PostJson("/api/v1/offers/" + offer["id"].get<std::string>() + "/accept", "", Applicant(0)).status, 409);
  EXPECT_EQ(Participants(), 0);
  // Once a place is accepted, the application is not withdrawn (the participant leaves through the programme).
  const json promoted = OfferOf(3);
  ASSERT_EQ(client().PostJson("/api/v1/offers/" + promoted["id"].get<std::string>() + "/accept", "", Applicant(3)).status, 200);
  auto kept = client().PostJson("/api/v1/applications/" + promoted["application_id"].get<std::string>() + "/withdraw", "",
                                [&] {
                                  Headers h = Applicant(3);
                                  h.emplace_back("Accept-Language", "en");
                                  return h;
                                }());
  ASSERT_EQ(kept.status, 409);
  EXPECT_EQ(kept.Json()["detail"], "You have accepted a place: ask the programme's coordinators to withdraw you.");
  EXPECT_EQ(OfferOf(3)["state"], "accepted");
  EXPECT_EQ(Participants(), 1);
  // The published stage's quotas and entries no longer change.
  auto stage = client().Get("/api/v1/stages/" + decision_stage_, staff_).Json();
  EXPECT_TRUE(stage["decided_at"].is_string());
  auto changed = Send("PUT", "/api/v1/stages/" + decision_stage_,
                      json{{"settings", stage["settings"]}, {"version", stage["version"]}}.dump(), staff_);
  ASSERT_EQ(changed.status, 409);
  EXPECT_EQ(changed.Json()["code"], "already_published");
}

COHORT_API_ON_BOTH_ENGINES(DecisionsApi);


}  // namespace
}  // namespace cohort::testing
