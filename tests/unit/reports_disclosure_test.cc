// Small-cell suppression of public figures.
#include <gtest/gtest.h>

#include "domain/reports/disclosure.h"

namespace cohort::reports {
namespace {

using Column = std::vector<std::optional<std::int64_t>>;

TEST(ReportsDisclosure, CountsUnderFiveAreWithheld) {
  EXPECT_EQ(Published(4), std::nullopt);
  EXPECT_EQ(Published(0), std::nullopt);
  EXPECT_EQ(Published(5), 5);
}

TEST(ReportsDisclosure, ALoneWithheldCellTakesTheSmallestOtherWithIt) {
  // 3 alone withheld would be the total minus 120 and 9: 9 goes too.
  EXPECT_EQ(PublishedColumn({120, 3, 9}), (Column{120, std::nullopt, std::nullopt}));
  // Two withheld cells already hide each other.
  EXPECT_EQ(PublishedColumn({120, 3, 2, 9}), (Column{120, std::nullopt, std::nullopt, 9}));
  EXPECT_EQ(PublishedColumn({120, 40}), (Column{120, 40}));
  EXPECT_EQ(PublishedColumn({}), Column{});
  EXPECT_EQ(PublishedColumn({4}), Column{std::nullopt});
}

}  // namespace
}  // namespace cohort::reports
