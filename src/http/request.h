#pragma once
// A request as handlers see it: everything copied out of the server's own
// types, so handlers and tests do not depend on RESTinio.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "i18n/locale.h"

namespace cohort::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view ToString(Method m);
Method ParseMethod(std::string_view s);

struct Request {
  Method method = Method::kGet;
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_address;

  // Filled by the server before the handler runs.
  std::string request_id;
  i18n::Locale locale = i18n::kDefaultLocale;
  std::map<std::string, std::string> path_params;  // from "{name}" segments
  std::string route;  // the matched pattern, e.g. "/api/v1/organisations/{id}"

  // First header with this (lower-case) name, or empty.
  std::string_view Header(std::string_view name) const;
  // A percent-decoded query parameter.
  std::optional<std::string> QueryParam(std::string_view name) const;
  const std::string& PathParam(const std::string& name) const { return path_params.at(name); }
  // The value of cookie `name` from the Cookie header, empty when absent.
  std::string Cookie(std::string_view name) const;
};

// The query parameter `limit` as a whole number, `fallback` when absent;
// kInvalidArgument on "limit" when it is not a number (ranges are the
// service's to check).
Result<int> LimitParam(const Request& request, int fallback);

// Percent-decoding of paths and query components ('+' is a space only in
// queries). Returns std::nullopt for malformed escapes.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace cohort::http
