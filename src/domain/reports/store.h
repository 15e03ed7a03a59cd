#pragma once
// The counting queries behind reports, inside the caller's transaction.
#include <cstdint>
#include <string>

#include "db/database.h"
#include "domain/reports/model.h"

namespace cohort::reports::store {

// How many applications of an intake reached each step of the funnel.
struct FunnelCounts {
  std::int64_t started = 0, submitted = 0, eligible = 0, short_listed = 0, interviewed = 0, offered = 0,
               accepted = 0, completed = 0;
  bool has_interviews = false;
};

Result<FunnelCounts> CountFunnel(db::Tx& tx, const std::string& intake_id);

// The submitted applications of an intake grouped by one answer: `path` is
// a JSON path of plain keys and array indices such as {"region"} or
// {"education", "0", "university"}, each matching [a-z0-9_]+. Rows with the
// raw value ("" when missing) and the counts from submission on.
struct AnswerGroup {
  std::string value;
  std::int64_t submitted = 0, eligible = 0, offered = 0, accepted = 0, completed = 0;
};
Result<std::vector<AnswerGroup>> GroupByAnswer(db::Tx& tx, const std::string& intake_id,
                                               const std::vector<std::string>& path);

// Each reviewer's reviews in the intake's stages, by stage position and name.
Result<std::vector<ReviewerProgress>> ReviewerProgressOf(db::Tx& tx, const std::string& intake_id);

// Per organisation and intake year: submitted applications, accepted offers
// and completed participants.
Result<std::vector<MemberYear>> TotalsOf(db::Tx& tx, const std::vector<std::string>& organisation_ids);

}  // namespace cohort::reports::store
