// The authorization matrix: every route × every kind of actor, with the
// expected status in a table. A route the portal serves that is missing
// from the table fails the test, so the matrix grows with every route.
//
// Actors: the public; an applicant (an account without staff roles); an
// administrator, a coordinator and a reviewer of organisation A (the
// organisation the requests are about); an administrator of organisation B
// (other organisation); a platform administrator.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/api_fixture.h"
#include "domain/accounts/service.h"
#include "domain/applications/service.h"
#include "domain/organisations/service.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"
#include "domain/decisions/service.h"
#include "domain/interviews/service.h"
#include "domain/review/service.h"

namespace cohort::testing {
namespace {

enum Who { kPublic, kApplicant, kAdminA, kCoordinatorA, kReviewerA, kAdminB, kPlatform, kWhoCount };
const char* kWhoNames[] = {"public", "applicant", "admin_A", "coordinator_A", "reviewer_A", "admin_B", "platform"};

struct Ids {
  std::string org_a, org_b, unit_a, reviewer_a, applicant;
  std::string programme_a, intake_a, call_a, application;  // the applicant's draft to A's open call
  // Selection: A's review and interview stages, a submitted application
  // (of another applicant) in both, and reviewer A's review of it.
  std::string review_stage, interview_stage, application2, review, coordinator_a;
  std::string decision_stage;  // application2 has a draft decision there
  std::string panel, slot, booking;  // interview stage: application2 booked reviewer A's panel
};

// A's call: open at the fake clock's time, one required question.
constexpr const char* kCallSettings = R"({"title": {"en": "Call"}, "opens_at_local": "2026-11-01T09:00",
  "closes_at_local": "2026-12-01T18:00", "published": true,
  "form": {"fields": [{"key": "motivation", "type": "short_text", "label": {"en": "Why?"}, "required": true}]}})";

struct Row {
  const char* method;
  const char* pattern;  // as registered
  // Makes the concrete path (and whatever the request needs) for one call.
  std::function<std::string(const Ids&, int call)> path;
  std::function<std::string(int call)> body;
  std::array<int, kWhoCount> expected;
};

std::string Fixed(const char* s) { return s; }

review::StageReviewer Reviewer(const std::string& account_id) {
  review::StageReviewer r;
  r.account_id = account_id;
  return r;
}

// Two 30-minute interviews on 30 November, 09:00–10:00 Baku time.
interviews::SlotRequest SlotsOf(const std::string& stage, const std::string& panel) {
  interviews::SlotRequest r;
  r.stage_id = stage;
  r.panel_id = panel;
  r.days = {"2026-11-30"};
  r.from = "09:00";
  r.to = "10:00";
  r.length_minutes = 30;
  r.places = 2;
  return r;
}

review::ShortlistRequest Explicit(const std::string& application_id) {
  review::ShortlistRequest r;
  r.application_ids = {application_id};
  return r;
}

class AuthorizationMatrix : public ApiTest {
 protected:

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const auto& trail = portal_->trail();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto platform = accounts::CreateAdmin(db, trail, system, {"platform@cohort.test", "P", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    const RequestContext as_platform{Actor{platform->id, true, ""}, "en", "setup", clock_};
    organisations::Service orgs(db, trail);
    auto a = orgs.Create(as_platform, {"ORGA", "Organisation A", "AZ"});
    auto b = orgs.Create(as_platform, {"ORGB", "Organisation B", "AZ"});
    ASSERT_TRUE(a.ok() && b.ok());
    ids_.org_a = a->id;
    ids_.org_b = b->id;
    auto admin_a = accounts::CreateAdmin(db, trail, system, {"admin@a.test", "A", "a long passphrase", a->id});
    auto admin_b = accounts::CreateAdmin(db, trail, system, {"admin@b.test", "B", "a long passphrase", b->id});
    ASSERT_TRUE(admin_a.ok() && admin_b.ok());
    const RequestContext as_admin_a{Actor{admin_a->id, false, ""}, "en", "setup", clock_};
    auto unit = orgs.CreateUnit(as_admin_a, a->id, "Consular Department", "");
    ASSERT_TRUE(unit.ok());
    ids_.unit_a = unit->id;
    // Staff with one role each, and an applicant.
    auto person = [&](const std::string& email, const std::string& role) {
      auto acc = accounts::CreateAdmin(db, trail, system, {email, email, "a long passphrase", a->id});
      EXPECT_TRUE(acc.ok());
      auto r = db.Write([&](db::Tx& tx) -> Result<void> {
        if (auto d = tx.Exec("DELETE FROM memberships WHERE account_id = :id", {db::P("id", acc->id)}); !d) return d.error();
        if (role.empty()) return Ok();
        auto i = tx.Exec("INSERT INTO memberships (organisation_id, account_id, role, created_at) VALUES (:o, :a, :r, 't')",
                         {db::P("o", a->id), db::P("a", acc->id), db::P("r", role)});
        if (!i) return i.error();
        return Ok();
      });
      EXPECT_TRUE(r.ok());
      return acc->id;
    };
    ids_.applicant = person("applicant@example.az", "");
    ids_.coordinator_a = person("coordinator@a.test", "coordinator");
    ids_.reviewer_a = person("reviewer@a.test", "reviewer");
    // A programme, intake and open call of A, and the applicant's draft.
    programmes::Service programmes(db, trail);
    auto programme = programmes.CreateProgramme(as_admin_a, a->id, {"Diplomacy Volunteers", "DV", ""});
    ASSERT_TRUE(programme.ok());
    ids_.programme_a = programme->id;
    auto intake = programmes.CreateIntake(as_admin_a, programme->id, {"2027", "2027-02-01", "2027-07-31", 95, "Asia/Baku", ""});
    ASSERT_TRUE(intake.ok());
    ids_.intake_a = intake->id;
    auto settings = programmes::ParseCallSettings(nlohmann::json::parse(kCallSettings));
    ASSERT_TRUE(settings.ok());
    auto call = programmes.PutCall(as_admin_a, intake->id, *settings);
    ASSERT_TRUE(call.ok()) << call.error().message();
    ids_.call_a = call->id;
    applications::Service applications(db, trail);
    auto draft = applications.Start({Actor{ids_.applicant, false, ""}, "en", "setup", clock_}, call->id);
    ASSERT_TRUE(draft.ok()) << draft.error().message();
    ids_.application = draft->application.id;
    // A second applicant's submitted application, in the review stage with
    // reviewer A assigned, and moved on to the interview stage.
    const std::string applicant2 = person("second@example.az", "");
    const RequestContext as_applicant2{Actor{applicant2, false, ""}, "en", "setup", clock_};
    auto second = applications.Start(as_applicant2, call->id);
    ASSERT_TRUE(second.ok());
    ids_.application2 = second->application.id;
    ASSERT_TRUE(applications.Autosave(as_applicant2, second->application.id, {{"motivation", "to serve"}}, 1).ok());
    ASSERT_TRUE(applications.Submit(as_applicant2, second->application.id).ok());
    review::Service selection(db, trail);
    auto stages = selection.Stages(as_admin_a, intake->id);
    ASSERT_TRUE(stages.ok() && stages->size() == 4);
    ids_.review_stage = (*stages)[1].id;
    ids_.interview_stage = (*stages)[2].id;
    ASSERT_TRUE(selection.UpdateStage(as_admin_a, ids_.review_stage, {{"reviewers_per_application", 1},
                                                {"rubric", {{{"key", "overall"}, {"label", {{"en", "Overall"}}}}}}}, 1).ok());
    ASSERT_TRUE(selection.PutReviewer(as_admin_a, ids_.review_stage, Reviewer(ids_.reviewer_a)).ok());
    ASSERT_TRUE(selection.Admit(as_admin_a, ids_.review_stage).ok());
    auto assigned = selection.AssignAutomatically(as_admin_a, ids_.review_stage);
    ASSERT_TRUE(assigned.ok() && assigned->added == 1);
    auto reviews = selection.Assignments(as_admin_a, ids_.review_stage, {});
    ASSERT_TRUE(reviews.ok() && reviews->size() == 1);
    ids_.review = reviews->front().review.id;
    ASSERT_TRUE(selection.Shortlist(as_admin_a, ids_.review_stage, Explicit(ids_.application2)).ok());
    interviews::Service interviews(db, trail);
    interviews::Panel panel;
    panel.name = "Panel";
    panel.members = {ids_.reviewer_a};
    auto made_panel = interviews.AddPanel(as_admin_a, ids_.interview_stage, panel);
    ASSERT_TRUE(made_panel.ok()) << made_panel.error().message();
    ids_.panel = made_panel->id;
    auto slots = interviews.GenerateSlots(as_admin_a, intake->id, SlotsOf(ids_.interview_stage, ids_.panel));
    ASSERT_TRUE(slots.ok() && slots->size() == 2) << (slots.ok() ? "" : slots.error().message());
    ids_.slot = (*slots)[1].id;
    auto booked = interviews.Book(as_applicant2, (*slots)[0].id);
    ASSERT_TRUE(booked.ok()) << booked.error().message();
    ids_.booking = booked->id;
    ids_.decision_stage = (*stages)[3].id;
    ASSERT_TRUE(selection.Shortlist(as_admin_a, ids_.interview_stage, Explicit(ids_.application2)).ok());
    auto board = decisions::Service(db, trail).Prepare(as_admin_a, intake->id, ids_.decision_stage);
    ASSERT_TRUE(board.ok()) << board.error().message();
    const char* emails[] = {nullptr, "applicant@example.az", "admin@a.test", "coordinator@a.test", "reviewer@a.test",
                            "admin@b.test", "platform@cohort.test"};
    for (int w = kApplicant; w < kWhoCount; ++w) {
      auto t = accounts::CreateApiToken(db, trail, system, emails[w], "matrix");
      ASSERT_TRUE(t.ok());
      tokens_[w] = *t;
    }
  }

  Headers For(int who) const {
    Headers h;
    if (who != kPublic) h.emplace_back("Authorization", "Bearer " + tokens_[who]);
    return h;
  }

  // A fresh API token of the applicant, returned as its id (for DELETE).
  std::string FreshApplicantTokenId() {
    const RequestContext ctx{Actor{ids_.applicant, false, ""}, "en", "setup", clock_};
    auto t = portal_->accounts().CreateToken(ctx, "to revoke");
    EXPECT_TRUE(t.ok());
    return t->first.id;
  }
  // A stage added to A's call, to be deleted.
  std::string FreshStage() {
    review::Service selection(portal_->database(), portal_->trail());
    auto s = selection.AddStage(AdminA(), ids_.intake_a, "decision", nullptr, std::nullopt);
    EXPECT_TRUE(s.ok());
    return s->id;
  }
  // The coordinator of A as a reviewer of the interview stage (to be removed).
  void CoordinatorReviewsInterviews() {
    review::Service selection(portal_->database(), portal_->trail());
    EXPECT_TRUE(selection.PutReviewer(AdminA(), ids_.interview_stage, Reviewer(ids_.coordinator_a)).ok());
  }
  // An open review of the coordinator on the interview stage (to be removed).
  std::string OpenInterviewReview() {
    CoordinatorReviewsInterviews();
    review::Service selection(portal_->database(), portal_->trail());
    auto open = selection.Assignments(AdminA(), ids_.interview_stage, {ids_.coordinator_a, "", "assigned"});
    EXPECT_TRUE(open.ok());
    if (!open->empty()) return open->front().review.id;
    auto r = selection.AssignManually(AdminA(), ids_.interview_stage, ids_.application2, ids_.coordinator_a);
    EXPECT_TRUE(r.ok()) << r.error().message();
    return r->review.id;
  }
  RequestContext AdminA() {
    auto admin = portal_->database().Read([&](db::Tx& tx) -> Result<std::string> {
      auto row = tx.QueryOne("SELECT id FROM accounts WHERE email = 'admin@a.test'");
      if (!row) return row.error();
      return (**row).Text(0);
    });
    return {Actor{*admin, false, ""}, "en", "setup", clock_};
  }
  std::string DecisionOfApplication2() { return One("SELECT id FROM decisions WHERE application_id = '" + ids_.application2 + "'"); }
  std::string OfferOfApplication2() { return One("SELECT id FROM offers WHERE application_id = '" + ids_.application2 + "'"); }
  std::string One(const std::string& sql) {
    auto id = portal_->database().Read([&](db::Tx& tx) -> Result<std::string> {
      auto row = tx.QueryOne(sql);
      if (!row) return row.error();
      return *row ? (**row).Text(0) : std::string("01M8VK8WKVV9QQT73BS1GZX7NW");
    });
    return *id;
  }
  std::string FreshPanel() {
    interviews::Panel p;
    p.name = "To delete";
    p.members = {ids_.reviewer_a};
    auto made = interviews::Service(portal_->database(), portal_->trail()).AddPanel(AdminA(), ids_.interview_stage, p);
    EXPECT_TRUE(made.ok());
    return made->id;
  }
  std::string FreshSlot() {
    auto made = interviews::Service(portal_->database(), portal_->trail())
                    .GenerateSlots(AdminA(), ids_.intake_a, SlotsOf(ids_.interview_stage, ids_.panel));
    EXPECT_TRUE(made.ok());
    return made->front().id;
  }
  void GrantTrainerToReviewer() {
    (void)portal_->database().Write([&](db::Tx& tx) {
      return tx.Exec("INSERT INTO memberships (organisation_id, account_id, role, created_at) VALUES (:o, :a, 'trainer', 't') "
                     "ON CONFLICT DO NOTHING",
                     {db::P("o", ids_.org_a), db::P("a", ids_.reviewer_a)});
    });
  }

  Ids ids_;
  std::array<std::string, kWhoCount> tokens_;
};

TEST_P(AuthorizationMatrix, EveryRouteAnswersEveryActorAsTheTableSays) {
  auto n = [](int call) { return std::to_string(call); };
  const std::vector<Row> rows = {
      // method, pattern, path, body, {public, applicant, admin A, coordinator A, reviewer A, admin B, platform}
      {"GET", "/healthz", [](auto&, int) { return Fixed("/healthz"); }, nullptr, {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/readyz", [](auto&, int) { return Fixed("/readyz"); }, nullptr, {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/metrics", [](auto&, int) { return Fixed("/metrics"); }, nullptr, {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/status", [](auto&, int) { return Fixed("/api/v1/status"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/privacy-notice", [](auto&, int) { return Fixed("/api/v1/privacy-notice"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/accounts", [](auto&, int) { return Fixed("/api/v1/accounts"); },
       [n](int c) { return R"({"name":"N","email":"new)" + n(c) + R"(@example.az","password":"a long passphrase","consent":true})"; },
       {202, 202, 202, 202, 202, 202, 202}},
      {"POST", "/api/v1/accounts/verify", [](auto&, int) { return Fixed("/api/v1/accounts/verify"); },
       [](int) { return Fixed(R"({"token":"made-up"})"); }, {422, 422, 422, 422, 422, 422, 422}},
      {"POST", "/api/v1/session", [](auto&, int) { return Fixed("/api/v1/session"); },
       [n](int c) { return R"({"email":"nobody)" + n(c) + R"(@a.test","password":"not the password"})"; },
       {401, 401, 401, 401, 401, 401, 401}},
      {"GET", "/api/v1/session", [](auto&, int) { return Fixed("/api/v1/session"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      // Bearer callers have no session to end.
      {"DELETE", "/api/v1/session", [](auto&, int) { return Fixed("/api/v1/session"); }, nullptr,
       {401, 401, 401, 401, 401, 401, 401}},
      {"GET", "/api/v1/me", [](auto&, int) { return Fixed("/api/v1/me"); }, nullptr, {401, 200, 200, 200, 200, 200, 200}},
      {"PATCH", "/api/v1/me", [](auto&, int) { return Fixed("/api/v1/me"); }, [](int) { return Fixed(R"({"name":"Renamed"})"); },
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/me/password", [](auto&, int) { return Fixed("/api/v1/me/password"); },
       [](int) { return Fixed(R"({"current_password":"wrong wrong","new_password":"another long one"})"); },
       {401, 422, 422, 422, 422, 422, 422}},
      {"POST", "/api/v1/me/email", [](auto&, int) { return Fixed("/api/v1/me/email"); },
       [](int) { return Fixed(R"({"new_email":"moved@example.az","password":"not the password"})"); },
       {401, 422, 422, 422, 422, 422, 422}},
      {"POST", "/api/v1/password-reset", [](auto&, int) { return Fixed("/api/v1/password-reset"); },
       [](int) { return Fixed(R"({"email":"applicant@example.az"})"); }, {202, 202, 202, 202, 202, 202, 202}},
      {"POST", "/api/v1/password-reset/confirm", [](auto&, int) { return Fixed("/api/v1/password-reset/confirm"); },
       [](int) { return Fixed(R"({"token":"made-up","new_password":"another long one"})"); },
       {422, 422, 422, 422, 422, 422, 422}},
      // Two-factor set-up is one's own business; codes are checked per account.
      {"POST", "/api/v1/me/totp/setup", [](auto&, int) { return Fixed("/api/v1/me/totp/setup"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/me/totp/enable", [](auto&, int) { return Fixed("/api/v1/me/totp/enable"); },
       [](int) { return Fixed(R"({"code":"abcdef"})"); }, {401, 422, 422, 422, 422, 422, 422}},
      {"POST", "/api/v1/me/totp/disable", [](auto&, int) { return Fixed("/api/v1/me/totp/disable"); },
       [](int) { return Fixed(R"({"code":"abcdef"})"); }, {401, 409, 409, 409, 409, 409, 409}},
      {"GET", "/api/v1/me/tokens", [](auto&, int) { return Fixed("/api/v1/me/tokens"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/me/tokens", [](auto&, int) { return Fixed("/api/v1/me/tokens"); },
       [](int) { return Fixed(R"({"name":"extra"})"); }, {401, 201, 201, 201, 201, 201, 201}},
      // The token belongs to the applicant: only they can revoke it; to
      // everyone else it does not exist.
      {"DELETE", "/api/v1/me/tokens/{id}", [this](auto&, int) { return "/api/v1/me/tokens/" + FreshApplicantTokenId(); },
       nullptr, {401, 204, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/organisations", [](auto&, int) { return Fixed("/api/v1/organisations"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/organisations/{id}", [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a; }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/organisations", [](auto&, int) { return Fixed("/api/v1/organisations"); },
       [n](int c) { return R"({"slug":"NEW)" + n(c) + R"(","name":"New"})"; }, {401, 403, 403, 403, 403, 403, 201}},
      {"PATCH", "/api/v1/organisations/{id}", [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a; },
       [](int) { return Fixed(R"({"name":"Organisation A"})"); }, {401, 403, 200, 403, 403, 403, 200}},
      {"GET", "/api/v1/organisations/{id}/units", [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/units"; },
       nullptr, {401, 403, 200, 200, 200, 403, 200}},
      {"POST", "/api/v1/organisations/{id}/units",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/units"; },
       [n](int c) { return R"({"name":"Unit )" + n(c) + R"("})"; }, {401, 403, 201, 201, 403, 403, 201}},
      {"PATCH", "/api/v1/units/{id}", [](const Ids& i, int) { return "/api/v1/units/" + i.unit_a; },
       [n](int c) { return R"({"description":"d)" + n(c) + R"("})"; }, {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/organisations/{id}/members",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/members"; }, nullptr,
       {401, 403, 200, 403, 403, 403, 200}},
      {"POST", "/api/v1/organisations/{id}/members/{account}/roles",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/members/" + i.reviewer_a + "/roles"; },
       [](int) { return Fixed(R"({"role":"interviewer"})"); }, {401, 403, 200, 403, 403, 403, 200}},
      {"DELETE", "/api/v1/organisations/{id}/members/{account}/roles/{role}",
       [this](const Ids& i, int) {
         GrantTrainerToReviewer();
         return "/api/v1/organisations/" + i.org_a + "/members/" + i.reviewer_a + "/roles/trainer";
       },
       nullptr, {401, 403, 204, 403, 403, 403, 204}},
      {"GET", "/api/v1/organisations/{id}/invitations",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/invitations"; }, nullptr,
       {401, 403, 200, 403, 403, 403, 200}},
      // An administrator of B may not invite people into A.
      {"POST", "/api/v1/organisations/{id}/invitations",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/invitations"; },
       [n](int c) { return R"({"email":"invitee)" + n(c) + R"(@example.az","role":"reviewer"})"; },
       {401, 403, 201, 403, 403, 403, 201}},
      {"GET", "/api/v1/audit", [](const Ids& i, int) { return "/api/v1/audit?subject_type=unit&subject_id=" + i.unit_a; },
       nullptr, {401, 403, 200, 403, 403, 200, 200}},
      {"GET", "/api/v1/me/notifications", [](auto&, int) { return Fixed("/api/v1/me/notifications"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/me/notifications/{id}/read",
       [](auto&, int) { return Fixed("/api/v1/me/notifications/01M818SWED844GZTK6E12D0VP2/read"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/invitations/accept", [](auto&, int) { return Fixed("/api/v1/invitations/accept"); },
       [](int) { return Fixed(R"({"token":"made-up"})"); }, {401, 422, 422, 422, 422, 422, 422}},
      // Programmes, intakes and calls: staff of A see them, administrators
      // and coordinators change them; to others they do not exist.
      {"GET", "/api/v1/organisations/{id}/programmes",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/programmes"; }, nullptr,
       {401, 403, 200, 200, 200, 403, 200}},
      {"POST", "/api/v1/organisations/{id}/programmes",
       [](const Ids& i, int) { return "/api/v1/organisations/" + i.org_a + "/programmes"; },
       [n](int c) { return R"({"name":"P)" + n(c) + R"(","code":"P)" + n(c) + R"("})"; }, {401, 403, 201, 201, 403, 403, 201}},
      {"GET", "/api/v1/programmes/{id}", [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"GET", "/api/v1/programmes/{id}/intakes",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/intakes"; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"POST", "/api/v1/programmes/{id}/intakes",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/intakes"; },
       [n](int c) { return R"({"name":"I)" + n(c) + R"(","starts_on":"2028-02-01","ends_on":"2028-07-31","capacity":10})"; },
       {401, 404, 201, 201, 403, 404, 201}},
      {"GET", "/api/v1/intakes/{id}", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"PATCH", "/api/v1/intakes/{id}", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a; },
       [](int) { return Fixed(R"({"capacity":96})"); }, {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/intakes/{id}/call", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/call"; },
       nullptr, {401, 404, 200, 200, 200, 404, 200}},
      {"PUT", "/api/v1/intakes/{id}/call", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/call"; },
       [](int) { return Fixed(kCallSettings); }, {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/calls", [](auto&, int) { return Fixed("/api/v1/calls"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/calls/{id}", [](const Ids& i, int) { return "/api/v1/calls/" + i.call_a; }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      // Anyone signed in may apply, once: the applicant already has a draft.
      {"POST", "/api/v1/calls/{id}/applications",
       [](const Ids& i, int) { return "/api/v1/calls/" + i.call_a + "/applications"; }, nullptr,
       {401, 409, 201, 201, 201, 201, 201}},
      // The applicant's own application: administrators and coordinators of
      // A read it (audited); nobody else learns it exists; only its
      // applicant changes it.
      {"GET", "/api/v1/applications/{id}", [](const Ids& i, int) { return "/api/v1/applications/" + i.application; },
       nullptr, {401, 200, 200, 200, 404, 404, 200}},
      {"PATCH", "/api/v1/applications/{id}", [](const Ids& i, int) { return "/api/v1/applications/" + i.application; },
       [](int) { return Fixed(R"({"answers":{"motivation":"To serve"},"version":1})"); },
       {401, 200, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/applications/{id}/submit",
       [](const Ids& i, int) { return "/api/v1/applications/" + i.application + "/submit"; }, nullptr,
       {401, 200, 404, 404, 404, 404, 404}},
      // Its own applicant only; not short-listed, so its short-list form is not open (409).
      {"POST", "/api/v1/applications/{id}/second-stage/submit",
       [](const Ids& i, int) { return "/api/v1/applications/" + i.application + "/second-stage/submit"; }, nullptr,
       {401, 409, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/applications/{id}/withdraw",
       [](const Ids& i, int) { return "/api/v1/applications/" + i.application + "/withdraw"; }, nullptr,
       {401, 200, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/calls.atom", [](auto&, int) { return Fixed("/api/v1/calls.atom"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      // A non-multipart body: each caller gets as far as the route lets them.
      {"POST", "/api/v1/applications/{id}/documents",
       [](const Ids& i, int) { return "/api/v1/applications/" + i.application + "/documents"; },
       [](int) { return Fixed("{}"); }, {401, 415, 415, 415, 415, 415, 415}},
      {"GET", "/api/v1/documents/{id}", [](auto&, int) { return Fixed("/api/v1/documents/01M818SWED844GZTK6E12D0VP2"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      // Screening a draft is refused after the permission check.
      {"POST", "/api/v1/applications/{id}/screening",
       [](const Ids& i, int) { return "/api/v1/applications/" + i.application + "/screening"; },
       [](int) { return Fixed(R"({"decision":"eligible","reason":"checked"})"); }, {401, 404, 409, 409, 404, 404, 409}},
      {"POST", "/api/v1/intakes/{id}/eligibility/evaluate",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/eligibility/evaluate"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/me/applications", [](auto&, int) { return Fixed("/api/v1/me/applications"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/intakes/{id}/applications",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/applications"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      // Selection (issue 5): staff of A manage it; reviewers act on their own reviews only.
      {"GET", "/api/v1/intakes/{id}/stages", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/stages"; },
       nullptr, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/stages", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/stages"; },
       [](int) { return Fixed(R"({"kind":"decision"})"); }, {401, 404, 201, 201, 403, 404, 201}},
      {"PUT", "/api/v1/intakes/{id}/stages/order",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/stages/order"; },
       [](int) { return Fixed(R"({"stage_ids":[]})"); }, {401, 404, 422, 422, 403, 404, 422}},
      {"GET", "/api/v1/stages/{id}", [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/stages/{id}", [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage; },
       [](int) { return Fixed(R"({"settings":{},"version":0})"); }, {401, 404, 409, 409, 403, 404, 409}},
      {"DELETE", "/api/v1/stages/{id}", [this](auto&, int) { return "/api/v1/stages/" + FreshStage(); }, nullptr,
       {401, 404, 204, 204, 403, 404, 204}},
      {"GET", "/api/v1/stages/{id}/reviewers", [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage + "/reviewers"; },
       nullptr, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/stages/{id}/reviewers",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/reviewers"; },
       [this](int) { return R"({"account_id":")" + ids_.reviewer_a + R"("})"; }, {401, 404, 201, 201, 403, 404, 201}},
      {"DELETE", "/api/v1/stages/{id}/reviewers/{account}",
       [this](const Ids& i, int) {
         CoordinatorReviewsInterviews();
         return "/api/v1/stages/" + i.interview_stage + "/reviewers/" + i.coordinator_a;
       },
       nullptr, {401, 404, 204, 204, 403, 404, 204}},
      {"POST", "/api/v1/stages/{id}/admit", [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage + "/admit"; },
       nullptr, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/stages/{id}/shortlist",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage + "/shortlist"; },
       [](int) { return Fixed(R"({"top":1})"); }, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/review-assignments",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/review-assignments"; },
       [this](int) { return R"({"stage_id":")" + ids_.review_stage + R"(","mode":"automatic"})"; },
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/stages/{id}/review-assignments",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage + "/review-assignments"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"DELETE", "/api/v1/review-assignments/{id}",
       [this](auto&, int) { return "/api/v1/review-assignments/" + OpenInterviewReview(); }, nullptr,
       {401, 404, 204, 204, 403, 404, 204}},
      {"POST", "/api/v1/stages/{id}/reminders",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.review_stage + "/reminders"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/me/reviews", [](auto&, int) { return Fixed("/api/v1/me/reviews"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/reviews/{id}", [](const Ids& i, int) { return "/api/v1/reviews/" + i.review; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      // Through a review: 404 for a document not of its application (review_test covers the 200s).
      {"GET", "/api/v1/reviews/{id}/documents/{document}",
       [](const Ids& i, int) { return "/api/v1/reviews/" + i.review + "/documents/01M818SWED844GZTK6E12D0VP2"; }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      // Only the assigned reviewer scores; staff are told so, others see nothing.
      {"PUT", "/api/v1/reviews/{id}", [](const Ids& i, int) { return "/api/v1/reviews/" + i.review; },
       [](int) { return Fixed(R"({"scores":{},"version":0})"); }, {401, 404, 403, 403, 409, 404, 403}},
      {"POST", "/api/v1/reviews/{id}/submit", [](const Ids& i, int) { return "/api/v1/reviews/" + i.review + "/submit"; },
       nullptr, {401, 404, 403, 403, 422, 404, 403}},
      {"POST", "/api/v1/reviews/{id}/conflict", [](const Ids& i, int) { return "/api/v1/reviews/" + i.review + "/conflict"; },
       [](int) { return Fixed(R"({"reason":""})"); }, {401, 404, 403, 403, 422, 404, 403}},
      {"POST", "/api/v1/reviews/{id}/reopen", [](const Ids& i, int) { return "/api/v1/reviews/" + i.review + "/reopen"; },
       nullptr, {401, 404, 409, 409, 403, 404, 409}},
      // Decisions: staff of A prepare, change (with a reason) and publish once;
      // an offer belongs to its applicant alone.
      {"POST", "/api/v1/intakes/{id}/decisions", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/decisions"; },
       [this](int) { return R"({"stage_id":")" + ids_.decision_stage + R"("})"; }, {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/intakes/{id}/decisions",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/decisions?stage=" + i.decision_stage; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/decisions/{id}", [this](auto&, int) { return "/api/v1/decisions/" + DecisionOfApplication2(); },
       [](int) { return Fixed(R"({"outcome":"accept","reason":"matrix"})"); }, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/decisions/publish",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/decisions/publish"; },
       [this](int) { return R"({"stage_id":")" + ids_.decision_stage + R"("})"; }, {401, 404, 200, 409, 403, 404, 409}},
      {"GET", "/api/v1/me/offers", [](auto&, int) { return Fixed("/api/v1/me/offers"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/offers/{id}/accept", [this](auto&, int) { return "/api/v1/offers/" + OfferOfApplication2() + "/accept"; },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/offers/{id}/decline", [this](auto&, int) { return "/api/v1/offers/" + OfferOfApplication2() + "/decline"; },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      // Running the programme: staff of A keep participants, set-up and plan
      // (participants_test covers a participant's own routes and the 200s).
      {"GET", "/api/v1/intakes/{id}/participants",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/participants"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/participants/{id}/withdraw",
       [](auto&, int) { return Fixed("/api/v1/participants/01M818SWED844GZTK6E12D0VP2/withdraw"); },
       [](int) { return Fixed(R"({"reason":"matrix"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/participants/{id}/preferences",
       [](auto&, int) { return Fixed("/api/v1/participants/01M818SWED844GZTK6E12D0VP2/preferences"); },
       [](int) { return Fixed(R"({"languages":[],"unit_ids":[]})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/me/participations", [](auto&, int) { return Fixed("/api/v1/me/participations"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/intakes/{id}/rotation-setup",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotation-setup"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/intakes/{id}/rotation-setup",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotation-setup"; },
       [](int) { return Fixed(R"({"version":-1})"); }, {401, 404, 409, 409, 403, 404, 409}},
      {"GET", "/api/v1/intakes/{id}/rotations",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotations"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/rotations/plan",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotations/plan"; },
       [](int) { return Fixed(R"({"keep_manual":true})"); }, {401, 404, 409, 409, 403, 404, 409}},
      {"POST", "/api/v1/intakes/{id}/rotations/move",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotations/move"; },
       [](int) { return Fixed(R"({"participant_id":"01M818SWED844GZTK6E12D0VP2","period_id":"x","unit_id":null})"); },
       {401, 404, 404, 404, 403, 404, 404}},
      {"POST", "/api/v1/intakes/{id}/rotations/publish",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/rotations/publish"; }, nullptr,
       {401, 404, 409, 409, 403, 404, 409}},
      {"GET", "/api/v1/me/interns", [](auto&, int) { return Fixed("/api/v1/me/interns"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      // Activities: staff of A plan them and see attendance; any staff member sees
      // the list (activities_test covers trainers, participants and the 200s).
      {"GET", "/api/v1/intakes/{id}/activities",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/activities"; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/activities",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/activities"; },
       [](int) { return Fixed(R"({"kind":"training"})"); }, {401, 404, 422, 422, 403, 404, 422}},
      // Networks: platform administrators create them; an unknown network is 404 for everyone signed in
      // (networks_test covers members, network administrators and chairs).
      {"POST", "/api/v1/networks", [](auto&, int) { return Fixed("/api/v1/networks"); },
       [](int) { return Fixed(R"({"code":"x","name":""})"); }, {401, 403, 403, 403, 403, 403, 422}},
      {"GET", "/api/v1/networks", [](auto&, int) { return Fixed("/api/v1/networks"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/networks/{id}", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/networks/{id}/members",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/members"); },
       [](int) { return Fixed(R"({"organisation_id":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"DELETE", "/api/v1/networks/{id}/members/{organisation}",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/members/x"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/networks/{id}/admins",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/admins"); },
       [](int) { return Fixed(R"({"email":"x@y.test"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/networks/{id}/chairs/{year}",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/chairs/2027"); },
       [](int) { return Fixed(R"({"organisation_id":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/networks/{id}/chairs/{year}/hand-over",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/chairs/2027/hand-over"); },
       [](int) { return Fixed(R"({"organisation_id":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/networks/{id}/events",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/events"); },
       [](int) { return Fixed(R"({"kind":"week"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/events",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/events"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/events/{id}", [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/events/{id}/sessions",
       [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2/sessions"); },
       [](int) { return Fixed(R"({"title":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/events/{id}/delegations",
       [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2/delegations"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/events/{id}/badges",
       [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2/badges"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/events/{id}/delegations/{organisation}",
       [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2/delegations/x"); },
       [](int) { return Fixed(R"({"delegates":[]})"); }, {401, 404, 404, 404, 404, 404, 404}},
      // Check-in at an event's sessions: the code for network administrators and the host; the
      // check-in and the pass need no account (the pass key is the secret), an unknown one is refused.
      {"GET", "/api/v1/event-sessions/{id}/check-in-code",
       [](auto&, int) { return Fixed("/api/v1/event-sessions/01M818SWED844GZTK6E12D0VP2/check-in-code"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/event-sessions/{id}/check-ins",
       [](auto&, int) { return Fixed("/api/v1/event-sessions/01M818SWED844GZTK6E12D0VP2/check-ins"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/event-sessions/{id}/check-ins",
       [](auto&, int) { return Fixed("/api/v1/event-sessions/01M818SWED844GZTK6E12D0VP2/check-ins"); },
       [](int) { return Fixed(R"({"pass":"x","code":"y"})"); }, {404, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/passes/{key}", [](auto&, int) { return Fixed("/api/v1/passes/x"); }, nullptr,
       {404, 404, 404, 404, 404, 404, 404}},
      // Yearly reports (networks_test covers the chair, members and network administrators).
      {"PUT", "/api/v1/networks/{id}/report-forms/{year}",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/report-forms/2027"); },
       [](int) { return Fixed(R"({"due_on":"2028-01-31"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/report-forms/{year}", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/report-forms/2027"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/yearly-reports/{year}", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/yearly-reports/2027"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/yearly-reports/2027/x"); }, nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"PATCH", "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/yearly-reports/2027/x"); },
       [](int) { return Fixed(R"({"answers":{}})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/networks/{id}/yearly-reports/{year}/{organisation}/submit",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/yearly-reports/2027/x/submit"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      // Templates (networks_test covers publishing and adopting).
      {"POST", "/api/v1/networks/{id}/templates", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/templates"); },
       [](int) { return Fixed(R"({"title":"x","intake_id":"y"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/templates", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/templates"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/network-templates/{id}", [](auto&, int) { return Fixed("/api/v1/network-templates/01M818SWED844GZTK6E12D0VP2"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/network-templates/{id}/adopt", [](auto&, int) { return Fixed("/api/v1/network-templates/01M818SWED844GZTK6E12D0VP2/adopt"); },
       [](int) { return Fixed(R"({"organisation_id":"x","code":"Y"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"PATCH", "/api/v1/networks/{id}", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2"); },
       [](int) { return Fixed(R"({"name":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"DELETE", "/api/v1/networks/{id}/admins/{account}", [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/admins/x"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"PATCH", "/api/v1/events/{id}", [](auto&, int) { return Fixed("/api/v1/events/01M818SWED844GZTK6E12D0VP2"); },
       [](int) { return Fixed(R"({"title":"x"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"DELETE", "/api/v1/event-sessions/{id}",
       [](auto&, int) { return Fixed("/api/v1/event-sessions/01M818SWED844GZTK6E12D0VP2"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/networks/{id}/reports/dashboard",
       [](auto&, int) { return Fixed("/api/v1/networks/01M818SWED844GZTK6E12D0VP2/reports/dashboard"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      // Reports: aggregates for any member of the organisation.
      {"GET", "/api/v1/intakes/{id}/reports/funnel", [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/reports/funnel"; },
       nullptr, {401, 404, 200, 200, 200, 404, 200}},
      {"GET", "/api/v1/programmes/{id}/reports/funnel",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/reports/funnel"; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"GET", "/api/v1/intakes/{id}/reports/breakdowns",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/reports/breakdowns"; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"GET", "/api/v1/intakes/{id}/reports/breakdowns/{dimension}",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/reports/breakdowns/none"; }, nullptr,
       {401, 404, 422, 422, 422, 404, 422}},
      {"GET", "/api/v1/intakes/{id}/reports/reviewers",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/reports/reviewers"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      // Public figures of a programme with a published call: everyone.
      {"GET", "/api/v1/programmes/{id}/statistics",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/statistics"; }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      // One activity (activities_test covers the 200s); a trainer's own list is per account.
      {"GET", "/api/v1/activities/{id}", [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/me/activities", [](auto&, int) { return Fixed("/api/v1/me/activities"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"PUT", "/api/v1/activities/{id}", [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2"); },
       [](int) { return Fixed(R"({"version":1})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/activities/{id}/cancel",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/cancel"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/activities/{id}/check-in-code",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/check-in-code"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/activities/{id}/check-in",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/check-in"); },
       [](int) { return Fixed(R"({"code":"ABCDEFGHJK"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/activities/{id}/attendance",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/attendance"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/activities/{id}/attendance",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/attendance"); },
       [](int) { return Fixed(R"({"items":[]})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/intakes/{id}/attendance",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/attendance"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/calendar-feed",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/calendar-feed"; },
       [](int) { return Fixed("{}"); }, {401, 404, 200, 200, 404, 404, 200}},
      // A feed's secret address is its own permission: unknown ones are 404 for everyone.
      {"GET", "/api/v1/calendar/{token}", [](auto&, int) { return Fixed("/api/v1/calendar/00000000000000000000000000000000.ics"); },
       nullptr, {404, 404, 404, 404, 404, 404, 404}},
      // Evaluations: a rotation's supervisor or staff; feedback: participants
      // give it, trainers and staff read it (evaluations_test covers the 200s).
      {"GET", "/api/v1/me/evaluations", [](auto&, int) { return Fixed("/api/v1/me/evaluations"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"PUT", "/api/v1/evaluations", [](auto&, int) { return Fixed("/api/v1/evaluations"); },
       [](int) { return Fixed(R"({"participant_id":"01M818SWED844GZTK6E12D0VP2","period_id":"x","scores":{}})"); },
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/intakes/{id}/evaluations",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/evaluations"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/activities/{id}/feedback",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/feedback"); },
       [](int) { return Fixed(R"({"rating":4})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/activities/{id}/feedback",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/feedback"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      // Alumni: staff of A see them all; the directory is staff's and alumni's.
      {"GET", "/api/v1/programmes/{id}/alumni",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/alumni"; }, nullptr,
       {401, 404, 200, 200, 404, 404, 200}},
      {"GET", "/api/v1/programmes/{id}/alumni-directory",
       [](const Ids& i, int) { return "/api/v1/programmes/" + i.programme_a + "/alumni-directory"; }, nullptr,
       {401, 404, 200, 200, 404, 404, 200}},
      {"GET", "/api/v1/me/alumni-profile", [](auto&, int) { return Fixed("/api/v1/me/alumni-profile"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"PUT", "/api/v1/me/alumni-profile", [](auto&, int) { return Fixed("/api/v1/me/alumni-profile"); },
       [](int) { return Fixed(R"({"directory":false})"); }, {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/activities/{id}/invite-alumni",
       [](auto&, int) { return Fixed("/api/v1/activities/01M818SWED844GZTK6E12D0VP2/invite-alumni"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      // Completion and certificates: staff of A; a certificate is its holder's
      // and staff's; anyone verifies (certificates_test covers the 200s).
      {"GET", "/api/v1/intakes/{id}/completion-rules",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/completion-rules"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/intakes/{id}/completion-rules",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/completion-rules"; },
       [](int) { return Fixed(R"({"min_attendance":0.8})"); }, {401, 404, 200, 200, 403, 404, 200}},
      {"PUT", "/api/v1/participants/{id}/final-work",
       [](auto&, int) { return Fixed("/api/v1/participants/01M818SWED844GZTK6E12D0VP2/final-work"); },
       [](int) { return Fixed(R"({"title":"t","passed":true})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/intakes/{id}/completion",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/completion"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/intakes/{id}/completion/confirm",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/completion/confirm"; },
       [](int) { return Fixed(R"({"participant_ids":[]})"); }, {401, 404, 422, 422, 403, 404, 422}},
      {"GET", "/api/v1/intakes/{id}/certificates",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/certificates"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/me/certificates", [](auto&, int) { return Fixed("/api/v1/me/certificates"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/certificates/{serial}/revoke",
       [](auto&, int) { return Fixed("/api/v1/certificates/XX-YY-2027-0001/revoke"); },
       [](int) { return Fixed(R"({"reason":"matrix"})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/certificates/{serial}/pdf", [](auto&, int) { return Fixed("/api/v1/certificates/XX-YY-2027-0001/pdf"); },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/certificates/{serial}/badge",
       [](auto&, int) { return Fixed("/api/v1/certificates/XX-YY-2027-0001/badge"); }, nullptr,
       {401, 404, 404, 404, 404, 404, 404}},
      {"GET", "/api/v1/certificates/verify", [](auto&, int) { return Fixed("/api/v1/certificates/verify?serial=XX-YY-2027-0001"); },
       nullptr, {200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/api/v1/certificates/public-key", [](auto&, int) { return Fixed("/api/v1/certificates/public-key"); }, nullptr,
       {200, 200, 200, 200, 200, 200, 200}},
      // Interviews: staff of A run them; candidates book only in stages they
      // have entered; a booking's calendar is its candidate's, staff's and its panel's.
      {"GET", "/api/v1/stages/{id}/panels", [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/panels"; },
       nullptr, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/stages/{id}/panels", [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/panels"; },
       [this](int) { return R"({"name":"P","members":[")" + ids_.reviewer_a + R"("]})"; }, {401, 404, 201, 201, 403, 404, 201}},
      {"DELETE", "/api/v1/panels/{id}", [this](auto&, int) { return "/api/v1/panels/" + FreshPanel(); }, nullptr,
       {401, 404, 204, 204, 403, 404, 204}},
      {"POST", "/api/v1/intakes/{id}/interview-slots",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/interview-slots"; },
       [this](int) {
         return R"({"stage_id":")" + ids_.interview_stage + R"(","panel_id":")" + ids_.panel +
                R"(","days":["2026-12-02"],"from":"09:00","to":"09:30"})";
       },
       {401, 404, 201, 201, 403, 404, 201}},
      {"GET", "/api/v1/stages/{id}/interview-slots",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/interview-slots"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/stages/{id}/interview-candidates",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/interview-candidates"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"DELETE", "/api/v1/interview-slots/{id}", [this](auto&, int) { return "/api/v1/interview-slots/" + FreshSlot(); },
       nullptr, {401, 404, 204, 204, 403, 404, 204}},
      {"POST", "/api/v1/stages/{id}/invitations",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/invitations"; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
      {"GET", "/api/v1/me/interviews", [](auto&, int) { return Fixed("/api/v1/me/interviews"); }, nullptr,
       {401, 200, 200, 200, 200, 200, 200}},
      {"POST", "/api/v1/interview-slots/{id}/book", [](const Ids& i, int) { return "/api/v1/interview-slots/" + i.slot + "/book"; },
       nullptr, {401, 404, 404, 404, 404, 404, 404}},
      {"PUT", "/api/v1/stages/{id}/availability",
       [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/availability"; },
       [](int) { return Fixed(R"({"windows":[]})"); }, {401, 404, 404, 404, 404, 404, 404}},
      {"POST", "/api/v1/stages/{id}/schedule", [](const Ids& i, int) { return "/api/v1/stages/" + i.interview_stage + "/schedule"; },
       nullptr, {401, 404, 200, 200, 403, 404, 200}},
      {"POST", "/api/v1/interview-bookings/{id}/attendance",
       [](const Ids& i, int) { return "/api/v1/interview-bookings/" + i.booking + "/attendance"; },
       [](int) { return Fixed(R"({"state":"no_show"})"); }, {401, 404, 200, 409, 403, 404, 409}},
      {"GET", "/api/v1/interview-bookings/{id}/calendar.ics",
       [](const Ids& i, int) { return "/api/v1/interview-bookings/" + i.booking + "/calendar.ics"; }, nullptr,
       {401, 404, 200, 200, 200, 404, 200}},
      {"GET", "/api/v1/intakes/{id}/ranking",
       [](const Ids& i, int) { return "/api/v1/intakes/" + i.intake_a + "/ranking?stage=" + i.review_stage; }, nullptr,
       {401, 404, 200, 200, 403, 404, 200}},
  };

  // Every served route is in the table, and every row is a served route.
  std::set<std::string> table, served;
  for (const auto& r : rows) table.insert(std::string(r.method) + " " + r.pattern);
  for (const auto& route : portal_->router().routes()) {
    served.insert(std::string(http::ToString(route.method)) + " " + route.pattern);
  }
  for (const auto& s : served) EXPECT_TRUE(table.contains(s)) << "route missing from the matrix: " << s;
  for (const auto& t : table) EXPECT_TRUE(served.contains(t)) << "the matrix names a route that is not served: " << t;

  int call = 0;
  for (const auto& row : rows) {
    for (int who = 0; who < kWhoCount; ++who) {
      ++call;
      const std::string path = row.path(ids_, call);
      auto headers = For(who);
      std::string body;
      if (row.body) {
        body = row.body(call);
        headers.emplace_back("Content-Type", "application/json");
      }
      auto r = client().Request(row.method, path, body, headers);
      EXPECT_EQ(r.status, row.expected[static_cast<std::size_t>(who)])
          << row.method << " " << row.pattern << " as " << kWhoNames[who] << ": " << r.body;
    }
  }
}

TEST_P(AuthorizationMatrix, DenialsSayWhy) {
  auto r = client().Request("GET", "/api/v1/organisations/" + ids_.org_a + "/members", "", For(kAdminB));
  ASSERT_EQ(r.status, 403);
  EXPECT_EQ(r.Json()["detail"], "Əməkdaşları yalnız bu təşkilatın administratorları idarə edə bilər.");
  auto u = client().Request("POST", "/api/v1/organisations/" + ids_.org_a + "/units", R"({"name":"X"})",
                            [&] { auto h = For(kReviewerA); h.emplace_back("Content-Type", "application/json"); return h; }());
  ASSERT_EQ(u.status, 403);
  EXPECT_EQ(u.Json()["detail"], "Bölmələri yalnız bu təşkilatın administratorları və koordinatorları dəyişə bilər.");
  // Another organisation's unit is not even confirmed to exist.
  auto hidden = client().Request("PATCH", "/api/v1/units/" + ids_.unit_a, R"({"name":"Mine now"})",
                                 [&] { auto h = For(kAdminB); h.emplace_back("Content-Type", "application/json"); return h; }());
  EXPECT_EQ(hidden.status, 404);
  // Another organisation's history is empty, not refused: nothing of it shows.
  auto history_b = client().Request("GET", "/api/v1/audit?subject_type=unit&subject_id=" + ids_.unit_a, "", For(kAdminB));
  ASSERT_EQ(history_b.status, 200);
  EXPECT_TRUE(history_b.Json()["items"].empty());
  auto history_a = client().Request("GET", "/api/v1/audit?subject_type=unit&subject_id=" + ids_.unit_a, "", For(kAdminA));
  ASSERT_EQ(history_a.Json()["items"].size(), 1u);
  EXPECT_EQ(history_a.Json()["items"][0]["action"], "create");
  EXPECT_EQ(history_a.Json()["items"][0]["after"]["name"], "Consular Department");
  auto units_b = client().Request("GET", "/api/v1/organisations/" + ids_.org_b + "/units", "", For(kAdminA));
  EXPECT_EQ(units_b.status, 403);
  EXPECT_EQ(units_b.Json()["detail"], "Bölmələri yalnız bu təşkilatın əməkdaşları görə bilər.");
}

COHORT_API_ON_BOTH_ENGINES(AuthorizationMatrix);

}  // namespace
}  // namespace cohort::testing
