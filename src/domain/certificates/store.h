#pragma once
// Storage of completion rules, final works and certificates, inside the
// caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/certificates/model.h"

namespace cohort::certificates::store {

// Stored rules, or the defaults (stored = false).
Result<CompletionRules> Rules(db::Tx& tx, const std::string& intake_id);
Result<void> SaveRules(db::Tx& tx, const CompletionRules& r, const std::string& organisation_id, const std::string& now);

Result<std::vector<FinalWork>> FinalWorksOf(db::Tx& tx, const std::string& intake_id);
Result<void> SaveFinalWork(db::Tx& tx, const FinalWork& w, const std::string& recorded_by);

Result<void> Insert(db::Tx& tx, const Certificate& c);
Result<std::optional<Certificate>> BySerial(db::Tx& tx, const std::string& serial);
Result<std::vector<Certificate>> OfIntake(db::Tx& tx, const std::string& intake_id);
Result<std::vector<Certificate>> OfAccount(db::Tx& tx, const std::string& account_id);
Result<std::int64_t> CountOfIntake(db::Tx& tx, const std::string& intake_id);
// Writes the revocation when the certificate is still valid.
Result<bool> Revoke(db::Tx& tx, const Certificate& c);

// Completed participations of the programme's intakes: (account, name,
// e-mail, intake name, intake end, directory, headline), by name then intake end.
struct AlumnusRow {
  std::string account_id, name, email, intake_name, ends_on;
  bool directory = false;
  std::string headline;
};
Result<std::vector<AlumnusRow>> AlumniRows(db::Tx& tx, const std::string& programme_id);
// The account's directory entry: (listed, headline); (false, "") when never saved.
Result<std::pair<bool, std::string>> Profile(db::Tx& tx, const std::string& account_id);
Result<void> SaveProfile(db::Tx& tx, const std::string& account_id, bool directory, const std::string& headline,
                         const std::string& now);

}  // namespace cohort::certificates::store
