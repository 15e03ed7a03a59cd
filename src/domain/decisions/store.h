#pragma once
// Storage of decisions, offers and participants, inside the caller's
// transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/decisions/model.h"

namespace cohort::decisions::store {

// The stage's decisions with names, references and each one's latest offer.
Result<std::vector<Decision>> OfStage(db::Tx& tx, const std::string& stage_id);
Result<std::optional<Decision>> Get(db::Tx& tx, const std::string& id);
// The application's published decisions, each with its latest offer.
Result<std::vector<Decision>> OfApplication(db::Tx& tx, const std::string& application_id);
Result<void> Insert(db::Tx& tx, const Decision& d);
// Writes everything but ids of `d` when the stored version is `expected`.
Result<bool> Save(db::Tx& tx, const Decision& d, std::int64_t expected);
Result<void> DeleteDrafts(db::Tx& tx, const std::string& stage_id, const std::vector<std::string>& keep_ids);

Result<void> InsertOffer(db::Tx& tx, const Offer& o);
Result<std::optional<Offer>> GetOffer(db::Tx& tx, const std::string& id);
// Writes state and responded_at when the stored state is `expected_state`.
Result<bool> SaveOffer(db::Tx& tx, const Offer& o, const std::string& expected_state);
Result<std::vector<Offer>> OffersOfApplicant(db::Tx& tx, const std::string& applicant_id);
// Open offers whose deadline is before `now`, oldest first.
Result<std::vector<Offer>> DueOffers(db::Tx& tx, const std::string& now, int limit);

Result<void> InsertParticipant(db::Tx& tx, const std::string& id, const Offer& o, const std::string& now);

}  // namespace cohort::decisions::store
