#pragma once
// Decisions on the applications of a decision stage (accept, waitlist,
// reject), the offers made to accepted applicants, and participants.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cohort::decisions {

struct Offer {
  std::string id;
  std::string decision_id;
  std::string application_id;
  std::string intake_id;
  std::string organisation_id;
  std::string applicant_id;
  std::string state = "open";  // open, accepted, declined, expired (workflow.h)
  std::string deadline_at;
  std::optional<std::string> responded_at;
  std::string created_at;
  // For lists.
  std::string reference;
  std::string call_title_json;  // the call's translated title (JSON text)
  std::string intake_name;
  bool promoted = false;
};

struct Decision {
  std::string id;
  std::string stage_id;
  std::string intake_id;
  std::string application_id;
  std::string organisation_id;
  std::string state = "draft";  // draft, published
  std::string outcome;          // accept, waitlist, reject
  std::string proposed_outcome; // what the ranking proposed
  std::optional<std::int64_t> rank;
  std::optional<double> score;
  std::optional<std::int64_t> waitlist_position;
  nlohmann::json categories = nlohmann::json::object();   // quota field -> value
  nlohmann::json explanation = nlohmann::json::object();  // {"reason", "quota"}
  std::optional<std::string> override_reason, overridden_by;
  bool promoted = false;
  std::int64_t version = 1;
  std::string created_at, updated_at;
  std::optional<std::string> published_at;
  // For lists.
  std::string reference, applicant_name, applicant_id, overridden_by_name;
  std::string application_state;  // withdrawn ones leave the waitlist
  std::optional<Offer> offer;
};

struct QuotaFigures {
  std::string field, value;
  std::uint32_t minimum_seats = 0, maximum_seats = 0, candidates = 0, selected = 0;
  bool minimum_met = false, minimum_lowered = false;
};

struct Board {
  std::string stage_id, source_stage_id, intake_id, organisation_id;
  int capacity = 0;
  bool published = false;
  std::vector<QuotaFigures> quotas;
  std::vector<Decision> items;  // by rank (unscored last)
  std::optional<double> cutoff_score;
};

struct PublishSummary {
  std::int64_t published = 0, offers = 0, letters = 0;
};

}  // namespace cohort::decisions
