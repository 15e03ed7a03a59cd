#pragma once
// Storage of applications and their timelines, inside the caller's
// transaction.
#include <optional>

#include "db/database.h"
#include "domain/applications/model.h"

namespace cohort::applications::store {

// kConflict when the person already has an application to the call.
Result<void> Insert(db::Tx& tx, const Application& a);
// Without the timeline.
Result<std::optional<Application>> Get(db::Tx& tx, const std::string& id);
Result<std::optional<std::string>> IdOf(db::Tx& tx, const std::string& call_id, const std::string& applicant_id);
Result<std::vector<TimelineEntry>> Timeline(db::Tx& tx, const std::string& application_id);
Result<void> AddEvent(db::Tx& tx, const std::string& application_id, const std::string& at, const std::string& event,
                      const std::string& note, const std::string& actor_id);

// Saves answers (a JSON object's text) when the stored version is `expected_version` and the
// application is in `state` (a draft; or submitted, for the short-list form); false when it
// is not (someone saved first).
Result<bool> SaveAnswers(db::Tx& tx, const std::string& id, const std::string& answers_json,
                         std::int64_t expected_version, const std::string& now, const std::string& state);
// Writes state, reference, eligibility and times of `a` when the stored
// version is `expected_version`; false when it is not.
Result<bool> SaveState(db::Tx& tx, const Application& a, std::int64_t expected_version);
// The next reference number of the call (1, 2, ...), counted in the call row.
Result<std::int64_t> NextReference(db::Tx& tx, const std::string& call_id);

// Locks the application's row until the transaction ends, if it is
// submitted; false otherwise (withdrawn, a draft, or no such application).
Result<bool> LockIfSubmitted(db::Tx& tx, const std::string& id);

// Removes the documents of a question still being answered (before a new upload): of a
// draft, or of an open short-list form; never those of submitted answers.
Result<void> DeleteDraftDocuments(db::Tx& tx, const std::string& application_id, const std::string& field_key);
Result<void> InsertDocument(db::Tx& tx, const Document& d, std::string_view bytes, const std::string& uploaded_by);
// The document's metadata, and its bytes when `with_content`.
Result<std::optional<std::pair<Document, std::string>>> GetDocument(db::Tx& tx, const std::string& id, bool with_content);

Result<std::vector<Application>> OfApplicant(db::Tx& tx, const std::string& applicant_id);
// Every submitted application of a call (for re-evaluating eligibility).
Result<std::vector<Application>> SubmittedOfCall(db::Tx& tx, const std::string& call_id);
Result<StaffPage> OfCall(db::Tx& tx, const std::string& organisation_id, const std::string& call_id,
                         const StaffFilter& filter);

}  // namespace cohort::applications::store
