#pragma once
// Completion of an intake and the certificates that prove it: signed, so
// anyone can check one (even offline, from its QR code), and revocable.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cohort::certificates {

struct CompletionRules {
  std::string intake_id;
  double min_attendance = 0.8;       // share of activities attended
  bool final_work_required = false;  // a final work, passed
  std::int64_t min_evaluation = 0;   // every rotation evaluated at least this (1-5); 0: not asked
  std::int64_t hours = 0;            // printed on certificates; 0: hours of activities attended
  bool stored = false;
};

struct FinalWork {
  std::string participant_id;
  std::string title, grade;
  bool passed = false;
  std::string recorded_at;
};

// Where a participant stands against the rules.
struct CompletionRow {
  std::string participant_id, name, state;
  double attendance = 1.0;
  std::optional<FinalWork> final_work;
  std::int64_t rotations = 0, evaluated = 0;  // rotations, and those evaluated at or above the level
  std::vector<std::string> unmet;  // attendance, evaluations, final_work
  std::optional<std::string> certificate_serial;
  bool meets() const { return unmet.empty(); }
};

// What a certificate states; signed as compact JSON with sorted keys.
struct Statement {
  std::string serial;
  std::string holder;
  std::string programme;
  std::string organisation;
  std::string intake;
  std::string from, to;  // YYYY-MM-DD
  std::int64_t hours = 0;
  std::string issued;  // YYYY-MM-DD
};

struct Certificate {
  std::string id;
  std::string serial;
  std::string participant_id, intake_id, organisation_id, account_id;
  std::string payload;    // the signed text
  std::string signature;  // base64url
  std::string state = "valid";  // valid, revoked
  std::optional<std::string> revoked_at, revoke_reason;
  std::string issued_at;
  Statement statement;  // read back from the payload
};

// The answer of a verification.
struct Verification {
  std::string status;  // valid, revoked, unknown, tampered
  bool signature_valid = false;
  std::optional<Statement> statement;
  std::optional<std::string> revoked_at, revoke_reason;
};

}  // namespace cohort::certificates
