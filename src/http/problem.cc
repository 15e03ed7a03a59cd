#include "http/problem.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "i18n/catalog.h"

namespace cohort::http {
namespace {

std::string ReasonKey(const std::string& sentence) {
  std::string key;
  for (unsigned char c : sentence) {
    if (std::isalnum(c)) key += static_cast<char>(std::tolower(c));
    else if (!key.empty() && key.back() != '_') key += '_';
  }
  while (!key.empty() && key.back() == '_') key.pop_back();
  return key;
}

Response Build(const Request& request, int status, std::string_view kind, const std::string& detail,
               const std::vector<FieldError>& fields) {
  const auto& catalog = i18n::Catalog::Embedded();
  nlohmann::json doc = {
      {"type", "urn:cohort:problem:" + std::string(kind)},
      {"title", catalog.Text(request.locale, "errors." + std::string(kind))},
      {"status", status},
      {"instance", request.path},
      {"request_id", request.request_id},
  };
  if (!detail.empty()) {
    // A reason written by a policy or service ("sign in first") is shown in
    // the request's language from the catalogue section "reasons", keyed by
    // the sentence's words; anything else (e.g. a byte position) as it is.
    const std::string key = "reasons." + ReasonKey(detail);
    doc["detail"] = catalog.Has(request.locale, key) ? catalog.Text(request.locale, key) : detail;
  }
  if (!fields.empty()) {
    auto& errors = doc["errors"] = nlohmann::json::array();
    for (const auto& f : fields) {
      const std::string key = "field_errors." + f.code;
      const std::string message =
          catalog.Has(request.locale, key) ? catalog.Text(request.locale, key, {{"field", f.field}}) : f.message;
      errors.push_back({{"field", f.field}, {"code", f.code}, {"message", message}});
    }
  }
  Response r = Response::Json(status, doc);
  r.headers.clear();
  r.Header("Content-Type", "application/problem+json");
  return r;
}

}  // namespace

int HttpStatus(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformedRequest: return 400;
    case ErrorCode::kUnsupportedMediaType: return 415;
    case ErrorCode::kInvalidArgument: return 422;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kPermissionDenied: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kFailedPrecondition: return 409;
    case ErrorCode::kResourceExhausted: return 429;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ProblemResponse(const Request& request, const Error& error) {
  // Internal and unavailable: the message is for the log only. Invalid
  // input: the field errors say it all, in the user's language. Conflicts
  // may carry a database's words (constraint names, values): shown only
  // when they are a catalogued reason.
  const bool uncatalogued_conflict =
      error.code() == ErrorCode::kConflict &&
      !i18n::Catalog::Embedded().Has(request.locale, "reasons." + ReasonKey(error.message()));
  const bool hide = error.code() == ErrorCode::kInternal || error.code() == ErrorCode::kUnavailable ||
                    uncatalogued_conflict ||
                    (error.code() == ErrorCode::kInvalidArgument && !error.fields().empty());
  auto r = Build(request, HttpStatus(error.code()), ToString(error.code()), hide ? std::string() : error.message(),
                 error.fields());
  if (!error.extensions().empty()) {
    auto doc = nlohmann::json::parse(r.body);
    for (const auto& [name, text] : error.extensions()) {
      auto value = nlohmann::json::parse(text, nullptr, false);
      if (!value.is_discarded() && !doc.contains(name)) doc[name] = std::move(value);
    }
    r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (error.retry_after_seconds() > 0) r.Header("Retry-After", std::to_string(error.retry_after_seconds()));
  return r;
}

Response TransportProblem(const Request& request, int status, std::string_view kind, std::string detail) {
  return Build(request, status, kind, detail, {});
}

}  // namespace cohort::http
