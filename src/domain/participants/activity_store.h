#pragma once
// Storage of activities, attendance and calendar feeds, inside the caller's
// transaction.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "domain/participants/model.h"

namespace cohort::participants::store {

Result<void> InsertActivity(db::Tx& tx, const Activity& a);
Result<std::optional<Activity>> GetActivity(db::Tx& tx, const std::string& id);
// By start time.
Result<std::vector<Activity>> ActivitiesOf(db::Tx& tx, const std::string& intake_id);
Result<std::vector<Activity>> ActivitiesOfSeries(db::Tx& tx, const std::string& series_id);
// The activities an account trains, in any organisation, by start.
Result<std::vector<Activity>> ActivitiesOfTrainer(db::Tx& tx, const std::string& account_id);
// Writes everything but ids when the stored version is `expected`.
Result<bool> SaveActivity(db::Tx& tx, const Activity& a, std::int64_t expected);

// The activity's records with participants' names.
Result<std::vector<AttendanceRecord>> Attendance(db::Tx& tx, const std::string& activity_id);
// Every record of the intake's activities.
Result<std::vector<AttendanceRecord>> AttendanceOfIntake(db::Tx& tx, const std::string& intake_id);
// One participant's records.
Result<std::vector<AttendanceRecord>> AttendanceOfParticipant(db::Tx& tx, const std::string& participant_id);
// Inserts or replaces the record of (activity, participant).
Result<void> SetAttendance(db::Tx& tx, const AttendanceRecord& r);

// The secret token of a feed (participant_id empty: the intake's).
Result<std::optional<std::string>> FeedToken(db::Tx& tx, const std::string& intake_id,
                                             const std::optional<std::string>& participant_id);
// Replaces the feed's token.
Result<void> ReplaceFeed(db::Tx& tx, const std::string& token, const std::string& intake_id,
                         const std::optional<std::string>& participant_id, const std::string& now);
// (intake_id, participant_id) of a token.
Result<std::optional<std::pair<std::string, std::optional<std::string>>>> Feed(db::Tx& tx, const std::string& token);

}  // namespace cohort::participants::store
