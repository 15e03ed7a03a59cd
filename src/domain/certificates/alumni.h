#pragma once
// Alumni: the people who completed an intake of a programme, counted per
// year (of the intake's end), one person (account) across intakes; an
// opt-in directory other alumni of the programme can see; invitations of
// alumni to activities. Staff = organisation administrators and coordinators.
#include <optional>
#include <string>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"

namespace cohort::certificates {

struct Alumnus {
  std::string account_id, name, email;
  std::vector<std::string> intakes;  // names, oldest first
  std::string year;                  // of the first completed intake's end
  bool directory = false;
  std::string headline;
};

struct AlumniOverview {
  std::vector<std::pair<std::string, std::int64_t>> per_year;  // year -> people completing that year
  std::int64_t total = 0;                                      // distinct people
  std::vector<Alumnus> items;                                  // by name
};

class Alumni {
 public:
  Alumni(db::Database& db, const audit::Trail& trail, std::string public_url = "")
      : db_(db), trail_(trail), public_url_(std::move(public_url)) {}

  // Staff: totals per year and every alumnus with e-mail. Audited as a read
  // of personal data.
  Result<AlumniOverview> OfProgramme(const RequestContext& ctx, const std::string& programme_id);
  // Staff and the programme's alumni: those who opted in (name, headline,
  // year; no e-mail).
  Result<std::vector<Alumnus>> Directory(const RequestContext& ctx, const std::string& programme_id);
  // The signed-in person's directory entry as saved (not listed, no headline
  // when never saved).
  Result<Alumnus> Profile(const RequestContext& ctx);
  // The signed-in person's directory entry. kInvalidArgument at headline (too_long).
  Result<Alumnus> SaveProfile(const RequestContext& ctx, bool directory, const std::string& headline);
  // Staff: e-mails the alumni of the activity's programme (not the intake's
  // own participants) an invitation; how many were invited. Audited.
  // kFailedPrecondition "activity_cancelled", "activity_over".
  Result<std::int64_t> Invite(const RequestContext& ctx, const std::string& activity_id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
};

}  // namespace cohort::certificates
