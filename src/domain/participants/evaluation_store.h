#pragma once
// Storage of evaluations and activity feedback, inside the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/participants/model.h"

namespace cohort::participants::store {

// The intake's evaluations with names, by period then participant name.
Result<std::vector<Evaluation>> EvaluationsOf(db::Tx& tx, const std::string& intake_id);
// Inserts or replaces the evaluation of (participant, period).
Result<void> SaveEvaluation(db::Tx& tx, const Evaluation& e);

// Inserts or replaces the participant's feedback on the activity.
Result<void> SaveFeedback(db::Tx& tx, const Feedback& f);
Result<std::vector<Feedback>> FeedbackOf(db::Tx& tx, const std::string& activity_id);
// What one participant gave, on any activity.
Result<std::vector<Feedback>> FeedbackBy(db::Tx& tx, const std::string& participant_id);

}  // namespace cohort::participants::store
