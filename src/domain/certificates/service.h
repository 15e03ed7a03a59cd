#pragma once
// Completion and certificates: each intake's completion rules (minimum
// attendance share, a passed final work where required), the completion
// report the coordinator confirms, the certificates then issued (signed
// with Ed25519; PDF in az, en and ru; Open Badges 3.0), their public
// verification by serial or by the signed token of their QR code, and
// revocation with a reason. Staff = organisation administrators and
// coordinators; people outside the organisation get kNotFound.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/certificates/model.h"
#include "domain/certificates/signer.h"

namespace cohort::certificates {

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, const Signer& signer, std::string public_url = "")
      : db_(db), trail_(trail), signer_(signer), public_url_(std::move(public_url)) {}

  // Staff. The rules (defaults until saved: 80% attendance, no final work).
  Result<CompletionRules> Rules(const RequestContext& ctx, const std::string& intake_id);
  // Staff. kInvalidArgument at min_attendance (out_of_range 0–1), hours (out_of_range 0–10,000).
  Result<CompletionRules> SaveRules(const RequestContext& ctx, const std::string& intake_id, CompletionRules rules);
  // Staff. A participant's final work; kInvalidArgument at title (required, too_long), grade (too_long).
  Result<FinalWork> SaveFinalWork(const RequestContext& ctx, const std::string& participant_id, FinalWork work);
  // Staff. Every participant not withdrawn, against the rules.
  Result<std::vector<CompletionRow>> Report(const RequestContext& ctx, const std::string& intake_id);
  // Staff. Completes the listed participants and issues their certificates,
  // telling each by e-mail. kInvalidArgument at participant_ids[i]:
  // not_in_intake, not_completed (the rules are not met: the certificate of
  // someone who has not completed is refused), already_completed.
  Result<std::vector<CompletionRow>> Confirm(const RequestContext& ctx, const std::string& intake_id,
                                             const std::vector<std::string>& participant_ids);

  Result<std::vector<Certificate>> OfIntake(const RequestContext& ctx, const std::string& intake_id);  // staff
  Result<std::vector<Certificate>> Mine(const RequestContext& ctx);
  // Staff. kInvalidArgument at reason (required); kFailedPrecondition
  // "already_revoked". Audited.
  Result<Certificate> Revoke(const RequestContext& ctx, const std::string& serial, const std::string& reason);
  // The holder or staff: the PDF in `language` (az, en, ru).
  Result<std::string> Pdf(const RequestContext& ctx, const std::string& serial, const std::string& language);
  // The holder or staff: the Open Badges 3.0 credential.
  Result<nlohmann::json> Badge(const RequestContext& ctx, const std::string& serial);

  // Anyone. By serial: valid, revoked (with date and reason) or unknown.
  Result<Verification> VerifySerial(const RequestContext& ctx, const std::string& serial);
  // Anyone. By the QR code's token: its signature is checked first
  // (tampered when it does not hold, or when it differs from what was
  // issued under that serial), then the serial's state.
  Result<Verification> VerifyToken(const RequestContext& ctx, const std::string& token);

  // The address a certificate's QR code carries.
  std::string VerifyUrl(const Certificate& c) const;

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  const Signer& signer_;
  std::string public_url_;
};

}  // namespace cohort::certificates
