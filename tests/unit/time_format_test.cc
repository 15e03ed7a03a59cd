#include "core/time_format.h"

#include <gtest/gtest.h>

namespace cohort {
namespace {

TEST(TimeFormat, FormatsUtcWithMilliseconds) {
  const TimePoint t{std::chrono::milliseconds(1'795'338'068'123)};
  EXPECT_EQ(FormatUtc(t), "2026-11-22T09:01:08.123Z");
}

TEST(TimeFormat, ParsesZuluAndOffsets) {
  auto z = ParseRfc3339("2026-11-22T09:01:08.123Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(FormatUtc(*z), "2026-11-22T09:01:08.123Z");
  auto baku = ParseRfc3339("2026-11-22T13:01:08+04:00");
  ASSERT_TRUE(baku);
  EXPECT_EQ(FormatUtc(*baku), "2026-11-22T09:01:08.000Z");
}

TEST(TimeFormat, RejectsMalformed) {
  EXPECT_FALSE(ParseRfc3339("2026-11-22"));
  EXPECT_FALSE(ParseRfc3339("2026-11-22T09:01:08"));
  EXPECT_FALSE(ParseRfc3339("2026-13-22T09:01:08Z"));
  EXPECT_FALSE(ParseRfc3339("2026-11-22T09:01:08Zjunk"));
}

TEST(TimeFormat, TextOrderIsTimeOrder) {
  const TimePoint a{std::chrono::milliseconds(999)};
  const TimePoint b{std::chrono::milliseconds(1000)};
  EXPECT_LT(FormatUtc(a), FormatUtc(b));
}

}  // namespace
}  // namespace cohort
