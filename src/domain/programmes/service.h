#pragma once
// Programme, intake and call use cases. Changes are audited in their own
// transaction; staff reads are limited to the organisation's staff by the
// policy predicates; published calls are public.
#include "core/request_context.h"
#include "db/database.h"
#include "domain/audit/trail.h"
#include "domain/programmes/model.h"

namespace cohort::programmes {

struct NewProgramme {
  std::string name, code, description;
};

struct NewIntake {
  std::string name, starts_on, ends_on;
  int capacity = 0;
  std::string time_zone = "Asia/Baku";
  std::string from_intake;  // clone this intake's call (same programme); empty for none
};

// A number that grows after every change this process makes to programmes,
// intakes or calls (counted when the write ends). A cache of what the public
// sees keeps the number it read before reading, and is current for this
// process's changes while the number has not moved.
std::uint64_t Changes();

// An intake's own fields, as CreateIntake checks them: errors at name,
// starts_on, ends_on, capacity and time_zone.
std::vector<FieldError> CheckIntake(const Intake& i);

class Service {
 public:
  Service(db::Database& db, const audit::Trail& trail) : db_(db), trail_(trail) {}

  // Staff of the organisation (kUnauthenticated / kPermissionDenied
  // otherwise; kNotFound for an unknown organisation).
  Result<std::vector<Programme>> ListProgrammes(const RequestContext& ctx, const std::string& organisation_id);
  // Administrators and coordinators. kInvalidArgument: "name" empty or
  // long, "code" malformed (1-8 capital letters or digits) or taken.
  Result<Programme> CreateProgramme(const RequestContext& ctx, const std::string& organisation_id, const NewProgramme& in);
  Result<Programme> GetProgramme(const RequestContext& ctx, const std::string& id);

  Result<std::vector<Intake>> ListIntakes(const RequestContext& ctx, const std::string& programme_id);
  // kInvalidArgument: "name", "starts_on"/"ends_on" (dates, ends after it
  // starts), "capacity" (0..100000), "time_zone" (IANA), "from_intake" (an
  // intake of the same programme). With from_intake the call's titles,
  // description, form and rules are copied, unpublished and without window.
  Result<Intake> CreateIntake(const RequestContext& ctx, const std::string& programme_id, const NewIntake& in);
  Result<Intake> GetIntake(const RequestContext& ctx, const std::string& id);
  Result<Intake> UpdateIntake(const RequestContext& ctx, const std::string& id, const IntakeChange& change);

  // The intake's call as staff see it; kNotFound when there is none yet.
  Result<Call> GetCall(const RequestContext& ctx, const std::string& intake_id);
  // Creates or replaces the call's settings. kInvalidArgument with field
  // errors (see ParseCallSettings), and "form.fields" field_has_answers
  // when a removed field has answers in some application.
  Result<Call> PutCall(const RequestContext& ctx, const std::string& intake_id, const CallSettings& settings);

  // Public: published calls in `state` (open, upcoming, closed).
  Result<std::vector<CallSummary>> PublishedCalls(const RequestContext& ctx, const std::string& state, int limit);
  // Public: one published call; kNotFound otherwise.
  Result<CallSummary> PublishedCall(const RequestContext& ctx, const std::string& id);

 private:
  db::Database& db_;
  const audit::Trail& trail_;
};

// For other modules, inside their transactions: a call by id.
Result<std::optional<Call>> FindCall(db::Tx& tx, const std::string& call_id);
Result<std::optional<Programme>> FindProgramme(db::Tx& tx, const std::string& programme_id);
Result<std::optional<Intake>> FindIntake(db::Tx& tx, const std::string& intake_id);
Result<std::optional<Call>> FindCallOfIntake(db::Tx& tx, const std::string& intake_id);
// A programme's intakes, newest first.
Result<std::vector<Intake>> IntakesOfProgramme(db::Tx& tx, const std::string& programme_id);

}  // namespace cohort::programmes
