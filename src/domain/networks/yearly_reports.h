#pragma once
// Members' yearly reports to their network (docs/api/networks.md "Yearly
// reports"). The chair organisation of a year (its administrators and
// coordinators) or a network administrator sets that year's form — the
// same form machinery as a call's (programmes/form.h) — and a due date;
// each member organisation's administrators and coordinators fill in its
// report as a draft and submit it, after which it no longer changes.
// Network administrators and the chair see every member's report; a
// member sees its own.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::networks {

struct ReportForm {
  std::string network_id;
  int year = 0;
  nlohmann::json settings;  // {"title", "description", "form"} as programmes::ToJson(CallSettings) writes them
  std::string due_on, set_by_organisation_id, updated_at;
};

struct YearlyReport {
  std::string network_id, organisation_id, organisation_name;
  int year = 0;
  std::string state;  // missing (nothing saved yet), draft, submitted
  nlohmann::json answers = nlohmann::json::object();
  std::string updated_at, submitted_at;
};

// A year's reports as a reader sees them, with the year's form if it has one.
struct YearOfReports {
  std::optional<ReportForm> form;
  std::vector<YearlyReport> reports;
};

class YearlyReports {
 public:
  YearlyReports(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // The year's chair organisation or network administrators. `body` is
  // {"title", "description", "form": {"fields"}, "due_on"}; kInvalidArgument
  // at year (out_of_range), due_on (invalid_date) and wherever the form is
  // wrong (as for a call: "form.fields[i].key" …).
  Result<ReportForm> SetForm(const RequestContext& ctx, const std::string& network_id, int year, const nlohmann::json& body);
  // Readers of the network; kNotFound when the year has no form.
  Result<ReportForm> Form(const RequestContext& ctx, const std::string& network_id, int year);
  // Network administrators and the chair: every member (state "missing" for
  // those without a report); a member's staff: their own. With the year's form, if set.
  Result<YearOfReports> List(const RequestContext& ctx, const std::string& network_id, int year);
  Result<YearlyReport> Get(const RequestContext& ctx, const std::string& network_id, int year,
                           const std::string& organisation_id);
  // The member's administrators and coordinators: merges the answers into
  // the draft (a null clears one). kInvalidArgument at answers.<key> for a
  // wrong shape or unknown key; kFailedPrecondition "already_submitted".
  Result<YearlyReport> SaveDraft(const RequestContext& ctx, const std::string& network_id, int year,
                                 const std::string& organisation_id, const nlohmann::json& answers);
  // kInvalidArgument at every answers.<key> missing or invalid;
  // kFailedPrecondition "already_submitted".
  Result<YearlyReport> Submit(const RequestContext& ctx, const std::string& network_id, int year,
                              const std::string& organisation_id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

}  // namespace cohort::networks
