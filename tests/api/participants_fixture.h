#pragma once
// The programme fixture shared by the participants and activities API
// tests: selection done, applicants 0-3 accepted their offers and are the
// intake's participants; the organisation has four units (Consular,
// Protocol, Press, Europe) and a unit supervisor.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/review_fixture.h"

namespace cohort::testing {

// Four participants (applicants 0–3 accepted their offers), four host
// units of the organisation, a unit supervisor and a reviewer (who may not
// supervise).
class ParticipantsApi : public DecisionsApi {
 protected:
  void SetUp() override {
    DecisionsApi::SetUp();
    if (IsSkipped()) return;
    ASSERT_EQ(Send("PATCH", "/api/v1/intakes/" + intake_, R"({"capacity": 4})", staff_).status, 200);
    ASSERT_EQ(Decide({{"waitlist_size", 0}}).status, 200);
    ASSERT_EQ(Publish().status, 200);
    for (int i = 0; i < 4; ++i) {
      const json offer = OfferOf(i);
      ASSERT_EQ(client().PostJson("/api/v1/offers/" + offer["id"].get<std::string>() + "/accept", "", Applicant(i)).status, 200);
    }
    for (const char* name : {"Consular", "Protocol", "Press", "Europe"}) {
      auto unit = client().PostJson("/api/v1/organisations/" + org_ + "/units", json{{"name", name}}.dump(), staff_);
      ASSERT_EQ(unit.status, 201) << unit.body;
      units_.push_back(unit.Json()["id"]);
    }
    auto& db = portal_->database();
    const RequestContext system{Actor{}, "en", "setup", clock_};
    auto supervisor = accounts::CreateAdmin(db, portal_->trail(), system,
                                            {"supervisor@dmx.test", "Samira Supervisor", "a long passphrase", org_});
    ASSERT_TRUE(supervisor.ok());
    SetRole(supervisor->id, "unit_supervisor");
    supervisor_id_ = supervisor->id;
    supervisor_ = Bearer(*accounts::CreateApiToken(db, portal_->trail(), system, "supervisor@dmx.test", "t"));
    auto list = client().Get("/api/v1/intakes/" + intake_ + "/participants", staff_);
    ASSERT_EQ(list.status, 200) << list.body;
    const json items = list.Json()["items"];
    for (int i = 0; i < 4; ++i) {
      for (const auto& p : items) {
        if (p["reference"] == references_[static_cast<std::size_t>(i)]) participants_.push_back(p["id"]);
      }
    }
    ASSERT_EQ(participants_.size(), 4u);
  }

  // Three periods in 2027; Consular (type consular), Protocol, Press, and
  // Europe (French spoken) with `places` in every period.
  json Setup(int places, const json& required = json::array({{{"type", "consular"}, {"rotations", 1}}})) {
    const json p = json::array({places, places, places});
    return {{"periods", json::array({{{"name", "Period 1"}, {"starts_on", "2027-02-01"}, {"ends_on", "2027-03-31"}},
                                     {{"name", "Period 2"}, {"starts_on", "2027-04-01"}, {"ends_on", "2027-05-31"}},
                                     {{"name", "Period 3"}, {"starts_on", "2027-06-01"}, {"ends_on", "2027-07-31"}}})},
            {"units", json::array({{{"unit_id", units_[0]}, {"type", "consular"}, {"supervisor_id", supervisor_id_}, {"places", p}},
                                   {{"unit_id", units_[1]}, {"type", "protocol"}, {"places", p}},
                                   {{"unit_id", units_[2]}, {"type", "press"}, {"places", p}},
                                   {{"unit_id", units_[3]}, {"type", "europe"}, {"languages", {"fr"}}, {"places", p}}})},
            {"required", required},
            {"version", 0}};
  }
  HttpResponse SaveSetup(const json& body) { return Send("PUT", "/api/v1/intakes/" + intake_ + "/rotation-setup", body.dump(), staff_); }
  HttpResponse Prefer(int i, const json& body) {
    return Send("PUT", "/api/v1/participants/" + participants_[static_cast<std::size_t>(i)] + "/preferences", body.dump(), Applicant(i));
  }
  HttpResponse Plan(bool keep_manual = true) {
    return client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/plan", json{{"keep_manual", keep_manual}}.dump(), staff_);
  }
  HttpResponse Move(int i, int period, const json& unit) {
    return client().PostJson("/api/v1/intakes/" + intake_ + "/rotations/move",
                             json{{"participant_id", participants_[static_cast<std::size_t>(i)]},
                                  {"period_id", period_ids_[static_cast<std::size_t>(period)]}, {"unit_id", unit}}.dump(),
                             staff_);
  }
  // Participant i's units per period in `plan` (null for none).
  json UnitsOf(const json& plan, int i) {
    for (const auto& row : plan["participants"]) {
      if (row["participant_id"] != participants_[static_cast<std::size_t>(i)]) continue;
      json out = json::array();
      for (const auto& c : row["rotations"]) out.push_back(c["unit_id"]);
      return out;
    }
    return json();
  }
  void SaveAndRemember(const json& body) {
    auto saved = SaveSetup(body);
    ASSERT_EQ(saved.status, 200) << saved.body;
    const json setup = saved.Json();
    period_ids_.clear();
    for (const auto& p : setup["periods"]) period_ids_.push_back(p["id"]);
  }

  static bool HasCode(const HttpResponse& r, const std::string& field, const std::string& code) {
    const json body = r.Json();
    for (const auto& e : body["errors"])
      if (e["field"] == field && e["code"] == code) return true;
    return false;
  }

  std::vector<std::string> units_, participants_, period_ids_;
  std::string supervisor_id_;
  Headers supervisor_;
};

}  // namespace cohort::testing
