#pragma once
// Serves the built web UI. Hashed assets (/assets/*) are cached forever;
// index.html is never cached; any other GET path that is not under /api/
// and has no file falls back to index.html so client routes work on reload.
#include <optional>
#include <string>

#include "http/request.h"
#include "http/response.h"

namespace cohort::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root) : root_(std::move(root)) {}
  // The response for a GET/HEAD of `path`, or std::nullopt when this path
  // is not the web UI's (API paths, missing index).
  std::optional<Response> Serve(const Request& request) const;

 private:
  std::optional<Response> File(const std::string& relative, bool fallback) const;
  std::string root_;
};

}  // namespace cohort::http
