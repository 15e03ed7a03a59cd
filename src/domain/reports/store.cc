#include "domain/reports/store.h"

#include <algorithm>
#include <map>

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

// The SQL of one answer in each engine's JSON functions. The path parts are
// checked by the caller ([a-z0-9_]+), so they are safe inside the text.
std::string AnswerSql(db::Engine engine, const std::vector<std::string>& path) {
  auto is_index = [](const std::string& p) { return std::all_of(p.begin(), p.end(), ::isdigit); };
  if (engine == db::Engine::kSqlite) {
    std::string json_path = "$";
    for (const auto& p : path) json_path += is_index(p) ? "[" + p + "]" : "." + p;
    return "json_extract(a.answers, '" + json_path + "')";
  }
  std::string sql = "(a.answers::jsonb";
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& p = path[i];
    sql += i + 1 < path.size() ? " -> " : " ->> ";
    sql += is_index(p) ? p : "'" + p + "'";
  }
  return sql + ")";
}

}  // namespace

Result<std::vector<AnswerGroup>> GroupByAnswer(db::Tx& tx, const std::string& intake_id,
                                               const std::vector<std::string>& path) {
  for (const auto& p : path) {
    if (p.empty() || !std::all_of(p.begin(), p.end(), [](char c) { return std::islower(c) || std::isdigit(c) || c == '_'; })) {
      return Error::InvalidArgument("not a path of an answer");
    }
  }
  auto rows = tx.Query(
      "SELECT a.v, COUNT(*), "
      "SUM(CASE WHEN COALESCE(a.screening_decision, a.eligibility_outcome) = 'eligible' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN o.application_id IS NOT NULL THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN o.accepted = 1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN p.state = 'completed' THEN 1 ELSE 0 END) "
      "FROM (SELECT a.id, a.screening_decision, a.eligibility_outcome, CAST(" + AnswerSql(tx.engine(), path) +
          " AS TEXT) AS v FROM applications a JOIN calls c ON c.id = a.call_id "
          "WHERE c.intake_id = :intake AND a.submitted_at IS NOT NULL) a "
          "LEFT JOIN (SELECT application_id, MAX(CASE WHEN state = 'accepted' THEN 1 ELSE 0 END) AS accepted "
          "FROM offers WHERE intake_id = :intake GROUP BY application_id) o ON o.application_id = a.id "
          "LEFT JOIN participants p ON p.application_id = a.id AND p.intake_id = :intake "
          "GROUP BY a.v",
      {P("intake", intake_id)});
  if (!rows) return rows.error();
  std::vector<AnswerGroup> out;
  for (const auto& r : *rows) {
    out.push_back({r.OptText(0).value_or(""), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)});
  }
  return out;
}

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

Result<std::vector<ReviewerProgress>> ReviewerProgressOf(db::Tx& tx, const std::string& intake_id) {
  auto rows = tx.Query(
      "SELECT r.stage_id, s.position, r.reviewer_id, a.name, COUNT(*), "
      "SUM(CASE WHEN r.state = 'submitted' THEN 1 ELSE 0 END), SUM(CASE WHEN r.state = 'draft' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.state = 'assigned' THEN 1 ELSE 0 END), SUM(CASE WHEN r.state = 'conflict' THEN 1 ELSE 0 END) "
      "FROM reviews r JOIN stages s ON s.id = r.stage_id JOIN calls c ON c.id = s.call_id "
      "JOIN accounts a ON a.id = r.reviewer_id "
      "WHERE c.intake_id = :intake AND r.state <> 'removed' "
      "GROUP BY r.stage_id, s.position, r.reviewer_id, a.name ORDER BY s.position, a.name, r.reviewer_id",
      {P("intake", intake_id)});
  if (!rows) return rows.error();
  std::vector<ReviewerProgress> out;
  for (const auto& r : *rows) {
    out.push_back({r.Text(0), static_cast<int>(r.Int(1)), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7),
                   r.Int(8)});
  }
  return out;
}

Result<std::vector<MemberYear>> TotalsOf(db::Tx& tx, const std::vector<std::string>& organisation_ids) {
  std::vector<MemberYear> out;
  if (organisation_ids.empty()) return out;
  db::Params params;
  std::string in;
  for (std::size_t i = 0; i < organisation_ids.size(); ++i) {
    const std::string name = "o" + std::to_string(i);
    in += (i ? ", :" : ":") + name;
    params.push_back(P(name, organisation_ids[i]));
  }
  // Three counts per (organisation, year), added up in one pass each.
  const std::string year = "SUBSTR(i.starts_on, 1, 4)";
  const std::vector<std::string> queries = {
      "SELECT i.organisation_id, " + year + ", COUNT(a.submitted_at) FROM intakes i JOIN calls c ON c.intake_id = i.id "
      "JOIN applications a ON a.call_id = c.id WHERE i.organisation_id IN (" + in + ") GROUP BY i.organisation_id, " + year,
      "SELECT i.organisation_id, " + year + ", COUNT(*) FROM intakes i JOIN offers o ON o.intake_id = i.id "
      "WHERE o.state = 'accepted' AND i.organisation_id IN (" + in + ") GROUP BY i.organisation_id, " + year,
      "SELECT i.organisation_id, " + year + ", COUNT(*) FROM intakes i JOIN participants p ON p.intake_id = i.id "
      "WHERE p.state = 'completed' AND i.organisation_id IN (" + in + ") GROUP BY i.organisation_id, " + year};
  std::map<std::pair<std::string, std::string>, MemberYear> cells;
  for (std::size_t q = 0; q < queries.size(); ++q) {
    auto rows = tx.Query(queries[q], params);
    if (!rows) return rows.error();
    for (const auto& r : *rows) {
      MemberYear& cell = cells[{r.Text(0), r.Text(1)}];
      cell.organisation_id = r.Text(0);
      cell.year = r.Text(1);
      (q == 0 ? cell.submitted : q == 1 ? cell.accepted : cell.completed) = r.Int(2);
    }
  }
  for (auto& [key, cell] : cells) out.push_back(std::move(cell));
  return out;
}

}  // namespace cohort::reports::store
