#pragma once
// Networks of organisations: members (each a normal tenant, possibly in
// another country), network administrators, and a chair organisation per
// year with its hand-over to the next (docs/api/networks.md).
//
// Who: platform administrators create networks and do everything; network
// administrators run their network; staff of a member organisation read it.
// For anyone else a network does not exist (kNotFound).
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/networks/model.h"

namespace cohort::networks {

struct NewNetwork {
  std::string code, name, description;
};

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // Platform administrators. kInvalidArgument at code (invalid_code, taken),
  // name (required, too_long), description (too_long).
  Result<Network> Create(const RequestContext& ctx, NewNetwork input);
  Result<std::vector<Network>> List(const RequestContext& ctx);
  Result<Network> Get(const RequestContext& ctx, const std::string& network_id);

  // Network administrators. kInvalidArgument at organisation_id
  // (unknown_organisation, already_member).
  Result<Network> AddMember(const RequestContext& ctx, const std::string& network_id, const std::string& organisation_id);
  // kNotFound when the organisation is not a member.
  Result<Network> RemoveMember(const RequestContext& ctx, const std::string& network_id,
                               const std::string& organisation_id);
  // kInvalidArgument at email (unknown_account, already_admin).
  Result<Network> AddAdmin(const RequestContext& ctx, const std::string& network_id, const std::string& email);
  // Network administrators; kNotFound when the account is not one. An
  // administrator may remove themselves; platform administrators can always add one back.
  Result<Network> RemoveAdmin(const RequestContext& ctx, const std::string& network_id, const std::string& account_id);
  // Network administrators: the name or description given changes.
  // kInvalidArgument at name (required, too_long), description (too_long).
  Result<Network> Update(const RequestContext& ctx, const std::string& network_id, const std::optional<std::string>& name,
                         const std::optional<std::string>& description);
  // Network administrators: the chair of a year. kInvalidArgument at year
  // (out_of_range), organisation_id (not_a_member); kConflict "chair_taken"
  // when the year has a chair (one chair per year).
  Result<Network> SetChair(const RequestContext& ctx, const std::string& network_id, int year,
                           const std::string& organisation_id);
  // Network administrators or the chair organisation's administrators: the
  // chair of `year` hands the network over to `organisation_id`, chair of
  // year + 1. kNotFound when the year has no chair; kConflict
  // "already_handed_over", "chair_taken"; kInvalidArgument at
  // organisation_id (not_a_member), note (too_long).
  Result<Network> HandOver(const RequestContext& ctx, const std::string& network_id, int year,
                           const std::string& organisation_id, const std::string& note);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

// What the actor is to a network they may read.
struct NetworkAccess {
  Network network;
  bool admin = false;  // a network administrator or platform administrator
};
// For other modules, inside their transactions: the network with its
// members when the actor may read it; kUnauthenticated or kNotFound otherwise.
Result<NetworkAccess> ReadableNetwork(db::Tx& tx, const RequestContext& ctx, const std::string& network_id);
// Whether the actor runs the organisation: its administrator or coordinator.
Result<bool> RunsOrganisation(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id);
bool IsMember(const Network& n, const std::string& organisation_id);
// The chair organisation of `year`, if any.
const Chair* ChairOf(const Network& n, int year);

}  // namespace cohort::networks
