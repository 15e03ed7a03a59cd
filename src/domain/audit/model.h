#pragma once
// The audit trail: one entry per change (and per reading of an applicant's
// personal data), written in the same transaction as the change.
#include <cstdint>
#include <optional>
#include <string>

namespace cohort::audit {

struct Entry {
  std::string organisation_id;  // empty when the subject belongs to no organisation
  std::string subject_type;     // "organisation", "account", "application", ...
  std::string subject_id;
  std::string action;           // "create", "update", "delete", "read_personal_data", ...
  std::string before_json;      // JSON text of the subject before; empty for none
  std::string after_json;       // JSON text after; empty for none
};

struct Record {
  std::int64_t seq = 0;
  std::string at;
  std::string actor_account_id;
  Entry entry;
  std::string request_id;
};

// What `cohort audit verify` found.
struct VerifyReport {
  std::int64_t rows = 0;            // rows checked
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;              // empty when the chain is sound
};

}  // namespace cohort::audit
