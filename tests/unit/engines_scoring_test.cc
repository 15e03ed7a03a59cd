#include "engines/scoring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <vector>

namespace cohort::engines {
namespace {

// Krippendorff's alpha straight from its definition, O(n²): the yardstick
// the engine's O(n) form is checked against.
std::optional<double> NaiveIntervalAlpha(const std::vector<ReviewTotal>& reviews) {
  std::map<uint32_t, std::vector<double>> units;
  for (const ReviewTotal& r : reviews) units[r.application].push_back(r.total);
  std::vector<std::vector<double>> pairable;
  std::vector<double> all;
  for (const auto& [unit, values] : units) {
    if (values.size() < 2) continue;
    pairable.push_back(values);
    all.insert(all.end(), values.begin(), values.end());
  }
  if (pairable.size() < 2) return std::nullopt;
  const double n = static_cast<double>(all.size());
  double observed = 0;
  for (const std::vector<double>& u : pairable) {
    double unit_sum = 0;
    for (std::size_t i = 0; i < u.size(); ++i) {
      for (std::size_t j = 0; j < u.size(); ++j) {
        if (i != j) unit_sum += (u[i] - u[j]) * (u[i] - u[j]);
      }
    }
    observed += unit_sum / static_cast<double>(u.size() - 1);
  }
  observed /= n;
  double expected = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    for (std::size_t j = 0; j < all.size(); ++j) {
      if (i != j) expected += (all[i] - all[j]) * (all[i] - all[j]);
    }
  }
  expected /= n * (n - 1);
  if (expected == 0) return std::nullopt;
  return 1 - observed / expected;
}

const ApplicationScore& ScoreOf(const ScoringResult& result, uint32_t application) {
  const auto it = std::find_if(result.applications.begin(), result.applications.end(),
                               [&](const ApplicationScore& a) { return a.application == application; });
  EXPECT_NE(it, result.applications.end()) << application;
  return *it;
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the
// 4 observers × 12 units example with missing values; 0 marks a missing value.
std::vector<ReviewTotal> KrippendorffExample() {
  const int data[4][12] = {{1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0},
                           {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3},
                           {0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0},
                           {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0}};
  std::vector<ReviewTotal> reviews;
  for (uint32_t observer = 0; observer < 4; ++observer) {
    for (uint32_t unit = 0; unit < 12; ++unit) {
      if (data[observer][unit] != 0) reviews.push_back({unit, observer, static_cast<double>(data[observer][unit])});
    }
  }
  return reviews;
}

TEST(EnginesScoring, WeightedTotalNormalisesEachCriterionToItsScale) {
  const std::vector<RubricCriterion> rubric = {{3, 0, 10}, {1, 1, 5}};
  // 3·(5/10) + 1·((5−1)/4) = 2.5 of a possible 4.
  EXPECT_DOUBLE_EQ(WeightedTotal(rubric, std::vector<double>{5, 5}), 62.5);
  EXPECT_DOUBLE_EQ(WeightedTotal(rubric, std::vector<double>{0, 1}), 0);
  EXPECT_DOUBLE_EQ(WeightedTotal(rubric, std::vector<double>{10, 5}), 100);
  // The heavy criterion moves the total three times as far as the light one.
  EXPECT_DOUBLE_EQ(WeightedTotal(rubric, std::vector<double>{10, 1}), 75);
  EXPECT_DOUBLE_EQ(WeightedTotal(rubric, std::vector<double>{0, 5}), 25);
}

TEST(EnginesScoring, MeanAggregatesRawTotalsAndScoreEqualsRawWithoutCalibration) {
  const std::vector<ReviewTotal> reviews = {{0, 0, 60}, {0, 1, 70}, {0, 2, 80}, {1, 0, 45}};
  const ScoringResult result = Score(reviews, {});
  ASSERT_EQ(result.applications.size(), 2u);
  EXPECT_EQ(result.applications[0].reviews, 3u);
  EXPECT_DOUBLE_EQ(result.applications[0].raw, 70);
  EXPECT_DOUBLE_EQ(result.applications[0].score, 70);
  EXPECT_EQ(result.applications[1].reviews, 1u);
  EXPECT_DOUBLE_EQ(result.applications[1].raw, 45);
  EXPECT_DOUBLE_EQ(result.applications[1].spread, 0);
  EXPECT_EQ(result.calibrated_totals, (std::vector<double>{60, 70, 80, 45}));
  EXPECT_DOUBLE_EQ(result.stage_mean, 63.75);
}

TEST(EnginesScoring, MedianOfOddCountIsTheMiddleTotal) {
  const std::vector<ReviewTotal> reviews = {{0, 0, 90}, {0, 1, 10}, {0, 2, 35}};
  ScoringOptions options;
  options.aggregation = Aggregation::kMedian;
  const ScoringResult result = Score(reviews, options);
  ASSERT_EQ(result.applications.size(), 1u);
  EXPECT_DOUBLE_EQ(result.applications[0].raw, 35);
  EXPECT_DOUBLE_EQ(result.applications[0].score, 35);
}

TEST(EnginesScoring, MedianOfEvenCountIsTheMeanOfTheTwoMiddleTotals) {
  const std::vector<ReviewTotal> reviews = {{4, 0, 10}, {4, 1, 90}, {4, 2, 40}, {4, 3, 20}, {9, 0, 70}, {9, 1, 50}};
  ScoringOptions options;
  options.aggregation = Aggregation::kMedian;
  const ScoringResult result = Score(reviews, options);
  ASSERT_EQ(result.applications.size(), 2u);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 4).raw, 30);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 9).raw, 60);
}

TEST(EnginesScoring, MedianOfLargeGroupsOddAndEven) {
  // Groups above the insertion-sort size take the nth_element path.
  std::vector<ReviewTotal> reviews;
  std::mt19937_64 rng(7);
  std::vector<double> odd(41), even(40);
  for (std::size_t i = 0; i < odd.size(); ++i) odd[i] = static_cast<double>(i);       // median 20
  for (std::size_t i = 0; i < even.size(); ++i) even[i] = static_cast<double>(2 * i);  // median (38+40)/2
  std::shuffle(odd.begin(), odd.end(), rng);
  std::shuffle(even.begin(), even.end(), rng);
  for (std::size_t i = 0; i < odd.size(); ++i) reviews.push_back({1, static_cast<uint32_t>(i), odd[i]});
  for (std::size_t i = 0; i < even.size(); ++i) reviews.push_back({2, static_cast<uint32_t>(i), even[i]});
  ScoringOptions options;
  options.aggregation = Aggregation::kMedian;
  const ScoringResult result = Score(reviews, options);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 1).raw, 20);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 2).raw, 39);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 2).spread, 78);
}

TEST(EnginesScoring, DisagreementFlagsSpreadAboveThresholdOnRawTotals) {
  const std::vector<ReviewTotal> reviews = {
      {0, 0, 50}, {0, 1, 75},             // spread 25: not above
      {1, 0, 50}, {1, 1, 75.5},           // spread 25.5: above
      {2, 0, 80}, {2, 1, 20}, {2, 2, 60}  // spread 60
  };
  const ScoringResult result = Score(reviews, {});
  EXPECT_DOUBLE_EQ(result.applications[0].spread, 25);
  EXPECT_FALSE(result.applications[0].disagreement);
  EXPECT_DOUBLE_EQ(result.applications[1].spread, 25.5);
  EXPECT_TRUE(result.applications[1].disagreement);
  EXPECT_DOUBLE_EQ(result.applications[2].spread, 60);
  EXPECT_TRUE(result.applications[2].disagreement);
  ScoringOptions strict;
  strict.disagreement_threshold = 60;
  EXPECT_FALSE(Score(reviews, strict).applications[2].disagreement);
}

TEST(EnginesScoring, HarshAndLenientReviewersWeighAlikeAfterCalibration) {
  // Reviewer 0 is harsh, reviewer 1 lenient by 40 points; the applications
  // they saw rank the same within each reviewer.
  const std::vector<ReviewTotal> reviews = {{0, 0, 20}, {1, 0, 30}, {2, 0, 40},
                                            {3, 1, 60}, {4, 1, 70}, {5, 1, 80}};
  ScoringOptions options;
  options.calibrate = true;
  const ScoringResult result = Score(reviews, options);

  EXPECT_DOUBLE_EQ(result.stage_mean, 50);
  EXPECT_DOUBLE_EQ(result.stage_stddev, std::sqrt(2800.0 / 6));
  ASSERT_EQ(result.reviewers.size(), 2u);
  EXPECT_TRUE(result.reviewers[0].calibrated);
  EXPECT_DOUBLE_EQ(result.reviewers[0].mean, 30);
  EXPECT_DOUBLE_EQ(result.reviewers[0].stddev, std::sqrt(200.0 / 3));
  EXPECT_DOUBLE_EQ(result.reviewers[1].mean, 70);

  // Uncalibrated, the lenient reviewer's worst beats the harsh one's best.
  EXPECT_DOUBLE_EQ(ScoreOf(result, 0).raw, 20);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 3).raw, 60);
  // Calibrated, equal places get equal scores.
  for (uint32_t i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(ScoreOf(result, i).score, ScoreOf(result, i + 3).score) << i;
  EXPECT_DOUBLE_EQ(ScoreOf(result, 1).score, 50);
  EXPECT_NEAR(ScoreOf(result, 0).score, 50 - 10 / std::sqrt(200.0 / 3) * std::sqrt(2800.0 / 6), 1e-12);
  EXPECT_NEAR(ScoreOf(result, 0).score, 23.542486889354094, 1e-9);
  EXPECT_NEAR(result.calibrated_totals[5], 76.457513110645906, 1e-9);
}

TEST(EnginesScoring, ReviewerWithTooFewOrConstantTotalsKeepsRawTotals) {
  const std::vector<ReviewTotal> reviews = {
      {0, 0, 10}, {1, 0, 90},               // reviewer 0: two reviews
      {2, 1, 40}, {3, 1, 40}, {4, 1, 40},   // reviewer 1: does not vary
      {5, 2, 30}, {6, 2, 50}, {7, 2, 70}};  // reviewer 2: calibrated
  ScoringOptions options;
  options.calibrate = true;
  const ScoringResult result = Score(reviews, options);
  ASSERT_EQ(result.reviewers.size(), 3u);
  EXPECT_FALSE(result.reviewers[0].calibrated);
  EXPECT_EQ(result.reviewers[0].reviews, 2u);
  EXPECT_FALSE(result.reviewers[1].calibrated);
  EXPECT_DOUBLE_EQ(result.reviewers[1].stddev, 0);
  EXPECT_TRUE(result.reviewers[2].calibrated);
  EXPECT_DOUBLE_EQ(result.calibrated_totals[0], 10);
  EXPECT_DOUBLE_EQ(result.calibrated_totals[1], 90);
  EXPECT_DOUBLE_EQ(result.calibrated_totals[3], 40);
  EXPECT_NE(result.calibrated_totals[5], 30);

  options.min_reviews_to_calibrate = 2;
  EXPECT_TRUE(Score(reviews, options).reviewers[0].calibrated);
  options.calibrate = false;
  const ScoringResult raw = Score(reviews, options);
  EXPECT_FALSE(raw.reviewers[2].calibrated);
  EXPECT_DOUBLE_EQ(raw.calibrated_totals[5], 30);
}

TEST(EnginesScoring, CalibratedTotalsAreClampedToTheScale) {
  std::vector<ReviewTotal> reviews;
  // Reviewers 0 and 1 give nine 50s and one outlier, three deviations out;
  // reviewer 2 spreads the stage so the outliers land beyond 0..100.
  for (uint32_t i = 0; i < 9; ++i) reviews.push_back({i, 0, 50});
  reviews.push_back({9, 0, 60});
  for (uint32_t i = 0; i < 9; ++i) reviews.push_back({10 + i, 1, 50});
  reviews.push_back({19, 1, 40});
  for (uint32_t i = 0; i < 4; ++i) reviews.push_back({20 + i, 2, i % 2 == 0 ? 0.0 : 100.0});
  ScoringOptions options;
  options.calibrate = true;
  const ScoringResult result = Score(reviews, options);
  EXPECT_GT(result.stage_stddev * 3, 50);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 9).score, 100);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 19).score, 0);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 9).raw, 60);
}

TEST(EnginesScoring, CalibratedMedianAggregatesCalibratedTotals) {
  const std::vector<ReviewTotal> reviews = {{0, 0, 20}, {1, 0, 30}, {2, 0, 40}, {0, 1, 60},
                                            {1, 1, 70}, {2, 1, 80}, {0, 2, 5}};
  ScoringOptions options;
  options.calibrate = true;
  options.aggregation = Aggregation::kMedian;
  const ScoringResult result = Score(reviews, options);
  std::vector<double> app0 = {result.calibrated_totals[0], result.calibrated_totals[3], result.calibrated_totals[6]};
  std::sort(app0.begin(), app0.end());
  EXPECT_DOUBLE_EQ(ScoreOf(result, 0).score, app0[1]);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 0).raw, 20);
  EXPECT_DOUBLE_EQ(ScoreOf(result, 1).score, (result.calibrated_totals[1] + result.calibrated_totals[4]) / 2);
}

TEST(EnginesScoring, ApplicationsAndReviewersComeOutAscendingWhateverTheIndices) {
  const std::vector<ReviewTotal> reviews = {{1000, 7, 10}, {3, 2, 20}, {3, 7, 30}, {500, 2, 40}};
  const ScoringResult result = Score(reviews, {});
  ASSERT_EQ(result.applications.size(), 3u);
  EXPECT_EQ(result.applications[0].application, 3u);
  EXPECT_EQ(result.applications[1].application, 500u);
  EXPECT_EQ(result.applications[2].application, 1000u);
  EXPECT_DOUBLE_EQ(result.applications[0].raw, 25);
  ASSERT_EQ(result.reviewers.size(), 2u);
  EXPECT_EQ(result.reviewers[0].reviewer, 2u);
  EXPECT_EQ(result.reviewers[1].reviewer, 7u);
  EXPECT_DOUBLE_EQ(result.reviewers[1].mean, 20);

  // Indices far sparser than the data (ids passed by mistake) still work.
  const std::vector<ReviewTotal> sparse = {{4000000000u, 4294967295u, 10}, {7, 4294967295u, 30}, {4000000000u, 1, 50}};
  const ScoringResult s = Score(sparse, {});
  ASSERT_EQ(s.applications.size(), 2u);
  EXPECT_EQ(s.applications[0].application, 7u);
  EXPECT_EQ(s.applications[1].application, 4000000000u);
  EXPECT_DOUBLE_EQ(s.applications[1].raw, 30);
  ASSERT_EQ(s.reviewers.size(), 2u);
  EXPECT_EQ(s.reviewers[1].reviewer, 4294967295u);
  EXPECT_DOUBLE_EQ(s.reviewers[1].mean, 20);
}

TEST(EnginesScoring, EmptyInputGivesEmptyResult) {
  const ScoringResult result = Score({}, {});
  EXPECT_TRUE(result.applications.empty());
  EXPECT_TRUE(result.reviewers.empty());
  EXPECT_FALSE(result.krippendorff_alpha.has_value());
}

TEST(EnginesScoring, AlphaIsOneOnPerfectAgreement) {
  const std::vector<ReviewTotal> reviews = {{0, 0, 20}, {0, 1, 20}, {1, 0, 55}, {1, 1, 55}, {1, 2, 55}, {2, 2, 90}};
  const ScoringResult result = Score(reviews, {});
  ASSERT_TRUE(result.krippendorff_alpha.has_value());
  EXPECT_EQ(*result.krippendorff_alpha, 1.0);
}

TEST(EnginesScoring, AlphaIsAbsentWithoutTwoPairableUnitsOrWithoutVariation) {
  // One unit with two totals; the others have one each.
  EXPECT_FALSE(Score(std::vector<ReviewTotal>{{0, 0, 20}, {0, 1, 80}, {1, 0, 50}, {2, 1, 50}}, {})
                   .krippendorff_alpha.has_value());
  // Every total the same.
  EXPECT_FALSE(Score(std::vector<ReviewTotal>{{0, 0, 50}, {0, 1, 50}, {1, 0, 50}, {1, 1, 50}}, {})
                   .krippendorff_alpha.has_value());
}

TEST(EnginesScoring, AlphaMatchesKrippendorffsPublishedExample) {
  const std::vector<ReviewTotal> reviews = KrippendorffExample();
  const ScoringResult result = Score(reviews, {});
  ASSERT_TRUE(result.krippendorff_alpha.has_value());
  const std::optional<double> naive = NaiveIntervalAlpha(reviews);
  ASSERT_TRUE(naive.has_value());
  EXPECT_NEAR(*result.krippendorff_alpha, *naive, 1e-12);
  // Krippendorff (2011) reports α_interval = 0.849 for these data; by hand
  // D_o/D_e works out to 0.15089285714…
  EXPECT_NEAR(*result.krippendorff_alpha, 0.849, 0.0005);
  EXPECT_NEAR(*result.krippendorff_alpha, 0.8491071428571428, 1e-12);
}

TEST(EnginesScoring, AlphaWithMissingValuesMatchesTheDefinition) {
  // Units with one to five totals from random reviewers, some left unpaired;
  // reviewers biased so that alpha is well inside (0, 1).
  std::mt19937_64 rng(20240726);
  std::uniform_int_distribution<int> reviews_per_unit(1, 5);
  std::uniform_int_distribution<uint32_t> reviewer(0, 29);
  std::normal_distribution<double> quality(55, 15), noise(0, 9);
  std::vector<ReviewTotal> reviews;
  for (uint32_t unit = 0; unit < 120; ++unit) {
    const double q = quality(rng);
    const int m = reviews_per_unit(rng);
    for (int i = 0; i < m; ++i) {
      const uint32_t r = reviewer(rng);
      const double bias = static_cast<double>(r % 5) * 4 - 8;
      reviews.push_back({unit, r, std::clamp(q + bias + noise(rng), 0.0, 100.0)});
    }
  }
  const std::optional<double> naive = NaiveIntervalAlpha(reviews);
  ASSERT_TRUE(naive.has_value());
  for (Aggregation aggregation : {Aggregation::kMean, Aggregation::kMedian}) {
    ScoringOptions options;
    options.aggregation = aggregation;
    options.calibrate = true;  // alpha stays on the raw totals either way
    const ScoringResult result = Score(reviews, options);
    ASSERT_TRUE(result.krippendorff_alpha.has_value());
    EXPECT_NEAR(*result.krippendorff_alpha, *naive, 1e-10);
  }
  EXPECT_GT(*naive, 0.3);
  EXPECT_LT(*naive, 0.95);
}

}  // namespace
}  // namespace cohort::engines
