#pragma once
// A small blocking HTTP/1.1 client over a loopback socket, so API tests can
// send exactly the bytes they mean (oversized headers, broken JSON).
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cohort::testing {

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& name) const;
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
};

class HttpClient {
 public:
  explicit HttpClient(int port) : port_(port) {}
  // One request on a new connection. `headers` are sent as given.
  HttpResponse Request(const std::string& method, const std::string& target, const std::string& body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  HttpResponse Get(const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) const {
    return Request("GET", target, {}, headers);
  }
  HttpResponse PostJson(const std::string& target, const std::string& body,
                        std::vector<std::pair<std::string, std::string>> headers = {}) const {
    headers.emplace_back("Content-Type", "application/json");
    return Request("POST", target, body, headers);
  }
  // Sends raw bytes and returns what came back (empty when the server
  // closed the connection without answering).
  std::string Raw(const std::string& bytes) const;

 private:
  int port_;
};

}  // namespace cohort::testing
