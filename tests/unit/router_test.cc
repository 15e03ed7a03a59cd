#include "http/router.h"

#include <gtest/gtest.h>

namespace cohort::http {
namespace {

Handler Named(std::string name) {
  return [name](Request&) -> Result<Response> { return Response::Text(200, name); };
}

std::string Call(const Router::Match& m) {
  Request r;
  return m.route->handler(r)->body;
}

TEST(Router, MatchesLiteralsAndParameters) {
  Router router;
  router.Add(Method::kGet, "/api/v1/organisations", Named("list"));
  router.Add(Method::kGet, "/api/v1/organisations/{id}", Named("get"));
  auto list = router.Find(Method::kGet, "/api/v1/organisations");
  ASSERT_TRUE(list.route);
  EXPECT_EQ(Call(list), "list");
  auto get = router.Find(Method::kGet, "/api/v1/organisations/abc");
  ASSERT_TRUE(get.route);
  EXPECT_EQ(Call(get), "get");
  EXPECT_EQ(get.params.at("id"), "abc");
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  Router router;
  router.Add(Method::kGet, "/api/v1/calls/{id}", Named("call"));
  router.Add(Method::kGet, "/api/v1/calls/feed", Named("feed"));
  EXPECT_EQ(Call(router.Find(Method::kGet, "/api/v1/calls/feed")), "feed");
  EXPECT_EQ(Call(router.Find(Method::kGet, "/api/v1/calls/x1")), "call");
}

TEST(Router, WrongMethodListsAllowedMethods) {
  Router router;
  router.Add(Method::kGet, "/things", Named("get"));
  router.Add(Method::kPost, "/things", Named("post"));
  auto m = router.Find(Method::kDelete, "/things");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<Method>{Method::kGet, Method::kHead, Method::kPost}));
}

TEST(Router, UnknownPathIsNotFound) {
  Router router;
  router.Add(Method::kGet, "/things/{id}", Named("get"));
  auto m = router.Find(Method::kGet, "/things/a/b");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
  EXPECT_EQ(router.Find(Method::kGet, "/things/").route, nullptr);  // empty parameter
}

TEST(Router, GetRoutesAnswerHead) {
  Router router;
  router.Add(Method::kGet, "/healthz", Named("h"));
  EXPECT_NE(router.Find(Method::kHead, "/healthz").route, nullptr);
}

}  // namespace
}  // namespace cohort::http
