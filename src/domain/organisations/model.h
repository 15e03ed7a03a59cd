#pragma once
// Organisations (tenants), their units (departments that host interns),
// their staff and the invitations that bring staff in.
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
  bool require_totp = false;  // staff must sign in with a second factor
};

struct OrganisationChange {
  std::optional<std::string> name;
  std::optional<bool> require_totp;
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

struct Unit {
  std::string id;
  std::string organisation_id;
  std::string name;
  std::string description;
  bool active = true;
  std::string created_at;
};

struct UnitChange {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<bool> active;
};

struct Member {
  std::string account_id;
  std::string name;
  std::string email;
  std::vector<std::string> roles;
};

struct Invitation {
  std::string id;
  std::string organisation_id;
  std::string email;
  std::string role;
  std::string invited_by;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> accepted_at;
};

}  // namespace cohort::organisations
