// Rotations: one unit per period, never the same unit twice, within places,
// languages and required types, at the least preference cost; checked by
// hand on small cases and against trying every plan on tiny random ones.
#include "engines/rotations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <tuple>

namespace cohort::engines {
namespace {

using Rule = RotationViolation::Rule;

RotationUnit Unit(uint32_t type, std::vector<uint32_t> places,
                  std::vector<uint32_t> languages = {}) {
  return RotationUnit{.type = type, .places = std::move(places), .languages = std::move(languages)};
}

RotationParticipant Person(std::vector<uint32_t> preferences,
                           std::vector<uint32_t> languages = {}) {
  return RotationParticipant{.preferences = std::move(preferences),
                             .languages = std::move(languages)};
}

std::vector<uint32_t> UnitsOf(const RotationsResult& result, uint32_t participant) {
  std::vector<uint32_t> units;
  for (const Rotation& r : result.rotations)
    if (r.participant == participant) units.push_back(r.unit);
  return units;
}

TEST(RotationsTest, EveryoneGoesThroughEveryUnitWhenThereAreAsManyUnitsAsPeriods) {
  RotationsInput input{.periods = 3};
  for (int u = 0; u < 3; ++u) input.units.push_back(Unit(0, {1, 1, 1}));
  input.participants = {Person({0, 1, 2}), Person({0, 1, 2}), Person({2, 1, 0})};
  const RotationsResult result = PlanRotations(input);
  EXPECT_TRUE(result.shortfalls.empty());
  ASSERT_EQ(result.rotations.size(), 9u);
  EXPECT_TRUE(CheckRotations(input, result.rotations, true).empty());
  for (uint32_t p = 0; p < 3; ++p) {
    auto units = UnitsOf(result, p);
    std::sort(units.begin(), units.end());
    EXPECT_EQ(units, (std::vector<uint32_t>{0, 1, 2}));
  }
  EXPECT_EQ(result.cost, 9);  // 0 + 1 + 2 for each
}

TEST(RotationsTest, GivesEachTheirFirstChoicesWhenTheyDoNotCompete) {
  RotationsInput input{.periods = 2};
  for (int u = 0; u < 4; ++u) input.units.push_back(Unit(0, {1, 1}));
  input.participants = {Person({0, 1, 2, 3}), Person({2, 3, 0, 1})};
  const RotationsResult result = PlanRotations(input);
  EXPECT_EQ(result.cost, 2);
  auto first = UnitsOf(result, 0);
  std::sort(first.begin(), first.end());
  EXPECT_EQ(first, (std::vector<uint32_t>{0, 1}));
  EXPECT_TRUE(CheckRotations(input, result.rotations, true).empty());
}

TEST(RotationsTest, HonoursARequiredUnitTypeEvenAgainstPreferences) {
  // Unit 0 is consular (type 7), required once; nobody wants it.
  RotationsInput input{.periods = 2};
  input.units = {Unit(7, {1, 1}), Unit(1, {2, 2}), Unit(1, {2, 2})};
  input.participants = {Person({1, 2}), Person({2, 1})};
  input.required = {{.type = 7, .rotations = 1}};
  const RotationsResult result = PlanRotations(input);
  EXPECT_TRUE(result.shortfalls.empty());
  for (uint32_t p = 0; p < 2; ++p) {
    const auto units = UnitsOf(result, p);
    EXPECT_NE(std::find(units.begin(), units.end(), 0u), units.end()) << "participant " << p;
  }
  EXPECT_TRUE(CheckRotations(input, result.rotations, true).empty());
}

TEST(RotationsTest, NeverPlacesSomeoneInAUnitWhoseLanguageTheyLack) {
  RotationsInput input{.periods = 1};
  input.units = {Unit(0, {1}, {5}), Unit(0, {1})};
  input.participants = {Person({0, 1}, {}), Person({0, 1}, {5})};
  const RotationsResult result = PlanRotations(input);
  EXPECT_EQ(UnitsOf(result, 0), std::vector<uint32_t>{1});
  EXPECT_EQ(UnitsOf(result, 1), std::vector<uint32_t>{0});
}

TEST(RotationsTest, SaysWhoIsShortAndOfWhatWhenThePlacesCannotHoldEveryone) {
  // Four people, two periods: 8 rotations wanted, 6 places. The required
  // type has one place per period for four people who each need it.
  RotationsInput input{.periods = 2};
  input.units = {Unit(3, {1, 1}), Unit(0, {1, 1}), Unit(0, {1, 1})};
  input.participants = {Person({}), Person({}), Person({}), Person({})};
  input.required = {{.type = 3, .rotations = 1}};
  const RotationsResult result = PlanRotations(input);
  EXPECT_EQ(result.rotations.size(), 6u);
  EXPECT_TRUE(CheckRotations(input, result.rotations, false).empty());
  uint32_t missing = 0;
  uint32_t missing_required = 0;
  for (const RotationShortfall& s : result.shortfalls) {
    if (s.type == RotationShortfall::kAnyType) missing += s.rotations;
    if (s.type == 3) missing_required += s.rotations;
  }
  EXPECT_EQ(missing, 2u);
  EXPECT_EQ(missing_required, 2u);  // two places of type 3 for four people
}

TEST(RotationsTest, KeepsHandMadeRotationsAndCountsThemAgainstPlaces) {
  RotationsInput input{.periods = 2};
  input.units = {Unit(0, {1, 1}), Unit(0, {1, 1})};
  input.participants = {Person({0, 1}), Person({0, 1})};
  input.fixed = {{.participant = 1, .period = 0, .unit = 0}};
  const RotationsResult result = PlanRotations(input);
  EXPECT_TRUE(result.shortfalls.empty());
  EXPECT_NE(std::find(result.rotations.begin(), result.rotations.end(),
                      Rotation{.participant = 1, .period = 0, .unit = 0}),
            result.rotations.end());
  EXPECT_TRUE(CheckRotations(input, result.rotations, true).empty());
}

TEST(RotationsTest, CheckNamesEveryBrokenRule) {
  RotationsInput input{.periods = 2};
  input.units = {Unit(0, {1, 1}, {9}), Unit(4, {1, 1})};
  input.participants = {Person({}, {9}), Person({})};
  input.required = {{.type = 4, .rotations = 1}};
  const std::vector<Rotation> plan = {
      {.participant = 0, .period = 0, .unit = 0},
      {.participant = 0, .period = 1, .unit = 0},  // the same unit twice
      {.participant = 1, .period = 0, .unit = 0},  // over its one place; no language 9
      {.participant = 1, .period = 0, .unit = 1},  // two units in period 0
  };
  const auto violations = CheckRotations(input, plan, true);
  const std::vector<RotationViolation> expected = {
      {.rule = Rule::kTwoUnitsInOnePeriod, .participant = 1, .period = 0},
      {.rule = Rule::kSameUnitTwice, .participant = 0, .unit = 0},
      {.rule = Rule::kOverCapacity, .period = 0, .unit = 0},
      {.rule = Rule::kLanguage, .participant = 1, .unit = 0},
      {.rule = Rule::kRequiredType, .participant = 0, .type = 4},
  };
  EXPECT_EQ(violations, expected);
  EXPECT_EQ(CheckRotations(input, plan, false).size(), 4u);
}

// Every plan of a tiny instance, scored as the engine's objective: most
// rotations, then most required rotations, then least preference cost.
std::tuple<int64_t, int64_t, int64_t> BestByTryingAll(const RotationsInput& input) {
  const auto participants = static_cast<uint32_t>(input.participants.size());
  const auto units = static_cast<uint32_t>(input.units.size());
  std::vector<Rotation> plan;
  std::tuple<int64_t, int64_t, int64_t> best{-1, -1, 0};
  // Each (participant, period) gets a unit or none (= units).
  std::function<void(uint32_t)> visit = [&](uint32_t slot) {
    if (slot == participants * input.periods) {
      if (!CheckRotations(input, plan, false).empty()) return;
      int64_t required = 0;
      int64_t cost = 0;
      for (uint32_t p = 0; p < participants; ++p)
        for (const TypeRequirement& req : input.required) {
          int64_t have = 0;
          for (const Rotation& r : plan)
            if (r.participant == p && input.units[r.unit].type == req.type) ++have;
          required += std::min<int64_t>(have, req.rotations);
        }
      for (const Rotation& r : plan) cost += PreferenceCost(input, r.participant, r.unit);
      best = std::max(best, {static_cast<int64_t>(plan.size()), required, -cost});
      return;
    }
    const uint32_t p = slot / input.periods;
    const uint32_t t = slot % input.periods;
    visit(slot + 1);
    for (uint32_t u = 0; u < units; ++u) {
      plan.push_back({.participant = p, .period = t, .unit = u});
      visit(slot + 1);
      plan.pop_back();
    }
  };
  visit(0);
  return best;
}

TEST(RotationsTest, FindsTheBestPlanOnTinyRandomIntakes) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 150; ++trial) {
    RotationsInput input{.periods = 1 + static_cast<uint32_t>(rng() % 2)};
    const uint32_t units = 2 + static_cast<uint32_t>(rng() % 3);
    for (uint32_t u = 0; u < units; ++u) {
      // The same places in every period: the case the engine is exact for.
      const auto places = static_cast<uint32_t>(rng() % 3);
      input.units.push_back(Unit(static_cast<uint32_t>(rng() % 2),
                                 std::vector<uint32_t>(input.periods, places),
                                 rng() % 4 == 0 ? std::vector<uint32_t>{1} : std::vector<uint32_t>{}));
    }
    const uint32_t people = 1 + static_cast<uint32_t>(rng() % 3);
    for (uint32_t p = 0; p < people; ++p) {
      std::vector<uint32_t> order(units);
      for (uint32_t u = 0; u < units; ++u) order[u] = u;
      std::shuffle(order.begin(), order.end(), rng);
      order.resize(rng() % (units + 1));
      input.participants.push_back(
          Person(order, rng() % 2 ? std::vector<uint32_t>{1} : std::vector<uint32_t>{}));
    }
    if (rng() % 2) input.required = {{.type = 1, .rotations = 1}};
    const RotationsResult result = PlanRotations(input);
    ASSERT_TRUE(CheckRotations(input, result.rotations, false).empty()) << "trial " << trial;
    int64_t required = 0;
    for (uint32_t p = 0; p < people; ++p)
      for (const TypeRequirement& req : input.required) {
        int64_t have = 0;
        for (const Rotation& r : result.rotations)
          if (r.participant == p && input.units[r.unit].type == req.type) ++have;
        required += std::min<int64_t>(have, req.rotations);
      }
    const auto got = std::make_tuple(static_cast<int64_t>(result.rotations.size()), required,
                                     -result.cost);
    ASSERT_EQ(got, BestByTryingAll(input)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace cohort::engines
