#pragma once
// Storage of participants, rotation set-ups and rotations, inside the
// caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/participants/model.h"

namespace cohort::participants::store {

// The intake's participants with names, e-mails and references, by name.
Result<std::vector<Participant>> OfIntake(db::Tx& tx, const std::string& intake_id);
Result<std::optional<Participant>> Get(db::Tx& tx, const std::string& id);
Result<std::vector<Participant>> OfAccount(db::Tx& tx, const std::string& account_id);
// Writes the state and the withdrawal when the stored state is `expected_state`.
Result<bool> SaveState(db::Tx& tx, const Participant& p, const std::string& expected_state);
Result<void> SavePreferences(db::Tx& tx, const Participant& p);

// The set-up with unit and supervisor names; version 0 when never saved.
Result<Setup> GetSetup(db::Tx& tx, const std::string& intake_id);
// Replaces periods (keeping the rows of periods whose id is kept), host
// units and requirements when the stored version is `expected` (0: none
// stored yet). Periods without an id must have been given one.
Result<bool> SaveSetup(db::Tx& tx, const Setup& s, std::int64_t expected, const std::string& now);
// Writes the plan state and its times.
Result<void> SavePlanState(db::Tx& tx, const Setup& s, const std::string& now);

Result<std::vector<Rotation>> Rotations(db::Tx& tx, const std::string& intake_id);
// Rotations in `period_ids` (or, with `unit_ids`, in those units).
Result<std::int64_t> CountRotations(db::Tx& tx, const std::string& intake_id,
                                    const std::vector<std::string>& period_ids,
                                    const std::vector<std::string>& unit_ids);
// Deletes the intake's rotations (only those not set by hand when `keep_manual`)
// and inserts `rows`.
Result<void> ReplaceRotations(db::Tx& tx, const std::string& intake_id, bool keep_manual,
                              const std::vector<Rotation>& rows);
// Sets (unit given) or clears one participant's rotation in one period.
Result<void> SetRotation(db::Tx& tx, const std::string& intake_id, const std::string& participant_id,
                         const std::string& period_id, const std::optional<std::string>& unit_id, bool manual);
// Deletes the participant's rotations in periods starting after `today`.
Result<void> DeleteRotationsFrom(db::Tx& tx, const std::string& participant_id, const std::string& today);

// The published rotations in units the account supervises.
Result<std::vector<InternGroup>> InternsOf(db::Tx& tx, const std::string& supervisor_id);

}  // namespace cohort::participants::store
