// Running the programme over HTTP on both engines: participants, their
// withdrawal and preferences, the rotation set-up, the optimiser's plan, moves
// by hand with every rule checked, publication and what supervisors see.
#include <gtest/gtest.h>

#include <set>

#include "api/participants_fixture.h"

namespace cohort::testing {
namespace {


TEST_P(ParticipantsApi, ParticipantsAreListedAndLeaveWithAReason) {
  auto list = client().Get("/api/v1/intakes/" + intake_ + "/participants", staff_);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.Json()["items"].size(), 4u);
  EXPECT_EQ(list.Json()["items"][0]["state"], "active");
  // Reviewers do not run the programme; people of no organisation see nothing.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/participants", reviewers_[0]).status, 403);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/participants", Applicant(0)).status, 404);

  const std::string path = "/api/v1/participants/" + participants_[3] + "/withdraw";
  auto empty = client().PostJson(path, R"({"reason": "  "})", Applicant(3));
  ASSERT_EQ(empty.status, 422);
  EXPECT_EQ(Codes(empty)["reason"], "required");
  // Someone else's participation is not there to end.
  EXPECT_EQ(client().PostJson(path, R"({"reason": "x"})", Applicant(0)).status, 404);
  EXPECT_EQ(client().PostJson(path, R"({"reason": "x"})", Applicant(5)).status, 404);
  auto left = client().PostJson(path, R"({"reason": "A job offer abroad"})", Applicant(3));
  ASSERT_EQ(left.status, 200) << left.body;
  EXPECT_EQ(left.Json()["state"], "withdrawn");
  EXPECT_EQ(left.Json()["withdrawal_reason"], "A job offer abroad");
  auto again = client().PostJson(path, R"({"reason": "again"})", staff_);
  ASSERT_EQ(again.status, 409);
  EXPECT_EQ(again.Json()["code"], "not_active");
  // The accepted application itself is still not withdrawn: the programme is left here.
  auto mine = client().Get("/api/v1/me/participations", Applicant(3)).Json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["participant"]["state"], "withdrawn");
}

TEST_P(ParticipantsApi, TheSetUpIsCheckedFieldByField) {
  json bad = Setup(2);
  bad["periods"][1]["starts_on"] = "2027-03-15";                 // overlaps period 1
  bad["periods"][2]["ends_on"] = "2027-05-01";                   // before it starts
  bad["units"][1]["unit_id"] = "0000000000000000000000000";      // not a unit here
  bad["units"][2]["supervisor_id"] = reviewer_ids_[0];           // a reviewer
  bad["units"][3]["languages"] = {"French"};
  bad["units"][0]["places"] = {2, 2};
  bad["required"] = {{{"type", "archive"}, {"rotations", 1}}, {{"type", "consular"}, {"rotations", 3}}};
  auto refused = SaveSetup(bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto codes = Codes(refused);
  EXPECT_EQ(codes.at("periods[1].starts_on"), "periods_overlap");
  EXPECT_EQ(codes.at("periods[2].ends_on"), "ends_before_start");
  EXPECT_EQ(codes.at("units[1].unit_id"), "unknown_unit");
  EXPECT_EQ(codes.at("units[2].supervisor_id"), "not_staff");
  EXPECT_EQ(codes.at("units[3].languages[0]"), "invalid_language");
  EXPECT_EQ(codes.at("units[0].places"), "wrong_length");
  EXPECT_EQ(codes.at("required[0].type"), "unknown_type");
  EXPECT_EQ(codes.at("required"), "too_many_required");
  // Nothing was saved.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/rotation-setup", staff_).Json()["version"], 0);

  auto saved = SaveSetup(Setup(2));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["version"], 1);
  EXPECT_EQ(saved.Json()["units"][0]["supervisor_name"], "Samira Supervisor");
  EXPECT_EQ(saved.Json()["units"][0]["name"], "Consular");
  auto stale = SaveSetup(Setup(3));
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.Json()["code"], "stale_version");
  EXPECT_EQ(stale.Json()["current"]["version"], 1);
}

TEST_P(ParticipantsApi, ThePlanGivesEveryoneAUnitPerPeriodWithinTheRules) {
  SaveAndRemember(Setup(2));
  // Participants 0 and 1 speak French; 0 wants Europe first, 2 wants Press first.
  ASSERT_EQ(Prefer(0, {{"languages", {"en", "fr"}}, {"unit_ids", {units_[3], units_[1]}}}).status, 200);
  ASSERT_EQ(Prefer(1, {{"languages", {"fr"}}, {"unit_ids", {units_[1]}}}).status, 200);
  ASSERT_EQ(Prefer(2, {{"languages", {"en"}}, {"unit_ids", {units_[2], units_[3]}}}).status, 200);
  auto bad = Prefer(3, {{"languages", {"EN"}}, {"unit_ids", {units_[0], units_[0]}}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Codes(bad)["languages[0]"], "invalid_language");
  EXPECT_EQ(Codes(bad)["unit_ids[1]"], "duplicate");

  auto planned = Plan();
  ASSERT_EQ(planned.status, 200) << planned.body;
  const json plan = planned.Json();
  EXPECT_EQ(plan["state"], "draft");
  EXPECT_EQ(plan["violations"], json::array());
  EXPECT_EQ(plan["shortfalls"]["rotations"], 0);
  EXPECT_EQ(plan["shortfalls"]["by_type"], json::array());
  for (int i = 0; i < 4; ++i) {
    const json units = UnitsOf(plan, i);
    ASSERT_EQ(units.size(), 3u);
    std::set<std::string> distinct;
    for (const auto& u : units) {
      ASSERT_TRUE(u.is_string()) << plan.dump();
      distinct.insert(u.get<std::string>());
    }
    EXPECT_EQ(distinct.size(), 3u) << "participant " << i;
    EXPECT_TRUE(distinct.contains(units_[0])) << "the consular rotation, participant " << i;
    if (i >= 2) {
      EXPECT_FALSE(distinct.contains(units_[3])) << "no French, participant " << i;
    }
  }
  // First choices given where possible: 0 in Europe, 2 in Press.
  const json first = UnitsOf(plan, 0);
  EXPECT_NE(std::find(first.begin(), first.end(), units_[3]), first.end());
  for (const auto& u : plan["units"]) {
    for (std::size_t t = 0; t < 3; ++t) EXPECT_LE(u["taken"][t].get<int>(), 2);
  }
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/rotations", staff_).Json()["cost"], plan["cost"]);
}

TEST_P(ParticipantsApi, PlacesThatCannotHoldEveryoneAreReportedWithWhereTheyFallShort) {
  // 4 people × 3 periods = 12 rotations; 4 units × 1 place × 3 periods = 12
  // places, but Europe takes only French speakers (nobody here), and the
  // consular unit's 3 places cannot give all 4 their required rotation.
  SaveAndRemember(Setup(1));
  auto planned = Plan();
  ASSERT_EQ(planned.status, 200) << planned.body;
  const json shortfalls = planned.Json()["shortfalls"];
  EXPECT_EQ(shortfalls["rotations"], 3) << shortfalls;
  ASSERT_EQ(shortfalls["by_type"].size(), 1u) << shortfalls;
  EXPECT_EQ(shortfalls["by_type"][0]["type"], "consular");
  EXPECT_EQ(shortfalls["by_type"][0]["short"], 1);
  EXPECT_EQ(planned.Json()["violations"], json::array());
  // Every place of the three open units is taken: putting the one left short
  // into a unit they lack, in their empty period, overfills it.
  const json plan = planned.Json();
  for (int i = 0; i < 4; ++i) {
    const json units = UnitsOf(plan, i);
    for (int t = 0; t < 3; ++t) {
      if (!units[static_cast<std::size_t>(t)].is_null()) continue;
      for (int u = 0; u < 3; ++u) {
        if (std::find(units.begin(), units.end(), units_[static_cast<std::size_t>(u)]) != units.end()) continue;
        auto full = Move(i, t, units_[static_cast<std::size_t>(u)]);
        ASSERT_EQ(full.status, 422) << full.body;
        EXPECT_EQ(Codes(full)["unit_id"], "over_capacity");
        return;
      }
    }
  }
  FAIL() << "nobody was left short: " << plan.dump();
}

TEST_P(ParticipantsApi, AMoveThatBreaksARuleIsRefusedAndAGoodOneIsKept) {
  SaveAndRemember(Setup(2));
  ASSERT_EQ(Prefer(0, {{"languages", {"fr"}}, {"unit_ids", {units_[3]}}}).status, 200);
  auto planned = Plan();
  ASSERT_EQ(planned.status, 200);
  json plan = planned.Json();
  // Participant 2 speaks no French.
  auto language = Move(2, 0, units_[3]);
  ASSERT_EQ(language.status, 422) << language.body;
  EXPECT_TRUE(HasCode(language, "unit_id", "language_missing")) << language.body;
  // Participant 1 into the unit they have in period 2 as well.
  const json units1 = UnitsOf(plan, 1);
  auto twice = Move(1, 0, units1[1]);
  ASSERT_EQ(twice.status, 422);
  EXPECT_TRUE(HasCode(twice, "unit_id", "same_unit_twice")) << twice.body;
  // Moving the consular rotation away breaks the requirement.
  int consular_period = 0;
  for (int t = 0; t < 3; ++t)
    if (UnitsOf(plan, 2)[static_cast<std::size_t>(t)] == units_[0]) consular_period = t;
  auto requirement = Move(2, consular_period, nullptr);
  ASSERT_EQ(requirement.status, 422);
  EXPECT_EQ(Codes(requirement)["unit_id"], "required_type");
  // A good move: participant 3 swaps nothing, just empties period 3 and takes it back by hand.
  auto emptied = Move(3, 2, nullptr);
  if (UnitsOf(plan, 3)[2] == units_[0]) {
    EXPECT_EQ(emptied.status, 422);  // that was the consular rotation
  } else {
    ASSERT_EQ(emptied.status, 200) << emptied.body;
    EXPECT_TRUE(UnitsOf(emptied.Json(), 3)[2].is_null());
    EXPECT_EQ(emptied.Json()["shortfalls"]["rotations"], 1);
    const json back = Move(3, 2, UnitsOf(plan, 3)[2]).Json();
    EXPECT_EQ(UnitsOf(back, 3), UnitsOf(plan, 3));
  }
  // A rotation set by hand survives planning again.
  const json before = UnitsOf(plan, 0);
  json manual_unit;
  for (const auto& u : units_) {
    if (std::find(before.begin(), before.end(), u) == before.end()) manual_unit = u;
  }
  const int free_period = before[0] == units_[0] ? 1 : 0;  // not the consular rotation
  auto moved = Move(0, free_period, manual_unit);
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto again = Plan(true);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(UnitsOf(again.Json(), 0)[static_cast<std::size_t>(free_period)], manual_unit);
  const json replanned = again.Json();
  for (const auto& row : replanned["participants"]) {
    if (row["participant_id"] == participants_[0]) {
      EXPECT_TRUE(row["rotations"][static_cast<std::size_t>(free_period)]["manual"]);
    }
  }
}

TEST_P(ParticipantsApi, PublishingTellsParticipantsAndSupervisors) {
  SaveAndRemember(Setup(2));
  EXPECT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/publish", "", staff_).Json()["code"], "nothing_planned");
  ASSERT_EQ(Plan().status, 200);
  auto published = client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/publish", "", staff_);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.Json()["state"], "published");
  auto mail = MailAbout("applicant0@example.az", "Your rotations");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("Period 1 (2027-02-01"), std::string::npos) << mail->body;
  EXPECT_NE(mail->body.find("https://apply.example.az/my-programme"), std::string::npos);
  EXPECT_TRUE(MailAbout("supervisor@dmx.test", "Təcrübəçiləriniz").has_value());  // in the supervisor's language

  const json interns = client().Get("/api/v1/me/interns", supervisor_).Json()["items"];
  ASSERT_GE(interns.size(), 2u);  // the consular unit, in the periods it has interns (2 places each)
  int total = 0;
  for (const auto& g : interns) {
    EXPECT_EQ(g["unit_name"], "Consular");
    total += static_cast<int>(g["interns"].size());
  }
  EXPECT_EQ(total, 4);  // everyone passes through it once
  EXPECT_EQ(client().Get("/api/v1/me/interns", staff_).Json()["items"], json::array());

  const json mine = client().Get("/api/v1/me/participations", Applicant(0)).Json()["items"][0];
  EXPECT_EQ(mine["plan_state"], "published");
  EXPECT_EQ(mine["rotations"].size(), 3u);
  auto late = Prefer(0, {{"languages", {"en"}}, {"unit_ids", json::array()}});
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["code"], "plan_published");
  auto replan = Plan();
  ASSERT_EQ(replan.status, 409);
  EXPECT_EQ(replan.Json()["code"], "plan_published");

  // Leaving frees the places of periods not yet begun.
  ASSERT_EQ(client().PostJson("/api/v1/participants/" + participants_[1] + "/withdraw", R"({"reason": "illness"})", staff_).status, 200);
  const json after = client().Get("/api/v1/intakes/" + intake_ + "/rotations", staff_).Json();
  EXPECT_EQ(UnitsOf(after, 1), json());  // no longer among the active
  int taken = 0;
  for (const auto& u : after["units"])
    for (const auto& n : u["taken"]) taken += n.get<int>();
  EXPECT_EQ(taken, 9);
}

COHORT_API_ON_BOTH_ENGINES(ParticipantsApi);

}  // namespace
}  // namespace cohort::testing
