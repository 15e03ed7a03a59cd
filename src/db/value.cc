#include "db/value.h"

#include <charconv>
#include <cstdlib>

namespace cohort::db {

Param P(std::string name, std::int64_t v) { return {std::move(name), v}; }
Param P(std::string name, int v) { return {std::move(name), static_cast<std::int64_t>(v)}; }
Param P(std::string name, double v) { return {std::move(name), v}; }
Param P(std::string name, bool v) { return {std::move(name), static_cast<std::int64_t>(v ? 1 : 0)}; }
Param P(std::string name, std::string v) { return {std::move(name), std::move(v)}; }
Param P(std::string name, const char* v) { return {std::move(name), std::string(v)}; }
Param P(std::string name, const std::optional<std::string>& v) {
  if (!v) return {std::move(name), Null{}};
  return {std::move(name), *v};
}
Param P(std::string name, const std::optional<std::int64_t>& v) {
  if (!v) return {std::move(name), Null{}};
  return {std::move(name), *v};
}

bool Row::IsNull(std::size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }

std::int64_t Row::Int(std::size_t i) const {
  const auto& v = values_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (*s == "t" || *s == "true") return 1;
    if (*s == "f" || *s == "false") return 0;
    std::int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

double Row::Real(std::size_t i) const {
  const auto& v = values_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (const auto* s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0;
}

bool Row::Bool(std::size_t i) const { return Int(i) != 0; }

std::string Row::Text(std::size_t i) const {
  const auto& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::optional<std::string> Row::OptText(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Text(i);
}

std::optional<std::int64_t> Row::OptInt(std::size_t i) const {
  if (IsNull(i)) return std::nullopt;
  return Int(i);
}

}  // namespace cohort::db
