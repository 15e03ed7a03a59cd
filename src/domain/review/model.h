#pragma once
// Selection stages of a call (screening → review → interview → decision by
// default), the staff who review at a stage, and reviews: one reviewer on
// one application at one stage, from assignment to submitted scores.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/programmes/model.h"

namespace cohort::review {

// One criterion of a stage's rubric, e.g. worldview weighted 2 on 0..10.
struct Criterion {
  std::string key;
  programmes::Translated label;
  programmes::Translated guidance;
  double weight = 1;
  double min = 0;
  double max = 10;
};

// A share of an intake's seats for applicants whose answer to `field` is
// `value` (for education: the university of the first entry).
struct Quota {
  std::string field;
  std::string value;
  double min_share = 0;
  double max_share = 1;
};

// What a coordinator sets on a stage (docs/api/review.md StageSettings).
struct StageSettings {
  programmes::Translated name;  // empty: the kind's name
  std::vector<Criterion> rubric;
  int reviewers_per_application = 3;
  std::string aggregation = "mean";  // mean, median
  bool calibrate = false;
  double disagreement_threshold = 25;
  bool blind = false;
  std::vector<std::string> hidden_fields;
  std::string others_scores = "after_submit";  // after_submit, never
  std::vector<std::string> conflict_fields;
  // How equal scores are ordered, in turn (at most three): "raw" (the
  // uncalibrated score, higher first), "submitted_at" (earlier first),
  // "criterion:<key>" (that criterion's mean, higher first). The reference
  // decides last, so the order is always the same.
  std::vector<std::string> tie_breaks = {"raw", "submitted_at"};
  // Interview stages: bookings can be made or changed until this many
  // hours before the slot.
  int booking_cutoff_hours = 24;
  // Decision stages.
  int offer_days = 7;       // an applicant's time to answer an offer
  int waitlist_size = 50;   // of those not accepted, how many wait; the rest are declined
  std::vector<Quota> quotas;
};

struct Stage {
  std::string id;
  std::string call_id;
  std::string intake_id;
  std::string organisation_id;
  int position = 0;
  std::string kind;  // screening, review, interview, decision
  StageSettings settings;
  std::int64_t version = 1;
  std::int64_t entries = 0;
  std::int64_t assigned = 0, submitted = 0, conflicts = 0;  // reviews by state (assigned counts open ones)
  std::optional<std::string> decided_at;  // decisions published: settings and entries are fixed
  std::string updated_at;
};

struct StageReviewer {
  std::string account_id;
  std::string name, email;
  int load_cap = 0;  // 0: no cap (the least loaded is chosen first anyway)
  std::vector<std::string> affiliations;
  std::int64_t assigned = 0, submitted = 0, conflicts = 0;
  std::optional<std::string> last_activity_at;
};

// The assignment and the review in one (workflow.h has the states).
struct Review {
  std::string id;
  std::string stage_id;
  std::string application_id;
  std::string reviewer_id;
  std::string organisation_id;
  std::string state = "assigned";
  std::string origin = "automatic";  // automatic, manual, replacement
  nlohmann::json explanation = nlohmann::json::object();
  nlohmann::json scores = nlohmann::json::object();
  std::optional<double> total;
  std::string private_comment, shared_comment, conflict_reason;
  std::int64_t version = 1;
  std::string created_at, updated_at;
  std::optional<std::string> created_by, submitted_at;
};

// A review with what lists show beside it.
struct ReviewRow {
  Review review;
  std::string reference;
  std::string reviewer_name;
  std::string stage_kind;
  programmes::Translated stage_name;
  programmes::Translated call_title;
  std::string intake_id;
};

}  // namespace cohort::review
