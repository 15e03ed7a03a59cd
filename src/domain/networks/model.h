#pragma once
// Networks of organisations (docs/api/networks.md).
#include <optional>
#include <string>
#include <vector>

namespace cohort::networks {

struct Member {
  std::string organisation_id, name, country, joined_at;
};

struct Admin {
  std::string account_id, name, email;
};

// The chair organisation of one year; handed_over_at is set when it passed
// the network on to the next year's chair.
struct Chair {
  int year = 0;
  std::string organisation_id, organisation_name, assigned_at;
  std::optional<std::string> handed_over_at;
  std::string note;
};

struct Network {
  std::string id, code, name, description, created_at;
  std::vector<Member> members;  // by name
  std::vector<Admin> admins;    // by name
  std::vector<Chair> chairs;    // by year
};

}  // namespace cohort::networks
