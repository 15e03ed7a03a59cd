#include "domain/networks/yearly_report_store.h"

namespace cohort::networks::store {
namespace {

using db::Done;
using db::P;
using nlohmann::json;

constexpr const char* kReportSelect =
    "SELECT r.network_id, r.organisation_id, o.name, r.year, r.state, r.answers, r.updated_at, r.submitted_at "
    "FROM network_reports r JOIN organisations o ON o.id = r.organisation_id ";

YearlyReport ReportFromRow(const db::Row& r) {
  YearlyReport out;
  out.network_id = r.Text(0);
  out.organisation_id = r.Text(1);
  out.organisation_name = r.Text(2);
  out.year = static_cast<int>(r.Int(3));
  out.state = r.Text(4);
  out.answers = json::parse(r.Text(5), nullptr, false);
  if (!out.answers.is_object()) out.answers = json::object();
  out.updated_at = r.Text(6);
  out.submitted_at = r.OptText(7).value_or("");
  return out;
}

}  // namespace

Result<std::optional<ReportForm>> GetReportForm(db::Tx& tx, const std::string& network_id, int year) {
  auto row = tx.QueryOne(
      "SELECT settings, due_on, set_by_organisation_id, updated_at FROM network_report_forms "
      "WHERE network_id = :n AND year = :y",
      {P("n", network_id), P("y", year)});
  if (!row) return row.error();
  if (!*row) return std::optional<ReportForm>();
  const db::Row& r = **row;
  return std::optional<ReportForm>(
      ReportForm{network_id, year, json::parse(r.Text(0), nullptr, false), r.Text(1), r.OptText(2).value_or(""), r.Text(3)});
}

Result<void> PutReportForm(db::Tx& tx, const ReportForm& f) {
  auto by = P("by", f.set_by_organisation_id.empty() ? std::nullopt : std::optional<std::string>(f.set_by_organisation_id));
  return Done(tx.Exec(
      "INSERT INTO network_report_forms (network_id, year, settings, due_on, set_by_organisation_id, updated_at) "
      "VALUES (:n, :y, :settings, :due, :by, :now) ON CONFLICT (network_id, year) DO UPDATE SET "
      "settings = excluded.settings, due_on = excluded.due_on, set_by_organisation_id = excluded.set_by_organisation_id, "
      "updated_at = excluded.updated_at",
      {P("n", f.network_id), P("y", f.year), P("settings", f.settings.dump()), P("due", f.due_on), by,
       P("now", f.updated_at)}));
}

Result<std::vector<YearlyReport>> ReportsOf(db::Tx& tx, const std::string& network_id, int year) {
  auto rows = tx.Query(std::string(kReportSelect) + "WHERE r.network_id = :n AND r.year = :y ORDER BY o.name, o.id",
                       {P("n", network_id), P("y", year)});
  if (!rows) return rows.error();
  std::vector<YearlyReport> out;
  for (const auto& r : *rows) out.push_back(ReportFromRow(r));
  return out;
}

Result<std::optional<YearlyReport>> GetReport(db::Tx& tx, const std::string& network_id, int year,
                                              const std::string& organisation_id) {
  auto row = tx.QueryOne(std::string(kReportSelect) + "WHERE r.network_id = :n AND r.year = :y AND r.organisation_id = :o",
                         {P("n", network_id), P("y", year), P("o", organisation_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<YearlyReport>();
  return std::optional<YearlyReport>(ReportFromRow(**row));
}

Result<void> PutReport(db::Tx& tx, const YearlyReport& r, const std::string& submitted_by) {
  auto at = P("at", r.submitted_at.empty() ? std::nullopt : std::optional<std::string>(r.submitted_at));
  auto by = P("by", submitted_by.empty() ? std::nullopt : std::optional<std::string>(submitted_by));
  return Done(tx.Exec(
      "INSERT INTO network_reports (network_id, year, organisation_id, answers, state, updated_at, submitted_at, submitted_by) "
      "VALUES (:n, :y, :o, :answers, :state, :now, :at, :by) ON CONFLICT (network_id, year, organisation_id) DO UPDATE SET "
      "answers = excluded.answers, state = excluded.state, updated_at = excluded.updated_at, "
      "submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by",
      {P("n", r.network_id), P("y", r.year), P("o", r.organisation_id), P("answers", r.answers.dump()), P("state", r.state),
       P("now", r.updated_at), at, by}));
}

}  // namespace cohort::networks::store
