#pragma once
// Reports on an organisation's programmes (docs/api/reports.md). Members of
// the organisation (any staff role) and platform administrators read them;
// for anyone else the intake or programme does not exist. Aggregates only,
// so reading them is not a read of personal data.
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/reports/model.h"

namespace cohort::reports {

class Reports {
 public:
  explicit Reports(db::Database& db) : db_(db) {}

  // The selection funnel of one intake.
  Result<Funnel> IntakeFunnel(const RequestContext& ctx, const std::string& intake_id);
  // Year over year: the funnel of each of the programme's intakes, oldest first.
  Result<std::vector<Funnel>> ProgrammeFunnels(const RequestContext& ctx, const std::string& programme_id);
  // The ways the intake's applications can be split, from its call's form.
  Result<std::vector<Dimension>> Dimensions(const RequestContext& ctx, const std::string& intake_id);
  // The intake's submitted applications split by one dimension.
  // kInvalidArgument at "dimension" (unknown_dimension).
  Result<Breakdown> BreakdownBy(const RequestContext& ctx, const std::string& intake_id, const std::string& dimension);
  // Administrators and coordinators: each reviewer's progress in the
  // intake's review stages (names of staff; no applicant).
  Result<std::vector<ReviewerProgress>> Reviewers(const RequestContext& ctx, const std::string& intake_id);
  // The network's readers (its administrators, staff of its members): the
  // members' submissions, acceptances and completions, per member and year.
  Result<NetworkDashboard> Dashboard(const RequestContext& ctx, const std::string& network_id);
  // Anyone, signed in or not: a programme's public figures. kNotFound unless
  // the programme has published a call (it is public then).
  Result<PublicStatistics> Public(const RequestContext& ctx, const std::string& programme_id);

 private:
  db::Database& db_;
};

}  // namespace cohort::reports
