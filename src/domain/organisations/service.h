#pragma once
// Organisation use cases. Every change is audited in its own transaction;
// every read of tenant data is limited to the organisation asked about and
// allowed by the policy predicates.
#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/organisations/model.h"

namespace cohort::organisations {

class Service {
 public:
  // `public_url` is where links in invitations point.
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // Creates an organisation. kUnauthenticated / kPermissionDenied unless a
  // platform administrator asks; kInvalidArgument with field errors for a
  // bad or taken slug, an empty name, a malformed country code.
  Result<Organisation> Create(const RequestContext& ctx, const NewOrganisation& input);
  // Public: organisations are named on their open calls. kNotFound when absent.
  Result<Organisation> Get(const RequestContext& ctx, const std::string& id);
  // Public list, ordered by creation; `limit` 1..100; `cursor` from the
  // previous page (kInvalidArgument when malformed).
  Result<Page> List(const RequestContext& ctx, int limit, const std::string& cursor);

  // Renames, or sets whether staff must use two-factor sign-in.
  // Administrators of the organisation and platform administrators.
  Result<Organisation> Update(const RequestContext& ctx, const std::string& id, const OrganisationChange& change);

  // Units of an organisation: its staff see them (kNotFound for an unknown
  // organisation, kPermissionDenied for others); administrators and
  // coordinators create and change them.
  Result<std::vector<Unit>> ListUnits(const RequestContext& ctx, const std::string& organisation_id);
  Result<Unit> CreateUnit(const RequestContext& ctx, const std::string& organisation_id, const std::string& name,
                          const std::string& description);
  Result<Unit> UpdateUnit(const RequestContext& ctx, const std::string& unit_id, const UnitChange& change);

  // Staff: administrators of the organisation (and platform administrators).
  // Lists of people (members, invitations) are personal data: each read is
  // written to the audit trail as read_personal_data.
  Result<std::vector<Member>> ListMembers(const RequestContext& ctx, const std::string& organisation_id);
  // Sends an invitation link by e-mail (valid 7 days). kInvalidArgument for
  // a bad e-mail or role.
  Result<Invitation> Invite(const RequestContext& ctx, const std::string& organisation_id, const std::string& email,
                            const std::string& role);
  Result<std::vector<Invitation>> ListInvitations(const RequestContext& ctx, const std::string& organisation_id);
  // The signed-in person accepts; their e-mail must be the invited one.
  // kInvalidArgument on "token": invalid_token, expired_token, used_token,
  // email_mismatch.
  Result<Invitation> AcceptInvitation(const RequestContext& ctx, const std::string& token);
  // kInvalidArgument "role"; kNotFound when the account is not a member.
  Result<Member> GrantRole(const RequestContext& ctx, const std::string& organisation_id,
                           const std::string& account_id, const std::string& role);
  // kFailedPrecondition when it would leave the organisation without an
  // administrator; kNotFound when the role is not held.
  Result<void> RevokeRole(const RequestContext& ctx, const std::string& organisation_id, const std::string& account_id,
                          const std::string& role);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

// For other modules, inside their transactions: the actor's staff roles in
// an existing organisation (empty for the public and for non-members).
// kNotFound when the organisation does not exist; kPermissionDenied for
// staff without a second factor when the organisation requires one.
Result<std::vector<std::string>> StaffRoles(db::Tx& tx, const RequestContext& ctx, const std::string& organisation_id);
Result<std::optional<Organisation>> FindOrganisation(db::Tx& tx, const std::string& organisation_id);
// Another account's roles in an organisation (e.g. to check that a person
// named as a reviewer is staff there); empty when not a member.
Result<std::vector<std::string>> RolesOfAccount(db::Tx& tx, const std::string& organisation_id,
                                                const std::string& account_id);
// The organisation's units, active or not (e.g. to host interns).
Result<std::vector<Unit>> UnitsOf(db::Tx& tx, const std::string& organisation_id);

}  // namespace cohort::organisations
