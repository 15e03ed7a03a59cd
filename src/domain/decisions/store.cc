#include "domain/decisions/store.h"

#include <map>

namespace cohort::decisions::store {
namespace {

using db::P;
using nlohmann::json;

using db::Done;

json Object(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

constexpr const char* kOfferSelect =
    "SELECT o.id, o.decision_id, o.application_id, o.intake_id, o.organisation_id, o.applicant_id, o.state, "
    "o.deadline_at, o.responded_at, o.created_at, a.reference, c.settings, i.name, d.promoted "
    "FROM offers o JOIN applications a ON a.id = o.application_id JOIN calls c ON c.id = a.call_id "
    "JOIN intakes i ON i.id = o.intake_id JOIN decisions d ON d.id = o.decision_id ";

Offer OfferFromRow(const db::Row& r) {
  Offer o;
  o.id = r.Text(0);
  o.decision_id = r.Text(1);
  o.application_id = r.Text(2);
  o.intake_id = r.Text(3);
  o.organisation_id = r.Text(4);
  o.applicant_id = r.Text(5);
  o.state = r.Text(6);
  o.deadline_at = r.Text(7);
  o.responded_at = r.OptText(8);
  o.created_at = r.Text(9);
  o.reference = r.Text(10);
  const json settings = Object(r.Text(11));
  o.call_title_json = settings.contains("title") ? settings["title"].dump() : "{}";
  o.intake_name = r.Text(12);
  o.promoted = r.Int(13) != 0;
  return o;
}

Result<std::vector<Offer>> Offers(db::Tx& tx, const std::string& sql, const db::Params& params) {
  auto rows = tx.Query(sql, params);
  if (!rows) return rows.error();
  std::vector<Offer> out;
  for (const auto& r : *rows) out.push_back(OfferFromRow(r));
  return out;
}

constexpr const char* kDecisionSelect =
    "SELECT d.id, d.stage_id, d.intake_id, d.application_id, d.organisation_id, d.state, d.outcome, d.proposed_outcome, "
    "d.rank, d.score, d.waitlist_position, d.categories, d.explanation, d.override_reason, d.overridden_by, d.promoted, "
    "d.version, d.created_at, d.updated_at, d.published_at, a.reference, p.name, a.applicant_id, "
    "COALESCE((SELECT name FROM accounts WHERE id = d.overridden_by), ''), a.state "
    "FROM decisions d JOIN applications a ON a.id = d.application_id JOIN accounts p ON p.id = a.applicant_id ";

Decision DecisionFromRow(const db::Row& r) {
  Decision d;
  d.id = r.Text(0);
  d.stage_id = r.Text(1);
  d.intake_id = r.Text(2);
  d.application_id = r.Text(3);
  d.organisation_id = r.Text(4);
  d.state = r.Text(5);
  d.outcome = r.Text(6);
  d.proposed_outcome = r.Text(7);
  d.rank = r.OptInt(8);
  if (!r.IsNull(9)) d.score = r.Real(9);
  d.waitlist_position = r.OptInt(10);
  d.categories = Object(r.Text(11));
  d.explanation = Object(r.Text(12));
  d.override_reason = r.OptText(13);
  d.overridden_by = r.OptText(14);
  d.promoted = r.Int(15) != 0;
  d.version = r.Int(16);
  d.created_at = r.Text(17);
  d.updated_at = r.Text(18);
  d.published_at = r.OptText(19);
  d.reference = r.Text(20);
  d.applicant_name = r.Text(21);
  d.applicant_id = r.Text(22);
  d.overridden_by_name = r.Text(23);
  d.application_state = r.Text(24);
  return d;
}

db::Param Real(const char* name, const std::optional<double>& v) {
  return v ? P(name, *v) : db::Param{name, db::Null{}};
}

db::Params DecisionParams(const Decision& d) {
  return {P("id", d.id),
          P("stage", d.stage_id),
          P("intake", d.intake_id),
          P("app", d.application_id),
          P("org", d.organisation_id),
          P("state", d.state),
          P("outcome", d.outcome),
          P("proposed", d.proposed_outcome),
          P("rank", d.rank),
          Real("score", d.score),
          P("waitlist", d.waitlist_position),
          P("categories", d.categories.dump()),
          P("explanation", d.explanation.dump()),
          P("override", d.override_reason),
          P("overridden_by", d.overridden_by),
          P("promoted", d.promoted),
          P("version", d.version),
          P("created", d.created_at),
          P("updated", d.updated_at),
          P("published", d.published_at)};
}

}  // namespace

Result<std::vector<Decision>> OfStage(db::Tx& tx, const std::string& stage_id) {
  auto rows = tx.Query(std::string(kDecisionSelect) +
                           "WHERE d.stage_id = :stage ORDER BY CASE WHEN d.rank IS NULL THEN 1 ELSE 0 END, d.rank, a.reference",
                       {P("stage", stage_id)});
  if (!rows) return rows.error();
  std::vector<Decision> out;
  for (const auto& r : *rows) out.push_back(DecisionFromRow(r));
  // Each decision's latest offer.
  auto offers = Offers(tx, std::string(kOfferSelect) + "WHERE d.stage_id = :stage ORDER BY o.created_at, o.id",
                       {P("stage", stage_id)});
  if (!offers) return offers.error();
  std::map<std::string, Decision*> by_id;
  for (auto& d : out) by_id[d.id] = &d;
  for (auto& o : *offers) {
    auto it = by_id.find(o.decision_id);
    if (it != by_id.end()) it->second->offer = std::move(o);  // the latest wins (created_at order)
  }
  return out;
}

Result<std::vector<Decision>> OfApplication(db::Tx& tx, const std::string& application_id) {
  auto rows = tx.Query(std::string(kDecisionSelect) + "WHERE d.application_id = :app AND d.state = 'published' ORDER BY d.id",
                       {P("app", application_id)});
  if (!rows) return rows.error();
  std::vector<Decision> out;
  for (const auto& r : *rows) {
    Decision d = DecisionFromRow(r);
    auto offers = Offers(tx, std::string(kOfferSelect) + "WHERE o.decision_id = :id ORDER BY o.created_at, o.id", {P("id", d.id)});
    if (!offers) return offers.error();
    if (!offers->empty()) d.offer = std::move(offers->back());
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::optional<Decision>> Get(db::Tx& tx, const std::string& id) {
  auto row = tx.QueryOne(std::string(kDecisionSelect) + "WHERE d.id = :id", {P("id", id)});
  if (!row) return row.error();
  if (!*row) return std::optional<Decision>{};
  Decision d = DecisionFromRow(**row);
  auto offers = Offers(tx, std::string(kOfferSelect) + "WHERE o.decision_id = :id ORDER BY o.created_at, o.id", {P("id", id)});
  if (!offers) return offers.error();
  if (!offers->empty()) d.offer = offers->back();
  return std::optional<Decision>{std::move(d)};
}

Result<void> Insert(db::Tx& tx, const Decision& d) {
  return Done(tx.Exec(
      "INSERT INTO decisions (id, stage_id, intake_id, application_id, organisation_id, state, outcome, "
      "proposed_outcome, rank, score, waitlist_position, categories, explanation, override_reason, overridden_by, "
      "promoted, version, created_at, updated_at, published_at) VALUES (:id, :stage, :intake, :app, :org, :state, "
      ":outcome, :proposed, :rank, :score, :waitlist, :categories, :explanation, :override, :overridden_by, "
      ":promoted, :version, :created, :updated, :published)",
      DecisionParams(d)));
}

Result<bool> Save(db::Tx& tx, const Decision& d, std::int64_t expected) {
  db::Params params;
  for (auto& p : DecisionParams(d)) {
    if (p.name != "stage" && p.name != "intake" && p.name != "app" && p.name != "org" && p.name != "created") {
      params.push_back(std::move(p));
    }
  }
  params.push_back(P("expected", expected));
  auto n = tx.Exec(
      "UPDATE decisions SET state = :state, outcome = :outcome, proposed_outcome = :proposed, rank = :rank, "
      "score = :score, waitlist_position = :waitlist, categories = :categories, explanation = :explanation, "
      "override_reason = :override, overridden_by = :overridden_by, promoted = :promoted, version = :version, "
      "updated_at = :updated, published_at = :published WHERE id = :id AND version = :expected",
      params);
  if (!n) return n.error();
  return *n == 1;
}

Result<void> DeleteDrafts(db::Tx& tx, const std::string& stage_id, const std::vector<std::string>& keep_ids) {
  auto rows = tx.Query("SELECT id FROM decisions WHERE stage_id = :stage AND state = 'draft'", {P("stage", stage_id)});
  if (!rows) return rows.error();
  for (const auto& r : *rows) {
    const std::string id = r.Text(0);
    if (std::find(keep_ids.begin(), keep_ids.end(), id) != keep_ids.end()) continue;
    if (auto d = tx.Exec("DELETE FROM decisions WHERE id = :id", {P("id", id)}); !d) return d.error();
  }
  return Ok();
}

Result<void> InsertOffer(db::Tx& tx, const Offer& o) {
  return Done(tx.Exec(
      "INSERT INTO offers (id, decision_id, application_id, intake_id, organisation_id, applicant_id, state, "
      "deadline_at, responded_at, created_at) VALUES (:id, :decision, :app, :intake, :org, :applicant, :state, "
      ":deadline, :responded, :created)",
      {P("id", o.id), P("decision", o.decision_id), P("app", o.application_id), P("intake", o.intake_id),
       P("org", o.organisation_id), P("applicant", o.applicant_id), P("state", o.state), P("deadline", o.deadline_at),
       P("responded", o.responded_at), P("created", o.created_at)}));
}

Result<std::optional<Offer>> GetOffer(db::Tx& tx, const std::string& id) {
  auto offers = Offers(tx, std::string(kOfferSelect) + "WHERE o.id = :id", {P("id", id)});
  if (!offers) return offers.error();
  if (offers->empty()) return std::optional<Offer>{};
  return std::optional<Offer>{offers->front()};
}

Result<bool> SaveOffer(db::Tx& tx, const Offer& o, const std::string& expected_state) {
  auto n = tx.Exec("UPDATE offers SET state = :state, responded_at = :responded WHERE id = :id AND state = :expected",
                   {P("state", o.state), P("responded", o.responded_at), P("id", o.id), P("expected", expected_state)});
  if (!n) return n.error();
  return *n == 1;
}

Result<std::vector<Offer>> OffersOfApplicant(db::Tx& tx, const std::string& applicant_id) {
  return Offers(tx, std::string(kOfferSelect) + "WHERE o.applicant_id = :applicant ORDER BY o.created_at DESC, o.id DESC",
                {P("applicant", applicant_id)});
}

Result<std::vector<Offer>> DueOffers(db::Tx& tx, const std::string& now, int limit) {
  return Offers(tx, std::string(kOfferSelect) + "WHERE o.state = 'open' AND o.deadline_at < :now ORDER BY o.deadline_at, o.id LIMIT " +
                        std::to_string(limit),
                {P("now", now)});
}

Result<void> InsertParticipant(db::Tx& tx, const std::string& id, const Offer& o, const std::string& now) {
  return Done(tx.Exec(
      "INSERT INTO participants (id, intake_id, application_id, account_id, organisation_id, state, created_at) "
      "VALUES (:id, :intake, :app, :account, :org, 'active', :now)",
      {P("id", id), P("intake", o.intake_id), P("app", o.application_id), P("account", o.applicant_id),
       P("org", o.organisation_id), P("now", now)}));
}

}  // namespace cohort::decisions::store
