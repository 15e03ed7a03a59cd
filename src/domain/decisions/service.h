#pragma once
// Decision use cases: preparing decisions from the ranking under capacity
// and quotas (engines/ranking), changing them with a recorded reason,
// publishing them in one batch with letters through the outbox, and the
// offers that follow: accepting (the applicant becomes a participant),
// declining and expiring, each of which promotes the next person on the
// waitlist who keeps the quotas. Staff = organisation administrators and
// coordinators; people outside the organisation get kNotFound.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/decisions/model.h"

namespace cohort::decisions {

// When an applicant withdraws (inside the withdrawal's transaction): an
// open offer ends as declined and a place on the waitlist is given up;
// either seat goes to the next on the waitlist, who is told. Audited.
// kFailedPrecondition once an offer is accepted: the place is left through
// the programme, which undoes the withdrawal.
Result<void> ReleaseSeatOf(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                           const std::string& application_id, const std::string& public_url);

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // (Re)prepares the draft decisions of a decision stage. kFailedPrecondition
  // when no scored stage precedes it or no application has entered it;
  // kConflict "already_published"; kInvalidArgument at settings.quotas[i]
  // when the quotas cannot be used (e.g. quotas_infeasible).
  Result<Board> Prepare(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id);
  Result<Board> BoardOf(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id);
  // A coordinator's change of a draft decision, with the reason (required).
  Result<Decision> Override(const RequestContext& ctx, const std::string& decision_id, const std::string& outcome,
                            const std::string& reason);
  // Publishes every draft decision of the stage at once. kConflict
  // "already_published" the second time; kFailedPrecondition when nothing
  // has been prepared.
  Result<PublishSummary> Publish(const RequestContext& ctx, const std::string& intake_id, const std::string& stage_id);

  Result<std::vector<Offer>> MyOffers(const RequestContext& ctx);
  // The applicant's own offers only (kNotFound otherwise). kConflict
  // "offer_expired" after the deadline (the offer expires then and there),
  // kFailedPrecondition when already answered.
  Result<Offer> Accept(const RequestContext& ctx, const std::string& offer_id);
  Result<Offer> Decline(const RequestContext& ctx, const std::string& offer_id);

  // Expires open offers past their deadline (up to `limit`), promoting from
  // each one's waitlist; how many expired. Run by a background sweep.
  Result<int> ExpireDue(const RequestContext& ctx, int limit = 100);

 private:
  // Expires one offer and promotes; in its own transaction.
  Result<void> ExpireOne(const RequestContext& ctx, const std::string& offer_id);

  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::decisions
