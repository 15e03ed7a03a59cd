#include "domain/certificates/service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/id.h"
#include "core/text.h"
#include "core/time_format.h"
#include "docs/certificate_pdf.h"
#include "domain/accounts/service.h"
#include "domain/certificates/credential.h"
#include "domain/certificates/store.h"
#include "domain/notifications/outbox.h"
#include "domain/organisations/service.h"
#include "domain/participants/policy.h"
#include "domain/participants/service.h"
#include "domain/programmes/service.h"
#include "i18n/catalog.h"

namespace cohort::certificates {
namespace {

using nlohmann::json;




// The intake, for staff of its organisation.
Result<programmes::Intake> ManagedIntake(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  if (!LooksLikeId(intake_id)) return Error::NotFound("no such intake");
  auto intake = programmes::FindIntake(tx, intake_id);
  if (!intake) return intake.error();
  if (!*intake) return Error::NotFound("no such intake");
  auto roles = organisations::StaffRoles(tx, ctx, (*intake)->organisation_id);
  if (!roles) return roles.error();
  if (ctx.actor.authenticated() && !ctx.actor.is_platform_admin && roles->empty()) {
    return Error::NotFound("no such intake");
  }
  if (auto d = participants::CanRunProgramme(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
  return std::move(**intake);
}

// The certificate, for its holder or staff of its organisation.
Result<Certificate> HeldOrManaged(db::Tx& tx, const RequestContext& ctx, const std::string& serial) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  auto c = store::BySerial(tx, serial);
  if (!c) return c.error();
  if (!*c) return Error::NotFound("no such certificate");
  if ((*c)->account_id == ctx.actor.account_id) return std::move(**c);
  auto roles = organisations::StaffRoles(tx, ctx, (*c)->organisation_id);
  if (!roles) return roles.error();
  if (!participants::CanRunProgramme(ctx.actor, *roles).allowed) return Error::NotFound("no such certificate");
  return std::move(**c);
}

std::vector<CompletionRow> Rows(const CompletionRules& rules, const std::vector<participants::Participant>& people,
                                const std::vector<participants::AttendanceShare>& shares,
                                const std::vector<participants::Rotation>& rotations,
                                const std::vector<participants::Evaluation>& evaluations,
                                const std::vector<FinalWork>& works, const std::vector<Certificate>& issued) {
  std::vector<CompletionRow> out;
  for (const auto& p : people) {
    if (p.state == "withdrawn") continue;
    CompletionRow row;
    row.participant_id = p.id;
    row.name = p.name;
    row.state = p.state;
    for (const auto& s : shares)
      if (s.participant_id == p.id) row.attendance = s.share;
    for (const auto& w : works)
      if (w.participant_id == p.id) row.final_work = w;
    for (const auto& c : issued)
      if (c.participant_id == p.id) row.certificate_serial = c.serial;
    for (const auto& r : rotations) {
      if (r.participant_id != p.id) continue;
      ++row.rotations;
      for (const auto& e : evaluations) {
        if (e.participant_id == p.id && e.period_id == r.period_id &&
            e.overall + 1e-9 >= static_cast<double>(rules.min_evaluation)) {
          ++row.evaluated;
        }
      }
    }
    if (row.attendance + 1e-9 < rules.min_attendance) row.unmet.push_back("attendance");
    if (rules.min_evaluation > 0 && row.evaluated < row.rotations) row.unmet.push_back("evaluations");
    if (rules.final_work_required && !(row.final_work && row.final_work->passed)) row.unmet.push_back("final_work");
    out.push_back(std::move(row));
  }
  return out;
}

struct Loaded {
  CompletionRules rules;
  std::vector<participants::Participant> people;
  std::vector<CompletionRow> rows;
};

Result<Loaded> LoadReport(db::Tx& tx, const RequestContext& ctx, const std::string& intake_id) {
  Loaded l;
  auto rules = store::Rules(tx, intake_id);
  if (!rules) return rules.error();
  l.rules = *rules;
  auto people = participants::ParticipantsOf(tx, intake_id);
  if (!people) return people.error();
  l.people = std::move(*people);
  auto shares = participants::AttendanceSharesOf(tx, intake_id, FormatUtc(ctx.clock.Now()));
  if (!shares) return shares.error();
  auto rotations = participants::RotationsOf(tx, intake_id);
  if (!rotations) return rotations.error();
  auto evaluations = participants::EvaluationsOfIntake(tx, intake_id);
  if (!evaluations) return evaluations.error();
  auto works = store::FinalWorksOf(tx, intake_id);
  if (!works) return works.error();
  auto issued = store::OfIntake(tx, intake_id);
  if (!issued) return issued.error();
  l.rows = Rows(l.rules, l.people, *shares, *rotations, *evaluations, *works, *issued);
  return l;
}

std::string Lang(const std::string& code) {
  return code == "en" || code == "ru" ? code : "az";
}

}  // namespace

std::string Service::VerifyUrl(const Certificate& c) const {
  return public_url_ + "/verify?c=" + Token(c.payload, [&] {
           std::string bytes;
           FromBase64Url(c.signature, bytes);
           return bytes;
         }());
}

Result<CompletionRules> Service::Rules(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<CompletionRules> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return store::Rules(tx, intake_id);
  });
}

Result<CompletionRules> Service::SaveRules(const RequestContext& ctx, const std::string& intake_id,
                                           CompletionRules rules) {
  return db_.Write([&](db::Tx& tx) -> Result<CompletionRules> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    std::vector<FieldError> errors;
    if (!(rules.min_attendance >= 0 && rules.min_attendance <= 1)) {
      errors.push_back({"min_attendance", "out_of_range", "a share from 0 to 1"});
    }
    if (rules.hours < 0 || rules.hours > 10000) errors.push_back({"hours", "out_of_range", "0 to 10,000"});
    if (rules.min_evaluation < 0 || rules.min_evaluation > 5) errors.push_back({"min_evaluation", "out_of_range", "0 to 5"});
    if (!errors.empty()) return Error::InvalidArgument("invalid completion rules", errors);
    rules.intake_id = intake_id;
    rules.stored = true;
    if (auto s = store::SaveRules(tx, rules, intake->organisation_id, FormatUtc(ctx.clock.Now())); !s) return s.error();
    if (auto a = trail_.Append(tx, ctx, {intake->organisation_id, "intake", intake_id, "completion_rules", "",
                                         json({{"min_attendance", rules.min_attendance},
                                               {"final_work_required", rules.final_work_required},
                                               {"min_evaluation", rules.min_evaluation},
                                               {"hours", rules.hours}}).dump()});
        !a) {
      return a.error();
    }
    return rules;
  });
}

Result<FinalWork> Service::SaveFinalWork(const RequestContext& ctx, const std::string& participant_id, FinalWork work) {
  return db_.Write([&](db::Tx& tx) -> Result<FinalWork> {
    if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
    if (!LooksLikeId(participant_id)) return Error::NotFound("no such participant");
    auto p = participants::FindParticipant(tx, participant_id);
    if (!p) return p.error();
    if (!*p) return Error::NotFound("no such participant");
    auto intake = ManagedIntake(tx, ctx, (*p)->intake_id);
    if (!intake) return intake.error().code() == ErrorCode::kNotFound ? Error::NotFound("no such participant") : intake.error();
    work.participant_id = participant_id;
    work.title = Trim(work.title);
    work.grade = Trim(work.grade);
    std::vector<FieldError> errors;
    if (work.title.empty()) errors.push_back({"title", "required", "the final work's title"});
    else if (CodePoints(work.title) > 300) errors.push_back({"title", "too_long", "at most 300 characters"});
    if (CodePoints(work.grade) > 40) errors.push_back({"grade", "too_long", "at most 40 characters"});
    if (!errors.empty()) return Error::InvalidArgument("invalid final work", errors);
    work.recorded_at = FormatUtc(ctx.clock.Now());
    if (auto s = store::SaveFinalWork(tx, work, ctx.actor.account_id); !s) return s.error();
    if (auto a = trail_.Append(tx, ctx, {(*p)->organisation_id, "participant", participant_id, "final_work", "",
                                         json({{"title", work.title}, {"grade", work.grade}, {"passed", work.passed}}).dump()});
        !a) {
      return a.error();
    }
    return work;
  });
}

Result<std::vector<CompletionRow>> Service::Report(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<CompletionRow>> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto loaded = LoadReport(tx, ctx, intake_id);
    if (!loaded) return loaded.error();
    return loaded->rows;
  });
}

Result<std::vector<CompletionRow>> Service::Confirm(const RequestContext& ctx, const std::string& intake_id,
                                                    const std::vector<std::string>& participant_ids) {
  auto confirmed = db_.Write([&](db::Tx& tx) -> Result<void> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    auto loaded = LoadReport(tx, ctx, intake_id);
    if (!loaded) return loaded.error();
    std::vector<FieldError> errors;
    for (std::size_t i = 0; i < participant_ids.size(); ++i) {
      const std::string at = "participant_ids[" + std::to_string(i) + "]";
      const auto row = std::find_if(loaded->rows.begin(), loaded->rows.end(),
                                    [&](const CompletionRow& r) { return r.participant_id == participant_ids[i]; });
      if (row == loaded->rows.end()) errors.push_back({at, "not_in_intake", "not a participant of this intake"});
      else if (row->state == "completed") errors.push_back({at, "already_completed", "completed already"});
      else if (!row->meets()) errors.push_back({at, "not_completed", "the completion rules are not met"});
    }
    if (participant_ids.empty()) errors.push_back({"participant_ids", "required", "whom to confirm"});
    if (!errors.empty()) return Error::InvalidArgument("cannot confirm completion", errors);

    auto programme = programmes::FindProgramme(tx, intake->programme_id);
    if (!programme) return programme.error();
    auto organisation = organisations::FindOrganisation(tx, intake->organisation_id);
    if (!organisation) return organisation.error();
    if (!*programme || !*organisation) return Error::Internal("intake without programme or organisation");
    auto count = store::CountOfIntake(tx, intake_id);
    if (!count) return count.error();
    const std::string now = FormatUtc(ctx.clock.Now());
    std::int64_t next = *count + 1;
    for (const auto& id : participant_ids) {
      auto p = participants::Complete(tx, ctx, trail_, id);
      if (!p) return p.error();
      Statement s;
      char number[24];
      std::snprintf(number, sizeof number, "%04lld", static_cast<long long>(next++));
      s.serial = (*organisation)->slug + "-" + (*programme)->code + "-" + intake->starts_on.substr(0, 4) + "-" + number;
      s.holder = p->name;
      s.programme = (*programme)->name;
      s.organisation = (*organisation)->name;
      s.intake = intake->name;
      s.from = intake->starts_on;
      s.to = intake->ends_on;
      s.hours = loaded->rules.hours;
      s.issued = now.substr(0, 10);
      Certificate c;
      c.id = NewId(ctx.clock.Now());
      c.serial = s.serial;
      c.participant_id = p->id;
      c.intake_id = intake_id;
      c.organisation_id = intake->organisation_id;
      c.account_id = p->account_id;
      c.payload = Payload(s);
      c.signature = Base64Url(signer_.Sign(c.payload));
      c.issued_at = now;
      c.statement = s;
      if (auto w = store::Insert(tx, c); !w) return w.error();
      if (auto a = trail_.Append(tx, ctx, {intake->organisation_id, "certificate", c.id, "issue", "",
                                           json({{"serial", c.serial}, {"participant_id", p->id}}).dump()});
          !a) {
        return a.error();
      }
      auto person = accounts::FindAccount(tx, p->account_id);
      if (!person) return person.error();
      if (*person) {
        notifications::Message m{(*person)->id, (*person)->email, (*person)->locale, "certificate_issued", {}, true};
        m.params = {{"name", (*person)->name},
                    {"programme", s.programme},
                    {"serial", s.serial},
                    {"link", public_url_ + "/certificates"}};
        if (auto e = notifications::Enqueue(tx, ctx.clock, m); !e) return e.error();
      }
    }
    return Ok();
  });
  if (!confirmed) return confirmed.error();
  return Report(ctx, intake_id);
}

Result<std::vector<Certificate>> Service::OfIntake(const RequestContext& ctx, const std::string& intake_id) {
  return db_.Read([&](db::Tx& tx) -> Result<std::vector<Certificate>> {
    auto intake = ManagedIntake(tx, ctx, intake_id);
    if (!intake) return intake.error();
    return store::OfIntake(tx, intake_id);
  });
}

Result<std::vector<Certificate>> Service::Mine(const RequestContext& ctx) {
  if (!ctx.actor.authenticated()) return Error::Unauthenticated("sign in first");
  return db_.Read([&](db::Tx& tx) { return store::OfAccount(tx, ctx.actor.account_id); });
}

Result<Certificate> Service::Revoke(const RequestContext& ctx, const std::string& serial, const std::string& reason_text) {
  return db_.Write([&](db::Tx& tx) -> Result<Certificate> {
    auto c = HeldOrManaged(tx, ctx, serial);
    if (!c) return c.error();
    auto roles = organisations::StaffRoles(tx, ctx, c->organisation_id);
    if (!roles) return roles.error();
    if (auto d = participants::CanRunProgramme(ctx.actor, *roles); !d.allowed) return Denied(ctx.actor, d);
    const std::string reason = Trim(reason_text);
    if (reason.empty()) return Error::InvalidArgument("invalid revocation", {{"reason", "required", "why it is revoked"}});
    if (CodePoints(reason) > 1000) {
      return Error::InvalidArgument("invalid revocation", {{"reason", "too_long", "at most 1,000 characters"}});
    }
    if (c->state != "valid") {
      return Error::FailedPrecondition("this certificate is revoked already").WithCode("already_revoked");
    }
    c->state = "revoked";
    c->revoked_at = FormatUtc(ctx.clock.Now());
    c->revoke_reason = reason;
    auto saved = store::Revoke(tx, *c);
    if (!saved) return saved.error();
    if (!*saved) return Error::FailedPrecondition("this certificate is revoked already").WithCode("already_revoked");
    if (auto a = trail_.Append(tx, ctx, {c->organisation_id, "certificate", c->id, "revoke", "",
                                         json({{"serial", c->serial}, {"reason", reason}}).dump()});
        !a) {
      return a.error();
    }
    return *c;
  });
}

Result<std::string> Service::Pdf(const RequestContext& ctx, const std::string& serial, const std::string& language) {
  auto c = db_.Read([&](db::Tx& tx) { return HeldOrManaged(tx, ctx, serial); });
  if (!c) return c.error();
  const auto& catalog = i18n::Catalog::Embedded();
  const auto lang = i18n::ParseLocale(Lang(language)).value_or(i18n::kDefaultLocale);
  const Statement& s = c->statement;
  docs::CertificateSheet sheet;
  sheet.organisation = s.organisation;
  sheet.heading = catalog.Text(lang, "certificate.heading");
  sheet.awarded_to = catalog.Text(lang, "certificate.awarded_to");
  sheet.holder = s.holder;
  sheet.statement = catalog.Text(lang, s.hours > 0 ? "certificate.statement_hours" : "certificate.statement",
                                 {{"programme", s.programme}, {"intake", s.intake}, {"from", s.from}, {"to", s.to},
                                  {"hours", std::to_string(s.hours)}});
  sheet.issued = catalog.Text(lang, "certificate.issued", {{"date", s.issued}});
  sheet.serial = catalog.Text(lang, "certificate.serial", {{"serial", s.serial}});
  sheet.verify_hint = catalog.Text(lang, "certificate.verify_hint", {{"url", public_url_ + "/verify"}});
  sheet.qr_text = VerifyUrl(*c);
  return docs::RenderCertificatePdf(sheet);
}

Result<json> Service::Badge(const RequestContext& ctx, const std::string& serial) {
  auto c = db_.Read([&](db::Tx& tx) { return HeldOrManaged(tx, ctx, serial); });
  if (!c) return c.error();
  return OpenBadge(*c, signer_, public_url_, c->issued_at);
}

Result<Verification> Service::VerifySerial(const RequestContext&, const std::string& serial) {
  return db_.Read([&](db::Tx& tx) -> Result<Verification> {
    Verification v;
    if (serial.empty() || serial.size() > 64) {
      v.status = "unknown";
      return v;
    }
    auto c = store::BySerial(tx, serial);
    if (!c) return c.error();
    if (!*c) {
      v.status = "unknown";
      return v;
    }
    std::string signature;
    v.signature_valid = FromBase64Url((*c)->signature, signature) && signer_.Verify((*c)->payload, signature);
    v.status = !v.signature_valid ? "tampered" : (*c)->state;
    v.statement = (*c)->statement;
    v.revoked_at = (*c)->revoked_at;
    v.revoke_reason = (*c)->revoke_reason;
    return v;
  });
}

Result<Verification> Service::VerifyToken(const RequestContext& ctx, const std::string& token) {
  Verification v;
  const auto parts = SplitToken(token);
  if (!parts) {
    v.status = "unknown";
    return v;
  }
  const auto& [payload, signature] = *parts;
  v.signature_valid = signer_.Verify(payload, signature);
  const auto statement = ParsePayload(payload);
  if (!v.signature_valid || !statement) {
    v.status = "tampered";
    if (statement) v.statement = statement;
    return v;
  }
  auto stored = VerifySerial(ctx, statement->serial);
  if (!stored) return stored.error();
  if (stored->status == "unknown") {
    // Signed by us, yet not in this database (e.g. a copy of another installation's key).
    v.status = "unknown";
    v.statement = statement;
    return v;
  }
  auto same = db_.Read([&](db::Tx& tx) -> Result<bool> {
    auto c = store::BySerial(tx, statement->serial);
    if (!c) return c.error();
    return *c && (*c)->payload == payload;
  });
  if (!same) return same.error();
  if (!*same) {
    v.status = "tampered";
    v.statement = statement;
    return v;
  }
  return *stored;
}

}  // namespace cohort::certificates
