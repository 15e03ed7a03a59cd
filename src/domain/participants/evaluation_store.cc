#include "domain/participants/evaluation_store.h"

#include <nlohmann/json.hpp>

namespace cohort::participants::store {
namespace {

using db::Done;
using db::P;
using nlohmann::json;

}  // namespace

Result<std::vector<Evaluation>> EvaluationsOf(db::Tx& tx, const std::string& intake_id) {
  auto rows = tx.Query(
      "SELECT e.participant_id, e.period_id, e.unit_id, e.evaluator_id, e.scores, e.overall, e.comment, e.submitted_at, "
      "a.name, pe.name, u.name, ev.name FROM evaluations e JOIN participants p ON p.id = e.participant_id "
      "JOIN accounts ev ON ev.id = e.evaluator_id "
      "JOIN accounts a ON a.id = p.account_id JOIN rotation_periods pe ON pe.id = e.period_id "
      "JOIN units u ON u.id = e.unit_id WHERE p.intake_id = :intake ORDER BY pe.position, a.name, p.id",
      {P("intake", intake_id)});
  if (!rows) return rows.error();
  std::vector<Evaluation> out;
  for (const auto& r : *rows) {
    Evaluation e;
    e.participant_id = r.Text(0);
    e.period_id = r.Text(1);
    e.unit_id = r.Text(2);
    e.evaluator_id = r.Text(3);
    const json scores = json::parse(r.Text(4), nullptr, false);
    if (scores.is_object()) {
      for (const auto& [k, v] : scores.items())
        if (v.is_number_integer()) e.scores[k] = v.get<std::int64_t>();
    }
    e.overall = r.Real(5);
    e.comment = r.Text(6);
    e.submitted_at = r.Text(7);
    e.participant_name = r.Text(8);
    e.period_name = r.Text(9);
    e.unit_name = r.Text(10);
    e.evaluator_name = r.Text(11);
    out.push_back(std::move(e));
  }
  return out;
}

Result<void> SaveEvaluation(db::Tx& tx, const Evaluation& e) {
  auto deleted = tx.Exec("DELETE FROM evaluations WHERE participant_id = :p AND period_id = :t",
                         {P("p", e.participant_id), P("t", e.period_id)});
  if (!deleted) return deleted.error();
  return Done(tx.Exec(
      "INSERT INTO evaluations (participant_id, period_id, unit_id, evaluator_id, scores, overall, comment, submitted_at) "
      "VALUES (:p, :t, :u, :by, :scores, :overall, :comment, :at)",
      {P("p", e.participant_id), P("t", e.period_id), P("u", e.unit_id), P("by", e.evaluator_id),
       P("scores", json(e.scores).dump()), P("overall", e.overall), P("comment", e.comment), P("at", e.submitted_at)}));
}

Result<void> SaveFeedback(db::Tx& tx, const Feedback& f) {
  auto deleted = tx.Exec("DELETE FROM activity_feedback WHERE activity_id = :a AND participant_id = :p",
                         {P("a", f.activity_id), P("p", f.participant_id)});
  if (!deleted) return deleted.error();
  return Done(tx.Exec(
      "INSERT INTO activity_feedback (activity_id, participant_id, rating, comment, created_at) "
      "VALUES (:a, :p, :rating, :comment, :at)",
      {P("a", f.activity_id), P("p", f.participant_id), P("rating", f.rating), P("comment", f.comment),
       P("at", f.created_at)}));
}

namespace {

Result<std::vector<Feedback>> FeedbackWhere(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto rows = tx.Query(
      "SELECT activity_id, participant_id, rating, comment, created_at FROM activity_feedback " + where +
          " ORDER BY created_at",
      params);
  if (!rows) return rows.error();
  std::vector<Feedback> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4)});
  return out;
}

}  // namespace

Result<std::vector<Feedback>> FeedbackOf(db::Tx& tx, const std::string& activity_id) {
  return FeedbackWhere(tx, "WHERE activity_id = :a", {P("a", activity_id)});
}

Result<std::vector<Feedback>> FeedbackBy(db::Tx& tx, const std::string& participant_id) {
  return FeedbackWhere(tx, "WHERE participant_id = :p", {P("p", participant_id)});
}

}  // namespace cohort::participants::store
