#pragma once
// Selection use cases: the stages of a call, their reviewers, which
// applications are in each stage, reviewer assignment (engines/assignment),
// reviewing, and scores and ranking (engines/scoring, engines/ranking).
// Staff = organisation administrators and coordinators of the call's
// organisation; people outside it get kNotFound for its objects. Every
// change is audited; every read of applicants' names by staff is audited.
#include <array>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/applications/model.h"
#include "domain/audit/trail.h"
#include "domain/review/model.h"
#include "domain/review/store.h"

namespace cohort::review {

struct AdmitSummary {
  std::int64_t admitted = 0, already = 0, awaiting_screening = 0;
};

// Exactly one of the three is given.
struct ShortlistRequest {
  std::optional<std::int64_t> top;
  std::optional<double> min_score;
  std::vector<std::string> application_ids;
};
struct ShortlistSummary {
  std::int64_t moved = 0, already = 0;
  std::int64_t second_stage_opened = 0;  // applications the short-list form opened to
  std::optional<double> cutoff_score;
};

struct Shortfall {
  std::string application_id, reference;
  std::uint32_t missing = 0, declared_conflicts = 0, affiliation_conflicts = 0, at_cap = 0;
};
struct AssignmentSummary {
  std::int64_t added = 0, applications = 0, reviewers = 0;
  std::vector<Shortfall> shortfalls;
  std::int64_t load_min = 0, load_max = 0;
};

// A review as its reviewer (or staff) sees it: the application only as the
// stage shows it, and the other reviews when the stage allows.
struct ReviewView {
  ReviewRow row;
  std::vector<Criterion> rubric;
  std::vector<programmes::Field> fields;  // the form fields shown
  nlohmann::json answers = nlohmann::json::object();
  std::vector<applications::Document> documents;  // the uploaded files among the answers shown
  std::optional<std::string> applicant_name, applicant_email;  // absent in blind review
  std::vector<ReviewRow> others;  // submitted reviews of the same application at the stage
  bool staff = false;             // read by staff: private comments shown
  std::vector<std::string> actions;
};

struct ConflictOutcome {
  ReviewRow review;
  std::optional<ReviewRow> replacement;
};

// One application's place in a stage's ranking, and why.
struct RankedEntry {
  std::string application_id, reference, applicant_name, submitted_at;
  std::optional<std::uint32_t> rank;  // none: no submitted review yet
  double score = 0, raw = 0;
  std::uint32_t reviews = 0;
  double spread = 0;
  bool disagreement = false;
  struct Total {
    std::string reviewer_name;
    double total = 0, calibrated = 0;
  };
  std::vector<Total> totals;
  bool above_cutoff = false;
  bool in_next_stage = false;
  std::array<double, 3> tie_values{};  // the stage's tie-breaks, in order (see Ranking)
};
struct ReviewerFigures {
  std::string reviewer_id, name;
  std::uint32_t reviews = 0;
  double mean = 0, stddev = 0;
  bool calibrated = false;
};
struct Ranking {
  Stage stage;
  std::optional<double> alpha;
  std::vector<ReviewerFigures> reviewers;
  std::vector<RankedEntry> items;
  std::optional<std::int64_t> cutoff_top;
  std::optional<double> cutoff_score;
  // The stage's tie-breaks as the ranking engine takes them; later stages
  // (decisions) rank by the same order.
  std::size_t tie_break_count = 0;
  std::array<bool, 3> tie_break_descending{true, true, true};
};

// For later modules (decisions, interviews), inside their transactions and
// without permission checks: the caller has checked the organisation.
Result<std::optional<Stage>> FindStage(db::Tx& tx, const std::string& stage_id);
Result<std::vector<Stage>> StagesOfCall(db::Tx& tx, const std::string& call_id);
// Application ids in a stage, sorted.
Result<std::vector<std::string>> StageEntries(db::Tx& tx, const std::string& stage_id);
Result<std::int64_t> EnterStage(db::Tx& tx, const Stage& stage, const std::vector<std::string>& application_ids,
                                const std::string& by, const std::string& now);
// Scorecards of an interview: a review (origin "panel") for each panel
// member who has none open on the application at the stage (audited).
Result<void> AssignPanelReviews(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const Stage& stage,
                                const std::string& application_id, const std::vector<std::string>& members,
                                const std::string& panel_name);
// Removes the panel's scorecards not yet started (a booking moved).
Result<void> RemovePanelReviews(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail, const Stage& stage,
                                const std::string& application_id, const std::vector<std::string>& members);
// Fixes a decision stage once its decisions are published: its settings
// and entries no longer change (kConflict "already_published" afterwards).
Result<void> MarkDecided(db::Tx& tx, const Stage& stage, const std::string& now);
// The ranking of a stage by its submitted reviews (as RankingOf, unaudited).
Result<Ranking> RankStage(db::Tx& tx, const Stage& stage);

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // The call's stages in order; a call without stages gets the default
  // four (screening, review, interview, decision) first. kNotFound when the
  // intake has no call.
  Result<std::vector<Stage>> Stages(const RequestContext& ctx, const std::string& intake_id);
  // kInvalidArgument at "kind", "position" or "settings.…".
  Result<Stage> AddStage(const RequestContext& ctx, const std::string& intake_id, const std::string& kind,
                         const nlohmann::json& settings, std::optional<int> position);
  Result<Stage> GetStage(const RequestContext& ctx, const std::string& stage_id);
  // kConflict "stale_version" (with "current") when `version` is not the
  // stored one; kInvalidArgument "rubric_in_use" at settings.rubric when
  // submitted reviews exist and weights, scales or keys would change.
  Result<Stage> UpdateStage(const RequestContext& ctx, const std::string& stage_id, const nlohmann::json& settings,
                            std::int64_t version);
  // kConflict "stage_in_use" when applications entered it or reviews exist.
  Result<void> DeleteStage(const RequestContext& ctx, const std::string& stage_id);
  // `stage_ids` must be every stage of the call once (kInvalidArgument at
  // stage_ids); kConflict "stage_in_use" when a stage in use would move.
  Result<std::vector<Stage>> Reorder(const RequestContext& ctx, const std::string& intake_id,
                                     const std::vector<std::string>& stage_ids);

  Result<std::vector<StageReviewer>> Reviewers(const RequestContext& ctx, const std::string& stage_id);
  // Adds a reviewer or changes their cap and affiliations. kInvalidArgument
  // "not_a_reviewer" at account_id unless the account holds a reviewing
  // role in the organisation; at load_cap or affiliations for bad values.
  Result<StageReviewer> PutReviewer(const RequestContext& ctx, const std::string& stage_id, const StageReviewer& in);
  // Their open (unsubmitted) reviews at the stage are removed.
  Result<void> RemoveReviewer(const RequestContext& ctx, const std::string& stage_id, const std::string& account_id);

  // Enters every submitted application screened eligible into the first
  // stage after screening (kFailedPrecondition for any other stage).
  Result<AdmitSummary> Admit(const RequestContext& ctx, const std::string& stage_id);
  // Moves applications of this stage into the next one, by this stage's
  // ranking. kInvalidArgument unless exactly one way is given;
  // kFailedPrecondition when there is no next stage.
  Result<ShortlistSummary> Shortlist(const RequestContext& ctx, const std::string& stage_id, const ShortlistRequest& in);

  // Gives every application in the stage its k reviewers (engines/assignment).
  // kInvalidArgument "not_enough_reviewers" when k exceeds the stage's reviewers.
  Result<AssignmentSummary> AssignAutomatically(const RequestContext& ctx, const std::string& stage_id);
  // kInvalidArgument at application_id (not in the stage) or reviewer_id
  // (not a reviewer of the stage, already on it, or in conflict).
  Result<ReviewRow> AssignManually(const RequestContext& ctx, const std::string& stage_id,
                                   const std::string& application_id, const std::string& reviewer_id);
  Result<std::vector<ReviewRow>> Assignments(const RequestContext& ctx, const std::string& stage_id,
                                             const store::ReviewFilter& filter);
  Result<void> RemoveAssignment(const RequestContext& ctx, const std::string& review_id);
  // E-mails each reviewer of the stage who has open reviews; how many.
  Result<std::int64_t> Remind(const RequestContext& ctx, const std::string& stage_id);

  // The signed-in person's reviews (kUnauthenticated for the public).
  Result<std::vector<ReviewRow>> MyReviews(const RequestContext& ctx, const std::string& state);
  // For the assigned reviewer and staff; kNotFound for anyone else.
  Result<ReviewView> GetReview(const RequestContext& ctx, const std::string& review_id);
  // A document uploaded with the review's application, with its bytes, for
  // whoever may read the review, while the stage shows the document's
  // question; kNotFound otherwise. Audited.
  Result<std::pair<applications::Document, std::string>> ReviewDocument(const RequestContext& ctx,
                                                                        const std::string& review_id,
                                                                        const std::string& document_id);
  // The assigned reviewer only (kPermissionDenied for staff).
  // kInvalidArgument at scores.<key>; kConflict "stale_version".
  Result<ReviewView> SaveReview(const RequestContext& ctx, const std::string& review_id, const nlohmann::json& scores,
                                const std::string& private_comment, const std::string& shared_comment,
                                std::int64_t version);
  // kInvalidArgument "required" at every scores.<key> missing.
  Result<ReviewView> SubmitReview(const RequestContext& ctx, const std::string& review_id);
  // Ends the review as a conflict and assigns a replacement when one is free.
  Result<ConflictOutcome> DeclareConflict(const RequestContext& ctx, const std::string& review_id,
                                          const std::string& reason);
  // Staff: a submitted review back to a draft.
  Result<ReviewView> Reopen(const RequestContext& ctx, const std::string& review_id);

  // The stage's scores and ranking (staff; audited). With `top` or
  // `min_score`, the cut-off a short list would use is marked.
  Result<Ranking> RankingOf(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id,
                            std::optional<std::int64_t> top, std::optional<double> min_score);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::review
