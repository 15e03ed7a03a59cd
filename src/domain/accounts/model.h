#pragma once
// Accounts: people who sign in (applicants, staff, administrators).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohort::accounts {

struct Account {
  std::string id;
  std::string email;  // lower-cased
  std::string name;
  std::string locale = "az";
  bool is_platform_admin = false;
  std::string created_at;
  bool email_verified = false;
  bool totp_enabled = false;
};

// Staff roles in one organisation (PRODUCT.md "People").
enum class Role { kOrganisationAdmin, kCoordinator, kReviewer, kInterviewer, kUnitSupervisor, kTrainer };
std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view s);

struct Membership {
  std::string organisation_id;
  std::string organisation_name;
  std::string role;
};

// What the signed-in person sees of themselves.
struct Me {
  Account account;
  std::vector<Membership> memberships;
  std::string csrf_token;      // empty for bearer-token callers
  bool totp_required = false;  // an organisation of the person requires a second factor
};

struct NewAccount {
  std::string name;
  std::string email;
  std::string password;
  std::string locale = "az";
  bool consent = false;
};

// A new browser session: the cookie value (shown once) and its CSRF token.
struct SessionGrant {
  std::string token;
  std::string csrf_token;
  Me me;
};

struct TotpSetup {
  std::string secret;  // base32, to type in by hand
  std::string uri;     // otpauth:// for a QR code
};

struct TokenInfo {
  std::string id;
  std::string name;
  std::string created_at;
  std::optional<std::string> last_used_at;
};

// The version of the privacy notice people consent to at registration.
inline constexpr std::string_view kPrivacyNoticeVersion = "2026-11";

}  // namespace cohort::accounts
