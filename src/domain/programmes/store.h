#pragma once
// Storage of programmes, intakes and calls, inside the caller's
// transaction. Every query of tenant data names its organisation or is
// reached from a row that does.
#include <optional>
#include <set>

#include "db/database.h"
#include "domain/programmes/model.h"

namespace cohort::programmes::store {

// kInvalidArgument on "code" when the organisation has a programme with it.
Result<void> InsertProgramme(db::Tx& tx, const Programme& p);
Result<std::vector<Programme>> Programmes(db::Tx& tx, const std::string& organisation_id);
Result<std::optional<Programme>> GetProgramme(db::Tx& tx, const std::string& id);

// kInvalidArgument on "name" when the programme has an intake of that name.
Result<void> InsertIntake(db::Tx& tx, const Intake& i);
Result<void> UpdateIntake(db::Tx& tx, const Intake& i, const std::string& now);
Result<std::vector<Intake>> Intakes(db::Tx& tx, const std::string& programme_id);  // newest first
Result<std::optional<Intake>> GetIntake(db::Tx& tx, const std::string& id);

Result<std::optional<Call>> CallOfIntake(db::Tx& tx, const std::string& intake_id);
Result<std::optional<Call>> GetCall(db::Tx& tx, const std::string& id);
// Inserts the call, or replaces the settings of the intake's call.
Result<void> SaveCall(db::Tx& tx, const Call& call, bool is_new, const std::string& now);
// `base` (e.g. MFA-DV-2026), or with a letter added (MFA-DV-2026B, C, ...)
// when another call numbers its applications under it: references stay
// unique when a programme has two intakes starting in one year.
Result<std::string> UnusedReferencePrefix(db::Tx& tx, const std::string& base);
Result<int> CountApplications(db::Tx& tx, const std::string& call_id);
// Which of `keys` have an answer in some application to the call.
Result<std::set<std::string>> AnsweredKeys(db::Tx& tx, const std::string& call_id, const std::set<std::string>& keys);

// Published calls in a state ("open", "upcoming", "closed") at `now`,
// soonest closing first (most recently closed first for "closed").
Result<std::vector<CallSummary>> PublishedCalls(db::Tx& tx, const std::string& state, const std::string& now, int limit);
Result<std::optional<CallSummary>> PublishedCall(db::Tx& tx, const std::string& id);

}  // namespace cohort::programmes::store
