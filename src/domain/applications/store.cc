#include "domain/applications/store.h"

#include <cctype>

#include "core/base64.h"
#include "core/id.h"
#include "core/time_format.h"

namespace cohort::applications::store {
namespace {

using db::P;
using nlohmann::json;

using db::Done;

constexpr const char* kColumns =
    "id, call_id, organisation_id, applicant_id, state, answers, version, reference, eligibility_outcome, "
    "eligibility, created_at, updated_at, submitted_at, withdrawn_at, screening_decision, screening_reason, "
    "screened_by, screened_at, dedupe_phone, dedupe_name_birth, dedupe_email, second_stage, second_stage_due_at, "
    "second_stage_submitted_at";

Result<Application> FromRow(const db::Row& r) {
  Application a;
  a.id = r.Text(0);
  a.call_id = r.Text(1);
  a.organisation_id = r.Text(2);
  a.applicant_id = r.Text(3);
  a.state = r.Text(4);
  a.answers = json::parse(r.Text(5), nullptr, false);
  if (a.answers.is_discarded() || !a.answers.is_object()) return Error::Internal("stored answers are not an object: " + a.id);
  a.version = r.Int(6);
  a.reference = r.OptText(7);
  a.eligibility_outcome = r.Text(8);
  const json results = json::parse(r.Text(9), nullptr, false);
  if (results.is_array()) {
    for (const auto& j : results) a.eligibility.push_back(programmes::RuleResultFromJson(j));
  }
  a.created_at = r.Text(10);
  a.updated_at = r.Text(11);
  a.submitted_at = r.OptText(12);
  a.withdrawn_at = r.OptText(13);
  a.screening_decision = r.OptText(14);
  a.screening_reason = r.OptText(15);
  a.screened_by = r.OptText(16);
  a.screened_at = r.OptText(17);
  a.dedupe_phone = r.OptText(18);
  a.dedupe_name_birth = r.OptText(19);
  a.dedupe_email = r.OptText(20);
  a.second_stage = r.Text(21);
  a.second_stage_due_at = r.OptText(22);
  a.second_stage_submitted_at = r.OptText(23);
  return a;
}

std::string EligibilityJson(const Application& a) {
  json out = json::array();
  for (const auto& r : a.eligibility) out.push_back(programmes::ToJson(r));
  return out.dump();
}

}  // namespace

Result<void> Insert(db::Tx& tx, const Application& a) {
  return Done(tx.Exec(
      "INSERT INTO applications (id, call_id, organisation_id, applicant_id, state, answers, version, created_at, "
      "updated_at) VALUES (:id, :call, :org, :applicant, :state, :answers, :version, :now, :now)",
      {P("id", a.id), P("call", a.call_id), P("org", a.organisation_id), P("applicant", a.applicant_id),
       P("state", a.state), P("answers", a.answers.dump()), P("version", a.version), P("now", a.created_at)}));
}

Result<std::optional<Application>> Get(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string("SELECT ") + kColumns + " FROM applications WHERE id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Application>{};
  auto a = FromRow(**row);
  if (!a) return a.error();
  return std::optional<Application>{std::move(*a)};
}

Result<std::optional<std::string>> IdOf(db::Tx& tx, const std::string& call_id, const std::string& applicant_id) {
  auto row = tx.QueryOne("SELECT id FROM applications WHERE call_id = :call AND applicant_id = :applicant",
                         {P("call", call_id), P("applicant", applicant_id)});
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{(*row)->Text(0)};
}

Result<std::vector<TimelineEntry>> Timeline(db::Tx& tx, const std::string& application_id) {
  auto rows = tx.Query("SELECT at, event, note FROM application_events WHERE application_id = :id ORDER BY seq",
                       {P("id", application_id)});
  if (!rows) return rows.error();
  std::vector<TimelineEntry> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2)});
  return out;
}

Result<void> AddEvent(db::Tx& tx, const std::string& application_id, const std::string& at, const std::string& event,
                      const std::string& note, const std::string& actor_id) {
  auto t = ParseRfc3339(at);
  return Done(tx.Exec(
      "INSERT INTO application_events (id, application_id, seq, at, event, note, actor_id) "
      "VALUES (:id, :application, (SELECT coalesce(max(seq), 0) + 1 FROM application_events "
      "WHERE application_id = :application), :at, :event, :note, :actor)",
      {P("id", NewId(t.value_or(TimePoint{}))), P("application", application_id), P("at", at), P("event", event),
       P("note", note), P("actor", actor_id.empty() ? std::optional<std::string>{} : std::optional<std::string>{actor_id})}));
}

Result<bool> SaveAnswers(db::Tx& tx, const std::string& id, const std::string& answers_json,
                         std::int64_t expected_version, const std::string& now, const std::string& state) {
  auto n = tx.Exec(
      "UPDATE applications SET answers = :answers, version = version + 1, updated_at = :now "
      "WHERE id = :id AND version = :version AND state = :state",
      {P("answers", answers_json), P("now", now), P("id", id), P("version", expected_version), P("state", state)});
  if (!n) return n.error();
  return *n == 1;
}

Result<bool> SaveState(db::Tx& tx, const Application& a, std::int64_t expected_version) {
  auto n = tx.Exec(
      "UPDATE applications SET state = :state, version = :new_version, reference = :reference, "
      "eligibility_outcome = :outcome, eligibility = :eligibility, updated_at = :now, submitted_at = :submitted, "
      "withdrawn_at = :withdrawn, screening_decision = :decision, screening_reason = :reason, screened_by = :by, "
      "screened_at = :screened_at, dedupe_phone = :phone, dedupe_name_birth = :name_birth, dedupe_email = :email, "
      "second_stage = :second_stage, second_stage_due_at = :second_due, second_stage_submitted_at = :second_submitted "
      "WHERE id = :id AND version = :version",
      {P("state", a.state), P("new_version", a.version), P("reference", a.reference), P("outcome", a.eligibility_outcome),
       P("eligibility", EligibilityJson(a)), P("now", a.updated_at), P("submitted", a.submitted_at),
       P("withdrawn", a.withdrawn_at), P("decision", a.screening_decision), P("reason", a.screening_reason),
       P("by", a.screened_by), P("screened_at", a.screened_at), P("phone", a.dedupe_phone),
       P("name_birth", a.dedupe_name_birth), P("email", a.dedupe_email), P("second_stage", a.second_stage),
       P("second_due", a.second_stage_due_at), P("second_submitted", a.second_stage_submitted_at), P("id", a.id),
       P("version", expected_version)});
  if (!n) return n.error();
  return *n == 1;
}

Result<bool> LockIfSubmitted(db::Tx& tx, const std::string& id) {
  // A write that changes nothing: PostgreSQL holds the row until the end of
  // the transaction (SQLite has one writer at a time anyway).
  auto n = tx.Exec("UPDATE applications SET version = version WHERE id = :id AND state = 'submitted'", {P("id", id)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::int64_t> NextReference(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Query("UPDATE calls SET last_reference = last_reference + 1 WHERE id = :id RETURNING last_reference",
                       {P("id", call_id)});
  if (!rows) return rows.error();
  if (rows->empty()) return Error::Internal("no call " + call_id);
  return (*rows)[0].Int(0);
}

Result<void> DeleteDraftDocuments(db::Tx& tx, const std::string& application_id, const std::string& field_key) {
  return Done(tx.Exec("DELETE FROM documents WHERE application_id = :application AND field_key = :field AND "
                      "EXISTS (SELECT 1 FROM applications WHERE id = :application AND "
                      "(state = 'draft' OR (state = 'submitted' AND second_stage = 'open')))",
                      {P("application", application_id), P("field", field_key)}));
}

Result<void> InsertDocument(db::Tx& tx, const Document& d, std::string_view bytes, const std::string& uploaded_by) {
  return Done(tx.Exec(
      "INSERT INTO documents (id, application_id, organisation_id, field_key, file_name, kind, size_bytes, content, "
      "uploaded_by, created_at) VALUES (:id, :application, :org, :field, :name, :kind, :size, :content, :by, :now)",
      {P("id", d.id), P("application", d.application_id), P("org", d.organisation_id), P("field", d.field_key),
       P("name", d.file_name), P("kind", d.kind), P("size", d.size_bytes), P("content", Base64Encode(bytes)),
       P("by", uploaded_by), P("now", d.created_at)}));
}

Result<std::optional<std::pair<Document, std::string>>> GetDocument(db::Tx& tx, const std::string& id, bool with_content) {
  auto row = tx.QueryOne(std::string("SELECT id, application_id, organisation_id, field_key, file_name, kind, size_bytes, "
                                     "created_at, ") +
                             (with_content ? "content" : "''") + " FROM documents WHERE id = :id",
                         {P("id", id)});
  if (!row) return row.error();
  using Out = std::optional<std::pair<Document, std::string>>;
  if (!*row) return Out{};
  const auto& r = **row;
  Document d{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6), r.Text(7)};
  std::string bytes;
  if (with_content) {
    auto decoded = Base64Decode(r.Text(8));
    if (!decoded) return Error::Internal("stored document is not base64: " + id);
    bytes = std::move(*decoded);
  }
  return Out{std::pair{std::move(d), std::move(bytes)}};
}

Result<std::vector<Application>> OfApplicant(db::Tx& tx, const std::string& applicant_id) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns +
                           " FROM applications WHERE applicant_id = :applicant ORDER BY created_at DESC, id DESC",
                       {P("applicant", applicant_id)});
  if (!rows) return rows.error();
  std::vector<Application> out;
  for (const auto& r : *rows) {
    auto a = FromRow(r);
    if (!a) return a.error();
    out.push_back(std::move(*a));
  }
  return out;
}

// Another submitted application of the same call shares a key with `a`.
constexpr const char* kDuplicate =
    "EXISTS (SELECT 1 FROM applications d WHERE d.call_id = a.call_id AND d.id <> a.id AND d.state = 'submitted' AND "
    "((d.dedupe_phone = a.dedupe_phone) OR (d.dedupe_name_birth = a.dedupe_name_birth) OR "
    "(d.dedupe_email = a.dedupe_email)))";

Result<std::vector<Application>> SubmittedOfCall(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Query(std::string("SELECT ") + kColumns + " FROM applications WHERE call_id = :call AND state = 'submitted'",
                       {P("call", call_id)});
  if (!rows) return rows.error();
  std::vector<Application> out;
  for (const auto& r : *rows) {
    auto a = FromRow(r);
    if (!a) return a.error();
    out.push_back(std::move(*a));
  }
  return out;
}

Result<StaffPage> OfCall(db::Tx& tx, const std::string& organisation_id, const std::string& call_id,
                         const StaffFilter& filter) {
  std::string where = " FROM applications a JOIN accounts p ON p.id = a.applicant_id "
                      "WHERE a.organisation_id = :org AND a.call_id = :call";
  db::Params params = {P("org", organisation_id), P("call", call_id)};
  if (filter.state.empty()) {
    where += " AND a.state <> 'draft'";
  } else {
    where += " AND a.state = :state";
    params.push_back(P("state", filter.state));
  }
  if (!filter.eligibility.empty()) {
    where += " AND coalesce(a.screening_decision, a.eligibility_outcome) = :eligibility";
    params.push_back(P("eligibility", filter.eligibility));
  }
  if (filter.duplicates_only) where += std::string(" AND ") + kDuplicate;
  if (!filter.query.empty()) {
    // LIKE with the wildcards of the query escaped; lower() is ASCII-only
    // on SQLite, so names match in the case they were typed beyond ASCII.
    std::string pattern = "%";
    for (char c : filter.query) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    pattern += "%";
    where += " AND (lower(p.name) LIKE :q ESCAPE '\\' OR p.email LIKE :q ESCAPE '\\' OR lower(a.reference) LIKE :q ESCAPE '\\')";
    params.push_back(P("q", pattern));
  }
  StaffPage page;
  auto total = tx.QueryOne("SELECT count(*)" + where, params);
  if (!total) return total.error();
  page.total = (*total)->Int(0);
  std::string sql = "SELECT a.id, a.reference, a.state, coalesce(a.screening_decision, a.eligibility_outcome), p.id, "
                    "p.name, p.email, a.submitted_at, a.updated_at, " +
                    std::string(filter.with_answers ? "a.answers" : "NULL") +
                    ", CASE WHEN a.screening_decision IS NULL THEN 0 ELSE 1 END, CASE WHEN " + kDuplicate +
                    " THEN 1 ELSE 0 END" + where;
  if (!filter.after.empty()) {
    sql += " AND a.id > :after";
    params.push_back(P("after", filter.after));
  }
  sql += filter.with_answers ? " ORDER BY a.reference, a.id" : " ORDER BY a.id LIMIT :limit";
  if (!filter.with_answers) params.push_back(P("limit", filter.limit + 1));
  auto rows = tx.Query(sql, params);
  if (!rows) return rows.error();
  for (const auto& r : *rows) {
    page.items.push_back({r.Text(0), r.OptText(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                          r.OptText(7), r.Text(8), filter.with_answers ? json::parse(r.Text(9), nullptr, false) : json(),
                          r.Int(10) == 1, r.Int(11) == 1});
  }
  if (!filter.with_answers && page.items.size() > static_cast<std::size_t>(filter.limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

}  // namespace cohort::applications::store
