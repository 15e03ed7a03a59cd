#include "domain/certificates/store.h"

#include "domain/certificates/credential.h"

namespace cohort::certificates::store {
namespace {

using db::Done;
using db::P;

constexpr const char* kSelect =
    "SELECT id, serial, participant_id, intake_id, organisation_id, account_id, payload, signature, state, "
    "revoked_at, revoke_reason, issued_at FROM certificates ";

Certificate FromRow(const db::Row& r) {
  Certificate c;
  c.id = r.Text(0);
  c.serial = r.Text(1);
  c.participant_id = r.Text(2);
  c.intake_id = r.Text(3);
  c.organisation_id = r.Text(4);
  c.account_id = r.Text(5);
  c.payload = r.Text(6);
  c.signature = r.Text(7);
  c.state = r.Text(8);
  c.revoked_at = r.OptText(9);
  c.revoke_reason = r.OptText(10);
  c.issued_at = r.Text(11);
  c.statement = ParsePayload(c.payload).value_or(Statement{});
  return c;
}

Result<std::vector<Certificate>> List(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto rows = tx.Query(std::string(kSelect) + where + " ORDER BY serial", params);
  if (!rows) return rows.error();
  std::vector<Certificate> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

Result<CompletionRules> Rules(db::Tx& tx, const std::string& intake_id) {
  CompletionRules r;
  r.intake_id = intake_id;
  auto row = tx.QueryOne("SELECT min_attendance, final_work_required, hours, min_evaluation FROM completion_rules WHERE intake_id = :i",
                         {P("i", intake_id)});
  if (!row) return row.error();
  if (*row) {
    r.min_attendance = (**row).Real(0);
    r.final_work_required = (**row).Int(1) != 0;
    r.hours = (**row).Int(2);
    r.min_evaluation = (**row).Int(3);
    r.stored = true;
  }
  return r;
}

Result<void> SaveRules(db::Tx& tx, const CompletionRules& r, const std::string& organisation_id, const std::string& now) {
  if (auto d = tx.Exec("DELETE FROM completion_rules WHERE intake_id = :i", {P("i", r.intake_id)}); !d) return d.error();
  return Done(tx.Exec(
      "INSERT INTO completion_rules (intake_id, organisation_id, min_attendance, final_work_required, hours, "
      "min_evaluation, updated_at) VALUES (:i, :org, :min, :final, :hours, :evaluation, :now)",
      {P("i", r.intake_id), P("org", organisation_id), P("min", r.min_attendance), P("final", r.final_work_required),
       P("hours", r.hours), P("evaluation", r.min_evaluation), P("now", now)}));
}

Result<std::vector<FinalWork>> FinalWorksOf(db::Tx& tx, const std::string& intake_id) {
  auto rows = tx.Query(
      "SELECT w.participant_id, w.title, w.grade, w.passed, w.recorded_at FROM final_works w "
      "JOIN participants p ON p.id = w.participant_id WHERE p.intake_id = :i",
      {P("i", intake_id)});
  if (!rows) return rows.error();
  std::vector<FinalWork> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3) != 0, r.Text(4)});
  return out;
}

Result<void> SaveFinalWork(db::Tx& tx, const FinalWork& w, const std::string& recorded_by) {
  if (auto d = tx.Exec("DELETE FROM final_works WHERE participant_id = :p", {P("p", w.participant_id)}); !d) {
    return d.error();
  }
  return Done(tx.Exec(
      "INSERT INTO final_works (participant_id, title, grade, passed, recorded_by, recorded_at) "
      "VALUES (:p, :title, :grade, :passed, :by, :at)",
      {P("p", w.participant_id), P("title", w.title), P("grade", w.grade), P("passed", w.passed), P("by", recorded_by),
       P("at", w.recorded_at)}));
}

Result<void> Insert(db::Tx& tx, const Certificate& c) {
  return Done(tx.Exec(
      "INSERT INTO certificates (id, serial, participant_id, intake_id, organisation_id, account_id, payload, signature, "
      "state, issued_at) VALUES (:id, :serial, :participant, :intake, :org, :account, :payload, :signature, 'valid', :at)",
      {P("id", c.id), P("serial", c.serial), P("participant", c.participant_id), P("intake", c.intake_id),
       P("org", c.organisation_id), P("account", c.account_id), P("payload", c.payload), P("signature", c.signature),
       P("at", c.issued_at)}));
}

Result<std::optional<Certificate>> BySerial(db::Tx& tx, const std::string& serial) {
  auto list = List(tx, "WHERE serial = :s", {P("s", serial)});
  if (!list) return list.error();
  if (list->empty()) return std::optional<Certificate>();
  return std::optional<Certificate>(std::move(list->front()));
}

Result<std::vector<Certificate>> OfIntake(db::Tx& tx, const std::string& intake_id) {
  return List(tx, "WHERE intake_id = :i", {P("i", intake_id)});
}

Result<std::vector<Certificate>> OfAccount(db::Tx& tx, const std::string& account_id) {
  return List(tx, "WHERE account_id = :a", {P("a", account_id)});
}

Result<std::int64_t> CountOfIntake(db::Tx& tx, const std::string& intake_id) {
  auto row = tx.QueryOne("SELECT COUNT(*) FROM certificates WHERE intake_id = :i", {P("i", intake_id)});
  if (!row) return row.error();
  return (**row).Int(0);
}

Result<bool> Revoke(db::Tx& tx, const Certificate& c) {
  auto n = tx.Exec(
      "UPDATE certificates SET state = 'revoked', revoked_at = :at, revoke_reason = :reason "
      "WHERE id = :id AND state = 'valid'",
      {P("at", c.revoked_at), P("reason", c.revoke_reason), P("id", c.id)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<AlumnusRow>> AlumniRows(db::Tx& tx, const std::string& programme_id) {
  auto rows = tx.Query(
      "SELECT p.account_id, a.name, a.email, i.name, i.ends_on, COALESCE(ap.directory, 0), COALESCE(ap.headline, '') "
      "FROM participants p JOIN intakes i ON i.id = p.intake_id JOIN accounts a ON a.id = p.account_id "
      "LEFT JOIN alumni_profiles ap ON ap.account_id = p.account_id "
      "WHERE i.programme_id = :programme AND p.state = 'completed' ORDER BY a.name, p.account_id, i.ends_on",
      {P("programme", programme_id)});
  if (!rows) return rows.error();
  std::vector<AlumnusRow> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5) != 0, r.Text(6)});
  return out;
}

Result<std::pair<bool, std::string>> Profile(db::Tx& tx, const std::string& account_id) {
  auto row = tx.QueryOne("SELECT directory, headline FROM alumni_profiles WHERE account_id = :a", {P("a", account_id)});
  if (!row) return row.error();
  if (!*row) return std::pair<bool, std::string>{false, ""};
  return std::pair<bool, std::string>{(*row)->Bool(0), (*row)->Text(1)};
}

Result<void> SaveProfile(db::Tx& tx, const std::string& account_id, bool directory, const std::string& headline,
                         const std::string& now) {
  if (auto d = tx.Exec("DELETE FROM alumni_profiles WHERE account_id = :a", {P("a", account_id)}); !d) return d.error();
  return Done(tx.Exec(
      "INSERT INTO alumni_profiles (account_id, directory, headline, updated_at) VALUES (:a, :d, :h, :now)",
      {P("a", account_id), P("d", directory), P("h", headline), P("now", now)}));
}

}  // namespace cohort::certificates::store
