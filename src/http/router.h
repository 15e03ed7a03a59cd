#pragma once
// Our router: modules register handlers by method and path pattern
// ("/api/v1/organisations/{id}"); the server finds them. Handlers return
// Result<Response>; errors become problem documents in one place
// (problem.cc).
#include <functional>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/request.h"
#include "http/response.h"

namespace cohort::http {

using Handler = std::function<Result<Response>(Request&)>;

struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  std::vector<std::string> segments;  // pattern split on '/'
  std::int64_t max_body_bytes = 0;    // 0: the server's limit; else this route's (uploads)
};

class Router {
 public:
  // Registers a handler. GET routes also answer HEAD (without a body).
  void Add(Method method, std::string pattern, Handler handler);
  // A route that takes bodies up to `max_body_bytes` (e.g. file uploads)
  // whatever the server's general limit.
  void AddWithBodyLimit(Method method, std::string pattern, std::int64_t max_body_bytes, Handler handler);
  // The largest body any route takes (0 when none has its own limit).
  std::int64_t LargestBodyLimit() const;

  struct Match {
    const Route* route = nullptr;                    // set when found
    std::map<std::string, std::string> params;       // path parameters
    std::vector<Method> allowed;                     // when the path matched but not the method
  };
  // Finds the route for a decoded path. No route and empty `allowed`: 404;
  // no route and non-empty `allowed`: 405.
  Match Find(Method method, const std::string& path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace cohort::http
