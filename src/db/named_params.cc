#include "db/named_params.h"

#include <algorithm>
#include <cctype>

namespace cohort::db {

PositionalSql ToPositional(std::string_view sql) {
  PositionalSql out;
  out.sql.reserve(sql.size());
  const auto is_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (c == '\'' || c == '"') {  // literal or quoted identifier; '' and "" escape
      std::size_t j = i + 1;
      while (j < sql.size()) {
        if (sql[j] == c) {
          if (j + 1 < sql.size() && sql[j + 1] == c) { j += 2; continue; }
          break;
        }
        ++j;
      }
      out.sql.append(sql.substr(i, j + 1 - i));
      i = j + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      const auto stop = end == std::string_view::npos ? sql.size() : end;
      out.sql.append(sql.substr(i, stop - i));
      i = stop;
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      out.sql += "::";
      i += 2;
    } else if (c == ':' && i + 1 < sql.size() && (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
      std::size_t j = i + 1;
      while (j < sql.size() && is_name(sql[j])) ++j;
      std::string name(sql.substr(i + 1, j - i - 1));
      auto it = std::find(out.names.begin(), out.names.end(), name);
      std::size_t index = static_cast<std::size_t>(it - out.names.begin());
      if (it == out.names.end()) out.names.push_back(name);
      out.sql += "$" + std::to_string(index + 1);
      i = j;
    } else {
      out.sql += c;
      ++i;
    }
  }
  return out;
}

}  // namespace cohort::db
