#pragma once
// Storage of events, sessions and delegations, inside the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/networks/model.h"

namespace cohort::networks::store {

Result<void> InsertEvent(db::Tx& tx, const Event& e);
// The event with its sessions.
Result<std::optional<Event>> GetEvent(db::Tx& tx, const std::string& id);
Result<std::vector<Event>> EventsOf(db::Tx& tx, const std::string& network_id);  // by start, without sessions
Result<void> InsertSession(db::Tx& tx, const Session& s, const std::string& now);

Result<std::vector<Delegation>> DelegationsOf(db::Tx& tx, const std::string& event_id);  // by organisation name
// Replaces the organisation's delegation (and its delegates) at the event.
Result<Delegation> SaveDelegation(db::Tx& tx, const std::string& event_id, const std::string& organisation_id,
                                  const std::vector<Delegate>& delegates, const std::string& by, const std::string& now);

}  // namespace cohort::networks::store
