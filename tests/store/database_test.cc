#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/engine_fixture.h"

namespace cohort::testing {
namespace {

using db::P;
using db::Tx;

class Database : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped()) return;
    auto r = db().Write([](Tx& tx) -> Result<void> {
      return tx.ExecScript(
          "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, score DOUBLE PRECISION, note TEXT)");
    });
    ASSERT_TRUE(r.ok()) << r.error().message();
  }

  Result<std::int64_t> Insert(int id, const std::string& name) {
    return db().Write([&](Tx& tx) {
      return tx.Exec("INSERT INTO items (id, name, score) VALUES (:id, :name, :score)",
                     {P("id", id), P("name", name), P("score", id * 1.5)});
    });
  }

  std::int64_t Count() {
    auto n = db().Read([](Tx& tx) { return tx.QueryOne("SELECT count(*) FROM items"); });
    EXPECT_TRUE(n.ok());
    return (*n)->Int(0);
  }
};

TEST_P(Database, ValuesRoundTripWithTheSameTypesOnBothEngines) {
  ASSERT_TRUE(Insert(1, "Aysel Məmmədova").ok());
  auto row = db().Read([](Tx& tx) {
    return tx.QueryOne("SELECT id, name, score, note FROM items WHERE name = :name",
                       {P("name", std::string("Aysel Məmmədova"))});
  });
  ASSERT_TRUE(row.ok()) << row.error().message();
  ASSERT_TRUE(row->has_value());
  const auto& r = **row;
  EXPECT_EQ(r.at(0), db::Value(std::int64_t{1}));
  EXPECT_EQ(r.Text(1), "Aysel Məmmədova");
  EXPECT_DOUBLE_EQ(r.Real(2), 1.5);
  EXPECT_TRUE(r.IsNull(3));
  EXPECT_EQ(r.OptText(3), std::nullopt);
}

TEST_P(Database, ExecReportsRowsChanged) {
  ASSERT_TRUE(Insert(1, "a").ok());
  ASSERT_TRUE(Insert(2, "b").ok());
  auto changed = db().Write([](Tx& tx) { return tx.Exec("UPDATE items SET note = :n", {P("n", "x")}); });
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 2);
}

TEST_P(Database, UniqueViolationIsConflictAndLeavesNothingBehind) {
  ASSERT_TRUE(Insert(1, "a").ok());
  auto dup = Insert(2, "a");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Count(), 1);
}

TEST_P(Database, FailedTransactionRollsBackEverything) {
  auto r = db().Write([](Tx& tx) -> Result<void> {
    if (auto a = tx.Exec("INSERT INTO items (id, name) VALUES (1, 'a')"); !a) return a.error();
    if (auto b = tx.Exec("INSERT INTO items (id, name) VALUES (2, 'b')"); !b) return b.error();
    return Error::FailedPrecondition("changed my mind");
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(r.error().message(), "changed my mind");
  EXPECT_EQ(Count(), 0);
}

TEST_P(Database, ConcurrentWritersAllCommitAndOneFailureDoesNotSpoilTheOthers) {
  // With SQLite these land in shared group commits; each transaction must
  // still succeed or fail on its own.
  constexpr int kThreads = 16, kPerThread = 25;
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const int id = t * 1000 + i;
        // Every 5th transaction of thread 0 collides with its predecessor's name.
        const std::string name = (t == 0 && i % 5 == 4) ? "n" + std::to_string(id - 1) : "n" + std::to_string(id);
        if (Insert(id, name).ok()) ++ok;
        else ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), kPerThread / 5);
  EXPECT_EQ(ok.load(), kThreads * kPerThread - kPerThread / 5);
  EXPECT_EQ(Count(), ok.load());
}

TEST_P(Database, GroupCommitCountsCommits) {
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Insert(i, "n" + std::to_string(i)).ok());
  const auto stats = db().Stats();
  EXPECT_GE(stats.commits, 11);  // the CREATE TABLE, then ten inserts
  EXPECT_GE(stats.commit_batches, 1);
  EXPECT_LE(stats.commit_batches, stats.commits);
}

TEST_P(Database, ReadsSeeCommittedWrites) {
  ASSERT_TRUE(Insert(7, "seven").ok());
  auto rows = db().Read([](Tx& tx) { return tx.Query("SELECT name FROM items ORDER BY id"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "seven");
}

TEST_P(Database, MissingParameterIsAnInternalError) {
  auto r = db().Read([](Tx& tx) { return tx.Query("SELECT name FROM items WHERE id = :id"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
}

TEST_P(Database, SqlErrorsAreInternal) {
  auto r = db().Read([](Tx& tx) { return tx.Query("SELECT nope FROM items"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInternal);
}

TEST_P(Database, PingAnswers) { EXPECT_TRUE(db().Ping().ok()); }

COHORT_ON_BOTH_ENGINES(Database);

// SQLite-only: a full disk (simulated with max_page_count, which makes
// SQLite report SQLITE_FULL exactly as for a full file system) is
// kUnavailable and leaves committed data intact and nothing half-written.
TEST(SqliteDatabase, FullDiskIsUnavailableAndNothingIsHalfWritten) {
  std::string why;
  auto t = TestDatabase::Create(db::Engine::kSqlite, &why);
  ASSERT_TRUE(t) << why;
  auto& d = t->db();
  ASSERT_TRUE(d.Write([](Tx& tx) { return tx.ExecScript("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data TEXT)"); }).ok());
  ASSERT_TRUE(d.Write([](Tx& tx) { return tx.Exec("INSERT INTO blobs (id, data) VALUES (1, 'kept')"); }).ok());
  auto pages = d.Write([](Tx& tx) { return tx.QueryOne("PRAGMA page_count"); });
  ASSERT_TRUE(pages.ok());
  const auto limit = (*pages)->Int(0) + 2;
  auto full = d.Write([&](Tx& tx) -> Result<void> {
    if (auto r = tx.Query("PRAGMA max_page_count = " + std::to_string(limit)); !r) return r.error();
    for (int i = 2; i < 200; ++i) {
      auto r = tx.Exec("INSERT INTO blobs (id, data) VALUES (:id, :data)", {P("id", i), P("data", std::string(4000, 'x'))});
      if (!r) return r.error();
    }
    return Ok();
  });
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(full.error().message().starts_with("database disk is full")) << full.error().message();
  auto rows = d.Read([](Tx& tx) { return tx.Query("SELECT id, data FROM blobs"); });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(1), "kept");
  auto check = d.Read([](Tx& tx) { return tx.QueryOne("PRAGMA integrity_check"); });
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)->Text(0), "ok");
}

TEST(SqliteDatabase, ReadOnlyDatabaseRefusesWritesClearly) {
  TempDir dir;
  {
    auto d = db::Database::Open("sqlite:" + dir.File("ro.db"));
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE((*d)->Write([](Tx& tx) { return tx.ExecScript("CREATE TABLE t (x INTEGER)"); }).ok());
  }
  auto d = db::Database::Open("sqlite:file:" + dir.File("ro.db") + "?mode=ro");
  if (!d.ok()) {
    // Opening read-only may already fail on WAL set-up: that must be a clear kUnavailable.
    EXPECT_EQ(d.error().code(), ErrorCode::kUnavailable);
    EXPECT_NE(d.error().message().find("read-only"), std::string::npos) << d.error().message();
    return;
  }
  auto w = (*d)->Write([](Tx& tx) { return tx.Exec("INSERT INTO t (x) VALUES (1)"); });
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(w.error().message().find("read-only"), std::string::npos) << w.error().message();
}

}  // namespace
}  // namespace cohort::testing
