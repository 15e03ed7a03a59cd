// Reports over HTTP on both engines: an intake's selection funnel with the
// conversion at each step, year over year per programme, and who may read
// them.
#include <gtest/gtest.h>

#include <map>

#include "api/participants_fixture.h"

namespace cohort::testing {
namespace {

class ReportsApi : public ParticipantsApi {
 protected:
  // step -> {count, conversion}
  static std::map<std::string, json> Steps(const json& funnel) {
    std::map<std::string, json> out;
    for (const auto& s : funnel["steps"]) out[s["step"]] = s;
    return out;
  }
};

TEST_P(ReportsApi, TheFunnelCountsEachStepAndItsConversion) {
  // Applicant 0 completes the programme; applicant 3 withdraws (still counted as accepted).
  ASSERT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/completion/confirm",
                              json{{"participant_ids", {participants_[0]}}}.dump(), staff_)
                .status,
            200);
  ASSERT_EQ(client().PostJson("/api/v1/participants/" + participants_[3] + "/withdraw", R"({"reason": "Moved abroad"})",
                              staff_)
                .status,
            200);
  auto answer = client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel", staff_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json funnel = answer.Json();
  EXPECT_EQ(funnel["intake_name"], "2027");
  std::vector<std::string> order;
  for (const auto& s : funnel["steps"]) order.push_back(s["step"]);
  // The call's interview stage was removed: no interviewed step.
  EXPECT_EQ(order, (std::vector<std::string>{"started", "submitted", "eligible", "short_listed", "offered", "accepted",
                                             "completed"}));
  auto steps = Steps(funnel);
  EXPECT_EQ(steps["started"]["count"], 6);
  EXPECT_EQ(steps["started"]["conversion"], nullptr);
  EXPECT_EQ(steps["submitted"]["count"], 6);
  EXPECT_EQ(steps["submitted"]["conversion"], 1.0);
  EXPECT_EQ(steps["short_listed"]["count"], 6);  // all six moved to the decision stage
  EXPECT_EQ(steps["offered"]["count"], 4);
  EXPECT_DOUBLE_EQ(steps["offered"]["conversion"].get<double>(), 4.0 / 6.0);
  EXPECT_EQ(steps["accepted"]["count"], 4);
  EXPECT_EQ(steps["completed"]["count"], 1);
  EXPECT_DOUBLE_EQ(steps["completed"]["conversion"].get<double>(), 0.25);

  // Any member of the organisation reads aggregates; applicants and strangers do not see the intake.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel", reviewers_[0]).status, 200);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel", Applicant(0)).status, 404);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel").status, 401);
  EXPECT_EQ(client().Get("/api/v1/intakes/not-an-id/reports/funnel", staff_).status, 404);

  // The same as a download.
  auto csv = client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel?format=csv", staff_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("intake,starts_on,step,count,conversion"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.Header("content-disposition"), "attachment; filename=\"funnel-2027.csv\"; filename*=UTF-8''funnel-2027.csv");
  EXPECT_NE(csv.body.find("2027,2027-02-01,offered,4,0.6667"), std::string::npos) << csv.body;
  auto xlsx = client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel?format=xlsx", staff_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");  // a zip container
  EXPECT_EQ(Codes(client().Get("/api/v1/intakes/" + intake_ + "/reports/funnel?format=pdf", staff_))["format"],
            "not_an_option");
}

TEST_P(ReportsApi, YearOverYearGivesEachIntakeOfTheProgrammeOldestFirst) {
  const std::string programme =
      client().Get("/api/v1/intakes/" + intake_, staff_).Json()["programme_id"].get<std::string>();
  auto next = client().PostJson("/api/v1/programmes/" + programme + "/intakes",
                                R"({"name": "2028", "starts_on": "2028-02-01", "ends_on": "2028-07-31", "capacity": 20})",
                                staff_);
  ASSERT_EQ(next.status, 201) << next.body;
  auto answer = client().Get("/api/v1/programmes/" + programme + "/reports/funnel", staff_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json items = answer.Json()["items"];
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["intake_name"], "2027");
  EXPECT_EQ(items[1]["intake_name"], "2028");
  auto empty = Steps(items[1]);
  EXPECT_EQ(empty["started"]["count"], 0);
  EXPECT_EQ(empty["submitted"]["conversion"], nullptr);  // nothing to convert from
  EXPECT_EQ(client().Get("/api/v1/programmes/" + programme + "/reports/funnel", Applicant(0)).status, 404);
}

TEST_P(ReportsApi, BreakdownsSplitSubmittedApplicationsByWhatTheFormAsks) {
  auto dims = client().Get("/api/v1/intakes/" + intake_ + "/reports/breakdowns", staff_);
  ASSERT_EQ(dims.status, 200) << dims.body;
  const json items = dims.Json()["items"];
  std::vector<std::string> keys;
  for (const auto& d : items) keys.push_back(d["key"]);
  EXPECT_EQ(keys, (std::vector<std::string>{"education.university", "education.field_of_study"}));

  // "ADA  university" and "ADA University" are one university; applicants 0-3 were offered and accepted.
  auto answer = client().Get("/api/v1/intakes/" + intake_ + "/reports/breakdowns/education.university", staff_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json rows = answer.Json()["rows"];
  ASSERT_EQ(rows.size(), 2u) << rows;
  EXPECT_EQ(rows[0]["value"], "Baku State University");  // most submitted first
  EXPECT_EQ(rows[0]["submitted"], 4);
  EXPECT_EQ(rows[0]["accepted"], 2);
  EXPECT_EQ(rows[1]["submitted"], 2);
  EXPECT_EQ(rows[1]["offered"], 2);
  EXPECT_EQ(answer.Json()["dimension"]["kind"], "university");

  auto csv = client().Get("/api/v1/intakes/" + intake_ + "/reports/breakdowns/education.university?format=csv", staff_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Baku State University,,4,"), std::string::npos) << csv.body;

  auto unknown = client().Get("/api/v1/intakes/" + intake_ + "/reports/breakdowns/gender", staff_);
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(Codes(unknown)["dimension"], "unknown_dimension");
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/breakdowns/education.university", Applicant(0)).status, 404);
}

TEST_P(ReportsApi, ReviewerProgressCountsEachReviewersWork) {
  auto answer = client().Get("/api/v1/intakes/" + intake_ + "/reports/reviewers", staff_);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json items = answer.Json()["items"];
  ASSERT_EQ(items.size(), 3u);  // three reviewers in the one review stage
  std::int64_t submitted = 0;
  for (const auto& r : items) {
    EXPECT_EQ(r["assigned"], r["submitted"]);  // everyone finished
    EXPECT_EQ(r["not_started"], 0);
    submitted += r["submitted"].get<std::int64_t>();
  }
  EXPECT_EQ(submitted, 6);  // six applications, one review each
  EXPECT_EQ(items[0]["name"], "Aysel Reviewer");  // by name
  // Reviewers do not follow each other; outsiders do not see the intake.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/reviewers", reviewers_[0]).status, 403);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/reports/reviewers", Applicant(0)).status, 404);
}

// The issue's bad input: an export asked for by a role that may not see
// personal data gets aggregates only, or a 403.
TEST_P(ReportsApi, AnExportByARoleWithoutPersonalDataGetsAggregatesOnlyOrA403) {
  const std::string base = "/api/v1/intakes/" + intake_;
  const Headers& reviewer = reviewers_[0];
  EXPECT_EQ(client().Get(base + "/applications?format=csv", reviewer).status, 403);  // every answer of every person
  EXPECT_EQ(client().Get(base + "/reports/reviewers?format=csv", reviewer).status, 403);  // names colleagues' work
  auto everyone = client().Get(base + "/applications?format=csv", staff_);
  ASSERT_EQ(everyone.status, 200);
  EXPECT_NE(everyone.body.find("applicant0@example.az"), std::string::npos);  // the coordinator's export carries people
  auto funnel = client().Get(base + "/reports/funnel?format=csv", reviewer);
  ASSERT_EQ(funnel.status, 200) << funnel.body;
  EXPECT_NE(funnel.body.find(",submitted,6,"), std::string::npos) << funnel.body;
  auto breakdown = client().Get(base + "/reports/breakdowns/education.university?format=csv", reviewer);
  ASSERT_EQ(breakdown.status, 200) << breakdown.body;
  for (const auto* body : {&funnel.body, &breakdown.body}) {
    EXPECT_EQ(body->find("@"), std::string::npos) << *body;  // no e-mail address, no person
    EXPECT_EQ(body->find("Applicant"), std::string::npos) << *body;
  }
}

TEST_P(ReportsApi, PublicStatisticsWithholdCellsUnderFive) {
  const std::string programme =
      client().Get("/api/v1/intakes/" + intake_, staff_).Json()["programme_id"].get<std::string>();
  auto answer = client().Get("/api/v1/programmes/" + programme + "/statistics");  // no sign-in
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json stats = answer.Json();
  EXPECT_EQ(stats["programme_name"], "Migration School");
  EXPECT_EQ(stats["smallest_cell"], 5);
  ASSERT_EQ(stats["years"].size(), 1u);
  EXPECT_EQ(stats["years"][0]["submitted"], 6);
  EXPECT_EQ(stats["years"][0]["accepted"], nullptr);  // 4 people: withheld
  EXPECT_EQ(stats["alumni"], nullptr);
  EXPECT_EQ(stats["breakdown_intake"], "2027");
  EXPECT_EQ(stats["breakdowns"], json::array());  // no choice or birth-date question; universities are free text
  EXPECT_EQ(answer.body.find("Applicant"), std::string::npos);  // never a person

  // A programme without a published call has no public page.
  auto hidden = client().PostJson("/api/v1/organisations/" + org_ + "/programmes", R"({"name": "Quiet", "code": "QT"})", staff_);
  ASSERT_EQ(hidden.status, 201);
  EXPECT_EQ(client().Get("/api/v1/programmes/" + hidden.Json()["id"].get<std::string>() + "/statistics").status, 404);
}

COHORT_API_ON_BOTH_ENGINES(ReportsApi);

}  // namespace
}  // namespace cohort::testing
