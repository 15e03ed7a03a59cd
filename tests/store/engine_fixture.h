#pragma once
// Runs a store test once per engine: SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "db/migrations.h"
#include "support/databases.h"

namespace cohort::testing {

class EngineTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    database_ = TestDatabase::Create(GetParam(), &why);
    if (!database_) GTEST_SKIP() << EngineName(GetParam()) << " unavailable: " << why;
  }
  db::Database& db() { return database_->db(); }
  void Migrate() {
    auto r = db::Migrate(db());
    ASSERT_TRUE(r.ok()) << r.error().message();
  }
  std::unique_ptr<TestDatabase> database_;
};

inline std::string EngineParamName(const ::testing::TestParamInfo<db::Engine>& info) {
  return EngineName(info.param);
}

#define COHORT_ON_BOTH_ENGINES(Fixture)                                                                    \
  INSTANTIATE_TEST_SUITE_P(Engines, Fixture, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres), \
                           ::cohort::testing::EngineParamName)

}  // namespace cohort::testing
