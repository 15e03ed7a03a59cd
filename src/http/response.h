#pragma once
// What a handler answers. The server adds the security headers, the
// request id and the access-log line.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace cohort::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  bool HasHeader(std::string_view name) const;

  static Response Json(int status, const nlohmann::json& body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response NoContent();
  // A file to save, never to show inline or keep in a shared cache: its name
  // as an ASCII fallback and percent-encoded UTF-8 (RFC 6266 / RFC 8187).
  static Response Download(std::string body, std::string content_type, const std::string& file_name);
};

}  // namespace cohort::http
