#include "domain/reports/store.h"

namespace cohort::reports::store {
namespace {

using db::P;

// One number from a counting query.
Result<std::int64_t> Count(db::Tx& tx, std::string_view sql, const db::Params& params) {
  auto row = tx.QueryOne(sql, params);
  if (!row) return row.error();
  if (!*row || (*row)->IsNull(0)) return std::int64_t{0};
  return (*row)->Int(0);
}

}  // namespace

Result<FunnelCounts> CountFunnel(db::Tx& tx, const std::string& intake_id) {
  const db::Params intake = {P("intake", intake_id)};
  FunnelCounts f;
  // One pass over the covering index applications_funnel. A withdrawn
  // application still counts at the steps it reached; eligibility is the
  // coordinator's screening decision where there is one, else the rules'.
  auto apps = tx.QueryOne(
      "SELECT COUNT(*), COUNT(a.submitted_at), "
      "COALESCE(SUM(CASE WHEN a.submitted_at IS NOT NULL AND "
      "COALESCE(a.screening_decision, a.eligibility_outcome) = 'eligible' THEN 1 ELSE 0 END), 0) "
      "FROM applications a JOIN calls c ON c.id = a.call_id WHERE c.intake_id = :intake",
      intake);
  if (!apps) return apps.error();
  if (*apps) {
    f.started = (*apps)->Int(0);
    f.submitted = (*apps)->Int(1);
    f.eligible = (*apps)->Int(2);
  }
  // Short-listed: entered a stage after the call's first review stage (or
  // after its first stage when it has no review stage).
  // DISTINCT in a subquery, not COUNT(DISTINCT …): PostgreSQL hashes the
  // former and sorts for the latter. CROSS JOIN keeps SQLite's join order
  // (the few later stages first, then their entries by primary key).
  auto short_listed = Count(tx,
                            "SELECT COUNT(*) FROM (SELECT DISTINCT e.application_id FROM stages s "
                            "JOIN (SELECT t.call_id, COALESCE(MIN(CASE WHEN t.kind = 'review' THEN t.position END), "
                            "MIN(t.position)) AS after_position FROM stages t JOIN calls c ON c.id = t.call_id "
                            "WHERE c.intake_id = :intake GROUP BY t.call_id) f ON f.call_id = s.call_id "
                            "CROSS JOIN stage_entries e WHERE e.stage_id = s.id AND s.position > f.after_position) x",
                            intake);
  if (!short_listed) return short_listed.error();
  f.short_listed = *short_listed;
  auto interview_stages = Count(tx,
                                "SELECT COUNT(*) FROM stages s JOIN calls c ON c.id = s.call_id "
                                "WHERE c.intake_id = :intake AND s.kind = 'interview'",
                                intake);
  if (!interview_stages) return interview_stages.error();
  f.has_interviews = *interview_stages > 0;
  auto interviewed = Count(tx,
                           "SELECT COUNT(*) FROM (SELECT DISTINCT b.application_id FROM interview_bookings b "
                           "JOIN stages s ON s.id = b.stage_id JOIN calls c ON c.id = s.call_id "
                           "WHERE c.intake_id = :intake AND b.state = 'attended') x",
                           intake);
  if (!interviewed) return interviewed.error();
  f.interviewed = *interviewed;
  auto offers = tx.QueryOne(
      "SELECT COUNT(*), COALESCE(SUM(accepted), 0) FROM (SELECT application_id, "
      "MAX(CASE WHEN state = 'accepted' THEN 1 ELSE 0 END) AS accepted FROM offers WHERE intake_id = :intake "
      "GROUP BY application_id) x",
      intake);
  if (!offers) return offers.error();
  if (*offers) {
    f.offered = (*offers)->Int(0);
    f.accepted = (*offers)->Int(1);
  }
  auto completed =
      Count(tx, "SELECT COUNT(*) FROM participants WHERE intake_id = :intake AND state = 'completed'", intake);
  if (!completed) return completed.error();
  f.completed = *completed;
  return f;
}

}  // namespace cohort::reports::store
