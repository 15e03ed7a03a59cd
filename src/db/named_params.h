#pragma once
// Rewrites `:name` placeholders to PostgreSQL's `$1, $2, ...`, leaving
// string literals, quoted identifiers, comments and `::` casts alone.
#include <string>
#include <string_view>
#include <vector>

namespace cohort::db {

struct PositionalSql {
  std::string sql;                 // with $n placeholders
  std::vector<std::string> names;  // names[n-1] is the parameter for $n
};

PositionalSql ToPositional(std::string_view sql);

}  // namespace cohort::db
