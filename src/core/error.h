#pragma once
// The one error type of Cohort. Expected failures travel as Result<T>;
// exceptions never cross a module boundary.
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace cohort {

// Fixed set of failure kinds. src/http/problem.cc is the one place that maps
// them to HTTP statuses.
enum class ErrorCode {
  kMalformedRequest,    // the request cannot be parsed (bad JSON, bad encoding)
  kUnsupportedMediaType,// a body in a format the route does not take
  kInvalidArgument,     // bad input; carries field errors
  kUnauthenticated,     // no or bad credentials
  kPermissionDenied,    // authenticated but not allowed
  kNotFound,            // no such object (or not visible to the caller)
  kConflict,            // duplicate, or a stale version
  kFailedPrecondition,  // valid request, wrong state (e.g. call closed)
  kResourceExhausted,   // throttled or over a quota
  kUnavailable,         // dependency down, disk full, read-only database
  kInternal,            // a bug
};

std::string_view ToString(ErrorCode code);  // "invalid_argument", ...

// One problem with one input field. `field` is a dotted path as the client
// sent it ("answers.graduation_year"); `code` is a stable machine word
// ("required", "out_of_range"); `message` is already in the user's language
// when it reaches the client.
struct FieldError {
  std::string field;
  std::string code;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

class Error {
 public:
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  static Error InvalidArgument(std::string message, std::vector<FieldError> fields = {}) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(fields)};
  }
  static Error MalformedRequest(std::string m) { return {ErrorCode::kMalformedRequest, std::move(m)}; }
  static Error UnsupportedMediaType(std::string m) { return {ErrorCode::kUnsupportedMediaType, std::move(m)}; }
  static Error Unauthenticated(std::string m) { return {ErrorCode::kUnauthenticated, std::move(m)}; }
  static Error PermissionDenied(std::string m) { return {ErrorCode::kPermissionDenied, std::move(m)}; }
  static Error NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
  static Error Conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
  static Error FailedPrecondition(std::string m) { return {ErrorCode::kFailedPrecondition, std::move(m)}; }
  static Error ResourceExhausted(std::string m) { return {ErrorCode::kResourceExhausted, std::move(m)}; }
  static Error Unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
  static Error Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

  ErrorCode code() const { return code_; }
  // For logs and operators; never shown to users for kInternal/kUnavailable.
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  // For kResourceExhausted and kUnavailable: when to try again, in seconds.
  Error& WithRetryAfter(int seconds) {
    retry_after_seconds_ = seconds;
    return *this;
  }
  int retry_after_seconds() const { return retry_after_seconds_; }
  // Extra members of the problem document the client needs to act, e.g.
  // {"code": "\"stale_version\""} or the current state of what conflicted.
  // `json` is JSON text, written by the caller.
  Error& WithExtension(std::string name, std::string json) {
    extensions_.emplace_back(std::move(name), std::move(json));
    return *this;
  }
  // The stable word a client branches on ({"code": "plan_published"}); a
  // plain word of letters, digits and underscores.
  Error& WithCode(std::string_view code) { return WithExtension("code", "\"" + std::string(code) + "\""); }
  const std::vector<std::pair<std::string, std::string>>& extensions() const { return extensions_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
  int retry_after_seconds_ = 0;  // 0: not given
  std::vector<std::pair<std::string, std::string>> extensions_;
};

// Result<T>: a value or an Error.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kInternal, ""};
  bool ok_ = true;
};

inline Result<void> Ok() { return {}; }

}  // namespace cohort
