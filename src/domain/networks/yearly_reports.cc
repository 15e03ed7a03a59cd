#include "domain/networks/yearly_reports.h"

#include "core/time_format.h"
#include "domain/networks/service.h"
#include "domain/networks/yearly_report_store.h"
#include "domain/organisations/service.h"
#include "domain/programmes/form.h"

namespace cohort::networks {
namespace {

using nlohmann::json;

Result<void> CheckYear(int year) {
  if (year < 1900 || year > 2999) {
    return Error::InvalidArgument("invalid year", {{"year", "out_of_range", "a year from 1900 to 2999"}});
  }
  return Ok();
}

// Whether the actor sees every member's report: a network administrator or
// the year's chair organisation.
Result<bool> SeesAll(db::Tx& tx, const RequestContext& ctx, const NetworkAccess& access, int year) {
  if (access.admin) return true;
  const Chair* chair = ChairOf(access.network, year);
  if (!chair) return false;
  return RunsOrganisation(tx, ctx, chair->organisation_id);
}

Result<programmes::Form> FormOf(db::Tx& tx, const std::string& network_id, int year) {
  auto f = store::GetReportForm(tx, network_id, year);
  if (!f) return f.error();
  if (!*f) return Error::NotFound("the year has no report form yet");
  auto settings = programmes::ParseCallSettings((*f)->settings);
  if (!settings) return settings.error();
  return settings->form;
}

// The member's report, or an empty one ("missing").
Result<YearlyReport> ReportOrEmpty(db::Tx& tx, const Network& n, int year, const std::string& organisation_id) {
  auto r = store::GetReport(tx, n.id, year, organisation_id);
  if (!r) return r.error();
  if (*r) return std::move(**r);
  YearlyReport empty;
  empty.network_id = n.id;
  empty.year = year;
  empty.organisation_id = organisation_id;
  empty.state = "missing";
  for (const auto& m : n.members) {
    if (m.organisation_id == organisation_id) empty.organisation_name = m.name;
  }
  return empty;
}

// For SaveDraft and Submit: the member's report, which the actor files.
Result<YearlyReport> FiledReport(db::Tx& tx, const RequestContext& ctx, const std::string& network_id, int year,
                                 const std::string& organisation_id) {
  if (auto y = CheckYear(year); !y) return y.error();
  auto access = ReadableNetwork(tx, ctx, network_id);
  if (!access) return access.error();
  if (!IsMember(access->network, organisation_id)) return Error::NotFound("not a member of the network");
  auto runs = RunsOrganisation(tx, ctx, organisation_id);
  if (!runs) return runs.error();
  if (!*runs) return Error::PermissionDenied("the member's administrators and coordinators file its report");
  auto report = ReportOrEmpty(tx, access->network, year, organisation_id);
  if (!report) return report.error();
  if (report->state == "submitted") {
    return Error::FailedPrecondition("the report was submitted on " + report->submitted_at).WithCode("already_submitted");
  }
  return report;
}

}  // namespace

Result<ReportForm> YearlyReports::SetForm(const RequestContext& ctx, const std::string& network_id, int year,
                                          const json& body) {
  return db_.Write([&](db::Tx& tx) -> Result<ReportForm> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    if (auto y = CheckYear(year); !y) return y.error();
    const Chair* chair = ChairOf(access->network, year);
    bool chairs = false;
    if (chair) {
      auto runs = RunsOrganisation(tx, ctx, chair->organisation_id);
      if (!runs) return runs.error();
      chairs = *runs;
    }
    if (!access->admin && !chairs) {
      return Error::PermissionDenied("the year's chair organisation and network administrators set the report form");
    }
    json settings = json::object();
    for (const char* key : {"title", "description", "form"}) {
      if (body.contains(key)) settings[key] = body[key];
    }
    std::vector<FieldError> errors;
    auto parsed = programmes::ParseCallSettings(settings);
    if (!parsed) errors = parsed.error().fields();
    const std::string due_on = body.value("due_on", json("")).is_string() ? body.value("due_on", "") : "";
    if (!programmes::IsValidDate(due_on)) errors.push_back({"due_on", "invalid_date", "YYYY-MM-DD"});
    if (!errors.empty()) return Error::InvalidArgument("invalid report form", errors);
    const json stored = programmes::ToJson(*parsed);
    ReportForm form{network_id, year,
                    {{"title", stored["title"]}, {"description", stored["description"]}, {"form", stored["form"]}},
                    due_on, chairs ? chair->organisation_id : "", FormatUtc(ctx.clock.Now())};
    if (auto w = store::PutReportForm(tx, form); !w) return w.error();
    if (auto a = trail_.Append(tx, ctx, {chairs ? chair->organisation_id : "", "network", network_id, "set_report_form", "",
                                         json({{"year", year}, {"due_on", due_on}}).dump()});
        !a) {
      return a.error();
    }
    return form;
  });
}

Result<ReportForm> YearlyReports::Form(const RequestContext& ctx, const std::string& network_id, int year) {
  return db_.Read([&](db::Tx& tx) -> Result<ReportForm> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    auto f = store::GetReportForm(tx, network_id, year);
    if (!f) return f.error();
    if (!*f) return Error::NotFound("the year has no report form yet");
    return std::move(**f);
  });
}

Result<YearOfReports> YearlyReports::List(const RequestContext& ctx, const std::string& network_id, int year) {
  return db_.Read([&](db::Tx& tx) -> Result<YearOfReports> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    auto all = SeesAll(tx, ctx, *access, year);
    if (!all) return all.error();
    auto form = store::GetReportForm(tx, network_id, year);
    if (!form) return form.error();
    YearOfReports out{std::move(*form), {}};
    for (const auto& m : access->network.members) {  // by name
      if (!*all) {
        auto roles = organisations::StaffRoles(tx, ctx, m.organisation_id);
        if (!roles) return roles.error();
        if (roles->empty()) continue;
      }
      auto r = ReportOrEmpty(tx, access->network, year, m.organisation_id);
      if (!r) return r.error();
      out.reports.push_back(std::move(*r));
    }
    return out;
  });
}

Result<YearlyReport> YearlyReports::Get(const RequestContext& ctx, const std::string& network_id, int year,
                                        const std::string& organisation_id) {
  return db_.Read([&](db::Tx& tx) -> Result<YearlyReport> {
    auto access = ReadableNetwork(tx, ctx, network_id);
    if (!access) return access.error();
    if (!IsMember(access->network, organisation_id)) return Error::NotFound("not a member of the network");
    auto all = SeesAll(tx, ctx, *access, year);
    if (!all) return all.error();
    if (!*all) {
      auto roles = organisations::StaffRoles(tx, ctx, organisation_id);
      if (!roles) return roles.error();
      if (roles->empty()) return Error::NotFound("no such report");
    }
    return ReportOrEmpty(tx, access->network, year, organisation_id);
  });
}

Result<YearlyReport> YearlyReports::SaveDraft(const RequestContext& ctx, const std::string& network_id, int year,
                                              const std::string& organisation_id, const json& answers) {
  return db_.Write([&](db::Tx& tx) -> Result<YearlyReport> {
    auto report = FiledReport(tx, ctx, network_id, year, organisation_id);
    if (!report) return report.error();
    auto form = FormOf(tx, network_id, year);
    if (!form) return form.error();
    if (!answers.is_object()) {
      return Error::InvalidArgument("invalid answers", {{"answers", "wrong_type", "an object of answers by key"}});
    }
    if (auto errors = programmes::CheckShapes(*form, answers); !errors.empty()) {
      return Error::InvalidArgument("invalid answers", std::move(errors));
    }
    for (const auto& [key, value] : answers.items()) {
      if (value.is_null()) report->answers.erase(key);
      else report->answers[key] = value;
    }
    report->state = "draft";
    report->updated_at = FormatUtc(ctx.clock.Now());
    if (auto w = store::PutReport(tx, *report, ""); !w) return w.error();
    return std::move(*report);
  });
}

Result<YearlyReport> YearlyReports::Submit(const RequestContext& ctx, const std::string& network_id, int year,
                                           const std::string& organisation_id) {
  return db_.Write([&](db::Tx& tx) -> Result<YearlyReport> {
    auto report = FiledReport(tx, ctx, network_id, year, organisation_id);
    if (!report) return report.error();
    auto form = FormOf(tx, network_id, year);
    if (!form) return form.error();
    if (auto errors = programmes::CheckForSubmission(*form, report->answers); !errors.empty()) {
      return Error::InvalidArgument("the report is not complete", std::move(errors));
    }
    report->state = "submitted";
    report->updated_at = report->submitted_at = FormatUtc(ctx.clock.Now());
    if (auto w = store::PutReport(tx, *report, ctx.actor.account_id); !w) return w.error();
    if (auto a = trail_.Append(tx, ctx, {organisation_id, "network", network_id, "submit_yearly_report", "",
                                         json({{"year", year}}).dump()});
        !a) {
      return a.error();
    }
    return std::move(*report);
  });
}

}  // namespace cohort::networks
