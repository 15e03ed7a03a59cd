#include "http/problem.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace cohort::http {
namespace {

TEST(Problem, EveryErrorCodeHasItsStatus) {
  EXPECT_EQ(HttpStatus(ErrorCode::kMalformedRequest), 400);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnsupportedMediaType), 415);
  EXPECT_EQ(HttpStatus(ErrorCode::kInvalidArgument), 422);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatus(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(HttpStatus(ErrorCode::kConflict), 409);
  EXPECT_EQ(HttpStatus(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatus(ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatus(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatus(ErrorCode::kInternal), 500);
}

TEST(Problem, InvalidArgumentListsFieldErrorsInTheRequestLanguage) {
  Request req;
  req.path = "/api/v1/organisations";
  req.request_id = "r1";
  req.locale = i18n::Locale::kRu;
  auto r = ProblemResponse(req, Error::InvalidArgument("bad", {{"slug", "required", "required"}}));
  EXPECT_EQ(r.status, 422);
  ASSERT_EQ(r.headers.at(0).second, "application/problem+json");
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_EQ(doc["type"], "urn:cohort:problem:invalid_argument");
  EXPECT_EQ(doc["status"], 422);
  EXPECT_EQ(doc["instance"], "/api/v1/organisations");
  EXPECT_EQ(doc["request_id"], "r1");
  EXPECT_EQ(doc["title"], "Неверные данные");
  ASSERT_EQ(doc["errors"].size(), 1u);
  EXPECT_EQ(doc["errors"][0]["field"], "slug");
  EXPECT_EQ(doc["errors"][0]["code"], "required");
  EXPECT_EQ(doc["errors"][0]["message"], "Обязательное поле");
}

TEST(Problem, ReasonsAreShownInTheRequestLanguage) {
  Request req;
  req.path = "/api/v1/me";
  for (auto [locale, text] : {std::pair{i18n::Locale::kRu, "Сначала войдите в систему."},
                              std::pair{i18n::Locale::kEn, "Sign in first."},
                              std::pair{i18n::Locale::kAz, "Əvvəlcə daxil olun."}}) {
    req.locale = locale;
    auto doc = nlohmann::json::parse(ProblemResponse(req, Error::Unauthenticated("sign in first")).body);
    EXPECT_EQ(doc["detail"], text);
  }
  // A detail without a catalogued reason is passed through as it is.
  req.locale = i18n::Locale::kRu;
  auto doc = nlohmann::json::parse(ProblemResponse(req, Error::MalformedRequest("malformed JSON at byte 3")).body);
  EXPECT_EQ(doc["detail"], "malformed JSON at byte 3");
}

TEST(Problem, InternalErrorsDoNotLeakTheirMessage) {
  Request req;
  req.path = "/x";
  req.locale = i18n::Locale::kEn;
  auto r = ProblemResponse(req, Error::Internal("SELECT secret FROM t failed"));
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  auto doc = nlohmann::json::parse(r.body);
  EXPECT_FALSE(doc.contains("detail"));
  EXPECT_EQ(doc["title"], "Internal server error");
}

}  // namespace
}  // namespace cohort::http
