#pragma once
// Storage of organisations, units, staff and invitations, inside the
// caller's transaction. Every query of tenant data names its organisation.
#include <optional>

#include "db/database.h"
#include "domain/organisations/model.h"
#include "domain/organisations/policy.h"

namespace cohort::organisations::store {

// kInvalidArgument on "slug" when the slug is taken.
Result<void> Insert(db::Tx& tx, const Organisation& o);
Result<std::optional<Organisation>> Get(db::Tx& tx, const std::string& id);
// Ordered by id (creation time); `after` is the last id of the previous page.
Result<std::vector<Organisation>> List(db::Tx& tx, const std::string& after, int limit);

Result<void> Update(db::Tx& tx, const Organisation& o, const std::string& now);
Result<Roles> RolesOf(db::Tx& tx, const std::string& organisation_id, const std::string& account_id);

Result<std::vector<Unit>> Units(db::Tx& tx, const std::string& organisation_id);
Result<std::optional<Unit>> GetUnit(db::Tx& tx, const std::string& unit_id);
// kInvalidArgument on "name" when the organisation has a unit of that name.
Result<void> InsertUnit(db::Tx& tx, const Unit& u);
Result<void> UpdateUnit(db::Tx& tx, const Unit& u, const std::string& now);

Result<std::vector<Member>> Members(db::Tx& tx, const std::string& organisation_id);
Result<bool> GrantRole(db::Tx& tx, const std::string& organisation_id, const std::string& account_id,
                       const std::string& role, const std::string& now);  // false when already held
Result<bool> RevokeRole(db::Tx& tx, const std::string& organisation_id, const std::string& account_id,
                        const std::string& role);  // false when not held
Result<int> CountRole(db::Tx& tx, const std::string& organisation_id, const std::string& role);

Result<void> InsertInvitation(db::Tx& tx, const Invitation& i, const std::string& token_hash);
Result<std::vector<Invitation>> Invitations(db::Tx& tx, const std::string& organisation_id);
Result<std::optional<Invitation>> InvitationByToken(db::Tx& tx, const std::string& token_hash);
Result<void> AcceptInvitation(db::Tx& tx, const std::string& id, const std::string& account_id, const std::string& now);

}  // namespace cohort::organisations::store
