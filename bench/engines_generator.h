#pragma once
// Synthetic calls for the engine benchmarks, sized like the Paris 2024
// volunteer call by default: 300,000 applications, 2,500 reviewers, 3 reviews
// each. Header-only, and reproducible: every number comes from a
// std::mt19937_64 seeded from CallShape::seed, so two runs (or two machines)
// measure the same data.
//
// What makes the data realistic enough to stress the engines:
//   * reviewers are harsh or lenient (a bias per reviewer), which is what
//     calibration has to undo;
//   * three quota dimensions with skew: a capital region with a third of the
//     applicants, a near-even gender split, and universities whose sizes
//     follow a Zipf law, so maximums bind on the big ones and minimums on the
//     small ones;
//   * totals come from integer rubric points, so raw means tie often.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <utility>
#include <vector>

#include "engines/ranking.h"
#include "engines/scoring.h"

namespace cohort::bench {

inline constexpr std::size_t kRegionDimension = 0;
inline constexpr std::size_t kGenderDimension = 1;
inline constexpr std::size_t kUniversityDimension = 2;

struct CallShape {
  uint32_t applications = 300'000;
  uint32_t reviewers = 2'500;
  uint32_t reviews_per_application = 3;
  uint16_t regions = 10;
  uint16_t genders = 2;
  uint16_t universities = 40;
  uint64_t seed = 20240726;
};

struct GeneratedCall {
  CallShape shape;
  // Per application.
  std::vector<double> merit;                            // what a fair reviewer would give, 0..100
  std::vector<double> submitted_at;                     // seconds into the call: a natural tie-break
  std::vector<std::array<uint16_t, 3>> categories;      // region, gender, university
  // Per reviewer.
  std::vector<double> reviewer_bias;                    // points added to every total; < 0 harsh
  std::vector<uint16_t> reviewer_university;            // for conflict-of-interest rules
};

// Category i of n with probability ∝ weights[i], drawn by inverse CDF.
class CategoryDraw {
 public:
  explicit CategoryDraw(std::vector<double> weights) : cumulative_(std::move(weights)) {
    std::partial_sum(cumulative_.begin(), cumulative_.end(), cumulative_.begin());
    for (double& c : cumulative_) c /= cumulative_.back();
  }
  template <typename Rng>
  uint16_t operator()(Rng& rng) const {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    return static_cast<uint16_t>(std::min<std::ptrdiff_t>(it - cumulative_.begin(),
                                                          static_cast<std::ptrdiff_t>(cumulative_.size()) - 1));
  }

 private:
  std::vector<double> cumulative_;
};

inline CategoryDraw RegionDraw(uint16_t regions) {
  // The capital has a third of the applicants, the rest share evenly.
  std::vector<double> w(regions, regions > 1 ? 2.0 / 3 / (regions - 1) : 1.0);
  w[0] = regions > 1 ? 1.0 / 3 : 1.0;
  return CategoryDraw(std::move(w));
}

inline CategoryDraw ZipfDraw(uint16_t categories) {
  std::vector<double> w(categories);
  for (uint16_t i = 0; i < categories; ++i) w[i] = 1.0 / (i + 1);
  return CategoryDraw(std::move(w));
}

inline GeneratedCall GenerateCall(const CallShape& shape = {}) {
  GeneratedCall call;
  call.shape = shape;
  std::mt19937_64 rng(shape.seed);
  const CategoryDraw region = RegionDraw(shape.regions);
  const CategoryDraw university = ZipfDraw(shape.universities);
  std::normal_distribution<double> merit(55, 15);
  std::uniform_real_distribution<double> when(0, 30.0 * 24 * 3600);

  call.merit.resize(shape.applications);
  call.submitted_at.resize(shape.applications);
  call.categories.resize(shape.applications);
  for (uint32_t a = 0; a < shape.applications; ++a) {
    const uint16_t r = region(rng);
    const auto g = static_cast<uint16_t>(rng() % shape.genders);
    const uint16_t u = university(rng);
    // Applicants outside the capital score a little lower on average, so
    // regional minimums have work to do.
    call.merit[a] = std::clamp(merit(rng) - (r == 0 ? 0.0 : 4.0), 0.0, 100.0);
    call.submitted_at[a] = when(rng);
    call.categories[a] = {r, g, u};
  }

  std::normal_distribution<double> bias(0, 8);
  call.reviewer_bias.resize(shape.reviewers);
  call.reviewer_university.resize(shape.reviewers);
  for (uint32_t v = 0; v < shape.reviewers; ++v) {
    call.reviewer_bias[v] = bias(rng);
    call.reviewer_university[v] = university(rng);
  }
  return call;
}

// k distinct reviewers per application, chosen at random (load ≈ even), in
// a shuffled order as a database would return them: not grouped by
// application, which would flatter the scoring engine's grouping step.
// A total is merit + the reviewer's bias + noise, on a rubric of 20 points
// (so totals are multiples of 5, and raw aggregates tie).
inline std::vector<engines::ReviewTotal> GenerateReviews(const GeneratedCall& call) {
  const CallShape& shape = call.shape;
  std::mt19937_64 rng(shape.seed ^ 0x9E3779B97F4A7C15ull);
  std::normal_distribution<double> noise(0, 6);
  std::uniform_int_distribution<uint32_t> pick(0, shape.reviewers - 1);
  const uint32_t k = std::min(shape.reviews_per_application, shape.reviewers);
  std::vector<engines::ReviewTotal> reviews;
  reviews.reserve(std::size_t{shape.applications} * k);
  std::vector<uint32_t> chosen(k);
  for (uint32_t a = 0; a < shape.applications; ++a) {
    for (uint32_t i = 0; i < k; ++i) {
      uint32_t v = pick(rng);
      while (std::find(chosen.begin(), chosen.begin() + i, v) != chosen.begin() + i) v = pick(rng);
      chosen[i] = v;
      const double total = call.merit[a] + call.reviewer_bias[v] + noise(rng);
      reviews.push_back({a, v, std::clamp(std::round(total / 5) * 5, 0.0, 100.0)});
    }
  }
  std::shuffle(reviews.begin(), reviews.end(), rng);
  return reviews;
}

inline engines::RankingCandidate MakeCandidate(const GeneratedCall& call, uint32_t application, double score) {
  engines::RankingCandidate c;
  c.id = application;
  c.score = score;
  c.tie_breaks[0] = call.submitted_at[application];
  for (std::size_t d = 0; d < 3; ++d) c.categories[d] = call.categories[application][d];
  return c;
}

// Candidates scored by their merit directly: ranking input without a scoring step.
inline std::vector<engines::RankingCandidate> GenerateCandidates(const GeneratedCall& call) {
  std::vector<engines::RankingCandidate> candidates(call.shape.applications);
  for (uint32_t a = 0; a < call.shape.applications; ++a) candidates[a] = MakeCandidate(call, a, call.merit[a]);
  return candidates;
}

// Candidates from a scoring run, as the selection service builds them.
inline std::vector<engines::RankingCandidate> CandidatesFromScores(const GeneratedCall& call,
                                                                   const engines::ScoringResult& scores) {
  std::vector<engines::RankingCandidate> candidates;
  candidates.reserve(scores.applications.size());
  for (const engines::ApplicationScore& s : scores.applications) {
    candidates.push_back(MakeCandidate(call, s.application, s.score));
  }
  return candidates;
}

// Quotas on all three dimensions, earlier submission first on equal scores.
// With the default shape:
//   region:     every region ≥ 4 %, ≤ 30 % of the seats
//   gender:     each of two ≥ 40 %
//   university: every university ≥ 0.5 %, ≤ 8 %
// Other shapes keep the same totals of minimums (40 %, 80 %, 20 %) so that
// they always fit the capacity, and maximums that leave room to fill it.
inline engines::RankingOptions ThreeQuotaOptions(const CallShape& shape, uint32_t capacity) {
  engines::RankingOptions options;
  options.capacity = capacity;
  options.tie_break_count = 1;
  options.tie_break_descending = {false, true, true};
  auto add = [&](std::size_t dimension, uint16_t count, double minimum_total, double maximum) {
    for (uint16_t c = 0; c < count; ++c) {
      options.quotas.push_back({static_cast<uint8_t>(dimension), c, minimum_total / count,
                                std::min(1.0, std::max(maximum, 2.0 / count))});
    }
  };
  add(kRegionDimension, shape.regions, 0.40, 0.30);
  add(kGenderDimension, shape.genders, 0.80, 1.0);
  add(kUniversityDimension, shape.universities, 0.20, 0.08);
  return options;
}

}  // namespace cohort::bench
