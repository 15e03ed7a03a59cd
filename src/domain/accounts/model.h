#pragma once
// Accounts: people who sign in (applicants, staff, administrators).
#include <optional>
#include <string>
#include <string_view>

namespace cohort::accounts {

struct Account {
  std::string id;
  std::string email;  // lower-cased
  std::string name;
  std::string locale = "az";
  bool is_platform_admin = false;
  std::string created_at;
};

// Staff roles in one organisation (PRODUCT.md "People").
enum class Role { kOrganisationAdmin, kCoordinator, kReviewer, kInterviewer, kUnitSupervisor, kTrainer };
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view s);

}  // namespace cohort::accounts
