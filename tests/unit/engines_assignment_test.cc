// Reviewer assignment engine: k reviewers per application, least loaded
// first, never conflicted, within caps, every shortfall explained.
#include "engines/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

namespace cohort::engines {
namespace {

AssignmentInput MakeInput(uint32_t applications, uint32_t reviewers, uint32_t k, uint32_t cap) {
  AssignmentInput input;
  input.applications = applications;
  input.reviewers = reviewers;
  input.per_application = k;
  input.load_cap.assign(reviewers, cap);
  return input;
}

// One sorted tag list per item, in CSR form.
TagLists MakeTags(const std::vector<std::vector<uint32_t>>& per_item) {
  TagLists lists;
  lists.offsets.push_back(0);
  for (const auto& tags : per_item) {
    lists.tags.insert(lists.tags.end(), tags.begin(), tags.end());
    lists.offsets.push_back(static_cast<uint32_t>(lists.tags.size()));
  }
  return lists;
}

std::map<uint32_t, std::set<uint32_t>> ReviewersByApplication(const AssignmentInput& input,
                                                              const AssignmentResult& result) {
  std::map<uint32_t, std::set<uint32_t>> on;
  for (const auto& [a, r] : input.existing) on[a].insert(r);
  for (const Assignment& x : result.added) on[x.application].insert(x.reviewer);
  return on;
}

using Row = std::tuple<uint32_t, uint32_t, uint32_t>;
std::vector<Row> Rows(const AssignmentResult& result) {
  std::vector<Row> rows;
  for (const Assignment& x : result.added) {
    rows.emplace_back(x.application, x.reviewer, x.load_before);
  }
  return rows;
}

using ShortRow = std::tuple<uint32_t, uint32_t, uint32_t, uint32_t, uint32_t>;
std::vector<ShortRow> ShortRows(const AssignmentResult& result) {
  std::vector<ShortRow> rows;
  for (const Shortfall& s : result.shortfalls) {
    rows.emplace_back(s.application, s.missing, s.declared_conflicts, s.tag_conflicts, s.at_cap);
  }
  return rows;
}

// A realistic small instance: university tags on some applications and
// reviewers, declared conflicts, a few existing assignments, uneven caps.
AssignmentInput RandomInput(uint64_t seed, uint32_t applications, uint32_t reviewers, uint32_t k,
                            uint32_t cap_low, uint32_t cap_high) {
  std::mt19937_64 rng(seed);
  AssignmentInput input = MakeInput(applications, reviewers, k, 0);
  for (uint32_t& cap : input.load_cap) {
    cap = std::uniform_int_distribution<uint32_t>(cap_low, cap_high)(rng);
  }
  std::uniform_int_distribution<uint32_t> tag(0, 7);
  std::bernoulli_distribution has_tag(0.3);
  std::vector<std::vector<uint32_t>> app_tags(applications);
  std::vector<std::vector<uint32_t>> reviewer_tags(reviewers);
  for (auto& tags : app_tags) {
    if (has_tag(rng)) tags.push_back(tag(rng));
  }
  for (auto& tags : reviewer_tags) {
    if (has_tag(rng)) tags = {tag(rng)};
    if (has_tag(rng)) tags.push_back(8 + tag(rng));  // a second, disjoint kind of tag
  }
  input.application_tags = MakeTags(app_tags);
  input.reviewer_tags = MakeTags(reviewer_tags);
  std::uniform_int_distribution<uint32_t> any_app(0, applications - 1);
  std::uniform_int_distribution<uint32_t> any_reviewer(0, reviewers - 1);
  for (uint32_t i = 0; i < applications / 4; ++i) {
    input.declared_conflicts.emplace_back(any_app(rng), any_reviewer(rng));
  }
  std::sort(input.declared_conflicts.begin(), input.declared_conflicts.end());
  input.declared_conflicts.erase(
      std::unique(input.declared_conflicts.begin(), input.declared_conflicts.end()),
      input.declared_conflicts.end());
  for (uint32_t i = 0; i < applications / 10; ++i) {
    input.existing.emplace_back(any_app(rng), any_reviewer(rng));
  }
  return input;
}

// The header's rule written the slow, obvious way: every pick scans every
// reviewer; least load, then the smallest (r − s(a, j)) mod reviewers.
AssignmentResult ReferenceAssign(const AssignmentInput& input) {
  auto mix = [](uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
  };
  const uint32_t n = input.reviewers;
  std::set<std::pair<uint32_t, uint32_t>> existing(input.existing.begin(), input.existing.end());
  AssignmentResult result;
  result.load.assign(n, 0);
  for (const auto& [a, r] : existing) ++result.load[r];
  for (uint32_t a = 0; a < input.applications; ++a) {
    std::set<uint32_t> on;
    for (const auto& [ea, r] : existing) {
      if (ea == a) on.insert(r);
    }
    const uint32_t wanted = input.per_application > on.size()
                                ? input.per_application - static_cast<uint32_t>(on.size())
                                : 0;
    uint32_t picked = 0;
    for (; picked < wanted; ++picked) {
      const uint32_t s = static_cast<uint32_t>(mix((uint64_t{a} << 32) | picked) % n);
      uint32_t best = n;
      for (uint32_t r = 0; r < n; ++r) {
        if (on.count(r) || Conflicts(input, a, r) || result.load[r] >= input.load_cap[r]) continue;
        if (best == n || std::pair{result.load[r], (r + n - s) % n} <
                             std::pair{result.load[best], (best + n - s) % n}) {
          best = r;
        }
      }
      if (best == n) break;
      result.added.push_back({a, best, result.load[best]});
      ++result.load[best];
      on.insert(best);
    }
    if (picked < wanted) {
      Shortfall shortfall{.application = a, .missing = wanted - picked};
      for (uint32_t r = 0; r < n; ++r) {
        if (on.count(r)) continue;
        if (std::binary_search(input.declared_conflicts.begin(), input.declared_conflicts.end(),
                               std::pair{a, r})) {
          ++shortfall.declared_conflicts;
        } else if (Conflicts(input, a, r)) {
          ++shortfall.tag_conflicts;
        } else if (result.load[r] >= input.load_cap[r]) {
          ++shortfall.at_cap;
        }
      }
      result.shortfalls.push_back(shortfall);
    }
  }
  return result;
}

TEST(Assignment, EveryApplicationGetsKDistinctReviewers) {
  const AssignmentInput input = MakeInput(200, 20, 3, 1000);
  const AssignmentResult result = Assign(input);

  ASSERT_EQ(result.added.size(), 600u);
  EXPECT_TRUE(result.shortfalls.empty());
  for (std::size_t i = 0; i < result.added.size(); ++i) {
    EXPECT_EQ(result.added[i].application, i / 3);  // by application, three each
  }
  const auto on = ReviewersByApplication(input, result);
  ASSERT_EQ(on.size(), 200u);
  for (const auto& [a, reviewers] : on) EXPECT_EQ(reviewers.size(), 3u) << "application " << a;
}

TEST(Assignment, LoadIsBalancedWithinOne) {
  // 600 reviews over 21 reviewers: 12 reviewers do 29, 9 do 28.
  const AssignmentResult result = Assign(MakeInput(200, 21, 3, 1000));

  ASSERT_EQ(result.load.size(), 21u);
  EXPECT_EQ(std::count(result.load.begin(), result.load.end(), 29u), 12);
  EXPECT_EQ(std::count(result.load.begin(), result.load.end(), 28u), 9);
  std::vector<uint32_t> counted(21, 0);
  for (const Assignment& x : result.added) ++counted[x.reviewer];
  EXPECT_EQ(counted, result.load);
}

TEST(Assignment, EachChoiceIsALeastLoadedAdmissibleReviewer) {
  const AssignmentInput input = RandomInput(7, 400, 25, 3, 30, 70);
  const AssignmentResult result = Assign(input);

  std::vector<uint32_t> load(input.reviewers, 0);
  std::set<std::pair<uint32_t, uint32_t>> on(input.existing.begin(), input.existing.end());
  for (const auto& [a, r] : on) ++load[r];
  for (const Assignment& x : result.added) {
    ASSERT_EQ(x.load_before, load[x.reviewer]);
    ASSERT_FALSE(Conflicts(input, x.application, x.reviewer));
    ASSERT_LT(load[x.reviewer], input.load_cap[x.reviewer]);
    ASSERT_TRUE(on.insert({x.application, x.reviewer}).second) << "pair added twice";
    for (uint32_t r = 0; r < input.reviewers; ++r) {
      const bool admissible = !on.count({x.application, r}) &&
                              !Conflicts(input, x.application, r) && load[r] < input.load_cap[r];
      if (admissible) {
        EXPECT_GE(load[r], x.load_before) << "reviewer " << r << " was less loaded";
      }
    }
    ++load[x.reviewer];
  }
  EXPECT_EQ(load, result.load);
}

TEST(Assignment, MatchesTheDocumentedRuleOnRandomInputs) {
  // Tight caps make shortfalls; loose caps exercise the tie-break.
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const uint32_t cap_high = seed % 2 == 0 ? 20 : 200;
    const AssignmentInput input = RandomInput(seed, 150, 3 + seed % 17, 1 + seed % 4, 0, cap_high);
    const AssignmentResult expected = ReferenceAssign(input);
    const AssignmentResult actual = Assign(input);
    EXPECT_EQ(Rows(actual), Rows(expected)) << "seed " << seed;
    EXPECT_EQ(ShortRows(actual), ShortRows(expected)) << "seed " << seed;
    EXPECT_EQ(actual.load, expected.load) << "seed " << seed;
  }
}

TEST(Assignment, MatchesTheDocumentedRuleWithFewAvailableAmongManyReviewers) {
  // Thousands of reviewers, few with room: the least loaded are far apart
  // in index order and the search has to wrap around.
  for (const uint32_t reviewers : {70u, 700u, 9000u}) {
    AssignmentInput input = RandomInput(reviewers, 60, reviewers, 3, 0, 0);
    std::mt19937_64 rng(reviewers);
    for (int i = 0; i < 20; ++i) {
      input.load_cap[std::uniform_int_distribution<uint32_t>(0, reviewers - 1)(rng)] = 10;
    }
    const AssignmentResult expected = ReferenceAssign(input);
    const AssignmentResult actual = Assign(input);
    EXPECT_EQ(Rows(actual), Rows(expected)) << reviewers << " reviewers";
    EXPECT_EQ(ShortRows(actual), ShortRows(expected)) << reviewers << " reviewers";
    EXPECT_EQ(actual.load, expected.load) << reviewers << " reviewers";
  }
}

TEST(Assignment, DeclaredConflictIsNeverAssigned) {
  AssignmentInput input = MakeInput(1, 3, 2, 10);
  input.declared_conflicts = {{0, 1}};
  const AssignmentResult result = Assign(input);

  ASSERT_EQ(result.added.size(), 2u);
  EXPECT_EQ(ReviewersByApplication(input, result).at(0), (std::set<uint32_t>{0, 2}));
  EXPECT_TRUE(result.shortfalls.empty());
  EXPECT_EQ(result.load, (std::vector<uint32_t>{1, 0, 1}));
}

TEST(Assignment, SharedUniversityTagIsNeverAssigned) {
  AssignmentInput input = MakeInput(2, 4, 3, 10);
  input.application_tags = MakeTags({{7}, {4, 6}});
  input.reviewer_tags = MakeTags({{}, {5}, {3, 7}, {6}});
  const AssignmentResult result = Assign(input);

  const auto on = ReviewersByApplication(input, result);
  EXPECT_EQ(on.at(0), (std::set<uint32_t>{0, 1, 3}));  // reviewer 2 shares tag 7
  EXPECT_EQ(on.at(1), (std::set<uint32_t>{0, 1, 2}));  // reviewer 3 shares tag 6
  EXPECT_TRUE(result.shortfalls.empty());
}

TEST(Assignment, ConflictsReportsDeclaredAndTagConflictsOnly) {
  AssignmentInput input = MakeInput(3, 3, 1, 10);
  input.declared_conflicts = {{0, 2}, {2, 1}};
  input.application_tags = MakeTags({{1, 9}, {2}, {}});
  input.reviewer_tags = MakeTags({{3, 9}, {1}, {4}});

  EXPECT_TRUE(Conflicts(input, 0, 2));   // declared
  EXPECT_TRUE(Conflicts(input, 2, 1));   // declared
  EXPECT_TRUE(Conflicts(input, 0, 0));   // tag 9
  EXPECT_TRUE(Conflicts(input, 0, 1));   // tag 1
  EXPECT_FALSE(Conflicts(input, 1, 0));
  EXPECT_FALSE(Conflicts(input, 1, 2));
  EXPECT_FALSE(Conflicts(input, 2, 0));  // application 2 has no tags
  EXPECT_FALSE(Conflicts(input, 1, 1));  // (1, 1) is not declared; (2, 1) is
}

TEST(Assignment, ExistingAssignmentsCountTowardKAndLoad) {
  AssignmentInput input = MakeInput(3, 4, 2, 10);
  // Application 0 has reviewer 3 (listed twice: counted once); application 1
  // has reviewer 3 too; application 2 has more than k already.
  input.existing = {{0, 3}, {1, 3}, {0, 3}, {2, 0}, {2, 1}, {2, 2}};
  const AssignmentResult result = Assign(input);

  ASSERT_EQ(result.added.size(), 2u);
  for (const Assignment& x : result.added) {
    EXPECT_NE(x.reviewer, 3u);  // already on both, and the most loaded
    EXPECT_EQ(x.load_before, 1u);
  }
  EXPECT_EQ(result.added[0].application, 0u);
  EXPECT_EQ(result.added[1].application, 1u);
  EXPECT_NE(result.added[0].reviewer, result.added[1].reviewer);
  EXPECT_TRUE(result.shortfalls.empty());
  std::vector<uint32_t> expected_load{1, 1, 1, 2};
  for (const Assignment& x : result.added) ++expected_load[x.reviewer];
  EXPECT_EQ(result.load, expected_load);
  EXPECT_EQ(std::accumulate(result.load.begin(), result.load.end(), 0u), 7u);
}

TEST(Assignment, CapsAreRespectedAndShortfallExplained) {
  AssignmentInput input = MakeInput(3, 5, 2, 10);
  input.load_cap = {2, 1, 0, 10, 10};
  input.existing = {{2, 0}};
  input.declared_conflicts = {{0, 3}, {0, 4}, {1, 3}, {2, 3}, {2, 4}};
  input.application_tags = MakeTags({{}, {9}, {}});
  input.reviewer_tags = MakeTags({{}, {}, {}, {9}, {9}});
  const AssignmentResult result = Assign(input);

  // Application 0 may only have reviewers 0 and 1: 1 (load 0) comes first,
  // then 0 (load 1, from application 2's existing assignment).
  EXPECT_EQ(Rows(result), (std::vector<Row>{{0, 1, 0}, {0, 0, 1}}));
  // Application 1: reviewer 3 is declared (and tagged: counted once, as
  // declared), 4 shares tag 9, 0, 1 and 2 are at cap. Application 2 has
  // reviewer 0 already (not counted), 3 and 4 declared, 1 and 2 at cap.
  EXPECT_EQ(ShortRows(result), (std::vector<ShortRow>{{1, 2, 1, 1, 3}, {2, 1, 2, 0, 2}}));
  EXPECT_EQ(result.load, (std::vector<uint32_t>{2, 1, 0, 0, 0}));
}

TEST(Assignment, ShortfallCountsCoverEveryReviewerNotOnTheApplication) {
  const AssignmentInput input = RandomInput(11, 300, 12, 4, 0, 60);
  const AssignmentResult result = Assign(input);
  ASSERT_FALSE(result.shortfalls.empty());  // the caps are too tight for 1,200 reviews

  const auto on = ReviewersByApplication(input, result);
  for (const Shortfall& s : result.shortfalls) {
    const auto it = on.find(s.application);
    const uint32_t on_count = it == on.end() ? 0 : static_cast<uint32_t>(it->second.size());
    EXPECT_EQ(s.missing, input.per_application - on_count);
    EXPECT_EQ(s.declared_conflicts + s.tag_conflicts + s.at_cap, input.reviewers - on_count);
  }
  for (uint32_t r = 0; r < input.reviewers; ++r) EXPECT_LE(result.load[r], input.load_cap[r]);
}

TEST(Assignment, NoReviewersMeansEveryApplicationFallsShort) {
  const AssignmentResult result = Assign(MakeInput(2, 0, 3, 0));
  EXPECT_TRUE(result.added.empty());
  EXPECT_EQ(ShortRows(result), (std::vector<ShortRow>{{0, 3, 0, 0, 0}, {1, 3, 0, 0, 0}}));
  EXPECT_TRUE(result.load.empty());
}

TEST(Assignment, SameInputSameOutput) {
  const AssignmentInput input = RandomInput(3, 500, 40, 3, 20, 60);
  const AssignmentResult first = Assign(input);
  const AssignmentResult second = Assign(input);
  EXPECT_EQ(Rows(first), Rows(second));
  EXPECT_EQ(ShortRows(first), ShortRows(second));
  EXPECT_EQ(first.load, second.load);
}

TEST(Assignment, CoReviewerGroupsAreSpread) {
  // 2,000 applications × 3 of 30 reviewers: grouping by index neighbours (or
  // any fixed rotation) would use a handful of the 435 possible pairs.
  const AssignmentInput input = MakeInput(2000, 30, 3, 1000);
  const AssignmentResult result = Assign(input);
  std::set<std::pair<uint32_t, uint32_t>> pairs;
  for (const auto& [a, reviewers] : ReviewersByApplication(input, result)) {
    for (uint32_t x : reviewers) {
      for (uint32_t y : reviewers) {
        if (x < y) pairs.insert({x, y});
      }
    }
  }
  EXPECT_EQ(pairs.size(), 435u);
  EXPECT_EQ(*std::max_element(result.load.begin(), result.load.end()), 200u);
  EXPECT_EQ(*std::min_element(result.load.begin(), result.load.end()), 200u);
}

TEST(Assignment, ReplacementAfterConflictPicksAnotherReviewer) {
  AssignmentInput input = RandomInput(5, 200, 15, 3, 60, 80);
  const AssignmentResult first = Assign(input);
  ASSERT_TRUE(first.shortfalls.empty());

  // Reviewer of application 17 declares a conflict: keep every other pair,
  // drop that one, run again.
  const auto on_before = ReviewersByApplication(input, first);
  const uint32_t dropped = *on_before.at(17).begin();
  AssignmentInput again = input;
  for (const Assignment& x : first.added) again.existing.emplace_back(x.application, x.reviewer);
  std::erase(again.existing, std::pair<uint32_t, uint32_t>{17, dropped});
  again.declared_conflicts.emplace_back(17, dropped);
  std::sort(again.declared_conflicts.begin(), again.declared_conflicts.end());
  const AssignmentResult second = Assign(again);

  ASSERT_EQ(second.added.size(), 1u);
  EXPECT_EQ(second.added[0].application, 17u);
  EXPECT_NE(second.added[0].reviewer, dropped);
  EXPECT_FALSE(on_before.at(17).count(second.added[0].reviewer));
  EXPECT_FALSE(Conflicts(again, 17, second.added[0].reviewer));
  EXPECT_TRUE(second.shortfalls.empty());
  std::vector<uint32_t> expected_load = first.load;
  --expected_load[dropped];
  ++expected_load[second.added[0].reviewer];
  EXPECT_EQ(second.load, expected_load);
}

TEST(Assignment, InitialLoadCountsTowardBalanceAndCap) {
  // One application re-assigned on its own: reviewer 0 carries 5 elsewhere,
  // reviewer 1 carries 2 and is at its cap of 2, reviewer 2 carries 3.
  AssignmentInput input = MakeInput(1, 3, 1, 10);
  input.load_cap[1] = 2;
  input.initial_load = {5, 2, 3};
  const AssignmentResult result = Assign(input);
  ASSERT_EQ(result.added.size(), 1u);
  EXPECT_EQ(result.added[0].reviewer, 2u);
  EXPECT_EQ(result.added[0].load_before, 3u);
  EXPECT_EQ(result.load, (std::vector<uint32_t>{5, 2, 4}));
}

}  // namespace
}  // namespace cohort::engines
