#include "engines/scoring.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstddef>

namespace cohort::engines {
namespace {

// Count, mean and Σ(x − mean)² of a set of values, mergeable (Chan et al.):
// sums of squares about the mean rather than Σx² − (Σx)²/n, which would lose
// most of its digits when totals near 100 differ by little.
struct Moments {
  double count = 0;
  double mean = 0;
  double squares = 0;

  void Merge(double other_count, double other_mean, double other_squares) {
    if (other_count == 0) return;
    const double total = count + other_count;
    const double delta = other_mean - mean;
    mean += delta * other_count / total;
    squares += other_squares + delta * delta * count * other_count / total;
    count = total;
  }
};

// Median of a group we are free to reorder. Groups are tiny in practice (3
// reviews), where insertion sort beats nth_element's set-up.
double MedianInPlace(std::span<double> values) {
  const std::size_t m = values.size();
  assert(m > 0);
  constexpr std::size_t kSmallGroup = 16;
  if (m <= kSmallGroup) {
    for (std::size_t i = 1; i < m; ++i) {
      const double v = values[i];
      std::size_t j = i;
      for (; j > 0 && values[j - 1] > v; --j) values[j] = values[j - 1];
      values[j] = v;
    }
    return m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2;
  }
  const auto upper = values.begin() + static_cast<std::ptrdiff_t>(m / 2);
  std::nth_element(values.begin(), upper, values.end());
  if (m % 2 == 1) return *upper;
  // After nth_element everything before `upper` is ≤ it: the lower middle is their maximum.
  const double lower = *std::max_element(values.begin(), upper);
  return (lower + *upper) / 2;
}

double Mean(std::span<const double> values) {
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double SumSquaredDeviations(std::span<const double> values, double mean) {
  double sum = 0;
  for (double v : values) sum += (v - mean) * (v - mean);
  return sum;
}

// Score proper, for indices that can address tables directly (the usual
// case: 300,000 applications numbered 0..299,999). Memory matters as much as
// operations here: fresh pages are the dominant cost at this size, so the
// only per-review scratch is one array of review positions.
ScoringResult ScoreDense(std::span<const ReviewTotal> reviews, const ScoringOptions& options,
                         uint32_t application_end, uint32_t reviewer_end) {
  ScoringResult result;
  const std::size_t n = reviews.size();

  // Pass 1: per-reviewer sums and ranges, per-application counts.
  struct Reviewer {
    double sum = 0;
    double squares = 0;
    double min = 0;
    double max = 0;
    uint32_t count = 0;
  };
  std::vector<Reviewer> reviewers(reviewer_end);
  std::vector<uint32_t> group_end(std::size_t{application_end} + 1, 0);
  double stage_sum = 0;
  for (const ReviewTotal& r : reviews) {
    Reviewer& v = reviewers[r.reviewer];
    if (v.count == 0) {
      v.min = r.total;
      v.max = r.total;
    } else {
      v.min = std::min(v.min, r.total);
      v.max = std::max(v.max, r.total);
    }
    v.sum += r.total;
    ++v.count;
    ++group_end[r.application];
    stage_sum += r.total;
  }
  result.stage_mean = stage_sum / static_cast<double>(n);

  // Pass 2: squared deviations about each reviewer's mean and the stage mean.
  std::size_t reviewer_count = 0;
  for (const Reviewer& v : reviewers) reviewer_count += v.count > 0 ? 1 : 0;
  std::vector<double> reviewer_mean(reviewer_end, 0);
  for (uint32_t i = 0; i < reviewer_end; ++i) {
    if (reviewers[i].count > 0) reviewer_mean[i] = reviewers[i].sum / reviewers[i].count;
  }
  double stage_squares = 0;
  for (const ReviewTotal& r : reviews) {
    const double d = r.total - reviewer_mean[r.reviewer];
    reviewers[r.reviewer].squares += d * d;
    stage_squares += (r.total - result.stage_mean) * (r.total - result.stage_mean);
  }
  result.stage_stddev = std::sqrt(stage_squares / static_cast<double>(n));

  // A reviewer is calibrated when asked, with enough reviews, and when the
  // totals vary — decided on min/max, because the computed stddev of a
  // constant series can come out as a tiny non-zero number.
  result.reviewers.reserve(reviewer_count);
  // Per reviewer index: {mean, stddev} when calibrated, stddev 0 otherwise.
  std::vector<std::array<double, 2>> calibration(reviewer_end, {0.0, 0.0});
  for (uint32_t i = 0; i < reviewer_end; ++i) {
    const Reviewer& v = reviewers[i];
    if (v.count == 0) continue;
    ReviewerCalibration& rc = result.reviewers.emplace_back();
    rc.reviewer = i;
    rc.reviews = v.count;
    rc.mean = reviewer_mean[i];
    rc.stddev = std::sqrt(v.squares / v.count);
    rc.calibrated = options.calibrate && v.count >= options.min_reviews_to_calibrate && v.max > v.min && rc.stddev > 0;
    if (rc.calibrated) calibration[i] = {rc.mean, rc.stddev};
  }

  // Pass 3: a stable counting sort of review positions by application,
  // filled from the back so that group_end ends up as each group's start and
  // the input order is kept within a group.
  for (uint32_t a = 0; a < application_end; ++a) group_end[a + 1] += group_end[a];
  std::vector<uint32_t> grouped(n);
  for (std::size_t i = n; i-- > 0;) grouped[--group_end[reviews[i].application]] = static_cast<uint32_t>(i);
  const std::vector<uint32_t>& group_start = group_end;  // now start offsets, one per application + end
  result.calibrated_totals.resize(n);

  // Pass 4: per application, over its totals gathered into small buffers.
  //
  // Krippendorff's alpha (interval) over units with m_u ≥ 2 ("pairable"),
  // with Σ_{i≠j}(xᵢ−xⱼ)² = 2m·Σ(x−x̄)² over ordered pairs and n pairable values:
  //   D_o = (1/n) Σ_u 2·m_u·SSD_u/(m_u−1)
  //   D_e = 2n·SSD_all/(n(n−1)) = 2·SSD_all/(n−1)
  // SSD_all comes from merging the units' moments, so no second pass.
  double observed = 0;  // Σ_u m_u·SSD_u/(m_u−1)
  Moments pairable;
  std::size_t pairable_units = 0;
  double pairable_min = 0;
  double pairable_max = 0;

  std::size_t application_count = 0;
  for (uint32_t a = 0; a < application_end; ++a) application_count += group_start[a + 1] > group_start[a] ? 1 : 0;
  result.applications.resize(application_count);
  constexpr std::size_t kBuffered = 16;
  std::array<double, kBuffered> raw_buffer;
  std::array<double, kBuffered> calibrated_buffer;
  std::vector<double> raw_large;  // only for groups above kBuffered
  std::vector<double> calibrated_large;
  std::size_t out = 0;
  for (uint32_t a = 0; a < application_end; ++a) {
    const uint32_t begin = group_start[a];
    const std::size_t m = group_start[a + 1] - begin;
    if (m == 0) continue;
    if (m > kBuffered) {
      raw_large.resize(m);
      calibrated_large.resize(m);
    }
    const std::span<double> raw(m > kBuffered ? raw_large.data() : raw_buffer.data(), m);
    const std::span<double> calibrated(m > kBuffered ? calibrated_large.data() : calibrated_buffer.data(), m);
    for (std::size_t k = 0; k < m; ++k) {
      // Reviews arrive in any order, so this read is random; asking for the
      // review a few groups ahead hides most of its miss (and TLB walk).
      constexpr std::size_t kAhead = 24;
      if (begin + k + kAhead < n) __builtin_prefetch(&reviews[grouped[begin + k + kAhead]]);
      const uint32_t i = grouped[begin + k];
      const ReviewTotal& r = reviews[i];
      // The formula exactly as ScoringOptions states it (not folded into
      // total·a + b): two reviewers with the same z-score give bit-equal totals.
      const auto [mean, stddev] = calibration[r.reviewer];
      raw[k] = r.total;
      calibrated[k] = stddev > 0
                          ? std::clamp(result.stage_mean + (r.total - mean) / stddev * result.stage_stddev, 0.0, 100.0)
                          : r.total;
      result.calibrated_totals[i] = calibrated[k];
    }

    ApplicationScore& app = result.applications[out++];
    app.application = a;
    app.reviews = static_cast<uint32_t>(m);
    const auto [min_it, max_it] = std::minmax_element(raw.begin(), raw.end());
    app.spread = *max_it - *min_it;
    app.disagreement = app.spread > options.disagreement_threshold;

    const double raw_mean = Mean(raw);
    if (m >= 2) {
      const double squares = SumSquaredDeviations(raw, raw_mean);
      const double md = static_cast<double>(m);
      observed += md * squares / (md - 1);
      pairable.Merge(md, raw_mean, squares);
      pairable_min = pairable_units == 0 ? *min_it : std::min(pairable_min, *min_it);
      pairable_max = pairable_units == 0 ? *max_it : std::max(pairable_max, *max_it);
      ++pairable_units;
    }

    // Medians reorder the buffers, so they come after everything that reads them.
    if (options.aggregation == Aggregation::kMean) {
      app.raw = raw_mean;
      app.score = options.calibrate ? Mean(calibrated) : raw_mean;
    } else {
      app.raw = MedianInPlace(raw);
      app.score = options.calibrate ? MedianInPlace(calibrated) : app.raw;
    }
  }

  // Without variation among the pairable totals D_e is 0 and alpha undefined;
  // min/max tells that exactly where the computed squares might not be 0.
  if (pairable_units >= 2 && pairable_max > pairable_min) {
    const double d_observed = 2 * observed / pairable.count;
    const double d_expected = 2 * pairable.squares / (pairable.count - 1);
    result.krippendorff_alpha = 1 - d_observed / d_expected;
  }
  return result;
}

// Indices are dense but need not be contiguous. Tables up to a few times the
// number of reviews are cheap; beyond that (ids passed instead of indices)
// the indices are renumbered 0..k−1 in ascending order, scored, and mapped
// back, which keeps every ordering the result promises.
constexpr uint64_t kTableSlack = 4096;

bool FitsTable(uint32_t max_index, std::size_t n) { return uint64_t{max_index} < 4 * uint64_t{n} + kTableSlack; }

std::vector<uint32_t> DistinctSorted(std::vector<uint32_t> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

uint32_t Renumbered(const std::vector<uint32_t>& distinct, uint32_t key) {
  return static_cast<uint32_t>(std::lower_bound(distinct.begin(), distinct.end(), key) - distinct.begin());
}

}  // namespace

double WeightedTotal(std::span<const RubricCriterion> rubric, std::span<const double> scores) {
  assert(rubric.size() == scores.size());
  double weighted = 0;
  double weights = 0;
  for (std::size_t i = 0; i < rubric.size(); ++i) {
    const RubricCriterion& c = rubric[i];
    weighted += c.weight * (scores[i] - c.scale_min) / (c.scale_max - c.scale_min);
    weights += c.weight;
  }
  return weights > 0 ? weighted / weights * 100 : 0;
}

ScoringResult Score(std::span<const ReviewTotal> reviews, const ScoringOptions& options) {
  const std::size_t n = reviews.size();
  if (n == 0) return {};
  uint32_t max_application = 0;
  uint32_t max_reviewer = 0;
  for (const ReviewTotal& r : reviews) {
    max_application = std::max(max_application, r.application);
    max_reviewer = std::max(max_reviewer, r.reviewer);
  }
  if (FitsTable(max_application, n) && FitsTable(max_reviewer, n)) {
    return ScoreDense(reviews, options, max_application + 1, max_reviewer + 1);
  }

  std::vector<uint32_t> applications(n);
  std::vector<uint32_t> reviewers(n);
  for (std::size_t i = 0; i < n; ++i) {
    applications[i] = reviews[i].application;
    reviewers[i] = reviews[i].reviewer;
  }
  applications = DistinctSorted(std::move(applications));
  reviewers = DistinctSorted(std::move(reviewers));
  std::vector<ReviewTotal> renumbered(reviews.begin(), reviews.end());
  for (ReviewTotal& r : renumbered) {
    r.application = Renumbered(applications, r.application);
    r.reviewer = Renumbered(reviewers, r.reviewer);
  }
  ScoringResult result = ScoreDense(renumbered, options, static_cast<uint32_t>(applications.size()),
                                    static_cast<uint32_t>(reviewers.size()));
  for (ApplicationScore& a : result.applications) a.application = applications[a.application];
  for (ReviewerCalibration& r : result.reviewers) r.reviewer = reviewers[r.reviewer];
  return result;
}

}  // namespace cohort::engines
