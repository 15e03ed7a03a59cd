#pragma once
// Base64 (RFC 4648, with padding) for bytes kept in text columns.
#include <optional>
#include <string>
#include <string_view>

namespace cohort {

std::string Base64Encode(std::string_view bytes);
// std::nullopt for text that is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace cohort
