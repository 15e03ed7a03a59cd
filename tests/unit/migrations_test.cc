#include "db/migrations.h"

#include <gtest/gtest.h>

namespace cohort::db {
namespace {

TEST(Migrations, EngineSpecificFilesReplaceTheCommonOne) {
  std::vector<EmbeddedFile> files = {{"0001_init.sql", "common1"},
                                     {"0002_x.sqlite.sql", "lite2"},
                                     {"0002_x.postgresql.sql", "pg2"}};
  auto lite = MigrationsFor(Engine::kSqlite, files);
  ASSERT_TRUE(lite.ok());
  ASSERT_EQ(lite->size(), 2u);
  EXPECT_EQ((*lite)[0].sql, "common1");
  EXPECT_EQ((*lite)[1].sql, "lite2");
  EXPECT_EQ((*lite)[1].name, "x");
  auto pg = MigrationsFor(Engine::kPostgres, files);
  ASSERT_TRUE(pg.ok());
  EXPECT_EQ((*pg)[1].sql, "pg2");
}

TEST(Migrations, GapsAndDuplicatesAreRejected) {
  EXPECT_FALSE(MigrationsFor(Engine::kSqlite, {{"0001_a.sql", ""}, {"0003_c.sql", ""}}).ok());
  EXPECT_FALSE(MigrationsFor(Engine::kSqlite, {{"0001_a.sql", ""}, {"0001_b.sql", ""}}).ok());
  EXPECT_FALSE(MigrationsFor(Engine::kSqlite, {{"1_a.sql", ""}}).ok());
}

TEST(Migrations, TheEmbeddedSetIsWellFormedOnBothEngines) {
  auto lite = MigrationsFor(Engine::kSqlite, EmbeddedMigrations());
  auto pg = MigrationsFor(Engine::kPostgres, EmbeddedMigrations());
  ASSERT_TRUE(lite.ok()) << lite.error().message();
  ASSERT_TRUE(pg.ok()) << pg.error().message();
  EXPECT_EQ(lite->size(), pg->size());
  EXPECT_EQ(LatestSchemaVersion(), static_cast<int>(lite->size()));
}

}  // namespace
}  // namespace cohort::db
