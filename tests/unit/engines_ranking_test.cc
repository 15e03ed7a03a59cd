#include "engines/ranking.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <random>
#include <vector>

namespace cohort::engines {
namespace {

constexpr uint8_t kRegion = 0;
constexpr uint8_t kGender = 1;
constexpr uint16_t kMale = 0;
constexpr uint16_t kFemale = 1;

RankingCandidate Candidate(uint32_t id, double score, uint16_t region = kNoCategory, uint16_t gender = kNoCategory) {
  RankingCandidate c;
  c.id = id;
  c.score = score;
  c.categories[kRegion] = region;
  c.categories[kGender] = gender;
  return c;
}

const RankedCandidate& Find(const RankingResult& result, uint32_t id) {
  const auto it = std::find_if(result.ranked.begin(), result.ranked.end(),
                               [&](const RankedCandidate& r) { return r.id == id; });
  EXPECT_NE(it, result.ranked.end()) << id;
  return *it;
}

std::vector<uint32_t> IdsInRankOrder(const RankingResult& result) {
  std::vector<uint32_t> ids;
  for (const RankedCandidate& r : result.ranked) ids.push_back(r.id);
  return ids;
}

// The rule of ranking.h written as plainly as possible: every quantity is
// recomputed from scratch for every candidate. O(n × quotas) and slow, but
// shares no code or incremental state with the engine.
RankingResult ReferenceRank(std::vector<RankingCandidate> candidates, const RankingOptions& options) {
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const RankingCandidate& x = candidates[a];
    const RankingCandidate& y = candidates[b];
    if (x.score != y.score) return x.score > y.score;
    for (std::size_t t = 0; t < options.tie_break_count; ++t) {
      if (x.tie_breaks[t] != y.tie_breaks[t]) {
        return options.tie_break_descending[t] ? x.tie_breaks[t] > y.tie_breaks[t] : x.tie_breaks[t] < y.tie_breaks[t];
      }
    }
    return x.id < y.id;
  });
  const std::size_t nq = options.quotas.size();
  auto in = [&](std::size_t q, const RankingCandidate& c) {
    return c.categories[options.quotas[q].dimension] == options.quotas[q].category;
  };
  auto eligible = [&](const RankingCandidate& c) { return !options.threshold || c.score >= *options.threshold; };
  RankingResult result;
  result.quotas.resize(nq);
  std::vector<uint32_t> minimum(nq), maximum(nq), selected(nq, 0);
  for (std::size_t q = 0; q < nq; ++q) {
    minimum[q] = static_cast<uint32_t>(std::ceil(options.quotas[q].minimum_share * options.capacity - 1e-9));
    maximum[q] = static_cast<uint32_t>(std::floor(options.quotas[q].maximum_share * options.capacity + 1e-9));
    uint32_t count = 0;
    for (const RankingCandidate& c : candidates) count += eligible(c) && in(q, c) ? 1 : 0;
    result.quotas[q] = {minimum[q], maximum[q], count, 0, false, count < minimum[q]};
    minimum[q] = std::min(minimum[q], count);
  }
  auto need = [&](std::size_t d) {
    uint32_t sum = 0;
    for (std::size_t q = 0; q < nq; ++q) {
      if (options.quotas[q].dimension == d && selected[q] < minimum[q]) sum += minimum[q] - selected[q];
    }
    return sum;
  };
  auto helps = [&](std::size_t q, const RankingCandidate& c) { return in(q, c) && selected[q] < minimum[q]; };
  auto admit = [&](const RankingCandidate& c) {
    for (std::size_t q = 0; q < nq; ++q) selected[q] += in(q, c) ? 1 : 0;
  };
  auto maximum_reached = [&](const RankingCandidate& c) -> int32_t {
    for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
      for (std::size_t q = 0; q < nq; ++q) {
        if (options.quotas[q].dimension == d && in(q, c) && selected[q] >= maximum[q]) return static_cast<int32_t>(q);
      }
    }
    return -1;
  };

  uint32_t seats = options.capacity;
  bool skipped = false;
  for (std::size_t r = 0; r < order.size(); ++r) {
    const RankingCandidate& c = candidates[order[r]];
    RankedCandidate out{c.id, static_cast<uint32_t>(r + 1), RankOutcome::kWaitlisted, RankReason::kCapacityFull, -1, 0};
    if (!eligible(c)) {
      out.outcome = RankOutcome::kBelowThreshold;
      out.reason = RankReason::kBelowThreshold;
    } else if (seats == 0) {
      out.reason = RankReason::kCapacityFull;
    } else if (const int32_t capped = maximum_reached(c); capped >= 0) {
      out.reason = RankReason::kQuotaMaximum;
      out.quota = capped;
    } else {
      int32_t reserved_for = -1;
      for (std::size_t d = 0; d < kMaxQuotaDimensions && reserved_for < 0; ++d) {
        bool helps_here = false;
        for (std::size_t q = 0; q < nq; ++q) helps_here |= options.quotas[q].dimension == d && helps(q, c);
        const uint32_t need_after = need(d) - (helps_here ? 1 : 0);
        if (seats - 1 >= need_after) continue;
        for (std::size_t q = 0; q < nq && reserved_for < 0; ++q) {
          if (options.quotas[q].dimension == d && selected[q] < minimum[q] && !in(q, c)) {
            reserved_for = static_cast<int32_t>(q);
          }
        }
      }
      if (reserved_for >= 0) {
        out.reason = RankReason::kSeatsReserved;
        out.quota = reserved_for;
        skipped = true;
      } else {
        out.outcome = RankOutcome::kSelected;
        if (skipped) {
          out.reason = RankReason::kQuotaMinimum;
          int32_t tight = -1, any = -1;
          for (std::size_t d = 0; d < kMaxQuotaDimensions; ++d) {
            for (std::size_t q = 0; q < nq; ++q) {
              if (options.quotas[q].dimension != d || !helps(q, c)) continue;
              if (any < 0) any = static_cast<int32_t>(q);
              if (tight < 0 && need(d) >= seats) tight = static_cast<int32_t>(q);
            }
          }
          out.quota = tight >= 0 ? tight : any;
        } else {
          out.reason = RankReason::kInRankOrder;
          result.cutoff_score = c.score;
        }
        admit(c);
        --seats;
      }
    }
    result.ranked.push_back(out);
  }
  for (std::size_t r = 0; r < order.size() && seats > 0; ++r) {
    RankedCandidate& out = result.ranked[r];
    if (out.outcome != RankOutcome::kWaitlisted) continue;
    const RankingCandidate& c = candidates[order[r]];
    if (const int32_t q = maximum_reached(c); q >= 0) {
      out.reason = RankReason::kQuotaMaximum;
      out.quota = q;
      continue;
    }
    out = {c.id, out.rank, RankOutcome::kSelected, RankReason::kSecondPass, -1, 0};
    admit(c);
    --seats;
  }
  uint32_t position = 0;
  for (RankedCandidate& out : result.ranked) {
    if (out.outcome == RankOutcome::kWaitlisted) out.waitlist_position = ++position;
  }
  result.selected = options.capacity - seats;
  for (std::size_t q = 0; q < nq; ++q) {
    result.quotas[q].selected = selected[q];
    result.quotas[q].minimum_met = selected[q] >= result.quotas[q].minimum_seats;
  }
  return result;
}

void ExpectSameResult(const RankingResult& got, const RankingResult& want) {
  ASSERT_EQ(got.ranked.size(), want.ranked.size());
  for (std::size_t r = 0; r < got.ranked.size(); ++r) {
    const RankedCandidate& g = got.ranked[r];
    const RankedCandidate& w = want.ranked[r];
    ASSERT_EQ(g.id, w.id) << "rank " << r + 1;
    EXPECT_EQ(g.rank, w.rank) << "id " << g.id;
    EXPECT_EQ(g.outcome, w.outcome) << "id " << g.id;
    EXPECT_EQ(g.reason, w.reason) << "id " << g.id;
    EXPECT_EQ(g.quota, w.quota) << "id " << g.id;
    EXPECT_EQ(g.waitlist_position, w.waitlist_position) << "id " << g.id;
  }
  ASSERT_EQ(got.quotas.size(), want.quotas.size());
  for (std::size_t q = 0; q < got.quotas.size(); ++q) {
    EXPECT_EQ(got.quotas[q].minimum_seats, want.quotas[q].minimum_seats) << q;
    EXPECT_EQ(got.quotas[q].maximum_seats, want.quotas[q].maximum_seats) << q;
    EXPECT_EQ(got.quotas[q].candidates, want.quotas[q].candidates) << q;
    EXPECT_EQ(got.quotas[q].selected, want.quotas[q].selected) << q;
    EXPECT_EQ(got.quotas[q].minimum_met, want.quotas[q].minimum_met) << q;
    EXPECT_EQ(got.quotas[q].minimum_lowered, want.quotas[q].minimum_lowered) << q;
  }
  EXPECT_EQ(got.cutoff_score, want.cutoff_score);
  EXPECT_EQ(got.selected, want.selected);
}

TEST(EnginesRanking, SelectsInRankOrderAndWaitlistsTheRest) {
  const std::vector<RankingCandidate> candidates = {Candidate(10, 55), Candidate(11, 90), Candidate(12, 70),
                                                    Candidate(13, 60)};
  RankingOptions options;
  options.capacity = 2;
  const RankingResult result = Rank(candidates, options);
  EXPECT_EQ(IdsInRankOrder(result), (std::vector<uint32_t>{11, 12, 13, 10}));
  EXPECT_EQ(result.selected, 2u);
  EXPECT_EQ(result.cutoff_score, 70);
  const RankedCandidate& first = result.ranked[0];
  EXPECT_EQ(first.rank, 1u);
  EXPECT_EQ(first.outcome, RankOutcome::kSelected);
  EXPECT_EQ(first.reason, RankReason::kInRankOrder);
  EXPECT_EQ(first.quota, -1);
  EXPECT_EQ(first.waitlist_position, 0u);
  const RankedCandidate& third = result.ranked[2];
  EXPECT_EQ(third.outcome, RankOutcome::kWaitlisted);
  EXPECT_EQ(third.reason, RankReason::kCapacityFull);
  EXPECT_EQ(third.waitlist_position, 1u);
  EXPECT_EQ(result.ranked[3].waitlist_position, 2u);
  EXPECT_EQ(result.ranked[3].rank, 4u);
}

TEST(EnginesRanking, TieBreaksAreDeterministic) {
  // Equal scores: interview score (higher first), then submission time
  // (earlier first), then id.
  auto with = [](uint32_t id, double interview, double submitted) {
    RankingCandidate c = Candidate(id, 80);
    c.tie_breaks = {interview, submitted, 0};
    return c;
  };
  std::vector<RankingCandidate> candidates = {with(5, 7, 300), with(3, 9, 500), with(4, 7, 100),
                                              with(2, 7, 300), with(1, 6, 50),  Candidate(9, 81)};
  RankingOptions options;
  options.capacity = 3;
  options.tie_break_count = 2;
  options.tie_break_descending = {true, false, true};
  const std::vector<uint32_t> expected = {9, 3, 4, 2, 5, 1};
  EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), expected);
  // The input order does not matter.
  std::mt19937_64 rng(1);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(candidates.begin(), candidates.end(), rng);
    EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), expected);
  }
  // Tie-breaks beyond tie_break_count are ignored: the id decides.
  options.tie_break_count = 1;
  EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), (std::vector<uint32_t>{9, 3, 2, 4, 5, 1}));
  options.tie_break_count = 0;
  EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), (std::vector<uint32_t>{9, 1, 2, 3, 4, 5}));
}

TEST(EnginesRanking, NearlyEqualNegativeZeroAndInfiniteScoresRankByValue) {
  // Scores a hair apart share the engine's coarse sort prefix and must still
  // come out by value; −0.0 and +0.0 are equal, so the id decides.
  const double a = 50;
  const double b = std::nextafter(a, 100.0);
  const double c = std::nextafter(a, 0.0);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<RankingCandidate> candidates = {Candidate(1, c),    Candidate(2, a),   Candidate(3, b),
                                              Candidate(4, -0.0), Candidate(5, 0.0), Candidate(6, -3.5),
                                              Candidate(7, inf),  Candidate(8, -inf), Candidate(9, 50 + 1e-12),
                                              Candidate(0, -0.0)};
  RankingOptions options;
  options.capacity = 3;
  const std::vector<uint32_t> expected = {7, 9, 3, 2, 1, 0, 4, 5, 6, 8};
  EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), expected);
  std::reverse(candidates.begin(), candidates.end());
  EXPECT_EQ(IdsInRankOrder(Rank(candidates, options)), expected);
}

TEST(EnginesRanking, ThresholdNeverSelectsBelow) {
  const std::vector<RankingCandidate> candidates = {Candidate(1, 90), Candidate(2, 50), Candidate(3, 49.99),
                                                    Candidate(4, 10), Candidate(5, std::nan(""))};
  RankingOptions options;
  options.capacity = 5;
  options.threshold = 50;
  const RankingResult result = Rank(candidates, options);
  EXPECT_EQ(result.selected, 2u);
  EXPECT_EQ(Find(result, 2).outcome, RankOutcome::kSelected);  // at the threshold is not below it
  for (uint32_t id : {3u, 4u, 5u}) {
    EXPECT_EQ(Find(result, id).outcome, RankOutcome::kBelowThreshold) << id;
    EXPECT_EQ(Find(result, id).reason, RankReason::kBelowThreshold) << id;
    EXPECT_EQ(Find(result, id).waitlist_position, 0u) << id;
  }
  EXPECT_EQ(result.ranked.back().id, 5u);  // a NaN score ranks last
  EXPECT_EQ(result.cutoff_score, 50);
}

TEST(EnginesRanking, MinimumQuotaSelectsLowerRankedCandidateAndSaysWhy) {
  const std::vector<RankingCandidate> candidates = {
      Candidate(1, 90, kNoCategory, kMale), Candidate(2, 80, kNoCategory, kMale), Candidate(3, 70, kNoCategory, kMale),
      Candidate(4, 60, kNoCategory, kFemale), Candidate(5, 50, kNoCategory, kFemale)};
  RankingOptions options;
  options.capacity = 3;
  options.quotas = {{kGender, kFemale, 1.0 / 3, 1}};
  ASSERT_TRUE(CheckQuotas(options).empty());
  const RankingResult result = Rank(candidates, options);

  EXPECT_EQ(Find(result, 1).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 2).reason, RankReason::kInRankOrder);
  const RankedCandidate& passed_over = Find(result, 3);
  EXPECT_EQ(passed_over.outcome, RankOutcome::kWaitlisted);
  EXPECT_EQ(passed_over.reason, RankReason::kSeatsReserved);
  EXPECT_EQ(passed_over.quota, 0);
  EXPECT_EQ(passed_over.waitlist_position, 1u);
  const RankedCandidate& chosen = Find(result, 4);
  EXPECT_EQ(chosen.outcome, RankOutcome::kSelected);
  EXPECT_EQ(chosen.reason, RankReason::kQuotaMinimum);
  EXPECT_EQ(chosen.quota, 0);
  EXPECT_EQ(Find(result, 5).reason, RankReason::kCapacityFull);
  EXPECT_EQ(Find(result, 5).waitlist_position, 2u);
  EXPECT_EQ(result.cutoff_score, 80);  // the minimum's pick is not the cut-off

  ASSERT_EQ(result.quotas.size(), 1u);
  const QuotaReport& report = result.quotas[0];
  EXPECT_EQ(report.minimum_seats, 1u);
  EXPECT_EQ(report.maximum_seats, 3u);
  EXPECT_EQ(report.candidates, 2u);
  EXPECT_EQ(report.selected, 1u);
  EXPECT_TRUE(report.minimum_met);
  EXPECT_FALSE(report.minimum_lowered);
}

TEST(EnginesRanking, MinimumLoweredWhenTooFewCandidates) {
  // Half of 4 seats for women, but one woman applied (and one below the threshold).
  const std::vector<RankingCandidate> candidates = {
      Candidate(1, 90, kNoCategory, kMale),   Candidate(2, 80, kNoCategory, kMale),
      Candidate(3, 70, kNoCategory, kMale),   Candidate(4, 65, kNoCategory, kMale),
      Candidate(5, 60, kNoCategory, kMale),   Candidate(6, 40, kNoCategory, kFemale),
      Candidate(7, 10, kNoCategory, kFemale)};
  RankingOptions options;
  options.capacity = 4;
  options.threshold = 30;
  options.quotas = {{kGender, kFemale, 0.5, 1}};
  const RankingResult result = Rank(candidates, options);
  const QuotaReport& report = result.quotas[0];
  EXPECT_EQ(report.minimum_seats, 2u);
  EXPECT_EQ(report.candidates, 1u);
  EXPECT_TRUE(report.minimum_lowered);
  EXPECT_EQ(report.selected, 1u);
  EXPECT_FALSE(report.minimum_met);
  // The one woman takes the last seat; no seat is held for a second one.
  EXPECT_EQ(result.selected, 4u);
  EXPECT_EQ(Find(result, 4).reason, RankReason::kSeatsReserved);
  EXPECT_EQ(Find(result, 6).reason, RankReason::kQuotaMinimum);
  EXPECT_EQ(Find(result, 3).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 7).outcome, RankOutcome::kBelowThreshold);
}

TEST(EnginesRanking, MaximumQuotaWaitlistsAndNamesTheQuota) {
  const std::vector<RankingCandidate> candidates = {Candidate(1, 90, 0), Candidate(2, 85, 0), Candidate(3, 80, 0),
                                                    Candidate(4, 75, 1), Candidate(5, 70, 2), Candidate(6, 65, 0)};
  RankingOptions options;
  options.capacity = 4;
  options.quotas = {{kRegion, 1, 0, 1}, {kRegion, 0, 0, 0.5}};
  const RankingResult result = Rank(candidates, options);
  const RankedCandidate& capped = Find(result, 3);
  EXPECT_EQ(capped.outcome, RankOutcome::kWaitlisted);
  EXPECT_EQ(capped.reason, RankReason::kQuotaMaximum);
  EXPECT_EQ(capped.quota, 1);
  EXPECT_EQ(capped.waitlist_position, 1u);
  EXPECT_EQ(Find(result, 4).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 5).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 6).reason, RankReason::kCapacityFull);
  EXPECT_EQ(result.cutoff_score, 70);
  EXPECT_EQ(result.quotas[1].maximum_seats, 2u);
  EXPECT_EQ(result.quotas[1].selected, 2u);
  EXPECT_EQ(result.quotas[1].candidates, 4u);
}

TEST(EnginesRanking, SecondPassFillsSeatsAMinimumCouldNotUse) {
  // Region 0 is owed 2 of 4 seats and has two candidates, both women, but
  // women may hold only 1 seat: the second region-0 seat goes back to rank order.
  const std::vector<RankingCandidate> candidates = {
      Candidate(1, 100, 1, kMale), Candidate(2, 95, 1, kMale),  Candidate(3, 90, 1, kMale),
      Candidate(4, 85, 1, kMale),  Candidate(5, 80, 0, kFemale), Candidate(6, 75, 0, kFemale)};
  RankingOptions options;
  options.capacity = 4;
  options.quotas = {{kRegion, 0, 0.5, 1}, {kGender, kFemale, 0, 0.25}};
  ASSERT_TRUE(CheckQuotas(options).empty());
  const RankingResult result = Rank(candidates, options);
  EXPECT_EQ(result.selected, 4u);
  EXPECT_EQ(Find(result, 1).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 2).reason, RankReason::kInRankOrder);
  EXPECT_EQ(Find(result, 5).reason, RankReason::kQuotaMinimum);
  EXPECT_EQ(Find(result, 5).quota, 0);
  EXPECT_EQ(Find(result, 3).outcome, RankOutcome::kSelected);
  EXPECT_EQ(Find(result, 3).reason, RankReason::kSecondPass);
  EXPECT_EQ(Find(result, 3).quota, -1);
  EXPECT_EQ(Find(result, 4).reason, RankReason::kSeatsReserved);
  EXPECT_EQ(Find(result, 4).quota, 0);
  EXPECT_EQ(Find(result, 4).waitlist_position, 1u);
  EXPECT_EQ(Find(result, 6).reason, RankReason::kQuotaMaximum);
  EXPECT_EQ(Find(result, 6).quota, 1);
  EXPECT_EQ(Find(result, 6).waitlist_position, 2u);
  EXPECT_EQ(result.cutoff_score, 95);
  EXPECT_EQ(result.quotas[0].selected, 1u);
  EXPECT_FALSE(result.quotas[0].minimum_met);
  EXPECT_FALSE(result.quotas[0].minimum_lowered);
}

TEST(EnginesRanking, SeatsReservedNamesTheUnmetMinimumOfTheBindingDimension) {
  // Two regions each owed one of two seats: the second candidate of region 0
  // is passed over for region 1 (quota 1), not its own region's quota.
  const std::vector<RankingCandidate> candidates = {Candidate(1, 90, 0), Candidate(2, 80, 0), Candidate(3, 70, 1)};
  RankingOptions options;
  options.capacity = 2;
  options.quotas = {{kRegion, 0, 0.5, 1}, {kRegion, 1, 0.5, 1}};
  const RankingResult result = Rank(candidates, options);
  EXPECT_EQ(Find(result, 2).reason, RankReason::kSeatsReserved);
  EXPECT_EQ(Find(result, 2).quota, 1);
  EXPECT_EQ(Find(result, 3).reason, RankReason::kQuotaMinimum);
  EXPECT_EQ(Find(result, 3).quota, 1);
  EXPECT_TRUE(result.quotas[0].minimum_met);
  EXPECT_TRUE(result.quotas[1].minimum_met);
}

TEST(EnginesRanking, MatchesAPlainReferenceOfTheRuleOnRandomCalls) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 200; ++round) {
    const uint16_t regions = static_cast<uint16_t>(2 + rng() % 4);
    // Mostly small calls with many ties; every fourth a larger one with
    // fractional scores, where ties are rarer and the radix sort has work.
    const bool large = round % 4 == 3;
    const std::size_t n = large ? 500 + rng() % 1500 : 5 + rng() % 60;
    std::vector<RankingCandidate> candidates(n);
    for (std::size_t i = 0; i < n; ++i) {
      RankingCandidate& c = candidates[i];
      c.id = static_cast<uint32_t>(5000 - i * 7 % 2500);
      c.score = large ? static_cast<double>(rng() % 4000) / 40 : static_cast<double>(rng() % 12);
      c.tie_breaks = {static_cast<double>(rng() % 3), static_cast<double>(rng() % 100), 0};
      // Skewed: region 0 and women are scarce.
      c.categories[kRegion] = static_cast<uint16_t>(rng() % 10 < 2 ? 0 : 1 + rng() % (regions - 1));
      c.categories[kGender] = rng() % 10 < 3 ? kFemale : kMale;
      c.categories[2] = static_cast<uint16_t>(rng() % 3);
      if (rng() % 10 == 0) c.categories[2] = kNoCategory;
    }
    RankingOptions options;
    options.capacity = static_cast<uint32_t>(1 + rng() % n);
    options.tie_break_count = rng() % 3;
    options.tie_break_descending = {rng() % 2 == 0, rng() % 2 == 0, true};
    if (rng() % 2 == 0) options.threshold = large ? 30 : 3;
    options.quotas = {{kRegion, 0, 0.3, 0.6},
                      {kGender, kFemale, 0.4, 1},
                      {kGender, kMale, 0, 0.7},
                      {2, 1, 0.2, 0.5},
                      {2, 2, 0, 0.4},
                      {kRegion, 1, 0.1, 0.5}};
    if (!CheckQuotas(options).empty()) continue;
    SCOPED_TRACE(round);
    ExpectSameResult(Rank(candidates, options), ReferenceRank(candidates, options));
  }
}

TEST(EnginesRanking, NeverExceedsAMaximumAndMeetsEveryReachableMinimum) {
  std::mt19937_64 rng(7);
  std::vector<RankingCandidate> candidates(5000);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    RankingCandidate& c = candidates[i];
    c.id = static_cast<uint32_t>(i);
    c.score = static_cast<double>(rng() % 100000) / 1000;
    c.categories = {static_cast<uint16_t>(rng() % 10), static_cast<uint16_t>(rng() % 2),
                    static_cast<uint16_t>(rng() % 40), kNoCategory};
  }
  RankingOptions options;
  options.capacity = 800;
  for (uint16_t r = 0; r < 10; ++r) options.quotas.push_back({0, r, 0.05, 0.2});
  options.quotas.push_back({1, 1, 0.45, 1});
  for (uint16_t u = 0; u < 40; ++u) options.quotas.push_back({2, u, 0.01, 0.05});
  ASSERT_TRUE(CheckQuotas(options).empty());
  const RankingResult result = Rank(candidates, options);
  EXPECT_EQ(result.selected, 800u);
  std::vector<uint32_t> selected(options.quotas.size(), 0);
  for (const RankedCandidate& r : result.ranked) {
    if (r.outcome != RankOutcome::kSelected) continue;
    for (std::size_t q = 0; q < options.quotas.size(); ++q) {
      selected[q] += candidates[r.id].categories[options.quotas[q].dimension] == options.quotas[q].category ? 1 : 0;
    }
  }
  for (std::size_t q = 0; q < options.quotas.size(); ++q) {
    EXPECT_EQ(selected[q], result.quotas[q].selected) << q;
    EXPECT_LE(selected[q], result.quotas[q].maximum_seats) << q;
    EXPECT_TRUE(result.quotas[q].minimum_met) << q;
  }
  EXPECT_EQ(result.quotas[10].minimum_seats, 360u);
  EXPECT_EQ(result.quotas[0].maximum_seats, 160u);
  EXPECT_EQ(result.quotas[11].minimum_seats, 8u);
  // With this many candidates per category the women's minimum binds.
  EXPECT_GE(selected[10], 360u);
}

TEST(EnginesRanking, CheckQuotasReportsMinimumsAboveCapacity) {
  RankingOptions options;
  options.capacity = 10;
  options.quotas = {{kRegion, 0, 0.6, 1}, {kGender, kFemale, 0.5, 1}, {kRegion, 1, 0.5, 1}};
  const std::vector<QuotaProblem> problems = CheckQuotas(options);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].kind, QuotaProblem::Kind::kDimensionMinimumsExceedCapacity);
  EXPECT_EQ(problems[0].quota, 0u);
  EXPECT_EQ(problems[0].seats, 11u);
  EXPECT_EQ(problems[0].capacity, 10u);
  options.quotas[2].minimum_share = 0.4;  // 6 + 4 seats fit exactly
  EXPECT_TRUE(CheckQuotas(options).empty());
}

TEST(EnginesRanking, CheckQuotasReportsBadDimensionsSharesAndDuplicates) {
  RankingOptions options;
  options.capacity = 10;
  options.quotas = {{4, 0, 0, 1},                   // 0: no such dimension
                    {kRegion, kNoCategory, 0, 1},  // 1: no category
                    {kRegion, 2, 0.5, 0.4},         // 2: minimum above maximum
                    {kRegion, 3, -0.1, 1},          // 3: negative share
                    {kRegion, 4, 0, 1.5},           // 4: share above 1
                    {kGender, 0, 0.33, 0.33},       // 5: 4 seats minimum, 3 maximum
                    {kGender, 1, 0.1, 0.5},         // 6: fine
                    {kGender, 1, 0.2, 0.5},         // 7: duplicate of 6
                    {kRegion, 5, std::nan(""), 1}};  // 8: not a number
  const std::vector<QuotaProblem> problems = CheckQuotas(options);
  using Kind = QuotaProblem::Kind;
  const std::vector<std::pair<Kind, std::size_t>> expected = {
      {Kind::kBadDimension, 0}, {Kind::kBadDimension, 1}, {Kind::kBadShare, 2}, {Kind::kBadShare, 3},
      {Kind::kBadShare, 4},     {Kind::kBadShare, 5},     {Kind::kDuplicate, 7}, {Kind::kBadShare, 8}};
  ASSERT_EQ(problems.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(problems[i].kind, expected[i].first) << i;
    EXPECT_EQ(problems[i].quota, expected[i].second) << i;
  }
}

TEST(EnginesRanking, NextFromWaitlistSkipsCandidateThatWouldBreakMaximum) {
  const std::vector<RankingCandidate> holding = {Candidate(1, 90, kNoCategory, kFemale),
                                                 Candidate(2, 85, kNoCategory, kMale)};
  const std::vector<RankingCandidate> waitlist = {Candidate(3, 80, kNoCategory, kFemale),
                                                  Candidate(4, 75, kNoCategory, kMale)};
  RankingOptions options;
  options.capacity = 3;
  options.quotas = {{kGender, kFemale, 0, 1.0 / 3}};
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::optional<std::size_t>(1));
  // When everyone left would break it, the seat stays empty.
  EXPECT_EQ(NextFromWaitlist(holding, std::span(waitlist).first(1), options), std::nullopt);
}

TEST(EnginesRanking, NextFromWaitlistKeepsTheSeatForAnUnmetMinimum) {
  const std::vector<RankingCandidate> holding = {Candidate(1, 90, kNoCategory, kMale),
                                                 Candidate(2, 85, kNoCategory, kMale)};
  const std::vector<RankingCandidate> waitlist = {Candidate(3, 80, kNoCategory, kMale),
                                                  Candidate(4, 75, kNoCategory, kFemale)};
  RankingOptions options;
  options.capacity = 3;
  options.quotas = {{kGender, kFemale, 1.0 / 3, 1}};
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::optional<std::size_t>(1));
  // Without a woman at or above the threshold the minimum is lowered to what
  // can be met, and the next man takes the seat.
  options.threshold = 78;
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::optional<std::size_t>(0));
}

TEST(EnginesRanking, NextFromWaitlistSkipsBelowThresholdAndNeedsAFreeSeat) {
  const std::vector<RankingCandidate> holding = {Candidate(1, 90), Candidate(2, 85)};
  const std::vector<RankingCandidate> waitlist = {Candidate(3, 40), Candidate(4, 60), Candidate(5, 55)};
  RankingOptions options;
  options.capacity = 3;
  options.threshold = 50;
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::optional<std::size_t>(1));
  options.capacity = 2;
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::nullopt);
  options.capacity = 3;
  EXPECT_EQ(NextFromWaitlist(holding, std::span(waitlist).first(1), options), std::nullopt);
}

TEST(EnginesRanking, NextFromWaitlistFillsASeatAMinimumCannotUseUnderMaximumsAlone) {
  // Region 0 is owed a second seat, but its only waiting candidate is a
  // woman and women are at their maximum: the seat goes to the next who fits.
  const std::vector<RankingCandidate> holding = {Candidate(1, 90, 0, kFemale), Candidate(2, 85, 1, kMale),
                                                 Candidate(3, 80, 1, kMale)};
  const std::vector<RankingCandidate> waitlist = {Candidate(4, 75, 0, kFemale), Candidate(5, 70, 1, kMale)};
  RankingOptions options;
  options.capacity = 4;
  options.quotas = {{kRegion, 0, 0.5, 1}, {kGender, kFemale, 0, 0.25}};
  EXPECT_EQ(NextFromWaitlist(holding, waitlist, options), std::optional<std::size_t>(1));
}

TEST(EnginesRanking, NextFromWaitlistAgreesWithRankAfterADecline) {
  // A woman declines while the women's minimum binds: the freed seat goes
  // past two men to the next woman, as ranking again without her would.
  const std::vector<RankingCandidate> candidates = {
      Candidate(0, 90, 0, kMale),   Candidate(1, 88, 1, kFemale), Candidate(2, 85, 0, kMale),
      Candidate(3, 80, 2, kMale),   Candidate(4, 78, 0, kMale),   Candidate(5, 70, 1, kFemale),
      Candidate(6, 65, 2, kMale),   Candidate(7, 60, 2, kFemale)};
  RankingOptions options;
  options.capacity = 4;
  options.quotas = {{kRegion, 0, 0, 0.5}, {kGender, kFemale, 0.5, 1}};
  const RankingResult first = Rank(candidates, options);
  std::vector<RankingCandidate> holding, waitlist;
  for (const RankedCandidate& r : first.ranked) {
    if (r.outcome == RankOutcome::kSelected && r.id != 1) holding.push_back(candidates[r.id]);
    if (r.outcome == RankOutcome::kWaitlisted) waitlist.push_back(candidates[r.id]);
  }
  ASSERT_EQ(holding.size(), 3u);
  ASSERT_EQ(waitlist.size(), 4u);  // 3 (seats reserved), 4 (region maximum), 6, 7
  const std::optional<std::size_t> next = NextFromWaitlist(holding, waitlist, options);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, 3u);
  EXPECT_EQ(waitlist[*next].id, 7u);

  std::vector<RankingCandidate> without_decliner = candidates;
  without_decliner.erase(without_decliner.begin() + 1);
  std::vector<uint32_t> again;
  for (const RankedCandidate& r : Rank(without_decliner, options).ranked) {
    if (r.outcome == RankOutcome::kSelected) again.push_back(r.id);
  }
  EXPECT_EQ(again, (std::vector<uint32_t>{0, 2, 5, 7}));
}

}  // namespace
}  // namespace cohort::engines
