#include "db/named_params.h"

#include <gtest/gtest.h>

namespace cohort::db {
namespace {

TEST(NamedParams, RewritesNamesInOrderOfFirstUse) {
  auto p = ToPositional("INSERT INTO t (a, b, c) VALUES (:b, :a, :b)");
  EXPECT_EQ(p.sql, "INSERT INTO t (a, b, c) VALUES ($1, $2, $1)");
  EXPECT_EQ(p.names, (std::vector<std::string>{"b", "a"}));
}

TEST(NamedParams, LeavesCastsLiteralsAndCommentsAlone) {
  auto p = ToPositional("SELECT ':x', \"a:b\", c::text, :y -- :z\n FROM t WHERE d = 'it''s :w'");
  EXPECT_EQ(p.sql, "SELECT ':x', \"a:b\", c::text, $1 -- :z\n FROM t WHERE d = 'it''s :w'");
  EXPECT_EQ(p.names, (std::vector<std::string>{"y"}));
}

TEST(NamedParams, NamesMayHoldDigitsAndUnderscores) {
  auto p = ToPositional("SELECT :created_at2, :_x");
  EXPECT_EQ(p.sql, "SELECT $1, $2");
  EXPECT_EQ(p.names, (std::vector<std::string>{"created_at2", "_x"}));
}

}  // namespace
}  // namespace cohort::db
