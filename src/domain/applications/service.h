#pragma once
// Application use cases. The applicant starts, autosaves, submits and
// withdraws their own application; staff of the organisation read them
// (each read of personal data is audited). Submissions, withdrawals and
// new drafts are audited; autosaves of one's own draft are not (they are
// versioned instead).
#include <functional>
#include <string_view>
#include <vector>

#include "core/request_context.h"
#include "db/database.h"
#include "domain/applications/model.h"
#include "domain/audit/trail.h"
#include "domain/programmes/model.h"

namespace cohort::applications {

// An application together with its call, as the use cases return it.
struct ApplicationView {
  Application application;
  programmes::Call call;
  bool staff = false;  // read by staff: screening details are shown
  std::string screened_by_name;  // the name of who made the screening decision
};

// What re-evaluating a call's rules found.
struct EvaluationSummary {
  int evaluated = 0, eligible = 0, ineligible = 0, review = 0, changed = 0;
};

// For later modules (selection), inside their transactions: an application
// without any permission check — the caller decides what may be shown.
Result<std::optional<Application>> FindApplication(db::Tx& tx, const std::string& application_id);
// When applications are short-listed (inside the short list's transaction):
// opens the call's short-list form (its stage-2 questions) to each submitted
// one, due in the form's `second_stage_days`, and tells the applicant by
// e-mail. Nothing when the call has no such form. Returns how many opened.
Result<std::int64_t> OpenSecondStage(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                                     const std::vector<std::string>& application_ids, const std::string& public_url);
// For later modules that give a submitted application something (a booked
// interview): holds the application submitted until the transaction ends,
// so a withdrawal at the same moment waits and then sees what was given;
// false when it is no longer submitted.
Result<bool> HoldSubmitted(db::Tx& tx, const std::string& application_id);
// Likewise a document, with its bytes when asked.
Result<std::optional<std::pair<Document, std::string>>> FindDocument(db::Tx& tx, const std::string& document_id,
                                                                     bool with_content);

// What a later module does when an applicant withdraws, inside the
// withdrawal's transaction (selection frees an interview place and a seat).
// An error undoes the withdrawal.
using WithdrawalHook = std::function<Result<void>(db::Tx&, const RequestContext&, const Application&)>;

class Service {
 public:
  // `public_url` is where links in e-mails point.
  Service(db::Database& db, const audit::Trail& trail, std::string public_url = "",
          std::vector<WithdrawalHook> on_withdrawn = {})
      : db_(db), trail_(trail), public_url_(std::move(public_url)), on_withdrawn_(std::move(on_withdrawn)) {}

  // Starts a draft for the signed-in person. kUnauthenticated for the
  // public; kNotFound for an unknown or unpublished call;
  // kFailedPrecondition when the call is not open; kConflict
  // (extension "code": "already_applied", "application_id") when they have one.
  Result<ApplicationView> Start(const RequestContext& ctx, const std::string& call_id);
  // The applicant's own, or for staff of the organisation (audited).
  // kNotFound for anyone else.
  Result<ApplicationView> Get(const RequestContext& ctx, const std::string& id);
  // Merges `patch` (field key → answer; null clears) into a draft's
  // application-form answers, or a submitted application's open short-list
  // form. kInvalidArgument for an unknown key, a value of the wrong shape,
  // a short-list question in a draft ("second_stage_question") or an
  // application-form question after submission ("not_editable");
  // kConflict "stale_version" (with "current": {answers, version}) when
  // `version` is not the stored one; kFailedPrecondition when nothing may be
  // edited: not a draft without an open short-list form, the call closed,
  // or the short-list form past its due date ("second_stage_closed").
  Result<ApplicationView> Autosave(const RequestContext& ctx, const std::string& id, const nlohmann::json& patch,
                                   std::int64_t version);
  // Checks every answer (kInvalidArgument listing all problems at
  // "answers.<key>"), the window in the server's clock
  // (kFailedPrecondition), evaluates eligibility, assigns the reference
  // and queues the receipt e-mail — all in one transaction.
  Result<ApplicationView> Submit(const RequestContext& ctx, const std::string& id);
  // Submits the open short-list form: kInvalidArgument listing every
  // missing or invalid stage-2 answer; kFailedPrecondition when it is not
  // open or past its due date ("second_stage_closed").
  Result<ApplicationView> SubmitSecondStage(const RequestContext& ctx, const std::string& id);
  Result<ApplicationView> Withdraw(const RequestContext& ctx, const std::string& id);

  // Stores a file for a file question of one's own draft (or of one's open
  // short-list form, as Autosave) and makes it that question's answer.
  // kInvalidArgument at "field" (unknown_field, wrong_field_type,
  // second_stage_question, not_editable) or "file" (required, too_large,
  // unsupported_file_type — judged by content —, type_mismatch when the
  // name's extension or the question's accepted types disagree with the
  // content); kFailedPrecondition as Autosave.
  Result<std::pair<Document, ApplicationView>> Upload(const RequestContext& ctx, const std::string& application_id,
                                                      const std::string& field_key, const std::string& file_name,
                                                      std::string_view bytes);
  // A document and its bytes, for its applicant and for administrators and
  // coordinators of the organisation (audited); kNotFound for anyone else.
  Result<std::pair<Document, std::string>> Download(const RequestContext& ctx, const std::string& document_id);

  Result<std::vector<ApplicationView>> Mine(const RequestContext& ctx);

  // A coordinator's screening decision on a submitted application:
  // "eligible" or "ineligible", with the reason, recorded with who and when
  // (audited). Administrators and coordinators; kNotFound for others;
  // kInvalidArgument at "decision" / "reason"; kFailedPrecondition unless submitted.
  Result<ApplicationView> Screen(const RequestContext& ctx, const std::string& id, const std::string& decision,
                                 const std::string& reason);
  // Evaluates the call's current rules again for every submitted
  // application (after the rules changed); screening decisions stay.
  Result<EvaluationSummary> Reevaluate(const RequestContext& ctx, const std::string& intake_id);
  // Administrators and coordinators of the organisation (audited). With
  // filter.with_answers (an export) every matching row comes, answers
  // included, and `call` (when given) receives the call for the columns.
  Result<StaffPage> OfIntake(const RequestContext& ctx, const std::string& intake_id, const StaffFilter& filter,
                             programmes::Call* call = nullptr);

 private:
  // Loads an application the actor may act on as its applicant.
  Result<ApplicationView> LoadOwn(db::Tx& tx, const RequestContext& ctx, const std::string& id);
  Result<ApplicationView> Finish(db::Tx& tx, const RequestContext& ctx, Application a, programmes::Call call);

  db::Database& db_;
  const audit::Trail& trail_;
  std::string public_url_;
  std::vector<WithdrawalHook> on_withdrawn_;
};

}  // namespace cohort::applications
