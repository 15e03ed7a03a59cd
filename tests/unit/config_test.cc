#include "core/config.h"

#include <gtest/gtest.h>

#include "support/process.h"
#include "support/temp_dir.h"

namespace cohort {
namespace {

TEST(Config, DefaultsDeriveDatabaseAndPublicUrl) {
  Config c;
  ASSERT_TRUE(c.Validate().ok());
  EXPECT_EQ(c.db, "sqlite:data/cohort.db");
  EXPECT_EQ(c.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(c.ListenHost(), "127.0.0.1");
  EXPECT_EQ(c.ListenPort(), 8080);
  EXPECT_EQ(c.secret_key_file, "data/secret.key");
  Config pg;
  ASSERT_TRUE(pg.Set("db", "postgresql://h/cohort", "flag --db").ok());
  ASSERT_TRUE(pg.Validate().ok());
  EXPECT_EQ(pg.secret_key_file, "data/secret.key");
}

TEST(Config, FlagsWinOverEnvironmentWhichWinsOverFile) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("c.conf"), "# comment\nworkers = 4\nlisten = 127.0.0.1:9000\ndata = \"/srv/x\"\n");
  Config c;
  ASSERT_TRUE(c.LoadFile(dir.File("c.conf")).ok());
  ASSERT_TRUE(c.LoadEnvironment({"COHORT_WORKERS=8", "PATH=/bin", "COHORT_TEST_PG_URL=ignored"}).ok());
  ASSERT_TRUE(c.Set("listen", "127.0.0.1:9100", "flag --listen").ok());
  ASSERT_TRUE(c.Validate().ok());
  EXPECT_EQ(c.workers, 8);
  EXPECT_EQ(c.listen, "127.0.0.1:9100");
  EXPECT_EQ(c.data, "/srv/x");
  EXPECT_EQ(c.db, "sqlite:/srv/x/cohort.db");
  EXPECT_EQ(c.secret_key_file, "/srv/x/secret.key");
}

TEST(Config, UnknownKeyInFileNamesFileLineAndKey) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("c.conf"), "workers = 4\nwokrers = 5\n");
  Config c;
  auto r = c.LoadFile(dir.File("c.conf"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message(), dir.File("c.conf") + ":2: unknown key 'wokrers'");
}

TEST(Config, MalformedLineIsRejected) {
  testing::TempDir dir;
  testing::WriteFile(dir.File("c.conf"), "workers 4\n");
  Config c;
  auto r = c.LoadFile(dir.File("c.conf"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), dir.File("c.conf") + ":1: expected 'key = value', got 'workers 4'");
}

TEST(Config, OutOfRangeNumberNamesSourceAndRange) {
  Config c;
  auto r = c.Set("workers", "0", "environment COHORT_WORKERS");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "environment COHORT_WORKERS: workers: must be between 1 and 1024, got 0");
  ASSERT_EQ(r.error().fields().size(), 1u);
  EXPECT_EQ(r.error().fields()[0].field, "workers");
}

TEST(Config, NotANumberIsRejected) {
  Config c;
  auto r = c.Set("max_body_bytes", "1MB", "flag --max_body_bytes");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "flag --max_body_bytes: max_body_bytes: expected a whole number, got '1MB'");
}

TEST(Config, BadListenAddressIsRejectedWithItsSource) {
  Config c;
  ASSERT_TRUE(c.Set("listen", "localhost", "flag --listen").ok());
  auto r = c.Validate();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "flag --listen: listen: expected host:port, got 'localhost'");
}

TEST(Config, UnsupportedDatabaseUrlIsRejected) {
  Config c;
  ASSERT_TRUE(c.Set("db", "mysql://x", "flag --db").ok());
  auto r = c.Validate();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message(), "flag --db: db: expected sqlite:PATH or postgresql://..., got 'mysql://x'");
}

TEST(Config, PublicUrlMustBeHttp) {
  Config c;
  ASSERT_TRUE(c.Set("public_url", "ftp://x", "default").ok());
  EXPECT_FALSE(c.Validate().ok());
  Config d;
  ASSERT_TRUE(d.Set("public_url", "https://apply.example.az/", "default").ok());
  ASSERT_TRUE(d.Validate().ok());
  EXPECT_EQ(d.public_url, "https://apply.example.az");
}

}  // namespace
}  // namespace cohort
