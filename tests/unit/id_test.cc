#include "core/id.h"

#include <gtest/gtest.h>

#include <set>

namespace cohort {
namespace {

TEST(Id, NewIdsHaveTheIdShapeAndAreUnique) {
  const TimePoint t{std::chrono::milliseconds(1'790'000'000'000)};
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = NewId(t);
    ASSERT_EQ(id.size(), 26u);
    ASSERT_TRUE(LooksLikeId(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Id, IdsSortByCreationTime) {
  const TimePoint t{std::chrono::milliseconds(1'790'000'000'000)};
  EXPECT_LT(NewId(t), NewId(t + std::chrono::milliseconds(1)));
  EXPECT_LT(NewId(t), NewId(t + std::chrono::hours(24 * 365)));
}

TEST(Id, SameMillisecondSharesTheTimePrefix) {
  const TimePoint t{std::chrono::milliseconds(1'790'000'000'000)};
  EXPECT_EQ(NewId(t).substr(0, 10), NewId(t).substr(0, 10));
}

TEST(Id, MalformedIdsAreRecognised) {
  EXPECT_FALSE(LooksLikeId(""));
  EXPECT_FALSE(LooksLikeId("1"));
  EXPECT_FALSE(LooksLikeId("01M818SWED844GZTK6E12D0VPU"));  // U is not Crockford
  EXPECT_FALSE(LooksLikeId("91M818SWED844GZTK6E12D0VP2"));  // first digit > 7 overflows 128 bits
  EXPECT_FALSE(LooksLikeId("../../etc/passwd0000000000"));
  EXPECT_TRUE(LooksLikeId("01M818SWED844GZTK6E12D0VP2"));
}

}  // namespace
}  // namespace cohort
