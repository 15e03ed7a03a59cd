#pragma once
// Storage of stages, stage reviewers, stage entries and reviews, inside the
// caller's transaction. Every query names the stage or call it reads, and
// the service checks that the caller may see that stage's organisation.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/review/model.h"

namespace cohort::review::store {

// Stages of a call in order, with their counts.
Result<std::vector<Stage>> StagesOfCall(db::Tx& tx, const std::string& call_id);
Result<std::optional<Stage>> GetStage(db::Tx& tx, const std::string& id);
Result<void> InsertStage(db::Tx& tx, const Stage& s);
// Writes settings when the stored version is `expected_version` (then +1);
// false when it is not.
Result<bool> SaveSettings(db::Tx& tx, const std::string& id, const StageSettings& s, std::int64_t expected_version,
                          const std::string& now);
Result<void> DeleteStage(db::Tx& tx, const std::string& id);
// Records that a decision stage's decisions were published.
Result<void> MarkDecided(db::Tx& tx, const std::string& id, const std::string& now);
// Gives the stages positions 1..n in the order of `ids` (all of the call's).
Result<void> SetOrder(db::Tx& tx, const std::string& call_id, const std::vector<std::string>& ids, const std::string& now);
// True when applications have entered the stage, or reviews, panels or
// decisions exist at it.
Result<bool> InUse(db::Tx& tx, const std::string& stage_id);

Result<std::vector<StageReviewer>> Reviewers(db::Tx& tx, const std::string& stage_id);
// Adds or updates (load cap, affiliations) a reviewer of the stage.
Result<void> PutReviewer(db::Tx& tx, const std::string& stage_id, const std::string& organisation_id,
                         const StageReviewer& r, const std::string& now);
// False when they were not a reviewer of the stage.
Result<bool> DeleteReviewer(db::Tx& tx, const std::string& stage_id, const std::string& account_id);

// Application ids in the stage, sorted (withdrawn ones too).
Result<std::vector<std::string>> Entries(db::Tx& tx, const std::string& stage_id);
// Those still submitted (not withdrawn since), sorted.
Result<std::vector<std::string>> SubmittedEntries(db::Tx& tx, const std::string& stage_id);
Result<bool> IsEntered(db::Tx& tx, const std::string& stage_id, const std::string& application_id);
// Enters the applications not in the stage yet; the number entered.
Result<std::int64_t> Enter(db::Tx& tx, const Stage& stage, const std::vector<std::string>& application_ids,
                           const std::string& by, const std::string& now);
// Submitted applications of the call screened eligible (by a coordinator or, without a decision, by the rules);
// and how many submitted ones still await a screening decision.
Result<std::vector<std::string>> EligibleApplications(db::Tx& tx, const std::string& call_id);
Result<std::int64_t> AwaitingScreening(db::Tx& tx, const std::string& call_id);

// What one application in a stage looks like to ranking and assignment.
// Only applications still submitted (a withdrawn one leaves selection).
struct EntryInfo {
  std::string application_id;
  std::string applicant_id;
  std::string reference;
  std::string applicant_name;
  std::string submitted_at;
  nlohmann::json answers;  // only when asked for
};
Result<std::vector<EntryInfo>> EntryInfos(db::Tx& tx, const std::string& stage_id, bool with_answers);

Result<void> InsertReview(db::Tx& tx, const Review& r);
Result<std::optional<ReviewRow>> GetReview(db::Tx& tx, const std::string& id);
// Writes state, scores, total, comments and times of `r` when the stored
// version is `expected_version` (then r.version); false when it is not.
Result<bool> SaveReview(db::Tx& tx, const Review& r, std::int64_t expected_version);

struct ReviewFilter {
  std::string reviewer_id;
  std::string application_id;
  std::string state;  // empty: every state
};
Result<std::vector<ReviewRow>> ReviewsOfStage(db::Tx& tx, const std::string& stage_id, const ReviewFilter& filter);
// A review reduced to what ranking and assignment need (no settings,
// no comments): cheap for a stage of hundreds of thousands of reviews.
struct ReviewLink {
  std::string application_id, reviewer_id, reviewer_name, state;
  std::optional<double> total;
  std::string scores;  // JSON text: criterion key -> number
};
Result<std::vector<ReviewLink>> ReviewLinks(db::Tx& tx, const std::string& stage_id);
// A person's reviews across stages and calls, newest assignment first.
Result<std::vector<ReviewRow>> ReviewsOfReviewer(db::Tx& tx, const std::string& reviewer_id, const std::string& state);
// Reviews of one application at one stage, in every state.
Result<std::vector<ReviewRow>> ReviewsOfApplication(db::Tx& tx, const std::string& stage_id,
                                                    const std::string& application_id);
// (application, reviewer) pairs with a declared conflict at any stage of the call.
Result<std::vector<std::pair<std::string, std::string>>> DeclaredConflicts(db::Tx& tx, const std::string& call_id);

}  // namespace cohort::review::store
