// Limits and bad input at the HTTP layer.
#include <gtest/gtest.h>

#include <future>
#include <latch>
#include <thread>

#include "api/api_fixture.h"
#include "http/server.h"

namespace cohort::testing {
namespace {

class Limits : public ApiTest {};

TEST_P(Limits, BodyOverTheLimitIs413) {
  auto r = client().PostJson("/api/v1/organisations", std::string(64 * 1024 + 1, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Header("content-type"), "application/problem+json");
  EXPECT_EQ(r.Json()["type"], "urn:cohort:problem:payload_too_large");
}

TEST_P(Limits, HeadersOverTheLimitAre431) {
  auto r = client().Get("/healthz", {{"X-Padding", std::string(9 * 1024, 'a')}});
  EXPECT_EQ(r.status, 431);
  EXPECT_EQ(r.Json()["type"], "urn:cohort:problem:header_too_large");
}

TEST_P(Limits, FarOversizedHeadersAre400AndTheConnectionClosed) {
  // Beyond four times the limit the server stops buffering: it answers 400
  // and closes the connection.
  auto raw = client().Raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40 * 1024, 'a') + "\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 400 Bad Request\r\n")) << raw.substr(0, 200);
  EXPECT_NE(raw.find("urn:cohort:problem:malformed_request"), std::string::npos);
}

TEST_P(Limits, MalformedJsonIs400NamingThePosition) {
  auto r = client().PostJson("/api/v1/organisations", R"({"slug": "MFA",, })");
  EXPECT_EQ(r.status, 400);
  auto doc = r.Json();
  EXPECT_EQ(doc["type"], "urn:cohort:problem:malformed_request");
  EXPECT_EQ(doc["detail"], "malformed JSON at byte 16");
}

TEST_P(Limits, WrongContentTypeIs415) {
  auto r = client().Request("POST", "/api/v1/organisations", "slug=MFA", {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(r.Json()["type"], "urn:cohort:problem:unsupported_media_type");
}

TEST_P(Limits, UnparseableHttpIs400) {
  auto raw = client().Raw("BREW /pot HTCPCP/1.0\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 400 Bad Request\r\n")) << raw;
}

COHORT_API_ON_BOTH_ENGINES(Limits);

// A client that stops in the middle of its request gets 408 once the read
// time limit (300 ms here) has passed.
class SlowClients : public ApiTest {
  void Configure(Config& c) override { c.request_timeout_ms = 300; }
};

TEST_P(SlowClients, AHalfSentRequestIsAnswered408) {
  const auto start = std::chrono::steady_clock::now();
  auto raw = client().Raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 408 Request Timeout\r\n")) << raw;
  auto body = nlohmann::json::parse(raw.substr(raw.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["status"], 408);
  EXPECT_GE(waited, std::chrono::milliseconds(250));
}

TEST_P(SlowClients, AnIdleKeptAliveConnectionIsClosedWithoutAnAnswer) {
  // Nothing was asked, so nothing is answered: the connection just closes.
  auto raw = client().Raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_TRUE(raw.starts_with("HTTP/1.1 200 OK\r\n")) << raw;
  EXPECT_EQ(raw.find("408"), std::string::npos);
}

COHORT_API_ON_BOTH_ENGINES(SlowClients);

// The server on its own, with a handler that waits for the test: a full
// queue is answered 503 at once, and a graceful stop lets the request in
// flight finish.
class ServerControl : public ::testing::Test {
 protected:
  void Start(int workers, int max_queue) {
    router_.Add(http::Method::kGet, "/slow", [this](http::Request&) -> Result<http::Response> {
      entered_.count_down();
      release_.wait();
      return http::Response::Json(200, {{"done", true}});
    });
    router_.Add(http::Method::kGet, "/fast", [](http::Request&) -> Result<http::Response> {
      return http::Response::Json(200, {{"fast", true}});
    });
    http::ServerOptions o;
    o.port = 0;
    o.workers = workers;
    o.max_queue = max_queue;
    server_ = std::make_unique<http::Server>(o, router_, metrics_);
    ASSERT_TRUE(server_->Start().ok());
  }
  http::Router router_;
  http::Metrics metrics_;
  std::latch entered_{1};
  std::latch release_{1};
  std::unique_ptr<http::Server> server_;
};

TEST_F(ServerControl, AFullQueueIsAnswered503WithRetryAfter) {
  Start(1, 1);
  HttpClient c(server_->port());
  auto slow = std::async(std::launch::async, [&] { return c.Get("/slow"); });
  entered_.wait();  // the only worker is busy
  auto queued = std::async(std::launch::async, [&] { return c.Get("/fast"); });
  // Wait until the second request sits in the queue.
  for (int i = 0; i < 5000 && server_->queued() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_EQ(server_->queued(), 1u);
  auto rejected = c.Get("/fast");
  EXPECT_EQ(rejected.status, 503);
  EXPECT_EQ(rejected.Header("retry-after"), "1");
  EXPECT_EQ(rejected.Json()["type"], "urn:cohort:problem:overloaded");
  release_.count_down();
  EXPECT_EQ(slow.get().status, 200);
  EXPECT_EQ(queued.get().status, 200);
}

TEST_F(ServerControl, GracefulStopFinishesTheRequestInFlight) {
  Start(2, 16);
  HttpClient c(server_->port());
  auto slow = std::async(std::launch::async, [&] { return c.Get("/slow"); });
  entered_.wait();
  auto stopped = std::async(std::launch::async, [&] { server_->Stop(std::chrono::seconds(10)); });
  // New connections are refused once the acceptor is closed.
  bool refused = false;
  for (int i = 0; i < 5000 && !refused; ++i) {
    try {
      c.Get("/fast");
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } catch (const std::exception&) {
      refused = true;
    }
  }
  EXPECT_TRUE(refused);
  release_.count_down();
  auto r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json()["done"], true);
  stopped.get();
}

TEST_F(ServerControl, ASecondServerOnTheSamePortFailsClearly) {
  Start(1, 4);
  http::ServerOptions o;
  o.port = server_->port();
  http::Server second(o, router_, metrics_);
  auto r = second.Start();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(r.error().message().starts_with("cannot listen on 127.0.0.1:" + std::to_string(server_->port())))
      << r.error().message();
  release_.count_down();
}

}  // namespace
}  // namespace cohort::testing
