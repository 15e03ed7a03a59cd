#pragma once
// Reading JSON request bodies with the errors clients need: 415 for a
// non-JSON content type, 400 naming the byte position of malformed JSON,
// 422 listing unknown fields of a strict schema.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "http/request.h"

namespace cohort::http {

// The body as a JSON object.
Result<nlohmann::json> JsonObjectBody(const Request& request);

// The body as a JSON object whose members must all be in `allowed`.
Result<nlohmann::json> StrictJsonObjectBody(const Request& request, std::initializer_list<std::string_view> allowed);

// kInvalidArgument with one "unknown_field" error per member of `body` not
// in `allowed`.
Result<void> RejectUnknownFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed);

// The member `name` of `body` as a list of texts (absent: empty); a wrong
// type adds an error at `name` or `name[i]`.
std::vector<std::string> TextList(const nlohmann::json& body, const char* name, std::vector<FieldError>& errors);

// Reads typed members of a JSON object, collecting one field error per
// member of the wrong type; Check() returns them all at once.
class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& body) : body_(body) {}
  // "" when absent.
  std::string Text(const char* key);
  std::optional<std::string> OptionalText(const char* key);
  std::optional<std::int64_t> OptionalInteger(const char* key);
  // false when absent.
  bool Flag(const char* key);
  Result<void> Check();

 private:
  const nlohmann::json& body_;
  std::vector<FieldError> errors_;
};

}  // namespace cohort::http
