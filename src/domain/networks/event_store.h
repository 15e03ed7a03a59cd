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
// The event's own fields and its partners (replaced).
Result<void> UpdateEvent(db::Tx& tx, const Event& e, const std::string& now);
// The session and its check-ins.
Result<void> DeleteSession(db::Tx& tx, const std::string& session_id);
Result<void> InsertSession(db::Tx& tx, const Session& s, const std::string& now);
Result<std::optional<Session>> GetSession(db::Tx& tx, const std::string& id);
// Gives a session its check-in secret unless it has one.
Result<void> SetSessionSecret(db::Tx& tx, const std::string& session_id, const std::string& secret);

// The delegate whose badge carries pass_key, with their event and organisation.
struct PassHolder {
  Delegate delegate;
  std::string event_id, organisation_id, organisation_name;
};
Result<std::optional<PassHolder>> DelegateByPass(db::Tx& tx, const std::string& pass_key);
// Records the delegate at the session (once: a second scan keeps the first
// time) and answers when they checked in.
Result<std::string> RecordCheckIn(db::Tx& tx, const std::string& session_id, const std::string& delegate_id,
                                  const std::string& now);
Result<std::vector<std::string>> SessionsCheckedInto(db::Tx& tx, const std::string& delegate_id);
// Every delegate of the session's event, by organisation, with their check-in at the session.
Result<std::vector<SessionCheckIn>> CheckInsOf(db::Tx& tx, const Session& s);

Result<std::vector<Delegation>> DelegationsOf(db::Tx& tx, const std::string& event_id);  // by organisation name
// Saves the organisation's whole delegation at the event. A delegate whose id
// (else e-mail) is already in it keeps their id, pass key and check-ins; the
// others are added with the pass_key they bring; those left out are removed.
Result<Delegation> SaveDelegation(db::Tx& tx, const std::string& event_id, const std::string& organisation_id,
                                  const std::vector<Delegate>& delegates, const std::string& by, const std::string& now);

}  // namespace cohort::networks::store
