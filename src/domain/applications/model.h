#pragma once
// Applications: one person's answers to one call, from the first draft to
// submission or withdrawal.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/programmes/eligibility.h"

namespace cohort::applications {

struct TimelineEntry {
  std::string at;
  std::string event;  // created, submitted, eligibility, withdrawn
  std::string note;
};

struct Application {
  std::string id;
  std::string call_id;
  std::string organisation_id;
  std::string applicant_id;
  std::string state;  // draft, submitted, withdrawn (workflow.h)
  nlohmann::json answers = nlohmann::json::object();
  std::int64_t version = 1;
  std::optional<std::string> reference;
  std::string eligibility_outcome = "pending";  // pending, eligible, ineligible, review
  std::vector<programmes::RuleResult> eligibility;
  // A coordinator's screening decision, overriding eligibility_outcome.
  std::optional<std::string> screening_decision, screening_reason, screened_by, screened_at;
  // Keys for finding the same person twice (duplicates.h), set at submission.
  std::optional<std::string> dedupe_phone, dedupe_name_birth, dedupe_email;
  std::string created_at, updated_at;
  std::optional<std::string> submitted_at, withdrawn_at;
  // The short-list form (the call's stage-2 questions): none, open, submitted
  // (workflow.h); answered by the due date into the same answers.
  std::string second_stage = "none";
  std::optional<std::string> second_stage_due_at, second_stage_submitted_at;
  std::vector<TimelineEntry> timeline;

  // What counts: the screening decision when there is one, else the rules'.
  std::string EffectiveOutcome() const { return screening_decision.value_or(eligibility_outcome); }
};

// A file uploaded for a file question; the bytes travel separately.
struct Document {
  std::string id;
  std::string application_id;
  std::string organisation_id;
  std::string field_key;
  std::string file_name;
  std::string kind;  // pdf, docx, jpeg, png: by content
  std::int64_t size_bytes = 0;
  std::string created_at;
};

// One row of the staff list.
struct StaffRow {
  std::string id;
  std::optional<std::string> reference;
  std::string state;
  std::string eligibility_outcome;  // effective: the screening decision when there is one
  std::string applicant_id, applicant_name, applicant_email;
  std::optional<std::string> submitted_at;
  std::string updated_at;
  nlohmann::json answers;  // only for exports (StaffFilter::with_answers)
  bool screened = false;          // a coordinator decided
  bool possible_duplicate = false;  // another application of the call shares a key
};

struct StaffFilter {
  std::string state;        // empty: all but drafts
  std::string eligibility;  // empty: all; else the effective outcome
  bool duplicates_only = false;
  std::string query;        // part of name, e-mail or reference
  std::string after;        // cursor: last id of the previous page
  int limit = 50;
  bool with_answers = false;  // an export: every matching row, with answers
};

struct StaffPage {
  std::vector<StaffRow> items;
  std::optional<std::string> next_cursor;
  std::int64_t total = 0;
};

}  // namespace cohort::applications
