// Grouping of answers in breakdowns: one university however it is typed,
// age bands on the intake's first day.
#include <gtest/gtest.h>

#include "domain/reports/grouping.h"

namespace cohort::reports {
namespace {

TEST(ReportsGrouping, SpellingsOfOneNameAreOneGroup) {
  EXPECT_EQ(Normalised("  ADA   University "), "ada university");
  EXPECT_EQ(Normalised("ADA\tuniversity"), "ada university");
  EXPECT_EQ(Normalised(""), "");
}

TEST(ReportsGrouping, AgeBandsCountBirthdaysNotYetReached) {
  EXPECT_EQ(AgeBand("2005-02-01", "2027-02-01"), "22-25");  // 22 on the day
  EXPECT_EQ(AgeBand("2005-02-02", "2027-02-01"), "18-21");  // still 21
  EXPECT_EQ(AgeBand("2010-01-01", "2027-02-01"), "under-18");
  EXPECT_EQ(AgeBand("1997-06-30", "2027-02-01"), "26-29");
  EXPECT_EQ(AgeBand("1995-01-01", "2027-02-01"), "30-35");
  EXPECT_EQ(AgeBand("1980-01-01", "2027-02-01"), "36-plus");
  EXPECT_EQ(AgeBand("not a date", "2027-02-01"), "");
  EXPECT_EQ(AgeBand("", "2027-02-01"), "");
  EXPECT_EQ(AgeBand("2030-01-01", "2027-02-01"), "");  // born after the start
}

}  // namespace
}  // namespace cohort::reports
