#include "domain/applications/service.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/id.h"
#include "docs/file_type.h"
#include "core/time_format.h"
#include "domain/accounts/service.h"
#include "domain/applications/duplicates.h"
#include "domain/applications/policy.h"
#include "domain/applications/store.h"
#include "domain/applications/workflow.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/programmes/call_window.h"
#include "domain/programmes/eligibility.h"
#include "domain/programmes/form.h"
#include "domain/programmes/service.h"

namespace cohort::applications {
namespace {

using nlohmann::json;

json StateJson(const Application& a) {
  json j = {{"state", a.state}, {"version", a.version}, {"eligibility", a.eligibility_outcome}};
  if (a.reference) j["reference"] = *a.reference;
  return j;
}

constexpr std::size_t kMaxAnswersBytes = 512 * 1024;

Error NotOpen(const programmes::Call& call, const std::string& now) {
  const std::string state = programmes::CallState(call, now);
  if (state == "closed") return Error::FailedPrecondition("the call has closed");
  return Error::FailedPrecondition("the call is not open yet");
}

// Whether the applicant may act on the short-list form now: `action` is
// allowed from its state and its due date has not passed.
Result<void> SecondStageAllows(const Application& a, SecondStageAction action, const std::string& now) {
  if (a.state != "submitted") return Error::FailedPrecondition("only a submitted application has a short-list form");
  // Without an open short-list form, a submitted application is not edited at all.
  if (a.second_stage == "none" && action == SecondStageAction::kEdit) return Next(a.state, Action::kEdit).error();
  if (auto next = NextSecondStage(a.second_stage, action); !next) return next.error();
  if (a.second_stage_due_at && now >= *a.second_stage_due_at) {
    return Error::FailedPrecondition("the short-list form is past its due date")
        .WithCode("second_stage_closed");
  }
  return Ok();
}

// Answers may only go to the questions of the form's part being filled in:
// the application form (stage 1) in a draft, the short-list form (stage 2)
// once it is open. Errors at answers.<key>.
std::vector<FieldError> CheckStageOfKeys(const programmes::Form& form, const json& patch, int stage) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : patch.items()) {
    const programmes::Field* f = form.Find(key);
    if (f && !f->retired && f->stage != stage) {
      errors.push_back({"answers." + key, stage == 1 ? "second_stage_question" : "not_editable",
                        stage == 1 ? "a question of the short-list form, answered once short-listed"
                                   : "submitted answers of the application form do not change"});
    }
  }
  return errors;
}

// What rules and duplicate checks read: the answers to the application
// form's questions the applicant sees (not hidden, retired or on the
// short-list form), as checked at submission.
json CheckedAnswers(const programmes::Form& form, const json& answers) {
  json out = json::object();
  for (const auto& f : form.fields) {
    if (f.stage == 1 && programmes::IsVisible(form, f, answers) && answers.contains(f.key)) out[f.key] = answers[f.key];
  }
  return out;
}

// Every problem with the answers to one part of the form (1: the
// application form, 2: the short-list form) at submission: each answer
// checked, and each file answer naming a file uploaded to this application
// for that question.
Result<std::vector<FieldError>> SubmissionProblems(db::Tx& tx, const programmes::Form& form, const Application& a,
                                                   int stage) {
  auto errors = programmes::CheckForSubmission(form, a.answers, stage);
  for (const auto& f : form.fields) {
    if (f.type != programmes::FieldType::kFile || f.stage != stage || !programmes::IsVisible(form, f, a.answers) ||
        !a.answers.contains(f.key) || !a.answers[f.key].is_string()) {
      continue;
    }
    auto d = store::GetDocument(tx, a.answers[f.key].get<std::string>(), false);
    if (!d) return d.error();
    if (!*d || (*d)->first.application_id != a.id || (*d)->first.field_key != f.key) {
      errors.push_back({"answers." + f.key, "required", "upload the file"});
    }
  }
  return errors;
}

// Rule results as stored, to tell whether an evaluation changed anything.
json ResultsJson(const std::vector<programmes::RuleResult>& results) {
  json out = json::array();
  for (const auto& r : results) out.push_back(programmes::ToJson(r));
  return out;
}

std::string Reference(const std::string& prefix, std::int64_t n) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(n));
  return prefix + "-" + digits;
}

}  // namespace

Result<ApplicationView> Service::Finish(db::Tx& tx, const RequestContext&, Application a, programmes::Call call) {
  auto timeline = store::Timeline(tx, a.id);
  if (!timeline) return timeline.error();
  a.timeline = std::move(*timeline);
  std::string decider;
  if (a.screened_by) {
    auto account = accounts::FindAccount(tx, *a.screened_by);
    if (!account) return account.error();
    if (*account) decider = (*account)->name;
  }
  return ApplicationView{std::move(a), std::move(call), false, std::move(decider)};
}

Result<ApplicationView> Service::LoadOwn(db::Tx& tx, const RequestContext& ctx, const std::string& id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see your applications");
  if (!LooksLikeId(id)) return Error::NotFound("no such application");
  auto a = store::Get(tx, id);
  if (!a) return a.error();
  if (!*a || (*a)->applicant_id != ctx.actor.account_id) return Error::NotFound("no such application");
  auto call = programmes::FindCall(tx, (*a)->call_id);
  if (!call) return call.error();
  if (!*call) return Error::Internal("application without call: " + id);
  return ApplicationView{std::move(**a), std::move(**call), false, {}};
}

Result<std::optional<Application>> FindApplication(db::Tx& tx, const std::string& application_id) {
  if (!LooksLikeId(application_id)) return std::optional<Application>{};
  return store::Get(tx, application_id);
}

Result<bool> HoldSubmitted(db::Tx& tx, const std::string& application_id) {
  if (!LooksLikeId(application_id)) return false;
  return store::LockIfSubmitted(tx, application_id);
}

Result<std::optional<std::pair<Document, std::string>>> FindDocument(db::Tx& tx, const std::string& document_id,
                                                                     bool with_content) {
  if (!LooksLikeId(document_id)) return std::optional<std::pair<Document, std::string>>{};
  return store::GetDocument(tx, document_id, with_content);
}

Result<ApplicationView> Service::Start(const RequestContext& ctx, const std::string& call_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to apply");
  const auto now = ctx.clock.Now();
  const std::string now_text = FormatUtc(now);
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto call = programmes::FindCall(tx, call_id);
    if (!call) return call.error();
    if (!*call || !(*call)->settings->published) return Error::NotFound("no such call");
    auto existing = store::IdOf(tx, call_id, ctx.actor.account_id);
    if (!existing) return existing.error();
    if (*existing) {
      return Error::Conflict("you have already applied to this call")
          .WithCode("already_applied")
          .WithExtension("application_id", json(**existing).dump());
    }
    if (programmes::CallState(**call, now_text) != "open") return NotOpen(**call, now_text);
    Application a;
    a.id = NewId(now);
    a.call_id = call_id;
    a.organisation_id = (*call)->organisation_id;
    a.applicant_id = ctx.actor.account_id;
    a.state = "draft";
    a.created_at = a.updated_at = now_text;
    if (auto r = store::Insert(tx, a); !r) {
      // Two tabs starting at once: the unique index lets one win.
      if (r.error().code() == ErrorCode::kConflict) {
        return Error::Conflict("you have already applied to this call").WithCode("already_applied");
      }
      return r.error();
    }
    if (auto r = store::AddEvent(tx, a.id, now_text, "created", "", ctx.actor.account_id); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {a.organisation_id, "application", a.id, "create", "", StateJson(a).dump()}); !r) {
      return r.error();
    }
    return Finish(tx, ctx, std::move(a), std::move(**call));
  });
}

Result<ApplicationView> Service::Get(const RequestContext& ctx, const std::string& id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see applications");
  if (!LooksLikeId(id)) return Error::NotFound("no such application");
  // The applicant's own read (every page load) stays off the writer; a
  // staff read writes its audit row, so it runs as a write transaction.
  auto own = db_.Read([&](db::Tx& tx) -> Result<ApplicationView> {
    auto view = LoadOwn(tx, ctx, id);
    if (!view) return view.error();
    return Finish(tx, ctx, std::move(view->application), std::move(view->call));
  });
  if (own || own.error().code() != ErrorCode::kNotFound) return own;
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto a = store::Get(tx, id);
    if (!a) return a.error();
    if (!*a) return Error::NotFound("no such application");
    auto roles = organisations::StaffRoles(tx, ctx, (*a)->organisation_id);
    if (!roles) return roles.error();
    if (!CanReadApplications(ctx.actor, *roles).allowed) return Error::NotFound("no such application");
    if (auto r = trail_.Append(tx, ctx, {(*a)->organisation_id, "application", id, "read_personal_data", "", ""}); !r) {
      return r.error();
    }
    auto call = programmes::FindCall(tx, (*a)->call_id);
    if (!call) return call.error();
    if (!*call) return Error::Internal("application without call: " + id);
    auto view = Finish(tx, ctx, std::move(**a), std::move(**call));
    if (view) view->staff = true;
    return view;
  });
}

Result<ApplicationView> Service::Autosave(const RequestContext& ctx, const std::string& id, const json& patch,
                                          std::int64_t version) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto view = LoadOwn(tx, ctx, id);
    if (!view) return view.error();
    Application& a = view->application;
    // A draft's answers change while the call is open; a submitted
    // application's only on its open short-list form.
    const int stage = a.state == "submitted" ? 2 : 1;
    if (stage == 2) {
      if (auto r = SecondStageAllows(a, SecondStageAction::kEdit, now); !r) return r.error();
    } else {
      if (auto next = Next(a.state, Action::kEdit); !next) return next.error();
      if (programmes::CallState(view->call, now) != "open") return NotOpen(view->call, now);
    }
    auto errors = programmes::CheckShapes(view->call.settings->form, patch);
    auto misplaced = CheckStageOfKeys(view->call.settings->form, patch, stage);
    errors.insert(errors.end(), misplaced.begin(), misplaced.end());
    if (!errors.empty()) return Error::InvalidArgument("invalid answers", std::move(errors));
    if (version != a.version) {
      return Error::Conflict("someone saved this application in the meantime")
          .WithCode("stale_version")
          .WithExtension("current", json{{"answers", a.answers}, {"version", a.version}}.dump());
    }
    for (const auto& [key, value] : patch.items()) {
      if (value.is_null()) a.answers.erase(key);
      else a.answers[key] = value;
    }
    // Limits per answer are checked at submission; this one keeps any
    // draft small enough to save, read and export quickly.
    const std::string answers_text = a.answers.dump();
    if (answers_text.size() > kMaxAnswersBytes) {
      return Error::InvalidArgument("answers too large", {{"answers", "too_large", "at most 512 KiB of answers"}});
    }
    auto saved = store::SaveAnswers(tx, id, answers_text, version, now, a.state);
    if (!saved) return saved.error();
    if (!*saved) {
      // Another save won the race between our read and our write.
      auto current = store::Get(tx, id);
      if (!current) return current.error();
      json state = json::object();
      if (*current) state = {{"answers", (*current)->answers}, {"version", (*current)->version}};
      return Error::Conflict("someone saved this application in the meantime")
          .WithCode("stale_version")
          .WithExtension("current", state.dump());
    }
    a.version = version + 1;
    a.updated_at = now;
    return Finish(tx, ctx, std::move(a), std::move(view->call));
  });
}

Result<ApplicationView> Service::Submit(const RequestContext& ctx, const std::string& id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  // Checking and evaluating run on a reader, beside other requests; the
  // write transaction (one writer on SQLite) only numbers and saves, and
  // refuses when the application changed in between (its version).
  struct Checked {
    ApplicationView view;
    std::string next;
    std::optional<accounts::Account> applicant;
  };
  auto checked = db_.Read([&](db::Tx& tx) -> Result<Checked> {
    auto view = LoadOwn(tx, ctx, id);
    if (!view) return view.error();
    Application& a = view->application;
    const programmes::Call& call = view->call;
    auto next = Next(a.state, Action::kSubmit);
    if (!next) return next.error();
    // The deadline is the server's: the call's closing instant in UTC.
    if (programmes::CallState(call, now) != "open") return NotOpen(call, now);
    auto errors = SubmissionProblems(tx, call.settings->form, a, 1);
    if (!errors) return errors.error();
    if (!errors->empty()) return Error::InvalidArgument("the application is incomplete", std::move(*errors));
    const json checked_answers = CheckedAnswers(call.settings->form, a.answers);
    a.eligibility = programmes::Evaluate(call.settings->rules, checked_answers);
    a.eligibility_outcome = programmes::Outcome(a.eligibility);
    auto applicant = accounts::FindAccount(tx, a.applicant_id);
    if (!applicant) return applicant.error();
    if (*applicant) {
      const auto keys = KeysOf(call.settings->form, checked_answers, (*applicant)->name, (*applicant)->email);
      a.dedupe_phone = keys.phone;
      a.dedupe_name_birth = keys.name_birth;
      a.dedupe_email = keys.email;
    }
    return Checked{std::move(*view), *next, std::move(*applicant)};
  });
  if (!checked) return checked.error();
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    Application a = checked->view.application;
    const programmes::Call& call = checked->view.call;
    const json before = {{"state", a.state}, {"version", a.version}, {"eligibility", "pending"}};
    auto number = store::NextReference(tx, call.id);
    if (!number) return number.error();
    a.reference = Reference(call.reference_prefix, *number);
    const std::int64_t expected = a.version;
    a.state = checked->next;
    a.version += 1;
    a.submitted_at = now;
    a.updated_at = now;
    auto saved = store::SaveState(tx, a, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    if (auto r = store::AddEvent(tx, a.id, now, "submitted", *a.reference, ctx.actor.account_id); !r) return r.error();
    if (!call.settings->rules.empty()) {
      if (auto r = store::AddEvent(tx, a.id, now, "eligibility", a.eligibility_outcome, ""); !r) return r.error();
    }
    json after = StateJson(a);
    after["answers_version"] = expected;
    if (auto r = trail_.Append(tx, ctx, {a.organisation_id, "application", a.id, "submit", before.dump(), after.dump()}); !r) {
      return r.error();
    }
    if (checked->applicant) {
      const auto& person = *checked->applicant;
      notifications::Message receipt{person.id, person.email, person.locale, "application_received", {}, true};
      receipt.params = {{"name", person.name},
                        {"reference", *a.reference},
                        {"call", programmes::InLanguage(call.settings->title, person.locale)},
                        {"submitted_at", programmes::UtcToLocal(now, call.settings->time_zone) + " (" +
                                             call.settings->time_zone + ")"},
                        {"link", public_url_ + "/application?id=" + a.id}};
      if (auto r = notifications::Enqueue(tx, ctx.clock, receipt); !r) return r.error();
    }
    return Finish(tx, ctx, std::move(a), call);
  });
}

Result<ApplicationView> Service::SubmitSecondStage(const RequestContext& ctx, const std::string& id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto view = LoadOwn(tx, ctx, id);
    if (!view) return view.error();
    Application& a = view->application;
    const programmes::Form& form = view->call.settings->form;
    if (auto r = SecondStageAllows(a, SecondStageAction::kSubmit, now); !r) return r.error();
    auto errors = SubmissionProblems(tx, form, a, 2);
    if (!errors) return errors.error();
    if (!errors->empty()) return Error::InvalidArgument("the short-list form is incomplete", std::move(*errors));
    const json before = {{"second_stage", a.second_stage}, {"version", a.version}};
    const std::int64_t expected = a.version;
    a.second_stage = *NextSecondStage(a.second_stage, SecondStageAction::kSubmit);
    a.second_stage_submitted_at = now;
    a.version += 1;
    a.updated_at = now;
    auto saved = store::SaveState(tx, a, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    if (auto r = store::AddEvent(tx, a.id, now, "second_stage_submitted", "", ctx.actor.account_id); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {a.organisation_id, "application", a.id, "submit_second_stage", before.dump(),
                                         json({{"second_stage", a.second_stage}, {"answers_version", expected}}).dump()});
        !r) {
      return r.error();
    }
    return Finish(tx, ctx, std::move(a), std::move(view->call));
  });
}

Result<std::int64_t> OpenSecondStage(db::Tx& tx, const RequestContext& ctx, const audit::Trail& trail,
                                     const std::vector<std::string>& application_ids, const std::string& public_url) {
  const std::string now = FormatUtc(ctx.clock.Now());
  std::int64_t opened = 0;
  std::optional<programmes::Call> call;  // short lists are of one call; read it once
  for (const auto& id : application_ids) {
    auto found = store::Get(tx, id);
    if (!found) return found.error();
    if (!*found) continue;
    Application& a = **found;
    if (a.state != "submitted" || !NextSecondStage(a.second_stage, SecondStageAction::kOpen)) continue;
    if (!call || call->id != a.call_id) {
      auto c = programmes::FindCall(tx, a.call_id);
      if (!c) return c.error();
      if (!*c) return Error::Internal("application without call: " + id);
      call = std::move(**c);
    }
    if (!call->settings->form.HasSecondStage()) return opened;
    const std::int64_t expected = a.version;
    a.second_stage = "open";
    a.second_stage_due_at = FormatUtc(ctx.clock.Now() + std::chrono::hours(24 * call->settings->form.second_stage_days));
    a.version += 1;
    a.updated_at = now;
    auto saved = store::SaveState(tx, a, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    if (auto r = store::AddEvent(tx, a.id, now, "second_stage_opened", *a.second_stage_due_at, ""); !r) return r.error();
    if (auto r = trail.Append(tx, ctx, {a.organisation_id, "application", a.id, "open_second_stage", "",
                                        json({{"due_at", *a.second_stage_due_at}}).dump()});
        !r) {
      return r.error();
    }
    auto person = accounts::FindAccount(tx, a.applicant_id);
    if (!person) return person.error();
    if (*person) {
      notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "application_second_stage", {}, true};
      m.params = {{"name", (*person)->name},
                  {"reference", a.reference.value_or("")},
                  {"call", programmes::InLanguage(call->settings->title, (*person)->locale)},
                  {"due", programmes::UtcToLocal(*a.second_stage_due_at, call->settings->time_zone) + " (" +
                              call->settings->time_zone + ")"},
                  {"link", public_url + "/application?id=" + a.id}};
      if (auto r = notifications::Enqueue(tx, ctx.clock, m); !r) return r.error();
    }
    ++opened;
  }
  return opened;
}

Result<ApplicationView> Service::Withdraw(const RequestContext& ctx, const std::string& id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto view = LoadOwn(tx, ctx, id);
    if (!view) return view.error();
    Application& a = view->application;
    auto next = Next(a.state, Action::kWithdraw);
    if (!next) return next.error();
    const json before = StateJson(a);
    const std::int64_t expected = a.version;
    a.state = *next;
    a.version += 1;
    a.withdrawn_at = now;
    a.updated_at = now;
    auto saved = store::SaveState(tx, a, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    if (auto r = store::AddEvent(tx, a.id, now, "withdrawn", "", ctx.actor.account_id); !r) return r.error();
    if (auto r = trail_.Append(tx, ctx, {a.organisation_id, "application", a.id, "withdraw", before.dump(),
                                         StateJson(a).dump()});
        !r) {
      return r.error();
    }
    for (const auto& hook : on_withdrawn_) {
      if (auto r = hook(tx, ctx, a); !r) return r.error();
    }
    return Finish(tx, ctx, std::move(a), std::move(view->call));
  });
}

namespace {

constexpr std::int64_t kMaxUploadBytes = 10 * 1024 * 1024;

// The name as given, with invalid UTF-8 and control characters replaced and
// cut to at most 200 bytes at a character boundary.
std::string SafeFileName(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= name.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(name[i + k]) & 0xC0) == 0x80;
    std::string piece = ok ? name.substr(i, len) : "_";
    if (ok && len == 1 && (c < 0x20 || c == 0x7F)) piece = "_";
    if (out.size() + piece.size() > 200) break;
    out += piece;
    i += ok ? len : 1;
  }
  return out.empty() ? "file" : out;
}

std::string Extension(const std::string& name) {
  const auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string ext = name.substr(dot + 1);
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "jpg" ? "jpeg" : ext;
}

}  // namespace

Result<std::pair<Document, ApplicationView>> Service::Upload(const RequestContext& ctx, const std::string& application_id,
                                                             const std::string& field_key, const std::string& file_name,
                                                             std::string_view bytes) {
  const std::string now = FormatUtc(ctx.clock.Now());
  // Sniffed before the transaction: libmagic takes a while on big files.
  const std::string kind = docs::SniffUpload(bytes);
  return db_.Write([&](db::Tx& tx) -> Result<std::pair<Document, ApplicationView>> {
    auto view = LoadOwn(tx, ctx, application_id);
    if (!view) return view.error();
    Application& a = view->application;
    const int stage = a.state == "submitted" ? 2 : 1;
    if (stage == 2) {
      if (auto r = SecondStageAllows(a, SecondStageAction::kEdit, now); !r) return r.error();
    } else {
      if (auto next = Next(a.state, Action::kEdit); !next) return next.error();
      if (programmes::CallState(view->call, now) != "open") return NotOpen(view->call, now);
    }
    const programmes::Field* field = view->call.settings->form.Find(field_key);
    if (!field || field->retired) return Error::InvalidArgument("unknown field", {{"field", "unknown_field", "a file question of this form"}});
    if (field->stage != stage) {
      return Error::InvalidArgument("not a question of this part", {{"field", stage == 1 ? "second_stage_question" : "not_editable",
                                                                     "a question of the part being filled in"}});
    }
    if (field->type != programmes::FieldType::kFile) {
      return Error::InvalidArgument("not a file question", {{"field", "wrong_field_type", "a file question"}});
    }
    const std::int64_t limit = std::min(field->max_bytes.value_or(kMaxUploadBytes), kMaxUploadBytes);
    std::vector<FieldError> errors;
    if (bytes.empty()) errors.push_back({"file", "required", "a file"});
    else if (static_cast<std::int64_t>(bytes.size()) > limit) errors.push_back({"file", "too_large", "at most " + std::to_string(limit) + " bytes"});
    else if (kind.empty()) errors.push_back({"file", "unsupported_file_type", "a PDF, DOCX, JPEG or PNG file"});
    else {
      const bool accepted = field->accept.empty() ||
                            std::any_of(field->accept.begin(), field->accept.end(), [&](const std::string& t) {
                              return (t == "jpg" ? "jpeg" : t) == kind;
                            });
      if (!accepted || Extension(file_name) != kind) {
        errors.push_back({"file", "type_mismatch", "the file's content is " + kind});
      }
    }
    if (!errors.empty()) return Error::InvalidArgument("invalid file", std::move(errors));
    Document d{NewId(ctx.clock.Now()), a.id, a.organisation_id, field_key, SafeFileName(file_name), kind,
               static_cast<std::int64_t>(bytes.size()), now};
    // A new file replaces the question's previous one: a draft keeps one
    // file per question, so repeated uploads cannot pile up.
    if (auto r = store::DeleteDraftDocuments(tx, a.id, field_key); !r) return r.error();
    if (auto r = store::InsertDocument(tx, d, bytes, ctx.actor.account_id); !r) return r.error();
    a.answers[field_key] = d.id;
    auto saved = store::SaveAnswers(tx, a.id, a.answers.dump(), a.version, now, a.state);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    a.version += 1;
    a.updated_at = now;
    auto finished = Finish(tx, ctx, std::move(a), std::move(view->call));
    if (!finished) return finished.error();
    return std::pair{std::move(d), std::move(*finished)};
  });
}

Result<std::pair<Document, std::string>> Service::Download(const RequestContext& ctx, const std::string& document_id) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see applications");
  if (!LooksLikeId(document_id)) return Error::NotFound("no such document");
  return db_.Write([&](db::Tx& tx) -> Result<std::pair<Document, std::string>> {
    auto meta = store::GetDocument(tx, document_id, false);
    if (!meta) return meta.error();
    if (!*meta) return Error::NotFound("no such document");
    const Document& d = (*meta)->first;
    auto a = store::Get(tx, d.application_id);
    if (!a) return a.error();
    if (!*a) return Error::NotFound("no such document");
    if ((*a)->applicant_id != ctx.actor.account_id) {
      auto roles = organisations::StaffRoles(tx, ctx, d.organisation_id);
      if (!roles) return roles.error();
      if (!CanReadApplications(ctx.actor, *roles).allowed) return Error::NotFound("no such document");
      if (auto r = trail_.Append(tx, ctx, {d.organisation_id, "document", d.id, "read_personal_data", "", ""}); !r) {
        return r.error();
      }
    }
    auto full = store::GetDocument(tx, document_id, true);
    if (!full) return full.error();
    return std::move(**full);
  });
}

Result<std::vector<ApplicationView>> Service::Mine(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see your applications");
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<ApplicationView>> {
    auto list = store::OfApplicant(tx, ctx.actor.account_id);
    if (!list) return list.error();
    std::vector<ApplicationView> out;
    for (auto& a : *list) {
      auto call = programmes::FindCall(tx, a.call_id);
      if (!call) return call.error();
      if (!*call) continue;
      out.push_back({std::move(a), std::move(**call), false, {}});
    }
    return out;
  });
}

Result<ApplicationView> Service::Screen(const RequestContext& ctx, const std::string& id, const std::string& decision,
                                       const std::string& reason) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in to see applications");
  if (!LooksLikeId(id)) return Error::NotFound("no such application");
  std::vector<FieldError> errors;
  if (decision != "eligible" && decision != "ineligible") errors.push_back({"decision", "not_an_option", "eligible or ineligible"});
  if (reason.empty()) errors.push_back({"reason", "required", "say why"});
  else if (reason.size() > 2000) errors.push_back({"reason", "too_long", "at most 2000 bytes"});
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<ApplicationView> {
    auto a = store::Get(tx, id);
    if (!a) return a.error();
    if (!*a) return Error::NotFound("no such application");
    auto roles = organisations::StaffRoles(tx, ctx, (*a)->organisation_id);
    if (!roles) return roles.error();
    if (!CanReadApplications(ctx.actor, *roles).allowed) return Error::NotFound("no such application");
    if (!errors.empty()) return Error::InvalidArgument("invalid screening", errors);
    Application& app = **a;
    if (app.state != "submitted") return Error::FailedPrecondition("only a submitted application can be screened");
    const json before = {{"outcome", app.EffectiveOutcome()}, {"decision", app.screening_decision ? json(*app.screening_decision) : json()}};
    const std::int64_t expected = app.version;
    app.screening_decision = decision;
    app.screening_reason = reason;
    app.screened_by = ctx.actor.account_id;
    app.screened_at = now;
    app.version += 1;
    app.updated_at = now;
    auto saved = store::SaveState(tx, app, expected);
    if (!saved) return saved.error();
    if (!*saved) return Error::Conflict("someone saved this application in the meantime").WithCode("stale_version");
    if (auto r = store::AddEvent(tx, app.id, now, "screened", decision, ctx.actor.account_id); !r) return r.error();
    const json after = {{"outcome", decision}, {"decision", decision}, {"reason", reason}};
    if (auto r = trail_.Append(tx, ctx, {app.organisation_id, "application", app.id, "screen", before.dump(), after.dump()}); !r) {
      return r.error();
    }
    auto call = programmes::FindCall(tx, app.call_id);
    if (!call) return call.error();
    auto view = Finish(tx, ctx, std::move(app), std::move(**call));
    if (view) view->staff = true;
    return view;
  });
}

Result<EvaluationSummary> Service::Reevaluate(const RequestContext& ctx, const std::string& intake_id) {
  const std::string now = FormatUtc(ctx.clock.Now());
  return db_.Write([&](db::Tx& tx) -> Result<EvaluationSummary> {
    auto intake = programmes::FindIntake(tx, intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such intake");
    auto roles = organisations::StaffRoles(tx, ctx, (*intake)->organisation_id);
    if (!roles) return roles.error();
    if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) return Error::NotFound("no such intake");
    if (auto d = CanReadApplications(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    auto call = programmes::FindCallOfIntake(tx, intake_id);
    if (!call) return call.error();
    EvaluationSummary summary;
    if (!*call) return summary;
    auto list = store::SubmittedOfCall(tx, (*call)->id);
    if (!list) return list.error();
    for (auto& a : *list) {
      const json before = ResultsJson(a.eligibility);
      a.eligibility = programmes::Evaluate((*call)->settings->rules, CheckedAnswers((*call)->settings->form, a.answers));
      const std::string outcome = programmes::Outcome(a.eligibility);
      ++summary.evaluated;
      if (outcome == "eligible") ++summary.eligible;
      else if (outcome == "ineligible") ++summary.ineligible;
      else ++summary.review;
      const bool changed = outcome != a.eligibility_outcome;
      // Unchanged results are not saved: the version stays, so an applicant
      // answering the short-list form meanwhile is not told of a conflict.
      if (!changed && ResultsJson(a.eligibility) == before) continue;
      a.eligibility_outcome = outcome;
      const std::int64_t expected = a.version;
      a.version += 1;
      a.updated_at = now;
      auto saved = store::SaveState(tx, a, expected);
      if (!saved) return saved.error();
      if (!*saved) return Error::Conflict("someone saved this application in the meantime");
      if (changed) {
        ++summary.changed;
        if (auto r = store::AddEvent(tx, a.id, now, "eligibility", outcome, ctx.actor.account_id); !r) return r.error();
      }
    }
    const json what = {{"evaluated", summary.evaluated}, {"changed", summary.changed}, {"eligible", summary.eligible},
                       {"ineligible", summary.ineligible}, {"review", summary.review}};
    if (auto r = trail_.Append(tx, ctx, {(*intake)->organisation_id, "intake", intake_id, "evaluate_eligibility", "",
                                         what.dump()});
        !r) {
      return r.error();
    }
    return summary;
  });
}

Result<StaffPage> Service::OfIntake(const RequestContext& ctx, const std::string& intake_id, const StaffFilter& filter,
                                    programmes::Call* call_out) {
  std::vector<FieldError> errors;
  if (filter.limit < 1 || filter.limit > 200) errors.push_back({"limit", "out_of_range", "between 1 and 200"});
  if (!filter.state.empty() && filter.state != "draft" && filter.state != "submitted" && filter.state != "withdrawn") {
    errors.push_back({"state", "not_an_option", "draft, submitted or withdrawn"});
  }
  if (!filter.eligibility.empty() && filter.eligibility != "pending" && filter.eligibility != "eligible" &&
      filter.eligibility != "ineligible" && filter.eligibility != "review") {
    errors.push_back({"eligibility", "not_an_option", "pending, eligible, ineligible or review"});
  }
  if (!filter.after.empty() && !LooksLikeId(filter.after)) errors.push_back({"cursor", "invalid_cursor", "not a cursor"});
  if (filter.query.size() > 200) errors.push_back({"q", "too_long", "at most 200 bytes"});
  return db_.Write([&](db::Tx& tx) -> Result<StaffPage> {
    auto intake = programmes::FindIntake(tx, intake_id);
    if (!intake) return intake.error();
    if (!*intake) return Error::NotFound("no such intake");
    auto roles = organisations::StaffRoles(tx, ctx, (*intake)->organisation_id);
    if (!roles) return roles.error();
    if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
      return Error::NotFound("no such intake");
    }
    if (auto d = CanReadApplications(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    if (!errors.empty()) return Error::InvalidArgument("invalid filter", errors);
    auto call = programmes::FindCallOfIntake(tx, intake_id);
    if (!call) return call.error();
    if (!*call) return StaffPage{};
    auto page = store::OfCall(tx, (*intake)->organisation_id, (*call)->id, filter);
    if (!page) return page.error();
    if (call_out) *call_out = **call;
    json what = {{"list", filter.with_answers ? "applications_export" : "applications"},
                 {"intake_id", intake_id},
                 {"rows", page->items.size()}};
    if (auto r = trail_.Append(tx, ctx, {(*intake)->organisation_id, "intake", intake_id, "read_personal_data", "",
                                         what.dump()});
        !r) {
      return r.error();
    }
    return page;
  });
}

}  // namespace cohort::applications
