#pragma once
// Stage settings: reading them from JSON with field-level errors, writing
// them back, defaults per kind, and checking scores against a rubric. Pure.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "domain/programmes/model.h"
#include "domain/review/model.h"

namespace cohort::review {

bool IsStageKind(const std::string& kind);

// The settings a new stage of `kind` starts with (default name, and for
// review and interview stages a one-criterion rubric to edit).
StageSettings DefaultSettings(const std::string& kind);

// Reads settings as a coordinator sends them. Errors at "settings.<path>":
// unknown members, a weight ≤ 0 (weight_not_positive), min ≥ max
// (scale_inverted), bad or repeated criterion keys, missing labels,
// reviewers_per_application outside 1..20, an unknown aggregation or
// others_scores, and hidden/conflict field keys not in `form`.
Result<StageSettings> ParseStageSettings(const nlohmann::json& j, const programmes::Form& form);
nlohmann::json ToJson(const StageSettings& s);
nlohmann::json ToJson(const Criterion& c);
// A stage as the API shows it (docs/api/review.md Stage).
nlohmann::json ToJson(const Stage& s);

// True when `after` scores the same way as `before` (same keys, weights and
// scales in the same order): only labels and guidance differ.
bool SameScoring(const std::vector<Criterion>& before, const std::vector<Criterion>& after);

// Checks a review's scores: every key a criterion, every value a number in
// its scale (errors at "scores.<key>"). With `complete`, every criterion
// needs a score (required).
std::vector<FieldError> CheckScores(const std::vector<Criterion>& rubric, const nlohmann::json& scores, bool complete);

// The weighted total on 0..100 of complete scores (engines::WeightedTotal).
double TotalOf(const std::vector<Criterion>& rubric, const nlohmann::json& scores);

}  // namespace cohort::review
