#pragma once
// Storage of accounts, memberships and API tokens. Each function runs
// inside the caller's transaction.
#include <optional>
#include <string>

#include "db/database.h"
#include "domain/accounts/model.h"

namespace cohort::accounts::store {

// kConflict when the e-mail is taken.
Result<void> InsertAccount(db::Tx& tx, const Account& account, const std::string& password_hash,
                           const std::string& now);
Result<std::optional<Account>> FindByEmail(db::Tx& tx, const std::string& email);
Result<void> InsertMembership(db::Tx& tx, const std::string& organisation_id, const std::string& account_id, Role role,
                              const std::string& now);
Result<void> InsertToken(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& name,
                         const std::string& token_hash, const std::string& now);
// The account owning an unrevoked token with this hash.
Result<std::optional<Account>> FindByTokenHash(db::Tx& tx, const std::string& token_hash);

}  // namespace cohort::accounts::store
