#include "engines/ranking.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>

namespace cohort::engines {
namespace {

constexpr int32_t kNoQuota = -1;
// Shares times capacity land a hair off whole numbers (0.3 × 10 =
// 3.0000000000000004); without the slack ceil would ask for a seat too many.
constexpr double kShareSlack = 1e-9;

uint32_t MinimumSeats(const Quota& q, uint32_t capacity) {
  const double seats = std::ceil(q.minimum_share * capacity - kShareSlack);
  return seats <= 0 ? 0 : static_cast<uint32_t>(std::min<double>(seats, capacity));
}

uint32_t MaximumSeats(const Quota& q, uint32_t capacity) {
  const double seats = std::floor(q.maximum_share * capacity + kShareSlack);
  return seats <= 0 ? 0 : static_cast<uint32_t>(std::min<double>(seats, capacity));
}

bool ValidPlace(const Quota& q) { return q.dimension < kMaxQuotaDimensions && q.category != kNoCategory; }

// A NaN score has no place in an order of doubles (and would make a
// comparison sort's behaviour undefined), so it ranks as the lowest value.
double Orderable(double v) { return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v; }

// NaN is never "at or above" a threshold, so it is below it.
bool BelowThreshold(double score, const std::optional<double>& threshold) {
  return threshold.has_value() && !(score >= *threshold);
}

// The quota (index into RankingOptions::quotas) a candidate falls under in
// each dimension; at most one per dimension because duplicates are rejected.
using CandidateQuotas = std::array<int32_t, kMaxQuotaDimensions>;

// Everything the seat rule needs, shared by Rank and NextFromWaitlist.
class QuotaState {
 public:
  explicit QuotaState(const RankingOptions& options) : quota_count_(options.quotas.size()) {
    minimum_.resize(quota_count_);
    maximum_.resize(quota_count_);
    selected_.assign(quota_count_, 0);
    for (std::size_t i = 0; i < quota_count_; ++i) {
      const Quota& q = options.quotas[i];
      minimum_[i] = MinimumSeats(q, options.capacity);
      maximum_[i] = MaximumSeats(q, options.capacity);
      // Quotas CheckQuotas would reject are skipped rather than indexed out of bounds.
      if (!ValidPlace(q)) continue;
      std::vector<int32_t>& table = by_category_[q.dimension];
      if (table.size() <= q.category) table.resize(std::size_t{q.category} + 1, kNoQuota);
      if (table[q.category] == kNoQuota) table[q.category] = static_cast<int32_t>(i);
      of_dimension_[q.dimension].push_back(static_cast<int32_t>(i));
    }
  }

  std::size_t quota_count() const { return quota_count_; }
  uint32_t minimum(std::size_t q) const { return minimum_[q]; }
  uint32_t maximum(std::size_t q) const { return maximum_[q]; }
  uint32_t selected(std::size_t q) const { return selected_[q]; }

  CandidateQuotas QuotasOf(const RankingCandidate& c) const {
    CandidateQuotas quotas;
    for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
      const std::vector<int32_t>& table = by_category_[d];
      const uint16_t category = c.categories[d];
      quotas[d] = category < table.size() ? table[category] : kNoQuota;
    }
    return quotas;
  }

  // Counts a seat held before the rule runs (NextFromWaitlist's holders).
  void CountHeld(const CandidateQuotas& quotas) {
    for (int32_t q : quotas) {
      if (q != kNoQuota) ++selected_[static_cast<std::size_t>(q)];
    }
  }

  // A minimum no supply can meet is lowered to the supply; returns whether it was.
  // A minimum above the maximum (only when CheckQuotas was skipped) is capped
  // too so that the rule never waits for a seat it may not give.
  bool LowerMinimum(std::size_t q, uint32_t supply) {
    const bool lowered = minimum_[q] > supply;
    minimum_[q] = std::min({minimum_[q], supply, maximum_[q]});
    return lowered;
  }

  // Call once the minimums are final and before the rule is applied.
  void StartRule() {
    for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
      need_[d] = 0;
      for (int32_t q : of_dimension_[d]) need_[d] += Unmet(q);
      RefreshFirstUnmet(d);
    }
  }

  struct Verdict {
    RankReason reason;  // kInRankOrder when admitted
    int32_t quota;
  };

  // The rule of ranking.h for a candidate at or above the threshold, with
  // seats_left > 0. Rule (3) is written as "helps, or leaves enough seats":
  // while the seats left cover the unmet minimums (always, when the sum of
  // minimums fits the capacity) the two readings agree, and when they do not
  // (held seats in NextFromWaitlist after the options changed) the candidates
  // who help are still let in rather than nobody.
  Verdict Check(const CandidateQuotas& quotas, uint32_t seats_left, bool enforce_minimums) const {
    for (int32_t q : quotas) {
      if (q != kNoQuota && selected_[static_cast<std::size_t>(q)] >= maximum_[static_cast<std::size_t>(q)]) {
        return {RankReason::kQuotaMaximum, q};
      }
    }
    if (enforce_minimums) {
      for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
        if (!Helps(quotas[d]) && seats_left - 1 < need_[d]) return {RankReason::kSeatsReserved, first_unmet_[d]};
      }
    }
    return {RankReason::kInRankOrder, kNoQuota};
  }

  // The minimum a candidate is admitted for, preferring a dimension whose
  // unmet minimums take every seat left: that is the one that made the rule
  // pass over the higher-ranked candidates.
  int32_t MinimumServed(const CandidateQuotas& quotas, uint32_t seats_left) const {
    int32_t served = kNoQuota;
    for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
      if (!Helps(quotas[d])) continue;
      if (need_[d] >= seats_left) return quotas[d];
      if (served == kNoQuota) served = quotas[d];
    }
    return served;
  }

  void Admit(const CandidateQuotas& quotas) {
    for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
      const int32_t q = quotas[d];
      if (q == kNoQuota) continue;
      const bool helped = Helps(q);
      ++selected_[static_cast<std::size_t>(q)];
      if (!helped) continue;
      --need_[d];
      if (first_unmet_[d] == q && Unmet(q) == 0) RefreshFirstUnmet(d);
    }
  }

 private:
  uint32_t Unmet(int32_t q) const {
    const auto i = static_cast<std::size_t>(q);
    return minimum_[i] > selected_[i] ? minimum_[i] - selected_[i] : 0;
  }
  bool Helps(int32_t q) const { return q != kNoQuota && Unmet(q) > 0; }

  // Runs only when a minimum becomes met, so at most once per quota.
  void RefreshFirstUnmet(std::size_t d) {
    first_unmet_[d] = kNoQuota;
    for (int32_t q : of_dimension_[d]) {
      if (Unmet(q) > 0) {
        first_unmet_[d] = q;
        return;
      }
    }
  }

  std::size_t quota_count_;
  std::vector<uint32_t> minimum_;
  std::vector<uint32_t> maximum_;
  std::vector<uint32_t> selected_;
  // Per dimension: category → quota (kNoQuota beyond the table), and the
  // dimension's quotas in ascending index.
  std::array<std::vector<int32_t>, kMaxQuotaDimensions> by_category_;
  std::array<std::vector<int32_t>, kMaxQuotaDimensions> of_dimension_;
  // Per dimension: Σ of the unmet minimums, and the lowest-index quota
  // still unmet (the one a kSeatsReserved reason names).
  std::array<uint32_t, kMaxQuotaDimensions> need_{};
  std::array<int32_t, kMaxQuotaDimensions> first_unmet_{};
};

// The rank order: score descending, then the tie-breaks in their
// directions, then id, and finally input position so that even equal records
// get one order.
//
// Sorting is the bulk of Rank and comparison sorts here pay for branch
// mispredictions more than for bytes moved, so it is done in two steps:
//   1. an LSD radix sort (branch-free, three passes) of 8-byte keys whose
//      32-bit prefix orders like the score, only coarser: scores within about
//      a millionth of each other share a prefix;
//   2. RankOrderWalk puts each run of equal prefixes in full order (score,
//      tie-breaks, id, position) just before it is visited.
// Nearly every run is a single candidate or a few with the same score.
struct SortKey {
  uint32_t prefix;  // ascending prefix == descending score (coarsely)
  uint32_t index;   // into the candidates
};

// An integer that orders like the score, descending: IEEE 754 bits order like
// the values once negatives are flipped whole and positives get the sign bit
// set; the complement turns ascending into descending.
uint64_t DescendingScoreKey(double score) {
  score = Orderable(score);
  if (score == 0) score = 0;  // −0.0 ties with +0.0, as a double comparison says
  constexpr uint64_t kSign = uint64_t{1} << 63;
  const auto bits = std::bit_cast<uint64_t>(score);
  const uint64_t ascending = (bits & kSign) != 0 ? ~bits : bits | kSign;
  return ~ascending;
}

std::vector<SortKey> SortedByScorePrefix(std::span<const RankingCandidate> candidates) {
  const std::size_t n = candidates.size();
  std::vector<SortKey> keys(n);
  std::vector<SortKey> scratch(n);
  constexpr unsigned kDigitBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
  constexpr std::size_t kPasses = 3;  // 33 bits ≥ 32
  std::vector<uint32_t> counts(kPasses * kBuckets, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto prefix = static_cast<uint32_t>(DescendingScoreKey(candidates[i].score) >> 32);
    keys[i] = {prefix, static_cast<uint32_t>(i)};
    for (std::size_t p = 0; p < kPasses; ++p) ++counts[p * kBuckets + ((prefix >> (p * kDigitBits)) & (kBuckets - 1))];
  }
  for (std::size_t p = 0; p < kPasses; ++p) {
    uint32_t* count = counts.data() + p * kBuckets;
    // A digit every key shares (the top bits of scores on 0..100) sorts nothing.
    if (std::any_of(count, count + kBuckets, [n](uint32_t c) { return c == n; })) continue;
    uint32_t offset = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) offset += std::exchange(count[b], offset);
    for (const SortKey& k : keys) scratch[count[(k.prefix >> (p * kDigitBits)) & (kBuckets - 1)]++] = k;
    keys.swap(scratch);
  }
  return keys;
}

// Visits the candidates in final rank order, finishing the order of each run
// of equal scores just before visiting it. Candidates are read in rank order,
// i.e. at random in memory; the keys say which come next, so they are
// fetched ahead, and each candidate is read from memory once: its run's
// tie-breaks are copied out and sorted, and visiting it then hits the cache.
class RankOrderWalk {
 public:
  RankOrderWalk(std::span<const RankingCandidate> candidates, const RankingOptions& options, std::vector<SortKey>& keys)
      : candidates_(candidates),
        keys_(keys),
        tie_break_count_(std::min(options.tie_break_count, kMaxTieBreaks)),
        descending_(options.tie_break_descending) {}

  // Calls visit(rank_position, candidate) for every candidate in rank order
  // and leaves the keys in that order.
  template <typename Visit>
  void Run(Visit visit) {
    const std::size_t n = keys_.size();
    for (std::size_t r = 0; r < n;) {
      std::size_t end = r + 1;
      while (end < n && keys_[end].prefix == keys_[r].prefix) ++end;
      if (end - r > 1) OrderRun(r, end);
      for (; r < end; ++r) {
        Prefetch(r);
        visit(r, candidates_[keys_[r].index]);
      }
    }
  }

 private:
  struct TieKey {
    uint64_t score;                            // DescendingScoreKey: ascending == rank order
    std::array<double, kMaxTieBreaks> values;  // ascending == rank order
    uint32_t id;
    uint32_t index;
  };

  void Prefetch(std::size_t r) const {
    constexpr std::size_t kAhead = 16;
    if (r + kAhead < keys_.size()) __builtin_prefetch(&candidates_[keys_[r + kAhead].index]);
  }

  void OrderRun(std::size_t begin, std::size_t end) {
    run_.clear();
    for (std::size_t r = begin; r < end; ++r) {
      Prefetch(r);
      const uint32_t index = keys_[r].index;
      const RankingCandidate& c = candidates_[index];
      TieKey& key = run_.emplace_back(TieKey{DescendingScoreKey(c.score), {}, c.id, index});
      for (std::size_t t = 0; t < tie_break_count_; ++t) {
        // A missing (NaN) tie-break value ranks last in either direction.
        const double v = c.tie_breaks[t];
        key.values[t] = std::isnan(v) ? std::numeric_limits<double>::infinity() : descending_[t] ? -v : v;
      }
    }
    std::sort(run_.begin(), run_.end(), [this](const TieKey& a, const TieKey& b) {
      if (a.score != b.score) return a.score < b.score;
      for (std::size_t t = 0; t < tie_break_count_; ++t) {
        if (a.values[t] != b.values[t]) return a.values[t] < b.values[t];
      }
      return a.id != b.id ? a.id < b.id : a.index < b.index;
    });
    for (std::size_t r = begin; r < end; ++r) keys_[r].index = run_[r - begin].index;
  }

  std::span<const RankingCandidate> candidates_;
  std::vector<SortKey>& keys_;
  std::size_t tie_break_count_;
  std::array<bool, kMaxTieBreaks> descending_;
  std::vector<TieKey> run_;  // reused: no allocation per run
};

}  // namespace

std::vector<QuotaProblem> CheckQuotas(const RankingOptions& options) {
  std::vector<QuotaProblem> problems;
  const uint32_t capacity = options.capacity;
  std::array<uint64_t, kMaxQuotaDimensions> minimum_sum{};
  std::array<std::size_t, kMaxQuotaDimensions> first_of_dimension;
  first_of_dimension.fill(options.quotas.size());
  for (std::size_t i = 0; i < options.quotas.size(); ++i) {
    const Quota& q = options.quotas[i];
    if (!ValidPlace(q)) {
      problems.push_back({QuotaProblem::Kind::kBadDimension, i, 0, capacity});
      continue;
    }
    if (first_of_dimension[q.dimension] == options.quotas.size()) first_of_dimension[q.dimension] = i;
    // Quadratic, but quotas number in the tens.
    const auto earlier = options.quotas.begin() + static_cast<std::ptrdiff_t>(i);
    const auto same_place = [&q](const Quota& p) { return p.dimension == q.dimension && p.category == q.category; };
    if (std::find_if(options.quotas.begin(), earlier, same_place) != earlier) {
      problems.push_back({QuotaProblem::Kind::kDuplicate, i, 0, capacity});
      continue;
    }
    // Written so that NaN fails too. Besides the shares, the seats they give
    // are compared: shares of 0.33 each way give a minimum of 4 and a maximum
    // of 3 seats out of 10, which no selection can satisfy.
    const bool shares_ok = q.minimum_share >= 0 && q.minimum_share <= 1 && q.maximum_share >= 0 &&
                           q.maximum_share <= 1 && q.minimum_share <= q.maximum_share;
    if (!shares_ok || MinimumSeats(q, capacity) > MaximumSeats(q, capacity)) {
      problems.push_back({QuotaProblem::Kind::kBadShare, i, 0, capacity});
      continue;
    }
    minimum_sum[q.dimension] += MinimumSeats(q, capacity);
  }
  for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
    if (minimum_sum[d] > capacity) {
      problems.push_back({QuotaProblem::Kind::kDimensionMinimumsExceedCapacity, first_of_dimension[d],
                          static_cast<uint32_t>(minimum_sum[d]), capacity});
    }
  }
  return problems;
}

RankingResult Rank(std::span<const RankingCandidate> candidates, const RankingOptions& options) {
  RankingResult result;
  const std::size_t n = candidates.size();
  QuotaState state(options);
  const std::size_t quota_count = state.quota_count();
  result.quotas.resize(quota_count);

  // Candidates per quota do not depend on the order: count them in input
  // order, reading memory in sequence.
  for (const RankingCandidate& c : candidates) {
    if (BelowThreshold(c.score, options.threshold)) continue;
    for (int32_t q : state.QuotasOf(c)) {
      if (q != kNoQuota) ++result.quotas[static_cast<std::size_t>(q)].candidates;
    }
  }
  for (std::size_t q = 0; q < quota_count; ++q) {
    QuotaReport& report = result.quotas[q];
    report.minimum_seats = state.minimum(q);
    report.maximum_seats = state.maximum(q);
    report.minimum_lowered = state.LowerMinimum(q, report.candidates);
  }
  state.StartRule();

  // First pass, in rank order: the full rule.
  std::vector<SortKey> order = SortedByScorePrefix(candidates);
  result.ranked.resize(n);
  uint32_t seats_left = options.capacity;
  bool passed_over_for_minimum = false;
  RankOrderWalk(candidates, options, order).Run([&](std::size_t r, const RankingCandidate& c) {
    RankedCandidate& out = result.ranked[r];
    out.id = c.id;
    out.rank = static_cast<uint32_t>(r + 1);
    if (BelowThreshold(c.score, options.threshold)) {
      out.outcome = RankOutcome::kBelowThreshold;
      out.reason = RankReason::kBelowThreshold;
      return;
    }
    if (seats_left == 0) return;  // kWaitlisted, kCapacityFull: the defaults
    const CandidateQuotas quotas = state.QuotasOf(c);
    const QuotaState::Verdict verdict = state.Check(quotas, seats_left, true);
    if (verdict.reason != RankReason::kInRankOrder) {
      out.reason = verdict.reason;
      out.quota = verdict.quota;
      passed_over_for_minimum = passed_over_for_minimum || verdict.reason == RankReason::kSeatsReserved;
      return;
    }
    out.outcome = RankOutcome::kSelected;
    if (passed_over_for_minimum) {
      out.reason = RankReason::kQuotaMinimum;
      out.quota = state.MinimumServed(quotas, seats_left);
    } else {
      out.reason = RankReason::kInRankOrder;
      result.cutoff_score = c.score;
    }
    state.Admit(quotas);
    --seats_left;
  });

  // Second pass: seats still empty mean some minimum could not be met (its
  // candidates were capped by another dimension's maximum); fill them in rank
  // order under the maximums alone.
  for (std::size_t r = 0; r < n && seats_left > 0; ++r) {
    RankedCandidate& out = result.ranked[r];
    if (out.outcome != RankOutcome::kWaitlisted) continue;
    const CandidateQuotas quotas = state.QuotasOf(candidates[order[r].index]);
    const QuotaState::Verdict verdict = state.Check(quotas, seats_left, false);
    if (verdict.reason == RankReason::kQuotaMaximum) {
      out.reason = verdict.reason;  // what keeps it out now
      out.quota = verdict.quota;
      continue;
    }
    out.outcome = RankOutcome::kSelected;
    out.reason = RankReason::kSecondPass;
    out.quota = kNoQuota;
    state.Admit(quotas);
    --seats_left;
  }

  uint32_t position = 0;
  for (RankedCandidate& out : result.ranked) {
    if (out.outcome == RankOutcome::kWaitlisted) out.waitlist_position = ++position;
  }
  result.selected = options.capacity - seats_left;
  for (std::size_t q = 0; q < quota_count; ++q) {
    QuotaReport& report = result.quotas[q];
    report.selected = state.selected(q);
    report.minimum_met = report.selected >= report.minimum_seats;
  }
  return result;
}

std::optional<std::size_t> NextFromWaitlist(std::span<const RankingCandidate> holding,
                                            std::span<const RankingCandidate> waitlist,
                                            const RankingOptions& options) {
  if (holding.size() >= options.capacity) return std::nullopt;
  const auto seats_left = static_cast<uint32_t>(options.capacity - holding.size());

  QuotaState state(options);
  std::vector<uint32_t> supply(state.quota_count(), 0);
  for (const RankingCandidate& c : holding) {
    const CandidateQuotas quotas = state.QuotasOf(c);
    state.CountHeld(quotas);
    for (int32_t q : quotas) {
      if (q != kNoQuota) ++supply[static_cast<std::size_t>(q)];
    }
  }
  std::vector<CandidateQuotas> waitlist_quotas(waitlist.size());
  for (std::size_t i = 0; i < waitlist.size(); ++i) {
    waitlist_quotas[i] = state.QuotasOf(waitlist[i]);
    if (BelowThreshold(waitlist[i].score, options.threshold)) continue;
    for (int32_t q : waitlist_quotas[i]) {
      if (q != kNoQuota) ++supply[static_cast<std::size_t>(q)];
    }
  }
  for (std::size_t q = 0; q < state.quota_count(); ++q) (void)state.LowerMinimum(q, supply[q]);
  state.StartRule();

  // The full rule first, then, as in Rank's second pass, the maximums alone:
  // a seat is not left empty for a minimum nobody on the waitlist can meet.
  for (const bool enforce_minimums : {true, false}) {
    for (std::size_t i = 0; i < waitlist.size(); ++i) {
      if (BelowThreshold(waitlist[i].score, options.threshold)) continue;
      if (state.Check(waitlist_quotas[i], seats_left, enforce_minimums).reason == RankReason::kInRankOrder) return i;
    }
  }
  return std::nullopt;
}

}  // namespace cohort::engines
