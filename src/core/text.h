#pragma once
// Small text helpers for checking what people type.
#include <cstddef>
#include <string>
#include <string_view>

namespace cohort {

// Without leading and trailing spaces, tabs and line ends.
std::string Trim(std::string_view s);
// Characters as people count them (UTF-8 code points), for length limits.
std::size_t CodePoints(std::string_view s);

}  // namespace cohort
