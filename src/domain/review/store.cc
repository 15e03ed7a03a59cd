#include "domain/review/store.h"

#include "core/log.h"
#include "domain/programmes/form.h"
#include "domain/review/settings.h"

namespace cohort::review::store {
namespace {

using db::P;
using nlohmann::json;

using db::Done;

constexpr const char* kStageSelect =
    "SELECT s.id, s.call_id, c.intake_id, s.organisation_id, s.position, s.kind, s.settings, s.version, s.updated_at, "
    "(SELECT count(*) FROM stage_entries e WHERE e.stage_id = s.id), "
    "(SELECT count(*) FROM reviews r WHERE r.stage_id = s.id AND r.state IN ('assigned', 'draft')), "
    "(SELECT count(*) FROM reviews r WHERE r.stage_id = s.id AND r.state = 'submitted'), "
    "(SELECT count(*) FROM reviews r WHERE r.stage_id = s.id AND r.state = 'conflict'), s.decided_at "
    "FROM stages s JOIN calls c ON c.id = s.call_id ";

// Stored settings were checked when saved; they are read back without the
// form (field keys were valid then, and a retired field stays in the form).
StageSettings StoredSettings(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  programmes::Form any_form;
  if (j.is_object()) {
    auto know = [&](const json& k) {
      if (!k.is_string()) return;
      programmes::Field f;
      f.key = k.get<std::string>();
      any_form.fields.push_back(std::move(f));
    };
    for (const char* list : {"hidden_fields", "conflict_fields"}) {
      if (j.contains(list) && j[list].is_array()) {
        for (const auto& k : j[list]) know(k);
      }
    }
    if (j.contains("quotas") && j["quotas"].is_array()) {
      for (const auto& q : j["quotas"]) {
        if (q.is_object()) know(q.value("field", json()));
      }
    }
  }
  auto parsed = ParseStageSettings(j.is_object() ? j : json::object(), any_form);
  if (parsed) return *parsed;
  // Never expected (settings are checked when saved); if it happens, show
  // reviewers as little as possible rather than everything.
  LogEvent(LogLevel::kError, "stored stage settings no longer parse", {{"error", parsed.error().message()}});
  StageSettings closed;
  closed.blind = true;
  closed.others_scores = "never";
  return closed;
}

Stage StageFromRow(const db::Row& r) {
  Stage s;
  s.id = r.Text(0);
  s.call_id = r.Text(1);
  s.intake_id = r.Text(2);
  s.organisation_id = r.Text(3);
  s.position = static_cast<int>(r.Int(4));
  s.kind = r.Text(5);
  s.settings = StoredSettings(r.Text(6));
  s.version = r.Int(7);
  s.updated_at = r.Text(8);
  s.entries = r.Int(9);
  s.assigned = r.Int(10);
  s.submitted = r.Int(11);
  s.conflicts = r.Int(12);
  s.decided_at = r.OptText(13);
  return s;
}

constexpr const char* kReviewSelect =
    "SELECT r.id, r.stage_id, r.application_id, r.reviewer_id, r.organisation_id, r.state, r.origin, r.explanation, "
    "r.scores, r.total, r.private_comment, r.shared_comment, r.conflict_reason, r.version, r.created_at, r.updated_at, "
    "r.created_by, r.submitted_at, a.reference, p.name, s.kind, s.settings, c.settings, c.intake_id "
    "FROM reviews r JOIN applications a ON a.id = r.application_id JOIN accounts p ON p.id = r.reviewer_id "
    "JOIN stages s ON s.id = r.stage_id JOIN calls c ON c.id = s.call_id ";

json ParsedObject(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

programmes::Translated TranslatedMember(const json& settings, const char* name) {
  return programmes::TranslatedFromJson(settings.value(name, json()));
}

ReviewRow ReviewFromRow(const db::Row& r) {
  ReviewRow row;
  Review& v = row.review;
  v.id = r.Text(0);
  v.stage_id = r.Text(1);
  v.application_id = r.Text(2);
  v.reviewer_id = r.Text(3);
  v.organisation_id = r.Text(4);
  v.state = r.Text(5);
  v.origin = r.Text(6);
  v.explanation = ParsedObject(r.Text(7));
  v.scores = ParsedObject(r.Text(8));
  if (!r.IsNull(9)) v.total = r.Real(9);
  v.private_comment = r.Text(10);
  v.shared_comment = r.Text(11);
  v.conflict_reason = r.Text(12);
  v.version = r.Int(13);
  v.created_at = r.Text(14);
  v.updated_at = r.Text(15);
  v.created_by = r.OptText(16);
  v.submitted_at = r.OptText(17);
  row.reference = r.Text(18);
  row.reviewer_name = r.Text(19);
  row.stage_kind = r.Text(20);
  row.stage_name = TranslatedMember(ParsedObject(r.Text(21)), "name");
  if (row.stage_name.empty()) row.stage_name = DefaultSettings(row.stage_kind).name;
  row.call_title = TranslatedMember(ParsedObject(r.Text(22)), "title");
  row.intake_id = r.Text(23);
  return row;
}

Result<std::vector<ReviewRow>> ReviewRows(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<ReviewRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(ReviewFromRow(r));
  return out;
}

std::vector<std::string> TextList(const std::string& text) {
  std::vector<std::string> out;
  const json j = json::parse(text, nullptr, false);
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

Result<std::vector<Stage>> StagesOfCall(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Query(std::string(kStageSelect) + "WHERE s.call_id = :call ORDER BY s.position", {P("call", call_id)});
  if (!rows) return rows.error();
  std::vector<Stage> out;
  for (const auto& r : *rows) out.push_back(StageFromRow(r));
  return out;
}

Result<std::optional<Stage>> GetStage(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kStageSelect) + "WHERE s.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Stage>{};
  return std::optional<Stage>{StageFromRow(**row)};
}

Result<void> InsertStage(db::Tx& tx, const Stage& s) {
  return Done(tx.Exec(
      "INSERT INTO stages (id, call_id, organisation_id, position, kind, settings, version, created_at, updated_at) "
      "VALUES (:id, :call, :org, :position, :kind, :settings, :version, :now, :now)",
      {P("id", s.id), P("call", s.call_id), P("org", s.organisation_id), P("position", s.position), P("kind", s.kind),
       P("settings", ToJson(s.settings).dump()), P("version", s.version), P("now", s.updated_at)}));
}

Result<bool> SaveSettings(db::Tx& tx, const std::string& id, const StageSettings& s, std::int64_t expected_version,
                          const std::string& now) {
  auto n = tx.Exec(
      "UPDATE stages SET settings = :settings, version = version + 1, updated_at = :now "
      "WHERE id = :id AND version = :version",
      {P("settings", ToJson(s).dump()), P("now", now), P("id", id), P("version", expected_version)});
  if (!n) return n.error();
  return *n == 1;
}

Result<void> MarkDecided(db::Tx& tx, const std::string& id, const std::string& now) {
  return Done(tx.Exec("UPDATE stages SET decided_at = :now, updated_at = :now WHERE id = :id", {P("now", now), P("id", id)}));
}

Result<void> DeleteStage(db::Tx& tx, const std::string& id) {
  if (auto r = tx.Exec("DELETE FROM stage_reviewers WHERE stage_id = :id", {P("id", id)}); !r) return r.error();
  return Done(tx.Exec("DELETE FROM stages WHERE id = :id", {P("id", id)}));
}

Result<void> SetOrder(db::Tx& tx, const std::string& call_id, const std::vector<std::string>& ids, const std::string& now) {
  // Two steps, so the unique (call, position) index never sees two stages
  // on one position in between.
  if (auto r = tx.Exec("UPDATE stages SET position = -position WHERE call_id = :call", {P("call", call_id)}); !r) {
    return r.error();
  }
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto r = tx.Exec("UPDATE stages SET position = :position, updated_at = :now WHERE id = :id AND call_id = :call",
                     {P("position", static_cast<std::int64_t>(i + 1)), P("now", now), P("id", ids[i]), P("call", call_id)});
    if (!r) return r.error();
  }
  return Ok();
}

Result<bool> InUse(db::Tx& tx, const std::string& stage_id) {
  // Panels (interviews) and decisions are later modules' tables, read here
  // so a stage they use is never deleted under them.
  auto row = tx.QueryOne(
      "SELECT (SELECT count(*) FROM stage_entries WHERE stage_id = :id) + "
      "(SELECT count(*) FROM reviews WHERE stage_id = :id) + "
      "(SELECT count(*) FROM panels WHERE stage_id = :id) + "
      "(SELECT count(*) FROM decisions WHERE stage_id = :id)",
      {P("id", stage_id)});
  if (!row) return row.error();
  return *row && (**row).Int(0) > 0;
}

Result<std::vector<StageReviewer>> Reviewers(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(
      "SELECT sr.account_id, p.name, p.email, sr.load_cap, sr.affiliations, "
      "(SELECT count(*) FROM reviews r WHERE r.stage_id = sr.stage_id AND r.reviewer_id = sr.account_id "
      "  AND r.state IN ('assigned', 'draft', 'submitted')), "
      "(SELECT count(*) FROM reviews r WHERE r.stage_id = sr.stage_id AND r.reviewer_id = sr.account_id "
      "  AND r.state = 'submitted'), "
      "(SELECT count(*) FROM reviews r WHERE r.stage_id = sr.stage_id AND r.reviewer_id = sr.account_id "
      "  AND r.state = 'conflict'), "
      "(SELECT max(r.updated_at) FROM reviews r WHERE r.stage_id = sr.stage_id AND r.reviewer_id = sr.account_id "
      "  AND r.state IN ('draft', 'submitted', 'conflict')) "
      "FROM stage_reviewers sr JOIN accounts p ON p.id = sr.account_id WHERE sr.stage_id = :stage ORDER BY p.name, p.id",
      {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<StageReviewer> out;
  for (const auto& r : *rows) {
    StageReviewer s;
    s.account_id = r.Text(0);
    s.name = r.Text(1);
    s.email = r.Text(2);
    s.load_cap = static_cast<int>(r.Int(3));
    s.affiliations = TextList(r.Text(4));
    s.assigned = r.Int(5);
    s.submitted = r.Int(6);
    s.conflicts = r.Int(7);
    s.last_activity_at = r.OptText(8);
    out.push_back(std::move(s));
  }
  return out;
}

Result<void> PutReviewer(db::Tx& tx, const std::string& stage_id, const std::string& organisation_id,
                         const StageReviewer& r, const std::string& now) {
  const std::string affiliations = json(r.affiliations).dump();
  auto updated = tx.Exec(
      "UPDATE stage_reviewers SET load_cap = :cap, affiliations = :aff WHERE stage_id = :stage AND account_id = :account",
      {P("cap", r.load_cap), P("aff", affiliations), P("stage", stage_id), P("account", r.account_id)});
  if (!updated) return updated.error();
  if (*updated == 1) return Ok();
  return Done(tx.Exec(
      "INSERT INTO stage_reviewers (stage_id, account_id, organisation_id, load_cap, affiliations, created_at) "
      "VALUES (:stage, :account, :org, :cap, :aff, :now)",
      {P("stage", stage_id), P("account", r.account_id), P("org", organisation_id), P("cap", r.load_cap),
       P("aff", affiliations), P("now", now)}));
}

Result<bool> DeleteReviewer(db::Tx& tx, const std::string& stage_id, const std::string& account_id) {
  auto n = tx.Exec("DELETE FROM stage_reviewers WHERE stage_id = :stage AND account_id = :account",
                   {P("stage", stage_id), P("account", account_id)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<std::string>> Entries(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query("SELECT application_id FROM stage_entries WHERE stage_id = :stage ORDER BY application_id",
                       {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<std::string>> SubmittedEntries(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(
      "SELECT e.application_id FROM stage_entries e JOIN applications a ON a.id = e.application_id "
      "WHERE e.stage_id = :stage AND a.state = 'submitted' ORDER BY e.application_id",
      {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<bool> IsEntered(db::Tx& tx, const std::string& stage_id, const std::string& application_id) {
  auto row = tx.QueryOne("SELECT 1 FROM stage_entries WHERE stage_id = :stage AND application_id = :app",
                         {P("stage", stage_id), P("app", application_id)});
  if (!row) return row.error();
  return row->has_value();
}

Result<std::int64_t> Enter(db::Tx& tx, const Stage& stage, const std::vector<std::string>& application_ids,
                           const std::string& by, const std::string& now) {
  auto existing = Entries(tx, stage.id);
  if (!existing) return existing.error();
  std::int64_t entered = 0;
  for (const auto& id : application_ids) {
    if (std::binary_search(existing->begin(), existing->end(), id)) continue;
    auto r = tx.Exec(
        "INSERT INTO stage_entries (stage_id, application_id, organisation_id, entered_at, entered_by) "
        "VALUES (:stage, :app, :org, :now, :by)",
        {P("stage", stage.id), P("app", id), P("org", stage.organisation_id), P("now", now), P("by", by)});
    if (!r) return r.error();
    ++entered;
  }
  return entered;
}

Result<std::vector<std::string>> EligibleApplications(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Query(
      "SELECT id FROM applications WHERE call_id = :call AND state = 'submitted' "
      "AND COALESCE(screening_decision, eligibility_outcome) = 'eligible' ORDER BY id",
      {P("call", call_id)});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::int64_t> AwaitingScreening(db::Tx& tx, const std::string& call_id) {
  auto row = tx.QueryOne(
      "SELECT count(*) FROM applications WHERE call_id = :call AND state = 'submitted' "
      "AND screening_decision IS NULL AND eligibility_outcome IN ('review', 'pending')",
      {P("call", call_id)});
  if (!row) return row.error();
  return *row ? (**row).Int(0) : 0;
}

Result<std::vector<EntryInfo>> EntryInfos(db::Tx& tx, const std::string& stage_id, bool with_answers) {
  auto rows = tx.Query(std::string("SELECT a.id, a.applicant_id, a.reference, p.name, a.submitted_at") +
                           (with_answers ? ", a.answers" : "") +
                           " FROM stage_entries e JOIN applications a ON a.id = e.application_id "
                           "JOIN accounts p ON p.id = a.applicant_id WHERE e.stage_id = :stage AND a.state = 'submitted' "
                           "ORDER BY a.id",
                       {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<EntryInfo> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    EntryInfo e{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), json()};
    if (with_answers) e.answers = ParsedObject(r.Text(5));
    out.push_back(std::move(e));
  }
  return out;
}

Result<void> InsertReview(db::Tx& tx, const Review& r) {
  return Done(tx.Exec(
      "INSERT INTO reviews (id, stage_id, application_id, reviewer_id, organisation_id, state, origin, explanation, "
      "scores, version, created_at, created_by, updated_at) VALUES (:id, :stage, :app, :reviewer, :org, :state, "
      ":origin, :explanation, :scores, :version, :now, :by, :now)",
      {P("id", r.id), P("stage", r.stage_id), P("app", r.application_id), P("reviewer", r.reviewer_id),
       P("org", r.organisation_id), P("state", r.state), P("origin", r.origin), P("explanation", r.explanation.dump()),
       P("scores", r.scores.dump()), P("version", r.version), P("now", r.created_at), P("by", r.created_by)}));
}

Result<std::optional<ReviewRow>> GetReview(db::Tx& tx, const std::string& id) {
  auto rows = ReviewRows(tx, std::string(kReviewSelect) + "WHERE r.id = :id", {P("id", id)});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<ReviewRow>{};
  return std::optional<ReviewRow>{std::move(rows->front())};
}

Result<bool> SaveReview(db::Tx& tx, const Review& r, std::int64_t expected_version) {
  db::Params params = {P("state", r.state),
                       P("scores", r.scores.dump()),
                       P("private", r.private_comment),
                       P("shared", r.shared_comment),
                       P("conflict", r.conflict_reason),
                       P("version", r.version),
                       P("now", r.updated_at),
                       P("submitted", r.submitted_at),
                       P("id", r.id),
                       P("expected", expected_version)};
  params.push_back(r.total ? P("total", *r.total) : db::Param{"total", db::Null{}});
  auto n = tx.Exec(
      "UPDATE reviews SET state = :state, scores = :scores, total = :total, private_comment = :private, "
      "shared_comment = :shared, conflict_reason = :conflict, version = :version, updated_at = :now, "
      "submitted_at = :submitted WHERE id = :id AND version = :expected",
      params);
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<ReviewRow>> ReviewsOfStage(db::Tx& tx, const std::string& stage_id, const ReviewFilter& filter) {
  std::string sql = std::string(kReviewSelect) + "WHERE r.stage_id = :stage";
  db::Params params = {P("stage", stage_id)};
  if (!filter.reviewer_id.empty()) {
    sql += " AND r.reviewer_id = :reviewer";
    params.push_back(P("reviewer", filter.reviewer_id));
  }
  if (!filter.application_id.empty()) {
    sql += " AND r.application_id = :app";
    params.push_back(P("app", filter.application_id));
  }
  if (!filter.state.empty()) {
    sql += " AND r.state = :state";
    params.push_back(P("state", filter.state));
  }
  return ReviewRows(tx, sql + " ORDER BY a.reference, p.name, r.id", params);
}

Result<std::vector<ReviewLink>> ReviewLinks(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(
      "SELECT r.application_id, r.reviewer_id, p.name, r.state, r.total, r.scores FROM reviews r "
      "JOIN accounts p ON p.id = r.reviewer_id WHERE r.stage_id = :stage ORDER BY r.application_id, r.reviewer_id",
      {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<ReviewLink> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    ReviewLink l{r.Text(0), r.Text(1), r.Text(2), r.Text(3), std::nullopt, r.Text(5)};
    if (!r.IsNull(4)) l.total = r.Real(4);
    out.push_back(std::move(l));
  }
  return out;
}

Result<std::vector<ReviewRow>> ReviewsOfReviewer(db::Tx& tx, const std::string& reviewer_id, const std::string& state) {
  std::string sql = std::string(kReviewSelect) + "WHERE r.reviewer_id = :reviewer";
  db::Params params = {P("reviewer", reviewer_id)};
  if (!state.empty()) {
    sql += " AND r.state = :state";
    params.push_back(P("state", state));
  }
  return ReviewRows(tx, sql + " ORDER BY r.created_at DESC, r.id DESC LIMIT 2000", params);
}

Result<std::vector<ReviewRow>> ReviewsOfApplication(db::Tx& tx, const std::string& stage_id,
                                                    const std::string& application_id) {
  return ReviewRows(tx, std::string(kReviewSelect) + "WHERE r.stage_id = :stage AND r.application_id = :app ORDER BY r.id",
                    {P("stage", stage_id), P("app", application_id)});
}

Result<std::vector<std::pair<std::string, std::string>>> DeclaredConflicts(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Query(
      "SELECT r.application_id, r.reviewer_id FROM reviews r JOIN stages s ON s.id = r.stage_id "
      "WHERE s.call_id = :call AND r.state = 'conflict'",
      {P("call", call_id)});
  if (!rows) return rows.error();
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : *rows) out.emplace_back(r.Text(0), r.Text(1));
  return out;
}

}  // namespace cohort::review::store
