#pragma once
// The real portal in-process on a free port, on each engine.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/portal.h"
#include "support/databases.h"
#include "support/http_client.h"
#include "support/process.h"
#include "support/smtp_sink.h"

namespace cohort::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

class ApiTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    std::string why;
    database_ = TestDatabase::Create(GetParam(), &why);
    if (!database_) GTEST_SKIP() << EngineName(GetParam()) << " unavailable: " << why;
    web_ = std::make_unique<TempDir>();
    std::filesystem::create_directories(web_->File("assets"));
    WriteFile(web_->File("index.html"), "<!doctype html><title>Cohort</title>");
    WriteFile(web_->File("assets/app-3f2a1b.js"), "console.log(1)");
    WriteFile(web_->File("favicon.svg"), "<svg/>");
    config_.listen = "127.0.0.1:0";
    config_.db = database_->url();
    config_.web_root = web_->path();
    config_.workers = 4;
    config_.secret_key_file = web_->File("secret.key");
    config_.max_body_bytes = 64 * 1024;
    config_.max_header_bytes = 8 * 1024;
    Configure(config_);
    ASSERT_TRUE(config_.Validate().ok());
    auto portal = app::Portal::Start(config_, clock_);
    ASSERT_TRUE(portal.ok()) << portal.error().message();
    portal_ = std::move(*portal);
    client_ = std::make_unique<HttpClient>(portal_->port());
  }
  void TearDown() override {
    if (portal_) portal_->Stop(std::chrono::seconds(5));
  }
  // Lets a test change the configuration before the portal starts.
  virtual void Configure(Config&) {}

  HttpClient& client() { return *client_; }

  FakeClock clock_{TimePoint{std::chrono::milliseconds(1'795'338'068'123)}};
  Config config_;
  std::unique_ptr<TestDatabase> database_;
  std::unique_ptr<TempDir> web_;
  std::unique_ptr<app::Portal> portal_;
  std::unique_ptr<HttpClient> client_;
};

// The portal with its outbox delivering to a real SMTP sink, and links in
// mails built from https://apply.example.az.
class MailApiTest : public ApiTest {
 protected:
  void Configure(Config& c) override {
    sink_ = std::make_unique<SmtpSink>();
    c.smtp_url = sink_->Url();
    c.outbox_poll_ms = 20;
    c.public_url = "https://apply.example.az";
  }
  std::unique_ptr<SmtpSink> sink_;
};

inline std::string ApiEngineName(const ::testing::TestParamInfo<db::Engine>& info) { return EngineName(info.param); }

#define COHORT_API_ON_BOTH_ENGINES(Fixture)                                                                  \
  INSTANTIATE_TEST_SUITE_P(Engines, Fixture, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres), \
                           ::cohort::testing::ApiEngineName)

}  // namespace cohort::testing
