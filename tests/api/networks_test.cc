// Networks over HTTP on both engines: a platform administrator creates the
// International Volunteer Center's network, its administrator adds member
// organisations of several countries, sets the chair of a year (never two),
// and the chair hands over to the next year's.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "api/api_fixture.h"
#include "core/time_format.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "domain/accounts/service.h"
#include "domain/organisations/service.h"

namespace cohort::testing {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

class NetworksApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped()) return;
    auto& db = portal_->database();
    const auto& trail = portal_->trail();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto platform = accounts::CreateAdmin(db, trail, system, {"platform@cohort.test", "P", "a long passphrase", {}});
    ASSERT_TRUE(platform.ok());
    ASSERT_TRUE(db.Write([&](db::Tx& tx) -> Result<void> {
      auto r = tx.Exec("UPDATE accounts SET is_platform_admin = 1 WHERE id = :id", {db::P("id", platform->id)});
      if (!r) return r.error();
      return Ok();
    }).ok());
    platform_ = Token("platform@cohort.test");
    organisations::Service orgs(db, trail);
    const RequestContext as_platform{Actor{platform->id, true, ""}, "en", "setup", clock_};
    for (const auto& [slug, name, country] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"AZV", "Azerbaijan Volunteers", "AZ"}, {"KZV", "Kazakhstan Volunteers", "KZ"}, {"OUT", "Outsiders", "GE"}}) {
      auto org = orgs.Create(as_platform, {slug, name, country});
      ASSERT_TRUE(org.ok()) << org.error().message();
      orgs_.push_back(org->id);
      const std::string email = "admin@" + slug + ".test";
      ASSERT_TRUE(accounts::CreateAdmin(db, trail, system, {email, name + " admin", "a long passphrase", org->id}).ok());
      org_admins_.push_back(Token(email));
    }
    // A plain account (CreateAdmin without an organisation would make a platform administrator).
    accounts::NewApplicant ivc;
    ivc.email = "ivc@cohort.test";
    ivc.name = "Network Admin";
    ASSERT_TRUE(accounts::CreateApplicants(db, trail, system, {ivc}, "a long passphrase").ok());
    network_admin_ = Token("ivc@cohort.test");
  }
  Headers Token(const std::string& email) {
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto token = accounts::CreateApiToken(portal_->database(), portal_->trail(), system, email, "t");
    EXPECT_TRUE(token.ok());
    return {{"Authorization", "Bearer " + *token}};
  }
  HttpResponse Send(const std::string& method, const std::string& path, const json& body, Headers h) {
    h.emplace_back("Content-Type", "application/json");
    return client().Request(method, path, body.dump(), h);
  }
  static std::map<std::string, std::string> Codes(const HttpResponse& r) {
    std::map<std::string, std::string> out;
    const json body = r.Json();
    if (!body.is_object() || !body.contains("errors")) ADD_FAILURE() << "no field errors: " << r.status << " " << r.body;
    if (!body.is_object() || !body.contains("errors")) return out;
    for (const auto& e : body["errors"]) out[e["field"]] = e["code"];
    return out;
  }
  // A network with an administrator and the first two organisations as members.
  std::string MakeNetwork() {
    auto made = Send("POST", "/api/v1/networks", {{"code", "IVC"}, {"name", "International Volunteer Center"}}, platform_);
    EXPECT_EQ(made.status, 201) << made.body;
    const std::string id = made.Json()["id"];
    EXPECT_EQ(Send("POST", "/api/v1/networks/" + id + "/admins", {{"email", "ivc@cohort.test"}}, platform_).status, 200);
    for (int i = 0; i < 2; ++i) {
      auto added = Send("POST", "/api/v1/networks/" + id + "/members", {{"organisation_id", orgs_[static_cast<std::size_t>(i)]}},
                        network_admin_);
      EXPECT_EQ(added.status, 200) << added.body;
    }
    return id;
  }

  Headers platform_, network_admin_;
  std::vector<std::string> orgs_;
  std::vector<Headers> org_admins_;
};

TEST_P(NetworksApi, APlatformAdministratorCreatesANetworkItsAdministratorAddsMembers) {
  auto bad = Send("POST", "/api/v1/networks", {{"code", "ivc center"}, {"name", " "}}, platform_);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(Codes(bad)["code"], "invalid_code");
  EXPECT_EQ(Codes(bad)["name"], "required");
  EXPECT_EQ(Send("POST", "/api/v1/networks", {{"code", "IVC"}, {"name", "X"}}, org_admins_[0]).status, 403);

  const std::string id = MakeNetwork();
  EXPECT_EQ(Codes(Send("POST", "/api/v1/networks", {{"code", "IVC"}, {"name", "Again"}}, platform_))["code"], "taken");
  auto network = client().Get("/api/v1/networks/" + id, org_admins_[1]);  // staff of a member read it
  ASSERT_EQ(network.status, 200) << network.body;
  const json members = network.Json()["members"];
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[1]["country"], "KZ");
  EXPECT_EQ(network.Json()["admins"][0]["name"], "Network Admin");

  // An organisation that is not a member does not see the network, and cannot be made chair.
  EXPECT_EQ(client().Get("/api/v1/networks/" + id, org_admins_[2]).status, 404);
  EXPECT_EQ(client().Get("/api/v1/networks", org_admins_[2]).Json()["items"].size(), 0u);
  EXPECT_EQ(client().Get("/api/v1/networks", org_admins_[0]).Json()["items"].size(), 1u);
  EXPECT_EQ(Codes(Send("PUT", "/api/v1/networks/" + id + "/chairs/2026", {{"organisation_id", orgs_[2]}}, network_admin_))
                ["organisation_id"],
            "not_a_member");
  // Members read, only administrators change.
  EXPECT_EQ(Send("POST", "/api/v1/networks/" + id + "/members", {{"organisation_id", orgs_[2]}}, org_admins_[0]).status, 403);
  EXPECT_EQ(Codes(Send("POST", "/api/v1/networks/" + id + "/members", {{"organisation_id", orgs_[0]}}, network_admin_))
                ["organisation_id"],
            "already_member");
  EXPECT_EQ(Codes(Send("POST", "/api/v1/networks/" + id + "/members", {{"organisation_id", "01M818SWED844GZTK6E12D0VP2"}},
                       network_admin_))["organisation_id"],
            "unknown_organisation");
  EXPECT_EQ(Codes(Send("POST", "/api/v1/networks/" + id + "/admins", {{"email", "nobody@x.test"}}, network_admin_))["email"],
            "unknown_account");
  auto removed = client().Request("DELETE", "/api/v1/networks/" + id + "/members/" + orgs_[1], "", network_admin_);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.Json()["members"].size(), 1u);
  EXPECT_EQ(client().Get("/api/v1/networks/" + id, org_admins_[1]).status, 404);  // no longer a member
}

TEST_P(NetworksApi, OneChairAYearAndTheHandOverToTheNext) {
  const std::string id = MakeNetwork();
  const std::string chairs = "/api/v1/networks/" + id + "/chairs/";
  auto set = Send("PUT", chairs + "2026", {{"organisation_id", orgs_[0]}}, network_admin_);
  ASSERT_EQ(set.status, 200) << set.body;
  // Two chairs for one year are refused.
  auto second = Send("PUT", chairs + "2026", {{"organisation_id", orgs_[1]}}, network_admin_);
  ASSERT_EQ(second.status, 409);
  EXPECT_EQ(second.Json()["code"], "chair_taken");
  EXPECT_EQ(Codes(Send("PUT", chairs + "1800", {{"organisation_id", orgs_[1]}}, network_admin_))["year"], "out_of_range");
  EXPECT_EQ(Codes(Send("PUT", chairs + "soon", {{"organisation_id", orgs_[1]}}, network_admin_))["year"], "out_of_range");

  // The chair organisation's administrator hands over to Kazakhstan for 2027; the other member may not.
  const std::string hand_over = chairs + "2026/hand-over";
  EXPECT_EQ(Send("POST", hand_over, {{"organisation_id", orgs_[1]}}, org_admins_[1]).status, 403);
  EXPECT_EQ(Send("POST", chairs + "2030/hand-over", {{"organisation_id", orgs_[1]}}, network_admin_).status, 404);
  auto handed = Send("POST", hand_over, {{"organisation_id", orgs_[1]}, {"note", "Archive and the Volunteer Week plan"}},
                     org_admins_[0]);
  ASSERT_EQ(handed.status, 200) << handed.body;
  const json history = handed.Json()["chairs"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["year"], 2026);
  EXPECT_FALSE(history[0]["handed_over_at"].is_null());
  EXPECT_EQ(history[0]["note"], "Archive and the Volunteer Week plan");
  EXPECT_EQ(history[1]["year"], 2027);
  EXPECT_EQ(history[1]["organisation_name"], "Kazakhstan Volunteers");
  EXPECT_TRUE(history[1]["handed_over_at"].is_null());
  // Once is enough; the next year's chair hands over in turn.
  EXPECT_EQ(Send("POST", hand_over, {{"organisation_id", orgs_[1]}}, network_admin_).Json()["code"], "already_handed_over");
  EXPECT_EQ(Send("POST", chairs + "2027/hand-over", {{"organisation_id", orgs_[0]}}, org_admins_[1]).status, 200);
}

TEST_P(NetworksApi, TheDashboardAddsUpMembersWithoutAPerson) {
  const std::string id = MakeNetwork();
  // Azerbaijan Volunteers ran a 2026 intake: 3 submitted applications and one draft, 1 accepted offer.
  ASSERT_TRUE(portal_->database().Write([&](db::Tx& tx) -> Result<void> {
    const std::string org = orgs_[0];
    const std::vector<std::string> statements = {
        "INSERT INTO programmes (id, organisation_id, name, code, created_at, updated_at) "
        "VALUES ('PRG', '" + org + "', 'Volunteers', 'VL', 't', 't')",
        "INSERT INTO intakes (id, programme_id, organisation_id, name, starts_on, ends_on, capacity, created_at, updated_at) "
        "VALUES ('INT', 'PRG', '" + org + "', '2026', '2026-03-01', '2026-08-31', 10, 't', 't')",
        "INSERT INTO calls (id, intake_id, organisation_id, settings, time_zone, reference_prefix, created_at, updated_at) "
        "VALUES ('CAL', 'INT', '" + org + "', '{}', 'Asia/Baku', 'AZV-VL-2026', 't', 't')"};
    for (const auto& sql : statements) {
      if (auto r = tx.Exec(sql); !r) return r.error();
    }
    for (int i = 0; i < 4; ++i) {
      const std::string n = std::to_string(i);
      if (auto r = tx.Exec("INSERT INTO accounts (id, email, name, password_hash, created_at, updated_at) VALUES ('ACC" + n +
                           "', 'a" + n + "@x.test', 'Applicant " + n + "', 'x', 't', 't')");
          !r) {
        return r.error();
      }
      if (auto r = tx.Exec("INSERT INTO applications (id, call_id, organisation_id, applicant_id, state, created_at, updated_at, "
                           "submitted_at) VALUES ('APP" + n + "', 'CAL', '" + org + "', 'ACC" + n + "', " +
                           (i < 3 ? "'submitted', 't', 't', 't'" : "'draft', 't', 't', NULL") + ")");
          !r) {
        return r.error();
      }
    }
    return Ok();
  }).ok());
  auto answer = client().Get("/api/v1/networks/" + id + "/reports/dashboard", org_admins_[1]);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json d = answer.Json();
  EXPECT_EQ(d["totals"]["submitted"], 3);
  ASSERT_EQ(d["members"].size(), 2u);
  EXPECT_EQ(d["members"][0]["name"], "Azerbaijan Volunteers");
  EXPECT_EQ(d["members"][0]["submitted"], 3);
  EXPECT_EQ(d["members"][1]["submitted"], 0);
  EXPECT_EQ(d["years"], json::parse(R"([{"year": "2026", "submitted": 3, "accepted": 0, "completed": 0}])"));
  EXPECT_EQ(answer.body.find("Applicant"), std::string::npos);  // no person
  auto csv = client().Get("/api/v1/networks/" + id + "/reports/dashboard?format=csv", network_admin_);
  EXPECT_NE(csv.body.find("Azerbaijan Volunteers,AZ,3,0,0"), std::string::npos) << csv.body;
  EXPECT_EQ(client().Get("/api/v1/networks/" + id + "/reports/dashboard", org_admins_[2]).status, 404);
}

TEST_P(NetworksApi, MembersRegisterDelegationsBeforeTheDeadlineWithinTheHostsLimit) {
  const std::string id = MakeNetwork();
  const json event = {{"kind", "week"},
                      {"title", "Volunteer Week 2027"},
                      {"host_organisation_id", orgs_[0]},
                      {"place", "Baku, Ganja and Sheki"},
                      {"starts_on", "2027-05-10"},
                      {"ends_on", "2027-05-16"},
                      {"time_zone", "Asia/Baku"},
                      {"registration_closes_at", FormatUtc(clock_.Now() + std::chrono::hours(48))},
                      {"delegation_limit", 3}};
  json bad = event;
  bad["host_organisation_id"] = orgs_[2];
  bad["ends_on"] = "2027-05-01";
  bad["delegation_limit"] = 0;
  const auto codes = Codes(Send("POST", "/api/v1/networks/" + id + "/events", bad, network_admin_));
  EXPECT_EQ(codes.at("host_organisation_id"), "not_a_member");
  EXPECT_EQ(codes.at("ends_on"), "ends_before_start");
  EXPECT_EQ(codes.at("delegation_limit"), "out_of_range");
  EXPECT_EQ(Send("POST", "/api/v1/networks/" + id + "/events", event, org_admins_[0]).status, 403);
  auto made = Send("POST", "/api/v1/networks/" + id + "/events", event, network_admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string event_id = made.Json()["id"];
  EXPECT_EQ(made.Json()["host_name"], "Azerbaijan Volunteers");
  auto agenda = Send("POST", "/api/v1/events/" + event_id + "/sessions",
                     {{"title", "Opening forum"}, {"place", "Baku"}, {"starts_at", "2027-05-10T06:00:00Z"},
                      {"ends_at", "2027-05-10T08:00:00Z"}},
                     network_admin_);
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  EXPECT_EQ(agenda.Json()["sessions"][0]["title"], "Opening forum");

  const std::string kz = "/api/v1/events/" + event_id + "/delegations/" + orgs_[1];
  const json head = {{"role", "head"}, {"name", "Aigerim Nurlanovna"}, {"email", "aigerim@kzv.test"},
                     {"arrival", "9 May, KC 063"}, {"accommodation", "Hotel Central, 3 nights"}};
  const json member = {{"role", "member"}, {"name", "Dauren Sadykov"}};
  // Beyond the host's limit, or without exactly one head: refused at the field.
  auto too_many = Send("PUT", kz, {{"delegates", json::array({head, member, member, member})}}, org_admins_[1]);
  ASSERT_EQ(too_many.status, 422);
  EXPECT_EQ(Codes(too_many)["delegates"], "too_many_items");
  EXPECT_EQ(Codes(Send("PUT", kz, {{"delegates", json::array({member})}}, org_admins_[1]))["delegates"], "one_head");
  json bad_email = head;
  bad_email["email"] = "not an address";
  EXPECT_EQ(Codes(Send("PUT", kz, {{"delegates", json::array({bad_email})}}, org_admins_[1]))["delegates[0].email"], "invalid_email");
  json long_stay = head;
  long_stay["accommodation"] = std::string(501, 'x');
  EXPECT_EQ(Codes(Send("PUT", kz, {{"delegates", json::array({long_stay})}}, org_admins_[1]))["delegates[0].accommodation"],
            "too_long");
  // Another member's administrator may not register for Kazakhstan; an organisation outside the network cannot.
  EXPECT_EQ(Send("PUT", kz, {{"delegates", json::array({head})}}, org_admins_[0]).status, 403);
  EXPECT_EQ(Send("PUT", "/api/v1/events/" + event_id + "/delegations/" + orgs_[2], {{"delegates", json::array({head})}},
                 org_admins_[2])
                .status,
            404);  // the outsider does not even see the event
  EXPECT_EQ(Codes(Send("PUT", "/api/v1/events/" + event_id + "/delegations/" + orgs_[2], {{"delegates", json::array({head})}},
                       network_admin_))["organisation_id"],
            "not_a_member");

  auto saved = Send("PUT", kz, {{"delegates", json::array({member, head})}}, org_admins_[1]);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["delegates"][0]["role"], "head");  // head first
  EXPECT_EQ(saved.Json()["delegates"][0]["arrival"], "9 May, KC 063");
  ASSERT_EQ(Send("PUT", "/api/v1/events/" + event_id + "/delegations/" + orgs_[0],
                 {{"delegates", json::array({json{{"role", "head"}, {"name", "Leyla Quliyeva"}}})}}, org_admins_[0])
                .status,
            200);
  // The host sees both; a member sees its own.
  EXPECT_EQ(client().Get("/api/v1/events/" + event_id + "/delegations", org_admins_[0]).Json()["items"].size(), 2u);
  const json own = client().Get("/api/v1/events/" + event_id + "/delegations", org_admins_[1]).Json()["items"];
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["organisation_name"], "Kazakhstan Volunteers");

  // Badges: one page per delegate, the head's role named, in the asked language.
  auto badges = client().Get("/api/v1/events/" + event_id + "/badges?lang=en&organisation=" + orgs_[1], org_admins_[1]);
  ASSERT_EQ(badges.status, 200) << badges.body;
  EXPECT_EQ(badges.Header("content-type"), "application/pdf");
  TempDir dir;
  WriteFile(dir.File("badges.pdf"), badges.body);
  const auto text = RunProcess({"/usr/bin/pdftotext", "-layout", dir.File("badges.pdf"), "-"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Nurlanovna"), std::string::npos) << text.out;  // a long name wraps
  EXPECT_NE(text.out.find("Head of delegation"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Dauren Sadykov"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("Leyla Quliyeva"), std::string::npos);  // another organisation's delegation
  const auto pages = RunProcess({"/usr/bin/pdfinfo", dir.File("badges.pdf")});
  EXPECT_TRUE(std::regex_search(pages.out, std::regex("Pages:\\s+2\\n"))) << pages.out;

  // After the deadline nothing changes.
  clock_.Advance(std::chrono::hours(49));
  auto late = Send("PUT", kz, {{"delegates", json::array({head})}}, org_admins_[1]);
  ASSERT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.Json()["code"], "registration_closed");
}

TEST_P(NetworksApi, DelegatesCheckInAtSessionsWithTheRotatingCodeAndTheirPass) {
  const std::string id = MakeNetwork();
  json event = {{"kind", "conference"},
                {"title", "Annual conference"},
                {"host_organisation_id", orgs_[0]},
                {"partner_organisation_ids", json::array({orgs_[2]})},
                {"starts_on", "2027-05-10"},
                {"ends_on", "2027-05-10"},
                {"time_zone", "Asia/Baku"},
                {"registration_closes_at", FormatUtc(clock_.Now() + std::chrono::hours(1))}};
  EXPECT_EQ(Codes(Send("POST", "/api/v1/networks/" + id + "/events", event, network_admin_))["partner_organisation_ids[0]"],
            "not_a_member");
  event["partner_organisation_ids"] = json::array({orgs_[1]});
  auto made = Send("POST", "/api/v1/networks/" + id + "/events", event, network_admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.Json()["partners"][0]["name"], "Kazakhstan Volunteers");
  const std::string event_id = made.Json()["id"];
  auto agenda = Send("POST", "/api/v1/events/" + event_id + "/sessions",
                     {{"title", "Plenary"}, {"starts_at", FormatUtc(clock_.Now() + std::chrono::hours(1))},
                      {"ends_at", FormatUtc(clock_.Now() + std::chrono::hours(3))}},
                     network_admin_);
  ASSERT_EQ(agenda.status, 200) << agenda.body;
  const std::string session = agenda.Json()["sessions"][0]["id"];
  const json head = {{"role", "head"}, {"name", "Aigerim Nurlanovna"}, {"email", "aigerim@kzv.test"}};
  const json member = {{"role", "member"}, {"name", "Dauren Sadykov"}, {"email", "dauren@kzv.test"}};
  const std::string kz = "/api/v1/events/" + event_id + "/delegations/" + orgs_[1];
  ASSERT_EQ(Send("PUT", kz, {{"delegates", json::array({head, member})}}, org_admins_[1]).status, 200);
  ASSERT_EQ(Send("PUT", "/api/v1/events/" + event_id + "/delegations/" + orgs_[0],
                 {{"delegates", json::array({json{{"role", "head"}, {"name", "Leyla Quliyeva"}}})}}, org_admins_[0])
                .status,
            200);
  // The pass is what the badge's QR code carries.
  auto pass_of = [&](const std::string& name) {
    auto row = portal_->database().Read([&](db::Tx& tx) {
      return tx.QueryOne("SELECT pass_key FROM delegates WHERE name = :n", {db::P("n", name)});
    });
    EXPECT_TRUE(row.ok() && *row);
    return (*row)->Text(0);
  };
  const std::string aigerim = pass_of("Aigerim Nurlanovna");
  ASSERT_EQ(aigerim.size(), 64u);

  const std::string code_url = "/api/v1/event-sessions/" + session + "/check-in-code";
  auto early = client().Get(code_url, network_admin_);
  ASSERT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.Json()["code"], "check_in_closed");
  clock_.Advance(std::chrono::minutes(40));  // twenty minutes before the start
  EXPECT_EQ(client().Get(code_url, org_admins_[1]).status, 403);  // a member's staff do not run the door
  auto screen = client().Get(code_url, org_admins_[0]);           // the host does
  ASSERT_EQ(screen.status, 200) << screen.body;
  const std::string code = screen.Json()["code"];
  EXPECT_NE(screen.Json()["url"].get<std::string>().find("/event-check-in?session=" + session + "&code=" + code),
            std::string::npos);

  const std::string check_in = "/api/v1/event-sessions/" + session + "/check-ins";
  EXPECT_EQ(Codes(Send("POST", check_in, {{"pass", std::string(64, 'a')}, {"code", code}}, {}))["pass"], "unknown_pass");
  EXPECT_EQ(Codes(Send("POST", check_in, {{"pass", aigerim}, {"code", "ABCDEFGHJK"}}, {}))["code"], "invalid_code");
  auto in = Send("POST", check_in, {{"pass", aigerim}, {"code", code}}, {});  // no account needed
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_EQ(in.Json()["name"], "Aigerim Nurlanovna");
  EXPECT_EQ(in.Json()["organisation_name"], "Kazakhstan Volunteers");
  const json first_time = in.Json()["checked_in_at"];
  clock_.Advance(std::chrono::seconds(30));
  EXPECT_EQ(Codes(Send("POST", check_in, {{"pass", pass_of("Dauren Sadykov")}, {"code", code}}, {}))["code"],
            "expired_code");

  // Saving the delegation again keeps the people's passes and check-ins.
  json changed = head;
  changed["arrival"] = "9 May";
  ASSERT_EQ(Send("PUT", kz, {{"delegates", json::array({changed, member})}}, org_admins_[1]).status, 200);
  EXPECT_EQ(pass_of("Aigerim Nurlanovna"), aigerim);
  auto again = Send("POST", check_in, {{"pass", aigerim}, {"code", client().Get(code_url, network_admin_).Json()["code"]}}, {});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["checked_in_at"], first_time);  // a second scan keeps the first time

  const json roster = client().Get(check_in, network_admin_).Json()["items"];
  ASSERT_EQ(roster.size(), 3u);
  EXPECT_EQ(roster[0]["name"], "Leyla Quliyeva");
  EXPECT_TRUE(roster[0]["checked_in_at"].is_null());
  EXPECT_EQ(roster[1]["name"], "Aigerim Nurlanovna");
  EXPECT_EQ(roster[1]["checked_in_at"], first_time);
  EXPECT_EQ(client().Get(check_in, org_admins_[1]).status, 403);

  auto pass = client().Get("/api/v1/passes/" + aigerim, {});
  ASSERT_EQ(pass.status, 200) << pass.body;
  EXPECT_EQ(pass.Json()["event"]["title"], "Annual conference");
  EXPECT_EQ(pass.Json()["checked_in_to"], json::array({session}));
  EXPECT_EQ(client().Get("/api/v1/passes/" + std::string(64, 'b'), {}).status, 404);

  clock_.Advance(std::chrono::hours(3));  // the session is over
  EXPECT_EQ(Send("POST", check_in, {{"pass", aigerim}, {"code", code}}, {}).Json()["code"], "check_in_closed");
}

TEST_P(NetworksApi, MembersFileYearlyReportsOnTheFormTheChairSets) {
  const std::string id = MakeNetwork();
  ASSERT_EQ(Send("PUT", "/api/v1/networks/" + id + "/chairs/2027", {{"organisation_id", orgs_[0]}}, network_admin_).status, 200);
  const std::string form_url = "/api/v1/networks/" + id + "/report-forms/2027";
  const json form = json::parse(R"({
    "title": {"en": "Yearly report 2027", "az": "2027 illik hesabat"},
    "form": {"fields": [
      {"key": "volunteers", "type": "number", "label": {"en": "Volunteers this year"}, "required": true, "min": 0},
      {"key": "highlights", "type": "long_text", "label": {"en": "Highlights"}, "max_chars": 2000}
    ]},
    "due_on": "2028-01-31"})");
  // Only the year's chair (or a network administrator) sets the form; it is checked like a call's.
  EXPECT_EQ(Send("PUT", form_url, form, org_admins_[1]).status, 403);
  json bad = form;
  bad["form"]["fields"][0]["type"] = "colour";
  bad["due_on"] = "31.01.2028";
  const auto codes = Codes(Send("PUT", form_url, bad, org_admins_[0]));
  EXPECT_EQ(codes.at("form.fields[0].type"), "unknown_type");
  EXPECT_EQ(codes.at("due_on"), "invalid_date");
  auto set = Send("PUT", form_url, form, org_admins_[0]);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["set_by_organisation_id"], orgs_[0]);
  EXPECT_EQ(client().Get(form_url, org_admins_[1]).Json()["form"]["fields"][1]["key"], "highlights");

  const std::string kz = "/api/v1/networks/" + id + "/yearly-reports/2027/" + orgs_[1];
  EXPECT_EQ(Send("PATCH", kz, {{"answers", {{"volunteers", 120}}}}, org_admins_[0]).status, 403);  // not theirs to file
  EXPECT_EQ(Codes(Send("PATCH", kz, {{"answers", {{"volunteers", "many"}}}}, org_admins_[1]))["answers.volunteers"],
            "wrong_type");
  auto draft = Send("PATCH", kz, {{"answers", {{"highlights", "Volunteer Week in Almaty"}}}}, org_admins_[1]);
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.Json()["state"], "draft");
  auto incomplete = Send("POST", kz + "/submit", json::object(), org_admins_[1]);
  ASSERT_EQ(incomplete.status, 422) << incomplete.body;
  EXPECT_EQ(Codes(incomplete)["answers.volunteers"], "required");
  ASSERT_EQ(Send("PATCH", kz, {{"answers", {{"volunteers", 120}}}}, org_admins_[1]).status, 200);
  auto submitted = Send("POST", kz + "/submit", json::object(), org_admins_[1]);
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.Json()["answers"], json::parse(R"({"volunteers": 120, "highlights": "Volunteer Week in Almaty"})"));
  auto late = Send("PATCH", kz, {{"answers", {{"volunteers", 1}}}}, org_admins_[1]);
  ASSERT_EQ(late.status, 409);
  EXPECT_EQ(late.Json()["code"], "already_submitted");

  // The chair and network administrators see every member, with those still missing; a member sees its own.
  const json year = client().Get("/api/v1/networks/" + id + "/yearly-reports/2027", org_admins_[0]).Json();
  EXPECT_EQ(year["form"]["due_on"], "2028-01-31");
  EXPECT_TRUE(client().Get("/api/v1/networks/" + id + "/yearly-reports/2026", org_admins_[0]).Json()["form"].is_null());
  const json all = year["items"];
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0]["organisation_name"], "Azerbaijan Volunteers");
  EXPECT_EQ(all[0]["state"], "missing");
  EXPECT_EQ(all[1]["state"], "submitted");
  EXPECT_FALSE(all[1].contains("answers"));
  EXPECT_EQ(client().Get(kz, network_admin_).Json()["answers"]["volunteers"], 120);
  const json own = client().Get("/api/v1/networks/" + id + "/yearly-reports/2027", org_admins_[1]).Json()["items"];
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(client().Get("/api/v1/networks/" + id + "/yearly-reports/2027/" + orgs_[0], org_admins_[1]).status, 404);
  EXPECT_EQ(client().Get("/api/v1/networks/" + id + "/yearly-reports/2027", org_admins_[2]).status, 404);  // outsiders
  // No form for 2028 yet: nothing to file.
  EXPECT_EQ(Send("PATCH", "/api/v1/networks/" + id + "/yearly-reports/2028/" + orgs_[1], {{"answers", json::object()}},
                 org_admins_[1])
                .status,
            404);
}

TEST_P(NetworksApi, TheNetworkPublishesATemplateThatAMemberAdoptsAndAdapts) {
  const std::string id = MakeNetwork();
  // The chair's coordinator is also a network administrator: they publish their own programme.
  ASSERT_EQ(Send("POST", "/api/v1/networks/" + id + "/admins", {{"email", "admin@AZV.test"}}, network_admin_).status, 200);
  auto programme = Send("POST", "/api/v1/organisations/" + orgs_[0] + "/programmes",
                        {{"name", "Youth Worker Internship"}, {"code", "YWI"}, {"description", "Six months in regions"}},
                        org_admins_[0]);
  ASSERT_EQ(programme.status, 201) << programme.body;
  auto intake = Send("POST", "/api/v1/programmes/" + programme.Json()["id"].get<std::string>() + "/intakes",
                     {{"name", "2027"}, {"starts_on", "2027-03-01"}, {"ends_on", "2027-08-31"}, {"capacity", 30}},
                     org_admins_[0]);
  ASSERT_EQ(intake.status, 201) << intake.body;
  const std::string intake_id = intake.Json()["id"];
  ASSERT_EQ(Send("PUT", "/api/v1/intakes/" + intake_id + "/call", json::parse(R"({
      "title": {"en": "Youth Worker Internship 2027"},
      "opens_at_local": "2027-01-10T09:00", "closes_at_local": "2027-02-10T18:00",
      "form": {"fields": [
        {"key": "motivation", "type": "long_text", "label": {"en": "Why youth work?"}, "required": true},
        {"key": "region", "type": "short_text", "label": {"en": "Region"}}]}})"),
                 org_admins_[0])
                .status,
            200);
  const json stages = client().Get("/api/v1/intakes/" + intake_id + "/stages", org_admins_[0]).Json()["items"];
  ASSERT_EQ(stages.size(), 4u);
  const std::string review_stage = stages[1]["id"];
  ASSERT_EQ(Send("PUT", "/api/v1/stages/" + review_stage,
                 {{"settings", {{"rubric", json::parse(R"([
                     {"key": "experience", "label": {"en": "Experience with young people"}, "weight": 2},
                     {"key": "motivation", "label": {"en": "Motivation"}, "weight": 1}])")}}},
                  {"version", stages[1]["version"]}},
                 org_admins_[0])
                .status,
            200);

  const std::string publish = "/api/v1/networks/" + id + "/templates";
  EXPECT_EQ(Send("POST", publish, {{"title", "x"}, {"intake_id", intake_id}}, org_admins_[1]).status, 403);
  // A network administrator who does not run the intake's programme cannot take it.
  EXPECT_EQ(Codes(Send("POST", publish, {{"title", "x"}, {"intake_id", intake_id}}, network_admin_))["intake_id"],
            "unknown_intake");
  auto published = Send("POST", publish,
                        {{"title", "Youth worker internship"}, {"description", "Our model"}, {"intake_id", intake_id}},
                        org_admins_[0]);
  ASSERT_EQ(published.status, 201) << published.body;
  const std::string template_id = published.Json()["id"];
  EXPECT_EQ(published.Json()["fields"], 2);
  EXPECT_EQ(published.Json()["stages"], 4);
  EXPECT_EQ(published.Json()["content"]["call"]["published"], false);
  EXPECT_FALSE(published.Json()["content"]["call"].contains("opens_at_local"));  // each member sets its own dates
  const json listed = client().Get(publish, org_admins_[1]).Json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["source_organisation_name"], "Azerbaijan Volunteers");

  // Kazakhstan adopts it: its own programme, intake, call and rubric, to adapt.
  const std::string adopt = "/api/v1/network-templates/" + template_id + "/adopt";
  json request = {{"organisation_id", orgs_[1]},
                  {"code", "YWI"},
                  {"intake", {{"name", "2027"}, {"starts_on", "2027-09-01"}, {"ends_on", "2027-06-01"}, {"capacity", 20},
                              {"time_zone", "Asia/Almaty"}}}};
  EXPECT_EQ(Codes(Send("POST", adopt, request, org_admins_[1]))["intake.ends_on"], "ends_before_start");
  request["intake"]["ends_on"] = "2028-02-28";
  EXPECT_EQ(Send("POST", adopt, request, org_admins_[0]).status, 403);  // not Kazakhstan's administrator
  json outsider = request;
  outsider["organisation_id"] = orgs_[2];
  EXPECT_EQ(Codes(Send("POST", adopt, outsider, network_admin_))["organisation_id"], "not_a_member");
  auto adopted = Send("POST", adopt, request, org_admins_[1]);
  ASSERT_EQ(adopted.status, 201) << adopted.body;
  const std::string new_intake = adopted.Json()["intake_id"];
  auto call = client().Get("/api/v1/intakes/" + new_intake + "/call", org_admins_[1]);
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_EQ(call.Json()["form"]["fields"][0]["key"], "motivation");
  EXPECT_EQ(call.Json()["published"], false);
  EXPECT_EQ(call.Json()["time_zone"], "Asia/Almaty");
  const json adopted_stages = client().Get("/api/v1/intakes/" + new_intake + "/stages", org_admins_[1]).Json()["items"];
  ASSERT_EQ(adopted_stages.size(), 4u);
  EXPECT_EQ(adopted_stages[1]["settings"]["rubric"][0]["key"], "experience");
  EXPECT_EQ(adopted_stages[1]["position"], 2);
  // Adapting it is the member's own business: the template does not change.
  json changed = {{"title", call.Json()["title"]}, {"form", call.Json()["form"]}};
  changed["form"]["fields"].push_back(json::parse(R"({"key": "city", "type": "short_text", "label": {"en": "City"}})"));
  ASSERT_EQ(Send("PUT", "/api/v1/intakes/" + new_intake + "/call", changed, org_admins_[1]).status, 200);
  auto again = client().Get("/api/v1/network-templates/" + template_id, org_admins_[1]);
  EXPECT_EQ(again.Json()["fields"], 2);
  EXPECT_EQ(again.Json()["adoptions"], 1);
  // The same code twice in one organisation is refused before anything is made.
  EXPECT_EQ(Codes(Send("POST", adopt, request, org_admins_[1]))["code"], "taken");
  EXPECT_EQ(client().Get("/api/v1/network-templates/" + template_id, org_admins_[2]).status, 404);
}

TEST_P(NetworksApi, NetworkAdministratorsCorrectTheNetworkTheirColleaguesAndEvents) {
  const std::string id = MakeNetwork();
  const std::string net = "/api/v1/networks/" + id;
  EXPECT_EQ(Codes(Send("PATCH", net, {{"name", " "}}, network_admin_))["name"], "required");
  EXPECT_EQ(Send("PATCH", net, {{"name", "IVC"}}, org_admins_[0]).status, 403);  // a member reads, does not run
  auto renamed = Send("PATCH", net, {{"description", "Volunteer organisations of member countries"}}, network_admin_);
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json()["name"], "International Volunteer Center");  // what was not sent stays
  EXPECT_EQ(renamed.Json()["description"], "Volunteer organisations of member countries");

  ASSERT_EQ(Send("POST", net + "/admins", {{"email", "admin@azv.test"}}, network_admin_).status, 200);
  const json admins = client().Get(net, network_admin_).Json()["admins"];
  std::string azv_account;
  for (const auto& a : admins) {
    if (a["email"] == "admin@azv.test") azv_account = a["account_id"];
  }
  ASSERT_FALSE(azv_account.empty());
  EXPECT_EQ(client().Request("DELETE", net + "/admins/" + azv_account, "", org_admins_[1]).status, 403);
  auto removed = client().Request("DELETE", net + "/admins/" + azv_account, "", network_admin_);
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(removed.Json()["admins"].size(), 1u);
  EXPECT_EQ(client().Request("DELETE", net + "/admins/" + azv_account, "", network_admin_).status, 404);

  auto made = Send("POST", net + "/events",
                   {{"kind", "forum"}, {"title", "Forum"}, {"host_organisation_id", orgs_[0]}, {"starts_on", "2027-04-01"},
                    {"ends_on", "2027-04-02"}, {"time_zone", "Asia/Baku"}, {"registration_closes_at", "2027-03-01T00:00:00Z"}},
                   network_admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string event = "/api/v1/events/" + made.Json()["id"].get<std::string>();
  const auto codes = Codes(Send("PATCH", event, {{"ends_on", "2027-03-01"}, {"partner_organisation_ids", {orgs_[0]}}},
                                network_admin_));
  EXPECT_EQ(codes.at("ends_on"), "ends_before_start");
  EXPECT_EQ(codes.at("partner_organisation_ids[0]"), "not_a_member");  // the host is no partner
  EXPECT_EQ(Send("PATCH", event, {{"title", "x"}}, org_admins_[0]).status, 403);
  auto moved = Send("PATCH", event,
                    {{"registration_closes_at", "2027-03-15T12:00:00+04:00"}, {"partner_organisation_ids", {orgs_[1]}}},
                    network_admin_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["registration_closes_at"], "2027-03-15T08:00:00.000Z");
  EXPECT_EQ(moved.Json()["title"], "Forum");
  EXPECT_EQ(moved.Json()["partners"][0]["name"], "Kazakhstan Volunteers");

  auto agenda = Send("POST", event + "/sessions",
                     {{"title", "Opening"}, {"starts_at", "2027-04-01T06:00:00Z"}, {"ends_at", "2027-04-01T07:00:00Z"}},
                     network_admin_);
  ASSERT_EQ(agenda.status, 200);
  const std::string session = "/api/v1/event-sessions/" + agenda.Json()["sessions"][0]["id"].get<std::string>();
  EXPECT_EQ(client().Request("DELETE", session, "", org_admins_[0]).status, 403);  // the host runs the door, not the agenda
  auto gone = client().Request("DELETE", session, "", network_admin_);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_TRUE(gone.Json()["sessions"].empty());
}

COHORT_API_ON_BOTH_ENGINES(NetworksApi);

}  // namespace
}  // namespace cohort::testing
