#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "store/engine_fixture.h"
#include "support/process.h"

namespace cohort::testing {
namespace {

class Schema : public EngineTest {};

TEST_P(Schema, MigrationsApplyOnceAndRecordTheVersion) {
  auto first = db::Migrate(db());
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(*first, db::LatestSchemaVersion());
  auto again = db::Migrate(db());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  auto version = db::SchemaVersion(db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, db::LatestSchemaVersion());
}

TEST_P(Schema, EmptyDatabaseHasVersionZero) {
  auto version = db::SchemaVersion(db());
  ASSERT_TRUE(version.ok()) << version.error().message();
  EXPECT_EQ(*version, 0);
}

// The schema after all migrations equals the checked-in dump. A migration
// that changes the schema must update tests/store/schema/*.schema in the
// same commit (run the test with COHORT_UPDATE_SCHEMA=1 to rewrite them).
TEST_P(Schema, MatchesTheCheckedInDump) {
  Migrate();
  auto dump = db::DumpSchema(db());
  ASSERT_TRUE(dump.ok()) << dump.error().message();
  const std::string file = std::string(COHORT_SOURCE_DIR) + "/tests/store/schema/" +
                           (GetParam() == db::Engine::kSqlite ? "sqlite" : "postgresql") + ".schema";
  if (const char* update = std::getenv("COHORT_UPDATE_SCHEMA"); update && std::string(update) == "1") {
    WriteFile(file, *dump);
  }
  // Name the first differing line rather than print both schemas.
  const std::string expected = ReadFile(file);
  std::istringstream got_lines(*dump), want_lines(expected);
  std::string got, want;
  int line = 0;
  while (true) {
    ++line;
    const bool more_got = static_cast<bool>(std::getline(got_lines, got));
    const bool more_want = static_cast<bool>(std::getline(want_lines, want));
    if (!more_got && !more_want) break;
    ASSERT_EQ(got, want) << file << " line " << line
                         << " differs (rerun with COHORT_UPDATE_SCHEMA=1 after a deliberate schema change)";
  }
}

TEST_P(Schema, ConcurrentMigrationsApplyEachMigrationOnce) {
  // Two nodes starting at once on one database.
  std::string why;
  auto second = db::Database::Open(database_->url());
  ASSERT_TRUE(second.ok());
  Result<int> a = 0, b = 0;
  std::thread t1([&] { a = db::Migrate(db()); });
  std::thread t2([&] { b = db::Migrate(**second); });
  t1.join();
  t2.join();
  ASSERT_TRUE(a.ok()) << a.error().message();
  ASSERT_TRUE(b.ok()) << b.error().message();
  EXPECT_EQ(*a + *b, db::LatestSchemaVersion());
}

COHORT_ON_BOTH_ENGINES(Schema);

}  // namespace
}  // namespace cohort::testing
