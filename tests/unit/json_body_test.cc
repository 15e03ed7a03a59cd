#include "http/json_body.h"

#include <gtest/gtest.h>

namespace cohort::http {
namespace {

Request WithBody(std::string type, std::string body) {
  Request r;
  r.headers = {{"content-type", std::move(type)}};
  r.body = std::move(body);
  return r;
}

TEST(JsonBody, ParsesAnObject) {
  auto r = JsonObjectBody(WithBody("application/json; charset=utf-8", R"({"a": 1})"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["a"], 1);
}

TEST(JsonBody, WrongContentTypeIsUnsupportedMediaType) {
  auto r = JsonObjectBody(WithBody("text/plain", R"({"a": 1})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kUnsupportedMediaType);
}

TEST(JsonBody, MalformedJsonNamesTheBytePosition) {
  auto r = JsonObjectBody(WithBody("application/json", R"({"a": 1,, })"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kMalformedRequest);
  EXPECT_EQ(r.error().message(), "malformed JSON at byte 9");
}

TEST(JsonBody, ANumberTooLargeIsMalformedNotACrash) {
  auto r = JsonObjectBody(WithBody("application/json", R"({"n": 222222222222e222222222})"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kMalformedRequest);
}

TEST(JsonBody, NonObjectIsMalformed) {
  auto r = JsonObjectBody(WithBody("application/json", "[1,2]"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kMalformedRequest);
}

TEST(JsonBody, UnknownFieldsAreEachReported) {
  auto body = nlohmann::json::parse(R"({"name": "x", "nmae": "y", "extra": 1})");
  auto r = RejectUnknownFields(body, {"name"});
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields().size(), 2u);
  EXPECT_EQ(r.error().fields()[0], (FieldError{"extra", "unknown_field", "unknown field"}));
  EXPECT_EQ(r.error().fields()[1], (FieldError{"nmae", "unknown_field", "unknown field"}));
}

}  // namespace
}  // namespace cohort::http
