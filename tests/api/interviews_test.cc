// Interviews through the HTTP API, on both engines: panels and slots in the
// call's time zone, invitations, self-booking with a calendar file, full
// slots and the last place taken by two people at once, rescheduling until
// the cut-off, stated availability and bulk scheduling, attendance.
#include <gtest/gtest.h>

#include <future>
#include <set>

#include "api/review_fixture.h"
#include "core/time_format.h"

namespace cohort::testing {
namespace {

using nlohmann::json;

// All six applications in the interview stage; one panel of two reviewers.
// The fake clock reads 2026-11-22T09:01Z; interviews are on 30 November
// and 1 December, 09:00–10:00 Baku time (05:00–06:00 UTC), 30 minutes each.
class InterviewsApi : public ReviewApi {
 protected:
  void SetUp() override {
    ReviewApi::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(client().PostJson("/api/v1/stages/" + review_stage_ + "/admit", "", staff_).status, 200);
    json all = json::array();
    auto stage = client().Get("/api/v1/stages/" + review_stage_, staff_);
    auto rows = client().Get("/api/v1/intakes/" + intake_ + "/applications", staff_).Json()["items"];
    for (const auto& r : rows) all.push_back(r["id"]);
    auto moved = client().PostJson("/api/v1/stages/" + review_stage_ + "/shortlist", json{{"application_ids", all}}.dump(), staff_);
    ASSERT_EQ(moved.status, 200) << moved.body;
    ASSERT_EQ(moved.Json()["moved"], 6);
    auto panel = client().PostJson("/api/v1/stages/" + interview_stage_ + "/panels",
                                   json{{"name", "Panel A"}, {"location", "Room 101"},
                                        {"members", {reviewer_ids_[0], reviewer_ids_[1]}}}.dump(),
                                   staff_);
    ASSERT_EQ(panel.status, 201) << panel.body;
    panel_ = panel.Json()["id"];
  }
  HttpResponse Slots(const json& extra) {
    json body = {{"stage_id", interview_stage_}, {"panel_id", panel_}, {"days", {"2026-11-30", "2026-12-01"}},
                 {"from", "09:00"}, {"to", "10:00"}, {"length_minutes", 30}, {"break_minutes", 0}, {"places", 1}};
    body.update(extra);
    return client().PostJson("/api/v1/intakes/" + intake_ + "/interview-slots", body.dump(), staff_);
  }
  json Mine(int i) { return client().Get("/api/v1/me/interviews", Applicant(i)).Json()["items"]; }
  HttpResponse Book(int i, const std::string& slot) {
    return client().PostJson("/api/v1/interview-slots/" + slot + "/book", "", Applicant(i));
  }

  std::string panel_;
};

TEST_P(InterviewsApi, SlotsAreMadeInTheCallsTimeZoneAndBadInputIsRefusedPerField) {
  auto made = Slots(json::object());
  ASSERT_EQ(made.status, 201) << made.body;
  ASSERT_EQ(made.Json()["created"], 4);
  EXPECT_EQ(made.Json()["items"][0]["starts_at"], "2026-11-30T05:00:00.000Z");
  EXPECT_EQ(made.Json()["items"][1]["starts_at"], "2026-11-30T05:30:00.000Z");
  EXPECT_EQ(made.Json()["items"][1]["ends_at"], "2026-11-30T06:00:00.000Z");
  auto bad = Slots({{"days", {"2026-02-30"}}, {"from", "25:00"}, {"length_minutes", 0}, {"places", 0}});
  ASSERT_EQ(bad.status, 422);
  const auto codes = Codes(bad);
  EXPECT_EQ(codes.at("days[0]"), "invalid_date");
  EXPECT_EQ(codes.at("from"), "invalid_time");
  EXPECT_EQ(codes.at("length_minutes"), "out_of_range");
  EXPECT_EQ(codes.at("places"), "out_of_range");
  auto panel = client().PostJson("/api/v1/stages/" + interview_stage_ + "/panels",
                                 json{{"name", "B"}, {"members", {reviewer_ids_[0], "01M8VK8WKVV9QQT73BS1GZX7NW"}}}.dump(), staff_);
  ASSERT_EQ(panel.status, 422);
  EXPECT_EQ(Codes(panel).at("members[1]"), "not_an_interviewer");
}

TEST_P(InterviewsApi, ABookingIsConfirmedWithACalendarFileAndGivesThePanelScorecards) {
  ASSERT_EQ(Slots(json::object()).status, 201);
  auto invited = client().PostJson("/api/v1/stages/" + interview_stage_ + "/invitations", "", staff_);
  ASSERT_EQ(invited.Json()["invited"], 6);
  ASSERT_TRUE(MailAbout("applicant0@example.az", "Book your interview").has_value());
  const json mine = Mine(0);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["open_slots"].size(), 4u);
  auto booked = Book(0, mine[0]["open_slots"][0]["id"]);
  ASSERT_EQ(booked.status, 201) << booked.body;
  EXPECT_EQ(booked.Json()["state"], "booked");
  EXPECT_EQ(booked.Json()["location"], "Room 101");
  auto mail = MailAbout("applicant0@example.az", "Your interview");
  ASSERT_TRUE(mail.has_value());
  EXPECT_NE(mail->body.find("2026-11-30 09:00 (Asia/Baku)"), std::string::npos) << mail->body;
  EXPECT_NE(mail->attachment_type.find("text/calendar"), std::string::npos);
  EXPECT_NE(mail->attachment.find("DTSTART:20261130T050000Z\r\n"), std::string::npos) << mail->attachment;
  EXPECT_NE(mail->attachment.find("LOCATION:Room 101\r\n"), std::string::npos);
  // The same file downloads for the candidate, not for another one.
  const std::string calendar = booked.Json()["calendar"];
  auto ics = client().Get(calendar, Applicant(0));
  ASSERT_EQ(ics.status, 200);
  EXPECT_NE(ics.body.find("BEGIN:VEVENT"), std::string::npos);
  EXPECT_EQ(client().Get(calendar, Applicant(1)).status, 404);
  // Both panel members now have a scorecard for this application.
  for (int who : {0, 1}) {
    const json queue = Queue(who);
    ASSERT_EQ(queue.size(), 1u) << queue.dump();
    EXPECT_EQ(queue[0]["origin"], "panel");
    EXPECT_EQ(queue[0]["stage_kind"], "interview");
  }
}

TEST_P(InterviewsApi, AFullSlotIsRefusedAndTwoPeopleCannotTakeTheLastPlace) {
  ASSERT_EQ(Slots(json::object()).status, 201);
  const std::string slot = Mine(0)[0]["open_slots"][0]["id"];
  const Headers one = Applicant(1), two = Applicant(2);
  // Both at once: exactly one gets the place.
  auto first = std::async(std::launch::async, [&] {
    HttpClient c(portal_->port());
    return c.PostJson("/api/v1/interview-slots/" + slot + "/book", "", one).status;
  });
  auto second = std::async(std::launch::async, [&] {
    HttpClient c(portal_->port());
    return c.PostJson("/api/v1/interview-slots/" + slot + "/book", "", two).status;
  });
  std::multiset<int> statuses = {first.get(), second.get()};
  EXPECT_EQ(statuses, (std::multiset<int>{201, 409}));
  auto full = Book(0, slot);
  ASSERT_EQ(full.status, 409);
  EXPECT_EQ(full.Json()["code"], "slot_full");
  auto listed = client().Get("/api/v1/stages/" + interview_stage_ + "/interview-slots", staff_).Json();
  EXPECT_EQ(listed["items"][0]["booked"], 1);
  EXPECT_EQ(listed["bookings"].size(), 1u);
}

TEST_P(InterviewsApi, AWithdrawalCancelsTheBookingAndFreesThePlaceAtOnce) {
  ASSERT_EQ(Slots(json::object()).status, 201);
  const std::string slot = Mine(0)[0]["open_slots"][0]["id"];
  const std::string application = Mine(1)[0]["application_id"];
  ASSERT_EQ(Book(1, slot).status, 201);
  ASSERT_EQ(Book(0, slot).status, 409);
  // The panel members' scorecards for it.
  auto scorecards = [&] {
    std::size_t live = 0;
    for (int who : {0, 1}) {
      for (const auto& r : Queue(who)) live += r["application_id"] == application && r["state"] == "assigned" ? 1 : 0;
    }
    return live;
  };
  EXPECT_EQ(scorecards(), 2u);
  ASSERT_EQ(client().PostJson("/api/v1/applications/" + application + "/withdraw", "", Applicant(1)).status, 200);
  auto listed = client().Get("/api/v1/stages/" + interview_stage_ + "/interview-slots", staff_).Json();
  EXPECT_EQ(listed["items"][0]["booked"], 0);
  EXPECT_EQ(listed["bookings"].size(), 0u);
  EXPECT_EQ(scorecards(), 0u);
  EXPECT_EQ(Book(0, slot).status, 201);
}

TEST_P(InterviewsApi, StaffSeeEveryCandidateWithTheirBookingAndAvailability) {
  ASSERT_EQ(Slots(json::object()).status, 201);
  const std::string slot = Mine(0)[0]["open_slots"][0]["id"];
  ASSERT_EQ(Book(0, slot).status, 201);
  auto said = Send("PUT", "/api/v1/stages/" + interview_stage_ + "/availability",
                   R"({"windows": [{"from": "2026-12-01T09:00", "to": "2026-12-01T10:00"}]})", Applicant(1));
  ASSERT_EQ(said.status, 200) << said.body;
  auto listed = client().Get("/api/v1/stages/" + interview_stage_ + "/interview-candidates", staff_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json items = listed.Json()["items"];
  ASSERT_EQ(items.size(), 6u);
  std::map<std::string, json> by_reference;
  for (const auto& c : items) by_reference[c["reference"]] = c;
  EXPECT_EQ(by_reference[references_[0]]["booking"]["slot_id"], slot);
  EXPECT_EQ(by_reference[references_[0]]["name"], "Applicant 0");
  EXPECT_TRUE(by_reference[references_[1]]["booking"].is_null());
  ASSERT_EQ(by_reference[references_[1]]["availability"].size(), 1u);
  EXPECT_EQ(by_reference[references_[1]]["availability"][0]["start"], "2026-12-01T05:00:00.000Z");
  // Reviewers and applicants do not see the list.
  EXPECT_EQ(client().Get("/api/v1/stages/" + interview_stage_ + "/interview-candidates", reviewers_[0]).status, 403);
  EXPECT_EQ(client().Get("/api/v1/stages/" + interview_stage_ + "/interview-candidates", Applicant(0)).status, 404);
}

TEST_P(InterviewsApi, ABookingMovesUntilTheCutOffButNotAfter) {
  ASSERT_EQ(Slots(json::object()).status, 201);
  const json slots = Mine(0)[0]["open_slots"];
  ASSERT_EQ(Book(0, slots[0]["id"]).status, 201);
  auto moved = Book(0, slots[3]["id"]);
  ASSERT_EQ(moved.status, 201) << moved.body;
  auto listed = client().Get("/api/v1/stages/" + interview_stage_ + "/interview-slots", staff_).Json();
  EXPECT_EQ(listed["items"][0]["booked"], 0);
  EXPECT_EQ(listed["items"][3]["booked"], 1);
  // Within 24 hours of the interview nothing moves.
  clock_.Set(*ParseRfc3339("2026-11-30T06:00:00.000Z"));
  auto late = Book(0, slots[2]["id"]);
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["code"], "cutoff_passed");
}

TEST_P(InterviewsApi, SchedulingPlacesEveryoneWithinTheirAvailability) {
  // Six places: 30 November and 1 December, three per day (20-minute slots).
  ASSERT_EQ(Slots({{"length_minutes", 20}}).status, 201);
  // Applicant 0 can come on 1 December only.
  auto availability = Send("PUT", "/api/v1/stages/" + interview_stage_ + "/availability",
                           R"({"windows": [{"from": "2026-12-01T08:00", "to": "2026-12-01T12:00"}]})", Applicant(0));
  ASSERT_EQ(availability.status, 200) << availability.body;
  EXPECT_EQ(availability.Json()["windows"][0]["start"], "2026-12-01T04:00:00.000Z");
  auto bad = Send("PUT", "/api/v1/stages/" + interview_stage_ + "/availability",
                  R"({"windows": [{"from": "2026-12-01T12:00", "to": "2026-12-01T08:00"}]})", Applicant(0));
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Codes(bad).at("windows[0].to"), "ends_before_start");
  auto scheduled = client().PostJson("/api/v1/stages/" + interview_stage_ + "/schedule", "", staff_);
  ASSERT_EQ(scheduled.status, 200) << scheduled.body;
  EXPECT_EQ(scheduled.Json()["scheduled"], 6);
  EXPECT_EQ(scheduled.Json()["unscheduled"].size(), 0u);
  const json mine = Mine(0);
  ASSERT_TRUE(mine[0]["booking"].is_object());
  EXPECT_EQ(mine[0]["booking"]["starts_at"].get<std::string>().substr(0, 10), "2026-12-01");
  EXPECT_EQ(mine[0]["booking"]["origin"], "scheduled");
  // A no-show is recorded by staff only.
  const std::string booking = mine[0]["booking"]["id"];
  EXPECT_EQ(client().PostJson("/api/v1/interview-bookings/" + booking + "/attendance", R"({"state": "no_show"})", Applicant(0)).status,
            404);
  auto no_show = client().PostJson("/api/v1/interview-bookings/" + booking + "/attendance", R"({"state": "no_show"})", staff_);
  ASSERT_EQ(no_show.status, 200);
  EXPECT_EQ(no_show.Json()["state"], "no_show");
}

COHORT_API_ON_BOTH_ENGINES(InterviewsApi);

}  // namespace
}  // namespace cohort::testing
