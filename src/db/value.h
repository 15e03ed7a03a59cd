#pragma once
// Values that cross the db:: boundary: statement parameters and result rows.
// SQL text uses `:name` placeholders on both engines.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cohort::db {

struct Null {
  bool operator==(const Null&) const = default;
};
using Value = std::variant<Null, std::int64_t, double, std::string>;

struct Param {
  std::string name;  // without the leading ':'
  Value value;
};
using Params = std::vector<Param>;

// Builds a Param from common C++ types; std::nullopt becomes NULL, bool 0/1.
Param P(std::string name, std::int64_t v);
Param P(std::string name, int v);
Param P(std::string name, double v);
Param P(std::string name, bool v);
Param P(std::string name, std::string v);
Param P(std::string name, const char* v);
Param P(std::string name, const std::optional<std::string>& v);
Param P(std::string name, const std::optional<std::int64_t>& v);

// One result row. PostgreSQL rows arrive as text and are converted on
// access, so accessors behave the same on both engines. Accessors on a NULL
// or unconvertible column return the type's zero; use IsNull to tell.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  bool IsNull(std::size_t i) const;
  std::int64_t Int(std::size_t i) const;
  double Real(std::size_t i) const;
  bool Bool(std::size_t i) const;
  std::string Text(std::size_t i) const;
  std::optional<std::string> OptText(std::size_t i) const;
  std::optional<std::int64_t> OptInt(std::size_t i) const;
  const Value& at(std::size_t i) const { return values_.at(i); }

 private:
  std::vector<Value> values_;
};

}  // namespace cohort::db
