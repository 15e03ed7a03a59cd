#include "http/json_body.h"

#include <algorithm>

namespace cohort::http {

Result<nlohmann::json> JsonObjectBody(const Request& request) {
  auto type = request.Header("content-type");
  const auto semi = type.find(';');
  type = type.substr(0, semi);
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  if (type != "application/json") {
    return Error::UnsupportedMediaType("expected Content-Type: application/json");
  }
  try {
    auto doc = nlohmann::json::parse(request.body);
    if (!doc.is_object()) return Error::MalformedRequest("the body must be a JSON object");
    return doc;
  } catch (const nlohmann::json::parse_error& e) {
    return Error::MalformedRequest("malformed JSON at byte " + std::to_string(e.byte));
  } catch (const nlohmann::json::exception& e) {
    // Found by fuzzing: a number too large for a double is out_of_range,
    // not a parse_error.
    return Error::MalformedRequest(std::string("malformed JSON: ") + e.what());
  }
}

Result<nlohmann::json> StrictJsonObjectBody(const Request& request, std::initializer_list<std::string_view> allowed) {
  auto body = JsonObjectBody(request);
  if (!body) return body.error();
  if (auto r = RejectUnknownFields(*body, allowed); !r) return r.error();
  return body;
}

std::vector<std::string> TextList(const nlohmann::json& body, const char* name, std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (!body[name].is_array()) {
    errors.push_back({name, "wrong_type", "a list of texts"});
    return out;
  }
  for (std::size_t i = 0; i < body[name].size(); ++i) {
    if (!body[name][i].is_string()) errors.push_back({std::string(name) + "[" + std::to_string(i) + "]", "wrong_type", "a text"});
    else out.push_back(body[name][i].get<std::string>());
  }
  return out;
}

Result<void> RejectUnknownFields(const nlohmann::json& body, std::initializer_list<std::string_view> allowed) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      errors.push_back({key, "unknown_field", "unknown field"});
    }
  }
  if (!errors.empty()) return Error::InvalidArgument("the body has unknown fields", std::move(errors));
  return Ok();
}

std::string JsonFields::Text(const char* key) { return OptionalText(key).value_or(""); }

std::optional<std::string> JsonFields::OptionalText(const char* key) {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) {
    errors_.push_back({key, "not_a_string", "must be text"});
    return std::nullopt;
  }
  return it->get<std::string>();
}

bool JsonFields::Flag(const char* key) {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    errors_.push_back({key, "not_a_boolean", "must be true or false"});
    return false;
  }
  return it->get<bool>();
}

std::optional<std::int64_t> JsonFields::OptionalInteger(const char* key) {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    errors_.push_back({key, "not_an_integer", "must be a whole number"});
    return std::nullopt;
  }
  return it->get<std::int64_t>();
}

Result<void> JsonFields::Check() {
  if (errors_.empty()) return Ok();
  return Error::InvalidArgument("fields of the wrong type", std::move(errors_));
}

}  // namespace cohort::http
