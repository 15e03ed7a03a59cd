#include "db/backup.h"

#include <gtest/gtest.h>

#include "store/engine_fixture.h"
#include "support/process.h"

namespace cohort::testing {
namespace {

using db::P;

class Backup : public EngineTest {
 protected:
  void AddOrganisation(const std::string& slug) {
    auto r = db().Write([&](db::Tx& tx) {
      return tx.Exec(
          "INSERT INTO organisations (id, slug, name, country, created_at, updated_at) "
          "VALUES (:id, :slug, :name, 'AZ', :t, :t)",
          {P("id", "01M8" + slug + std::string(22 - slug.size(), '0')), P("slug", slug), P("name", "Org " + slug),
           P("t", "2026-11-22T09:00:00.000Z")});
    });
    ASSERT_TRUE(r.ok()) << r.error().message();
  }
  std::vector<std::string> Slugs() {
    auto rows = db().Read([](db::Tx& tx) { return tx.Query("SELECT slug FROM organisations ORDER BY slug"); });
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.Text(0));
    return out;
  }
};

TEST_P(Backup, RestoreBringsBackExactlyTheBackedUpState) {
  Migrate();
  AddOrganisation("MFA");
  AddOrganisation("DMX");
  TempDir dir;
  const std::string file = dir.File("cohort.backup");
  auto b = db::Backup(database_->url(), file);
  ASSERT_TRUE(b.ok()) << b.error().message();
  AddOrganisation("IVC");  // after the backup: must be gone after restore
  database_->Release();    // a restore needs the database closed
  auto r = db::Restore(database_->url(), file);
  ASSERT_TRUE(r.ok()) << r.error().message();
  database_->Reopen();
  EXPECT_EQ(Slugs(), (std::vector<std::string>{"DMX", "MFA"}));
  auto version = db::SchemaVersion(db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, db::LatestSchemaVersion());
}

TEST_P(Backup, RestoreFromMissingFileIsNotFound) {
  auto r = db::Restore(database_->url(), "/nonexistent/cohort.backup");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
}

COHORT_ON_BOTH_ENGINES(Backup);

TEST(SqliteBackup, RestoreRefusesAFileThatIsNotADatabase) {
  TempDir dir;
  WriteFile(dir.File("junk.backup"), std::string(8192, 'j'));
  auto r = db::Restore("sqlite:" + dir.File("target.db"), dir.File("junk.backup"));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace cohort::testing
