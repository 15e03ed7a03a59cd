#pragma once
// Organisations: the tenants (a ministry, a service, an NGO).
#include <optional>
#include <string>
#include <vector>

namespace cohort::organisations {

struct Organisation {
  std::string id;
  std::string slug;     // 2-16 capital letters, digits or '-': used in application references
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::string created_at;
};

struct NewOrganisation {
  std::string slug;
  std::string name;
  std::string country = "AZ";
};

struct Page {
  std::vector<Organisation> items;
  std::optional<std::string> next_cursor;
};

}  // namespace cohort::organisations
