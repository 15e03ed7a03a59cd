// Evaluations and activity feedback over HTTP on both engines: supervisors
// (and staff) evaluate rotations once they have begun, on the intake's
// criteria; completion can ask for every rotation evaluated at a level;
// participants rate activities once they have begun.
#include <gtest/gtest.h>

#include <map>

#include "api/participants_fixture.h"
#include "core/time_format.h"

namespace cohort::testing {
namespace {

class EvaluationsApi : public ParticipantsApi {
 protected:
  void SetUp() override {
    ParticipantsApi::SetUp();
    if (IsSkipped()) return;
    json setup = Setup(2);
    setup["evaluation_criteria"] = {"Knowledge", "Teamwork"};
    SaveAndRemember(setup);
    ASSERT_EQ(Plan().status, 200);
    plan_ = client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/publish", "", staff_).Json();
    ASSERT_EQ(plan_["state"], "published");
  }
  HttpResponse Evaluate(const Headers& who, int participant, int period, const json& scores) {
    return Send("PUT", "/api/v1/evaluations",
                json{{"participant_id", participants_[static_cast<std::size_t>(participant)]},
                     {"period_id", period_ids_[static_cast<std::size_t>(period)]},
                     {"scores", scores},
                     {"comment", "Reliable and curious."}}
                    .dump(),
                who);
  }
  // Moves the clock into 2027-02-15, inside the first period.
  void IntoFirstPeriod() { clock_.Advance(*ParseRfc3339("2027-02-15T09:00:00Z") - clock_.Now()); }

  json plan_;
};

TEST_P(EvaluationsApi, ARotationIsEvaluatedOnTheCriteriaOnceItHasBegun) {
  auto early = Evaluate(staff_, 0, 0, {{"Knowledge", 4}, {"Teamwork", 5}});
  ASSERT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.Json()["code"], "evaluation_not_open");
  IntoFirstPeriod();
  auto bad = Evaluate(staff_, 0, 0, {{"Knowledge", 6}, {"Other", 3}});
  ASSERT_EQ(bad.status, 422);
  const auto codes = Codes(bad);
  EXPECT_EQ(codes.at("scores.Knowledge"), "out_of_range");
  EXPECT_EQ(codes.at("scores.Teamwork"), "required");
  EXPECT_EQ(codes.at("scores.Other"), "unknown_field");
  auto good = Evaluate(staff_, 0, 0, {{"Knowledge", 4}, {"Teamwork", 5}});
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.Json()["overall"], 4.5);
  // Participants do not evaluate; nobody evaluates a rotation of a period not begun.
  EXPECT_EQ(Evaluate(Applicant(1), 0, 0, {{"Knowledge", 1}, {"Teamwork", 1}}).status, 404);
  EXPECT_EQ(Evaluate(staff_, 0, 2, {{"Knowledge", 4}, {"Teamwork", 4}}).Json()["code"], "evaluation_not_open");

  // The supervisor of the consular unit sees the rotations there that have begun, and evaluates them.
  const json tasks = client().Get("/api/v1/me/evaluations", supervisor_).Json()["items"];
  for (const auto& t : tasks) {
    EXPECT_EQ(t["unit_name"], "Consular");
    EXPECT_EQ(t["period"]["id"], period_ids_[0]);
    EXPECT_EQ(t["criteria"], json::array({"Knowledge", "Teamwork"}));
    auto mine = Send("PUT", "/api/v1/evaluations",
                     json{{"participant_id", t["participant_id"]}, {"period_id", t["period"]["id"]},
                          {"scores", {{"Knowledge", 3}, {"Teamwork", 3}}}}
                         .dump(),
                     supervisor_);
    EXPECT_EQ(mine.status, 200) << mine.body;
  }
  // A rotation in a unit the supervisor does not supervise is not theirs to evaluate.
  for (int i = 0; i < 4; ++i) {
    if (UnitsOf(plan_, i)[0] != units_[0]) {
      EXPECT_EQ(Evaluate(supervisor_, i, 0, {{"Knowledge", 3}, {"Teamwork", 3}}).status, 404);
      break;
    }
  }
  const json all = client().Get("/api/v1/intakes/" + intake_ + "/evaluations", staff_).Json()["items"];
  EXPECT_GE(all.size(), 1u);
  for (const auto& e : all) EXPECT_FALSE(e["evaluator_name"].get<std::string>().empty());

  // Saving the set-up without criteria keeps them; an empty list removes them.
  const json setup = client().Get("/api/v1/intakes/" + intake_ + "/rotation-setup", staff_).Json();
  json body = {{"periods", setup["periods"]}, {"units", setup["units"]}, {"required", setup["required"]},
               {"version", setup["version"]}};
  for (auto& u : body["units"]) {
    for (const char* read_only : {"name", "supervisor_name", "unit_type"}) u.erase(read_only);
  }
  auto kept = Send("PUT", "/api/v1/intakes/" + intake_ + "/rotation-setup", body.dump(), staff_);
  EXPECT_EQ(kept.Json()["evaluation_criteria"], json::array({"Knowledge", "Teamwork"})) << kept.body;
}

TEST_P(EvaluationsApi, CompletionCanAskForEveryRotationEvaluatedAtALevel) {
  ASSERT_EQ(Send("PUT", "/api/v1/intakes/" + intake_ + "/completion-rules",
                 R"({"min_attendance": 0, "min_evaluation": 4})", staff_)
                .status,
            200);
  IntoFirstPeriod();
  ASSERT_EQ(Evaluate(staff_, 0, 0, {{"Knowledge", 4}, {"Teamwork", 5}}).status, 200);
  ASSERT_EQ(Evaluate(staff_, 1, 0, {{"Knowledge", 2}, {"Teamwork", 3}}).status, 200);
  std::map<std::string, json> rows;
  const json report = client().Get("/api/v1/intakes/" + intake_ + "/completion", staff_).Json()["items"];
  for (const auto& r : report) rows[r["participant_id"]] = r;
  EXPECT_EQ(rows[participants_[0]]["rotations"], 3);
  EXPECT_EQ(rows[participants_[0]]["evaluated"], 1);
  EXPECT_EQ(rows[participants_[0]]["unmet"], json::array({"evaluations"}));
  EXPECT_EQ(rows[participants_[1]]["evaluated"], 0);  // 2.5 is below the level
  auto refused = client().PostJson("/api/v1/intakes/" + intake_ + "/completion/confirm",
                                   json{{"participant_ids", {participants_[0]}}}.dump(), staff_);
  EXPECT_EQ(Codes(refused)["participant_ids[0]"], "not_completed");
}

TEST_P(EvaluationsApi, ParticipantsRateActivitiesOnceTheyHaveBegun) {
  json activity = {{"kind", "visit"},
                   {"title", "Visit to the border post"},
                   {"starts_at", FormatUtc(clock_.Now() + std::chrono::hours(1))},
                   {"ends_at", FormatUtc(clock_.Now() + std::chrono::hours(3))}};
  const std::string id = client()
                             .PostJson("/api/v1/intakes/" + intake_ + "/activities", activity.dump(), staff_)
                             .Json()["items"][0]["id"];
  const std::string path = "/api/v1/activities/" + id + "/feedback";
  EXPECT_EQ(Send("PUT", path, R"({"rating": 5})", Applicant(0)).Json()["code"], "feedback_not_open");
  clock_.Advance(std::chrono::hours(2));
  EXPECT_EQ(Codes(Send("PUT", path, R"({"rating": 6})", Applicant(0)))["rating"], "out_of_range");
  ASSERT_EQ(Send("PUT", path, R"({"rating": 4, "comment": "Very useful"})", Applicant(0)).status, 200);
  ASSERT_EQ(Send("PUT", path, R"({"rating": 2})", Applicant(1)).status, 200);
  EXPECT_EQ(Send("PUT", path, R"({"rating": 2})", Applicant(5)).status, 404);
  const json summary = client().Get(path, staff_).Json();
  EXPECT_EQ(summary["count"], 2);
  EXPECT_EQ(summary["average"], 3.0);
  EXPECT_FALSE(summary["items"][0].contains("name"));  // anonymous to the trainer
  EXPECT_EQ(client().Get(path, Applicant(0)).status, 403);  // the trainer's and staff's to read
  // Each participant reads back what they gave.
  const json mine = client().Get("/api/v1/me/participations", Applicant(0)).Json()["items"][0]["feedback"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["activity_id"], id);
  EXPECT_EQ(mine[0]["rating"], 4);
  EXPECT_EQ(mine[0]["comment"], "Very useful");
}

COHORT_API_ON_BOTH_ENGINES(EvaluationsApi);

}  // namespace
}  // namespace cohort::testing
