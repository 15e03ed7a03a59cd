// Activities, attendance and calendar feeds over HTTP on both engines: a
// repeating series on everyone's timetable and feed, check-in with the
// rotating code (expired, forged, by someone not in the intake), marks by
// hand with excused absences, and attendance shares.
#include <gtest/gtest.h>

#include <map>

#include "api/participants_fixture.h"
#include "core/time_format.h"

namespace cohort::testing {
namespace {

class ActivitiesApi : public ParticipantsApi {
 protected:
  void SetUp() override {
    ParticipantsApi::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto trainer = accounts::CreateAdmin(db, portal_->trail(), system, {"trainer@dmx.test", "Tural Trainer", "a long passphrase", org_});
    ASSERT_TRUE(trainer.ok());
    SetRole(trainer->id, "trainer");
    trainer_id_ = trainer->id;
    trainer_ = Bearer(*accounts::CreateApiToken(db, portal_->trail(), system, "trainer@dmx.test", "t"));
  }
  // An activity starting `from_now` for `hours` hours; returns the answer.
  HttpResponse Create(const json& extra, std::chrono::minutes from_now, int hours = 2) {
    json body = {{"kind", "training"},
                 {"title", "Migration law"},
                 {"topic", "Residence permits"},
                 {"trainer_name", "Tural Trainer"},
                 {"trainer_kind", "staff"},
                 {"trainer_id", trainer_id_},
                 {"place", "Room 4"},
                 {"starts_at", FormatUtc(clock_.Now() + from_now)},
                 {"ends_at", FormatUtc(clock_.Now() + from_now + std::chrono::hours(hours))}};
    if (extra.is_object()) body.update(extra);
    return client().PostJson("/api/v1/intakes/" + intake_ + "/activities", body.dump(), staff_);
  }
  std::string FirstId(const HttpResponse& r) { return r.Json()["items"][0]["id"]; }
  // The path of a feed address (the host is the public URL).
  static std::string PathOf(const std::string& url) { return url.substr(url.find("/api/v1/")); }
  static int Count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  std::string trainer_id_;
  Headers trainer_;
};

TEST_P(ActivitiesApi, ActivitiesAreCheckedFieldByField) {
  auto bad = Create({{"ends_at", FormatUtc(clock_.Now())}, {"online_url", "zoom.example"}, {"trainer_id", reviewer_ids_[0]},
                     {"kind", "party"}, {"repeat", {{"every", "week"}, {"count", 60}}}},
                    std::chrono::minutes(60));
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto codes = Codes(bad);
  EXPECT_EQ(codes.at("ends_at"), "ends_before_start");
  EXPECT_EQ(codes.at("online_url"), "invalid_url");
  EXPECT_EQ(codes.at("trainer_id"), "not_staff");
  EXPECT_EQ(codes.at("kind"), "invalid_choice");
  EXPECT_EQ(codes.at("repeat.count"), "out_of_range");
  // Only staff plan activities.
  EXPECT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/activities", R"({"kind":"training"})", Applicant(0)).status, 403);
}

TEST_P(ActivitiesApi, ASeriesIsOnEveryTimetableAndCalendarFeed) {
  auto made = Create({{"repeat", {{"every", "week"}, {"count", 3}}}, {"trainer_kind", "partner"}}, std::chrono::hours(24));
  ASSERT_EQ(made.status, 201) << made.body;
  const json series = made.Json()["items"];
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0]["series_id"], series[2]["series_id"]);
  EXPECT_EQ(FormatUtc(*ParseRfc3339(series[0]["starts_at"].get<std::string>()) + std::chrono::hours(24 * 14)),
            series[2]["starts_at"]);
  // Participants see the intake's activities; people outside it do not.
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/activities", Applicant(0)).Json()["items"].size(), 3u);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/activities", Applicant(5)).status, 404);

  // A participant's feed carries the activities and, once published, their rotations.
  SaveAndRemember(Setup(2));
  ASSERT_EQ(Plan().status, 200);
  ASSERT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/publish", "", staff_).status, 200);
  auto address = client().PostJson("/api/v1/intakes/" + intake_ + "/calendar-feed", "{}", Applicant(0));
  ASSERT_EQ(address.status, 200) << address.body;
  const std::string url = address.Json()["url"];
  EXPECT_TRUE(url.starts_with("https://apply.example.az/api/v1/calendar/")) << url;
  auto feed = client().Get(PathOf(url));  // no credentials: the address is the key
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_NE(feed.Header("content-type").find("text/calendar"), std::string::npos);
  EXPECT_EQ(Count(feed.body, "BEGIN:VEVENT"), 6);  // 3 trainings + 3 rotations
  EXPECT_EQ(Count(feed.body, "DTSTART;VALUE=DATE:"), 3);
  EXPECT_NE(feed.body.find("SUMMARY:Migration law"), std::string::npos);
  // The same address again, until it is renewed.
  EXPECT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/calendar-feed", "{}", Applicant(0)).Json()["url"], url);

  // Cancelling from the second on marks both cancelled in the feed.
  auto cancelled = client().PostJson("/api/v1/activities/" + series[1]["id"].get<std::string>() + "/cancel",
                                     R"({"series": true})", staff_);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Json()["items"].size(), 2u);
  EXPECT_EQ(Count(client().Get(PathOf(url)).body, "STATUS:CANCELLED"), 2);

  // The intake's own feed, for staff; a renewed address retires the old one.
  auto intake_feed = client().PostJson("/api/v1/intakes/" + intake_ + "/calendar-feed", "{}", staff_);
  ASSERT_EQ(intake_feed.status, 200);
  EXPECT_EQ(Count(client().Get(PathOf(intake_feed.Json()["url"])).body, "BEGIN:VEVENT"), 3);
  auto renewed = client().PostJson("/api/v1/intakes/" + intake_ + "/calendar-feed", R"({"renew": true})", Applicant(0));
  EXPECT_NE(renewed.Json()["url"], url);
  EXPECT_EQ(client().Get(PathOf(url)).status, 404);
  EXPECT_EQ(client().PostJson("/api/v1/intakes/" + intake_ + "/calendar-feed", "{}", Applicant(5)).status, 404);
}

TEST_P(ActivitiesApi, ParticipantsCheckInWithTheRotatingCode) {
  auto made = Create({}, std::chrono::minutes(-10));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = FirstId(made);
  // The trainer shows the code; reviewers may not, participants see nothing to show.
  EXPECT_EQ(client().Get("/api/v1/activities/" + id + "/check-in-code", reviewers_[0]).status, 403);
  auto screen = client().Get("/api/v1/activities/" + id + "/check-in-code", trainer_);
  ASSERT_EQ(screen.status, 200) << screen.body;
  const std::string code = screen.Json()["code"];
  EXPECT_EQ(screen.Json()["url"], "https://apply.example.az/check-in/" + id + "?code=" + code);

  const std::string check_in = "/api/v1/activities/" + id + "/check-in";
  auto forged = client().PostJson(check_in, R"({"code": "ABCDEFGHJK"})", Applicant(0));
  ASSERT_EQ(forged.status, 422);
  EXPECT_EQ(Codes(forged)["code"], "invalid_code");
  // Someone not in the intake cannot check in, even with the right code.
  EXPECT_EQ(client().PostJson(check_in, json{{"code", code}}.dump(), Applicant(5)).status, 404);
  auto present = client().PostJson(check_in, json{{"code", code}}.dump(), Applicant(0));
  ASSERT_EQ(present.status, 200) << present.body;
  EXPECT_EQ(present.Json()["status"], "present");
  EXPECT_EQ(present.Json()["method"], "qr");

  // A minute later the code photographed and sent on no longer works.
  clock_.Advance(std::chrono::seconds(60));
  auto late = client().PostJson(check_in, json{{"code", code}}.dump(), Applicant(1));
  ASSERT_EQ(late.status, 422);
  EXPECT_EQ(Codes(late)["code"], "expired_code");
  const std::string fresh = client().Get("/api/v1/activities/" + id + "/check-in-code", trainer_).Json()["code"];
  EXPECT_NE(fresh, code);
  EXPECT_EQ(client().PostJson(check_in, json{{"code", fresh}}.dump(), Applicant(1)).status, 200);

  // The roster shows who checked in.
  const json roster = client().Get("/api/v1/activities/" + id + "/attendance", trainer_).Json()["items"];
  ASSERT_EQ(roster.size(), 4u);
  int present_count = 0;
  for (const auto& r : roster) present_count += r["status"] == "present" ? 1 : 0;
  EXPECT_EQ(present_count, 2);

  // Check-in opens half an hour before the start.
  auto later = Create({}, std::chrono::hours(48));
  auto closed = client().Get("/api/v1/activities/" + FirstId(later) + "/check-in-code", trainer_);
  ASSERT_EQ(closed.status, 409);
  EXPECT_EQ(closed.Json()["code"], "check_in_closed");
}

TEST_P(ActivitiesApi, AttendanceMarkedByHandMakesEachParticipantsShare) {
  const std::string past = FirstId(Create({}, std::chrono::minutes(-180)));
  const std::string other = FirstId(Create({{"title", "Visit to the border post"}, {"kind", "visit"}}, std::chrono::minutes(-300)));
  Create({{"title", "Not yet held"}}, std::chrono::hours(24));
  auto mark = [&](const std::string& activity, const json& items) {
    return Send("PUT", "/api/v1/activities/" + activity + "/attendance", json{{"items", items}}.dump(), trainer_);
  };
  auto missing_reason = mark(past, {{{"participant_id", participants_[0]}, {"status", "present"}},
                                    {{"participant_id", participants_[1]}, {"status", "excused"}}});
  ASSERT_EQ(missing_reason.status, 422);
  EXPECT_EQ(Codes(missing_reason)["items[1].reason"], "required");
  auto stranger = mark(past, {{{"participant_id", "01M818SWED844GZTK6E12D0VP2"}, {"status", "present"}}});
  EXPECT_EQ(Codes(stranger)["items[0].participant_id"], "not_in_intake");
  ASSERT_EQ(mark(past, {{{"participant_id", participants_[0]}, {"status", "present"}},
                        {{"participant_id", participants_[1]}, {"status", "excused"}, {"reason", "Doctor's note"}},
                        {{"participant_id", participants_[2]}, {"status", "absent"}}})
                .status,
            200);
  ASSERT_EQ(mark(other, {{{"participant_id", participants_[0]}, {"status", "present"}},
                         {{"participant_id", participants_[1]}, {"status", "present"}},
                         {{"participant_id", participants_[2]}, {"status", "present"}}})
                .status,
            200);
  auto shares = client().Get("/api/v1/intakes/" + intake_ + "/attendance", staff_);
  ASSERT_EQ(shares.status, 200) << shares.body;
  std::map<std::string, json> by_id;
  const json items = shares.Json()["items"];
  for (const auto& s : items) by_id[s["participant_id"]] = s;
  EXPECT_EQ(by_id[participants_[0]]["held"], 2);  // the one not yet held does not count
  EXPECT_EQ(by_id[participants_[0]]["share"], 1.0);
  EXPECT_EQ(by_id[participants_[1]]["excused"], 1);
  EXPECT_EQ(by_id[participants_[1]]["share"], 1.0);  // 1 of 1 counted
  EXPECT_EQ(by_id[participants_[2]]["share"], 0.5);
  EXPECT_EQ(by_id[participants_[3]]["absent"], 2);  // never marked: absent
  EXPECT_EQ(by_id[participants_[3]]["share"], 0.0);
  EXPECT_EQ(client().Get("/api/v1/intakes/" + intake_ + "/attendance", trainer_).status, 403);

  // Each participant sees their own share and the held activities, latest marks included.
  const json mine = client().Get("/api/v1/me/participations", Applicant(1)).Json()["items"][0]["attendance"];
  EXPECT_EQ(mine["held"], 2);
  EXPECT_EQ(mine["excused"], 1);
  EXPECT_EQ(mine["share"], 1.0);
  ASSERT_EQ(mine["items"].size(), 2u);
  EXPECT_EQ(mine["items"][0]["title"], "Visit to the border post");  // by start
  EXPECT_EQ(mine["items"][1]["status"], "excused");
  EXPECT_EQ(mine["items"][1]["reason"], "Doctor's note");
  EXPECT_EQ(client().Get("/api/v1/me/participations", Applicant(3)).Json()["items"][0]["attendance"]["items"][0]["status"],
            nullptr);
}

TEST_P(ActivitiesApi, TrainersSeeTheirOwnActivities) {
  const std::string mine = FirstId(Create({}, std::chrono::hours(2)));
  Create({{"trainer_id", nullptr}, {"trainer_name", "Guest lecturer"}}, std::chrono::hours(3));
  auto list = client().Get("/api/v1/me/activities", trainer_);
  ASSERT_EQ(list.status, 200) << list.body;
  const json items = list.Json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], mine);
  EXPECT_FALSE(items[0]["intake_name"].get<std::string>().empty());
  EXPECT_FALSE(items[0]["programme_name"].get<std::string>().empty());
  EXPECT_TRUE(items[0]["takes_attendance"]);
  EXPECT_EQ(items[0]["time_zone"], "Asia/Baku");
  EXPECT_EQ(client().Get("/api/v1/me/activities", Applicant(0)).Json()["items"].size(), 0u);

  // One activity: its trainer and staff take attendance; participants only read it; strangers do not see it.
  auto one = client().Get("/api/v1/activities/" + mine, trainer_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.Json()["title"], "Migration law");
  EXPECT_TRUE(one.Json()["takes_attendance"]);
  EXPECT_FALSE(client().Get("/api/v1/activities/" + mine, Applicant(0)).Json()["takes_attendance"]);
  EXPECT_EQ(client().Get("/api/v1/activities/" + mine, Applicant(5)).status, 404);
  EXPECT_EQ(client().Get("/api/v1/activities/not-an-id", staff_).status, 404);

  // A trainer who no longer holds a role in the organisation no longer sees them.
  ASSERT_TRUE(portal_->database().Write([&](db::Tx& tx) -> Result<void> {
    auto d = tx.Exec("DELETE FROM memberships WHERE account_id = :id", {db::P("id", trainer_id_)});
    if (!d) return d.error();
    return Ok();
  }).ok());
  EXPECT_EQ(client().Get("/api/v1/me/activities", trainer_).Json()["items"].size(), 0u);
}

COHORT_API_ON_BOTH_ENGINES(ActivitiesApi);

}  // namespace
}  // namespace cohort::testing
