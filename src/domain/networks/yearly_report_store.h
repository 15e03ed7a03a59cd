#pragma once
// Storage of yearly report forms and members' reports, inside the caller's transaction.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/networks/yearly_reports.h"

namespace cohort::networks::store {

Result<std::optional<ReportForm>> GetReportForm(db::Tx& tx, const std::string& network_id, int year);
Result<void> PutReportForm(db::Tx& tx, const ReportForm& f);
// The saved reports of the year (no "missing" ones), by organisation name.
Result<std::vector<YearlyReport>> ReportsOf(db::Tx& tx, const std::string& network_id, int year);
Result<std::optional<YearlyReport>> GetReport(db::Tx& tx, const std::string& network_id, int year,
                                              const std::string& organisation_id);
Result<void> PutReport(db::Tx& tx, const YearlyReport& r, const std::string& submitted_by);

}  // namespace cohort::networks::store
