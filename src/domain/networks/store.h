#pragma once
// Storage of networks, inside the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/networks/model.h"

namespace cohort::networks::store {

// kInvalidArgument at code (taken) when another network has the code.
Result<void> Insert(db::Tx& tx, const Network& n);
// The network with its members, admins and chairs.
Result<std::optional<Network>> Get(db::Tx& tx, const std::string& id);
// Networks the account administers or one of its organisations belongs to; all for `everything`.
Result<std::vector<Network>> Visible(db::Tx& tx, const std::string& account_id, bool everything);

Result<bool> IsAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id);
Result<bool> IsMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id);
Result<void> AddMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id, const std::string& now);
Result<bool> RemoveMember(db::Tx& tx, const std::string& network_id, const std::string& organisation_id);
Result<void> AddAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id, const std::string& now);

Result<bool> RemoveAdmin(db::Tx& tx, const std::string& network_id, const std::string& account_id);
Result<void> Rename(db::Tx& tx, const std::string& network_id, const std::string& name, const std::string& description);

Result<std::optional<Chair>> ChairOf(db::Tx& tx, const std::string& network_id, int year);
// kConflict when the year has a chair already.
Result<void> InsertChair(db::Tx& tx, const std::string& network_id, const Chair& c);
Result<void> MarkHandedOver(db::Tx& tx, const std::string& network_id, int year, const std::string& at,
                            const std::string& note);

}  // namespace cohort::networks::store
