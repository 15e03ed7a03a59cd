#pragma once
// Scoring engine: turns reviewers' totals into one score per application,
// with optional per-reviewer calibration, disagreement flags and an
// inter-rater agreement figure. Pure: no I/O, no clock, no randomness; the
// same input gives the same output.
//
// Indices (application, reviewer) are dense numbers chosen by the caller,
// which maps them back to ids; they need not be contiguous.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cohort::engines {

// One criterion of a rubric. Valid when weight > 0 and scale_min < scale_max
// (the review service checks rubrics before they are saved).
struct RubricCriterion {
  double weight = 1;
  double scale_min = 0;
  double scale_max = 10;
};

// The weighted total of one review on 0..100:
//   Σ wᵢ·(sᵢ − minᵢ)/(maxᵢ − minᵢ) / Σ wᵢ × 100.
// Precondition: scores.size() == rubric.size() and every score lies within
// its criterion's scale (the caller validates input before calling).
double WeightedTotal(std::span<const RubricCriterion> rubric, std::span<const double> scores);

// One submitted review, already reduced to its weighted total (0..100).
struct ReviewTotal {
  uint32_t application = 0;
  uint32_t reviewer = 0;
  double total = 0;
};

enum class Aggregation : uint8_t { kMean, kMedian };

struct ScoringOptions {
  Aggregation aggregation = Aggregation::kMean;
  // Z-score normalisation per reviewer: each total becomes
  //   stage_mean + (total − reviewer_mean) / reviewer_stddev × stage_stddev,
  // clamped to 0..100, so harsh and lenient reviewers weigh alike.
  bool calibrate = false;
  // A reviewer with fewer reviews than this, or whose totals do not vary,
  // keeps raw totals (reported as not calibrated).
  uint32_t min_reviews_to_calibrate = 3;
  // An application is flagged when max − min of its (raw) totals exceeds this.
  double disagreement_threshold = 25;
};

struct ReviewerCalibration {
  uint32_t reviewer = 0;
  uint32_t reviews = 0;
  double mean = 0;    // of the reviewer's raw totals
  double stddev = 0;  // population standard deviation of the same
  bool calibrated = false;
};

struct ApplicationScore {
  uint32_t application = 0;
  uint32_t reviews = 0;   // totals aggregated
  double raw = 0;         // aggregate of raw totals
  double score = 0;       // aggregate of calibrated totals; == raw without calibration
  double spread = 0;      // max − min of the raw totals (0 with one review)
  bool disagreement = false;
};

struct ScoringResult {
  std::vector<ApplicationScore> applications;  // ascending by application index
  std::vector<ReviewerCalibration> reviewers;  // ascending by reviewer index
  std::vector<double> calibrated_totals;       // parallel to the input reviews
  double stage_mean = 0;                       // over all raw totals
  double stage_stddev = 0;
  // Krippendorff's alpha, interval metric, over the raw totals (units are
  // applications, coders are reviewers; missing values allowed). nullopt
  // when fewer than two units have two or more totals, or when the totals
  // do not vary at all.
  std::optional<double> krippendorff_alpha;
};

// Scores every application that has at least one review. O(n log n) in the
// number of reviews (median needs a partial sort per application).
ScoringResult Score(std::span<const ReviewTotal> reviews, const ScoringOptions& options);

}  // namespace cohort::engines
