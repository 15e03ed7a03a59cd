#include <gtest/gtest.h>

#include <thread>

#include "domain/audit/trail.h"
#include "store/engine_fixture.h"
#include "support/process.h"

namespace cohort::testing {
namespace {

using db::P;

class AuditTrail : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (IsSkipped()) return;
    Migrate();
    for (int i = 1; i <= 5; ++i) {
      auto r = db().Write([&](db::Tx& tx) {
        return trail_.Append(tx, ctx_, {"ORG", "thing", "t" + std::to_string(i), "update",
                                        R"({"n":)" + std::to_string(i - 1) + "}", R"({"n":)" + std::to_string(i) + "}"});
      });
      ASSERT_TRUE(r.ok()) << r.error().message();
    }
  }
  audit::VerifyReport Verify() {
    auto r = trail_.Verify(db());
    EXPECT_TRUE(r.ok());
    return *r;
  }
  void Tamper(const std::string& sql) {
    auto r = db().Write([&](db::Tx& tx) { return tx.Exec(sql); });
    ASSERT_TRUE(r.ok()) << r.error().message();
  }
  FakeClock clock_{TimePoint{std::chrono::milliseconds(1'795'338'068'123)}};
  RequestContext ctx_{Actor{"01M818SWED844GZTK6E12D0VP2", false, ""}, "en", "req-9", clock_};
  audit::Trail trail_{std::string(64, 'k')};
};

TEST_P(AuditTrail, AnUntouchedChainVerifies) {
  auto report = Verify();
  EXPECT_EQ(report.rows, 5);
  EXPECT_FALSE(report.first_bad_seq);
  EXPECT_EQ(report.problem, "");
}

TEST_P(AuditTrail, AChangedRowIsNamed) {
  Tamper("UPDATE audit_log SET after_json = '{\"n\":99}' WHERE seq = 3");
  auto report = Verify();
  EXPECT_EQ(report.first_bad_seq, 3);
  EXPECT_EQ(report.problem, "row 3 was altered");
}

TEST_P(AuditTrail, ADeletedRowIsNamed) {
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  auto report = Verify();
  EXPECT_EQ(report.first_bad_seq, 2);
  EXPECT_EQ(report.problem, "row 2 is missing");
}

TEST_P(AuditTrail, AnInsertedRowIsNamed) {
  // Make room after row 2 and slip a row in, copying row 2's chain values.
  Tamper("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3");
  Tamper("INSERT INTO audit_log (seq, at, subject_type, subject_id, action, request_id, prev_hmac, hmac) "
         "SELECT 3, at, subject_type, subject_id, 'delete', request_id, hmac, hmac FROM audit_log WHERE seq = 2");
  Tamper("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103");
  auto report = Verify();
  EXPECT_EQ(report.first_bad_seq, 3);
  EXPECT_EQ(report.problem, "row 3 was altered");
}

TEST_P(AuditTrail, ReorderedRowsAreNamed) {
  Tamper("UPDATE audit_log SET seq = 100 WHERE seq = 2");
  Tamper("UPDATE audit_log SET seq = 2 WHERE seq = 3");
  Tamper("UPDATE audit_log SET seq = 3 WHERE seq = 100");
  auto report = Verify();
  EXPECT_EQ(report.first_bad_seq, 2);
}

TEST_P(AuditTrail, RowsRemovedFromTheEndAreFound) {
  Tamper("DELETE FROM audit_log WHERE seq = 5");
  auto report = Verify();
  EXPECT_EQ(report.first_bad_seq, 5);
  EXPECT_EQ(report.problem, "the chain ends at row 4 but its head says row 5: rows were removed from the end");
}

TEST_P(AuditTrail, AnotherKeyCannotVerify) {
  audit::Trail other{std::string(64, 'x')};
  auto r = other.Verify(db());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first_bad_seq, 1);
}

TEST_P(AuditTrail, ARolledBackChangeLeavesNoAuditRow) {
  auto r = db().Write([&](db::Tx& tx) -> Result<void> {
    if (auto a = trail_.Append(tx, ctx_, {"ORG", "thing", "t9", "create", "", "{}"}); !a) return a;
    return Error::Conflict("the change itself failed");
  });
  ASSERT_FALSE(r.ok());
  auto report = Verify();
  EXPECT_EQ(report.rows, 5);
  EXPECT_FALSE(report.first_bad_seq);
}

TEST_P(AuditTrail, ConcurrentAppendsKeepOneUnbrokenChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto r = db().Write([&](db::Tx& tx) {
          return trail_.Append(tx, ctx_, {"ORG", "thing", "c" + std::to_string(t), "update", "", "{}"});
        });
        EXPECT_TRUE(r.ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  auto report = Verify();
  EXPECT_EQ(report.rows, 85);
  EXPECT_FALSE(report.first_bad_seq) << report.problem;
}

TEST_P(AuditTrail, HistoryOfASubjectIsInOrder) {
  auto h = db().Read([](db::Tx& tx) { return audit::Trail::History(tx, "thing", "t3"); });
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 1u);
  EXPECT_EQ((*h)[0].seq, 3);
  EXPECT_EQ((*h)[0].at, "2026-11-22T09:01:08.123Z");
  EXPECT_EQ((*h)[0].entry.before_json, R"({"n":2})");
  EXPECT_EQ((*h)[0].entry.after_json, R"({"n":3})");
  EXPECT_EQ((*h)[0].request_id, "req-9");
}

COHORT_ON_BOTH_ENGINES(AuditTrail);

}  // namespace
}  // namespace cohort::testing

namespace cohort::testing {
namespace {

TEST(AuditKey, ProcessesStartingAtOnceAllGetTheSameCompleteKey) {
  TempDir dir;
  const std::string path = dir.File("secret.key");
  std::vector<std::string> keys(16);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&, i] {
      auto k = audit::LoadOrCreateKey(path, true);
      keys[i] = k ? *k : "error: " + k.error().message();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& k : keys) EXPECT_EQ(k, keys[0]);
  EXPECT_EQ(keys[0].size(), 64u);
  EXPECT_EQ(ReadFile(path), keys[0] + "\n");
}

}  // namespace
}  // namespace cohort::testing
