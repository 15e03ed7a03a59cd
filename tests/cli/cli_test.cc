// The real `cohort` binary: subcommands, exit codes, messages.
#include <gtest/gtest.h>
#include <signal.h>

#include "db/database.h"
#include "support/http_client.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace cohort::testing {
namespace {

const std::string kBin = COHORT_BINARY;

TEST(Cli, VersionPrintsVersionAndSchema) {
  auto r = RunProcess({kBin, "version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(r.out.starts_with(std::string("cohort ") + "0.1.0 (schema ")) << r.out;
}

TEST(Cli, EverySubcommandHasHelp) {
  for (auto cmd : std::vector<std::vector<std::string>>{
           {"serve"}, {"migrate"}, {"demo"}, {"admin", "create"}, {"token", "create"}, {"backup"}, {"restore"}}) {
    std::vector<std::string> argv{kBin};
    argv.insert(argv.end(), cmd.begin(), cmd.end());
    argv.push_back("--help");
    auto r = RunProcess(argv);
    EXPECT_EQ(r.exit_code, 0) << cmd[0];
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << cmd[0];
  }
}

TEST(Cli, UnknownSubcommandIsUsageError) {
  auto r = RunProcess({kBin, "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, BadConfigurationNamesTheKeyAndExits2) {
  TempDir dir;
  WriteFile(dir.File("cohort.conf"), "listen = 127.0.0.1:8080\nworkers = many\n");
  auto r = RunProcess({kBin, "serve", "--config", dir.File("cohort.conf")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "cohort: " + dir.File("cohort.conf") + ":2: workers: expected a whole number, got 'many'\n");
  auto env = RunProcess({kBin, "serve"}, {"COHORT_LISTEN=nowhere"});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_EQ(env.err, "cohort: environment COHORT_LISTEN: listen: expected host:port, got 'nowhere'\n");
  auto flag = RunProcess({kBin, "migrate", "--db", "oracle://x"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_EQ(flag.err, "cohort: flag --db: db: expected sqlite:PATH or postgresql://..., got 'oracle://x'\n");
}

TEST(Cli, UnreachablePostgresIsAClearFailure) {
  const int port = FreePort();
  auto r = RunProcess({kBin, "serve", "--db", "postgresql://cohort@127.0.0.1:" + std::to_string(port) + "/cohort"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.err.starts_with("cohort: cannot connect to PostgreSQL at 127.0.0.1:" + std::to_string(port) + ": "))
      << r.err;
}

class Served : public ::testing::Test {
 protected:
  std::unique_ptr<Child> Serve(int port, const std::string& log) {
    auto child = std::make_unique<Child>(
        std::vector<std::string>{kBin, "serve", "--listen", "127.0.0.1:" + std::to_string(port), "--db",
                                 "sqlite:" + dir_.File("cohort.db"), "--web-root", dir_.path()},
        log);
    return child;
  }
  TempDir dir_;
};

TEST_F(Served, ServesThenStopsGracefullyOnSigterm) {
  const int port = FreePort();
  auto server = Serve(port, dir_.File("serve.log"));
  ASSERT_TRUE(WaitForHealthy(port, std::chrono::seconds(20))) << ReadFile(dir_.File("serve.log"));
  EXPECT_EQ(HttpClient(port).Get("/readyz").status, 200);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(std::chrono::seconds(20)), 0);
  const auto log = ReadFile(dir_.File("serve.log"));
  EXPECT_NE(log.find("\"msg\":\"listening\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"msg\":\"stopped\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"msg\":\"request\",\"request_id\":"), std::string::npos) << log;
}

TEST_F(Served, ASecondServerOnTheSamePortExitsWithAClearMessage) {
  const int port = FreePort();
  auto first = Serve(port, dir_.File("first.log"));
  ASSERT_TRUE(WaitForHealthy(port, std::chrono::seconds(20)));
  TempDir other;
  auto r = RunProcess({kBin, "serve", "--listen", "127.0.0.1:" + std::to_string(port), "--db",
                "sqlite:" + other.File("cohort.db")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cohort: cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos) << r.err;
  EXPECT_EQ(HttpClient(port).Get("/healthz").status, 200);  // the first one is unharmed
}

TEST(Cli, AdminTokenBackupAndRestoreRoundTrip) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("cohort.db");
  WriteFile(dir.File("pw"), "a long passphrase\n");
  auto admin = RunProcess({kBin, "admin", "create", "--db", db, "--email", "Root@Cohort.Test", "--password-file", dir.File("pw")});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_TRUE(admin.out.starts_with("created platform administrator root@cohort.test (")) << admin.out;
  auto dup = RunProcess({kBin, "admin", "create", "--db", db, "--email", "root@cohort.test", "--password-file", dir.File("pw")});
  EXPECT_EQ(dup.exit_code, 1);
  WriteFile(dir.File("weak"), "short\n");
  auto weak = RunProcess({kBin, "admin", "create", "--db", db, "--email", "x@cohort.test", "--password-file", dir.File("weak")});
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("password: at least 10 characters"), std::string::npos) << weak.err;
  auto token = RunProcess({kBin, "token", "create", "--db", db, "--email", "root@cohort.test"});
  ASSERT_EQ(token.exit_code, 0) << token.err;
  EXPECT_TRUE(token.out.starts_with("cht_"));
  auto backup = RunProcess({kBin, "backup", "--db", db, "--to", dir.File("b.sqlite")});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  const std::string restored = "sqlite:" + dir.File("restored.db");
  auto restore = RunProcess({kBin, "restore", "--db", restored, "--from", dir.File("b.sqlite")});
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  // The restored database knows the administrator: a second one with the same e-mail is refused.
  auto again = RunProcess({kBin, "admin", "create", "--db", restored, "--email", "root@cohort.test", "--password-file", dir.File("pw")});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("an account with this e-mail exists"), std::string::npos) << again.err;
}

TEST(Cli, DemoLoadsOnceAndPrintsLogins) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("sub/cohort.db");
  auto demo = RunProcess({kBin, "demo", "--db", db});
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  EXPECT_NE(demo.out.find("admin@cohort.test / demo-admin-2026"), std::string::npos) << demo.out;
  auto again = RunProcess({kBin, "demo", "--db", db});
  EXPECT_EQ(again.exit_code, 1);
  auto if_empty = RunProcess({kBin, "demo", "--db", db, "--if-empty"});
  EXPECT_EQ(if_empty.exit_code, 0);
  auto migrate = RunProcess({kBin, "migrate", "--db", db});
  EXPECT_EQ(migrate.exit_code, 0);
  EXPECT_TRUE(migrate.out.starts_with("applied 0 migration(s)")) << migrate.out;
}

}  // namespace
}  // namespace cohort::testing

namespace cohort::testing {
namespace {

TEST(Cli, AuditVerifyFindsTamperingAndNamesTheRow) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("cohort.db");
  ASSERT_EQ(RunProcess({kBin, "demo", "--db", db}).exit_code, 0);
  auto intact = RunProcess({kBin, "audit", "verify", "--db", db});
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  {
    auto d = db::Database::Open(db);
    ASSERT_TRUE(d.ok());
    auto rows = (*d)->Read([](db::Tx& tx) { return tx.QueryOne("SELECT count(*) FROM audit_log"); });
    ASSERT_TRUE(rows.ok());
    EXPECT_GT((*rows)->Int(0), 1500);  // the demo's organisations, accounts, calls and applications
    EXPECT_EQ(intact.out, "audit chain intact: " + std::to_string((*rows)->Int(0)) + " rows\n");
    ASSERT_TRUE((*d)->Write([](db::Tx& tx) {
                     return tx.Exec("UPDATE audit_log SET after_json = '{\"slug\":\"XXX\"}' WHERE seq = 4");
                   }).ok());
  }
  auto broken = RunProcess({kBin, "audit", "verify", "--db", db});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_EQ(broken.err, "cohort: audit chain broken at row 4: row 4 was altered\n");
  // Without the key the chain cannot be checked, and a new key is not made up.
  WriteFile(dir.File("other.conf"), "secret_key_file = " + dir.File("missing.key") + "\n");
  auto no_key = RunProcess({kBin, "audit", "verify", "--db", db, "--config", dir.File("other.conf")});
  EXPECT_EQ(no_key.exit_code, 1);
  EXPECT_EQ(no_key.err, "cohort: secret key file " + dir.File("missing.key") + " does not exist\n");
}

}  // namespace
}  // namespace cohort::testing
