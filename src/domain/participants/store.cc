#include "domain/participants/store.h"

#include <nlohmann/json.hpp>

namespace cohort::participants::store {
namespace {

using db::Done;
using db::P;
using nlohmann::json;

std::vector<std::string> Texts(const std::string& text) {
  std::vector<std::string> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::vector<std::int64_t> Numbers(const std::string& text) {
  std::vector<std::int64_t> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_number_integer()) out.push_back(v.get<std::int64_t>());
  return out;
}

constexpr const char* kParticipantSelect =
    "SELECT p.id, p.intake_id, p.application_id, p.account_id, p.organisation_id, p.state, p.withdrawn_at, "
    "p.withdrawal_reason, p.languages, p.unit_preferences, p.created_at, a.name, a.email, ap.reference "
    "FROM participants p JOIN accounts a ON a.id = p.account_id JOIN applications ap ON ap.id = p.application_id ";

Participant FromRow(const db::Row& r) {
  Participant p;
  p.id = r.Text(0);
  p.intake_id = r.Text(1);
  p.application_id = r.Text(2);
  p.account_id = r.Text(3);
  p.organisation_id = r.Text(4);
  p.state = r.Text(5);
  p.withdrawn_at = r.OptText(6);
  p.withdrawal_reason = r.OptText(7);
  p.languages = Texts(r.Text(8));
  p.unit_ids = Texts(r.Text(9));
  p.created_at = r.Text(10);
  p.name = r.Text(11);
  p.email = r.Text(12);
  p.reference = r.Text(13);
  return p;
}

Result<std::vector<Participant>> Participants(db::Tx& tx, const std::string& where, const db::Params& params) {
  auto rows = tx.Query(std::string(kParticipantSelect) + where + " ORDER BY a.name, p.id", params);
  if (!rows) return rows.error();
  std::vector<Participant> out;
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

json RequiredJson(const std::vector<Requirement>& required) {
  json out = json::array();
  for (const auto& r : required) out.push_back({{"type", r.type}, {"rotations", r.rotations}});
  return out;
}

}  // namespace

Result<std::vector<Participant>> OfIntake(db::Tx& tx, const std::string& intake_id) {
  return Participants(tx, "WHERE p.intake_id = :intake", {P("intake", intake_id)});
}

Result<std::optional<Participant>> Get(db::Tx& tx, const std::string& id) {
  auto list = Participants(tx, "WHERE p.id = :id", {P("id", id)});
  if (!list) return list.error();
  if (list->empty()) return std::optional<Participant>();
  return std::optional<Participant>(std::move(list->front()));
}

Result<std::vector<Participant>> OfAccount(db::Tx& tx, const std::string& account_id) {
  return Participants(tx, "WHERE p.account_id = :account", {P("account", account_id)});
}

Result<bool> SaveState(db::Tx& tx, const Participant& p, const std::string& expected_state) {
  auto n = tx.Exec(
      "UPDATE participants SET state = :state, withdrawn_at = :at, withdrawal_reason = :reason "
      "WHERE id = :id AND state = :expected",
      {P("state", p.state), P("at", p.withdrawn_at), P("reason", p.withdrawal_reason), P("id", p.id),
       P("expected", expected_state)});
  if (!n) return n.error();
  return *n == 1;
}

Result<void> SavePreferences(db::Tx& tx, const Participant& p) {
  return Done(tx.Exec("UPDATE participants SET languages = :languages, unit_preferences = :units WHERE id = :id",
                      {P("languages", json(p.languages).dump()), P("units", json(p.unit_ids).dump()),
                       P("id", p.id)}));
}

Result<Setup> GetSetup(db::Tx& tx, const std::string& intake_id) {
  Setup s;
  s.intake_id = intake_id;
  auto plan = tx.QueryOne(
      "SELECT organisation_id, required, state, planned_at, published_at, version, evaluation_criteria FROM rotation_plans "
      "WHERE intake_id = :intake",
      {P("intake", intake_id)});
  if (!plan) return plan.error();
  if (*plan) {
    const db::Row& r = **plan;
    s.organisation_id = r.Text(0);
    const json required = json::parse(r.Text(1), nullptr, false);
    if (required.is_array()) {
      for (const auto& q : required) s.required.push_back({q.value("type", ""), q.value("rotations", std::int64_t{1})});
    }
    s.state = r.Text(2);
    s.planned_at = r.OptText(3);
    s.published_at = r.OptText(4);
    s.version = r.Int(5);
    s.criteria = Texts(r.Text(6));
  }
  auto periods = tx.Query(
      "SELECT id, name, starts_on, ends_on FROM rotation_periods WHERE intake_id = :intake ORDER BY position",
      {P("intake", intake_id)});
  if (!periods) return periods.error();
  for (const auto& r : *periods) s.periods.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  auto units = tx.Query(
      "SELECT h.unit_id, h.type, h.supervisor_id, h.languages, h.places, u.name, COALESCE(a.name, '') "
      "FROM host_units h JOIN units u ON u.id = h.unit_id LEFT JOIN accounts a ON a.id = h.supervisor_id "
      "WHERE h.intake_id = :intake ORDER BY h.position",
      {P("intake", intake_id)});
  if (!units) return units.error();
  for (const auto& r : *units) {
    HostUnit h;
    h.unit_id = r.Text(0);
    h.type = r.Text(1);
    h.supervisor_id = r.OptText(2);
    h.languages = Texts(r.Text(3));
    h.places = Numbers(r.Text(4));
    h.name = r.Text(5);
    h.supervisor_name = r.Text(6);
    s.units.push_back(std::move(h));
  }
  return s;
}

Result<bool> SaveSetup(db::Tx& tx, const Setup& s, std::int64_t expected, const std::string& now) {
  auto stored = tx.QueryOne("SELECT version FROM rotation_plans WHERE intake_id = :intake", {P("intake", s.intake_id)});
  if (!stored) return stored.error();
  const std::int64_t current = *stored ? (**stored).Int(0) : 0;
  if (current != expected) return false;
  if (current == 0) {
    auto n = tx.Exec(
        "INSERT INTO rotation_plans (intake_id, organisation_id, required, evaluation_criteria, state, version, updated_at) "
        "VALUES (:intake, :org, :required, :criteria, 'none', 1, :now)",
        {P("intake", s.intake_id), P("org", s.organisation_id), P("required", RequiredJson(s.required).dump()),
         P("criteria", json(s.criteria).dump()), P("now", now)});
    if (!n) return n.error();
  } else {
    auto n = tx.Exec(
        "UPDATE rotation_plans SET required = :required, evaluation_criteria = :criteria, version = version + 1, "
        "updated_at = :now WHERE intake_id = :intake AND version = :expected",
        {P("required", RequiredJson(s.required).dump()), P("criteria", json(s.criteria).dump()), P("now", now),
         P("intake", s.intake_id),
         P("expected", expected)});
    if (!n) return n.error();
    if (*n != 1) return false;
  }
  auto existing = tx.Query("SELECT id FROM rotation_periods WHERE intake_id = :intake", {P("intake", s.intake_id)});
  if (!existing) return existing.error();
  for (const auto& r : *existing) {
    bool kept = false;
    for (const auto& p : s.periods) kept = kept || p.id == r.Text(0);
    if (!kept) {
      if (auto d = tx.Exec("DELETE FROM rotation_periods WHERE id = :id", {P("id", r.Text(0))}); !d) return d.error();
    }
  }
  for (std::size_t i = 0; i < s.periods.size(); ++i) {
    const Period& p = s.periods[i];
    db::Params params = {P("id", p.id), P("intake", s.intake_id), P("position", static_cast<std::int64_t>(i + 1)),
                         P("name", p.name), P("starts", p.starts_on), P("ends", p.ends_on)};
    auto n = tx.Exec(
        "UPDATE rotation_periods SET position = :position, name = :name, starts_on = :starts, ends_on = :ends "
        "WHERE id = :id AND intake_id = :intake",
        params);
    if (!n) return n.error();
    if (*n == 0) {
      auto inserted = tx.Exec(
          "INSERT INTO rotation_periods (id, intake_id, position, name, starts_on, ends_on) "
          "VALUES (:id, :intake, :position, :name, :starts, :ends)",
          params);
      if (!inserted) return inserted.error();
    }
  }
  if (auto d = tx.Exec("DELETE FROM host_units WHERE intake_id = :intake", {P("intake", s.intake_id)}); !d) {
    return d.error();
  }
  for (std::size_t i = 0; i < s.units.size(); ++i) {
    const HostUnit& h = s.units[i];
    auto n = tx.Exec(
        "INSERT INTO host_units (intake_id, unit_id, position, type, supervisor_id, languages, places) "
        "VALUES (:intake, :unit, :position, :type, :supervisor, :languages, :places)",
        {P("intake", s.intake_id), P("unit", h.unit_id), P("position", static_cast<std::int64_t>(i + 1)),
         P("type", h.type), P("supervisor", h.supervisor_id), P("languages", json(h.languages).dump()),
         P("places", json(h.places).dump())});
    if (!n) return n.error();
  }
  return true;
}

Result<void> SavePlanState(db::Tx& tx, const Setup& s, const std::string& now) {
  return Done(tx.Exec(
      "UPDATE rotation_plans SET state = :state, planned_at = :planned, published_at = :published, "
      "updated_at = :now WHERE intake_id = :intake",
      {P("state", s.state), P("planned", s.planned_at), P("published", s.published_at), P("now", now),
       P("intake", s.intake_id)}));
}

Result<std::vector<Rotation>> Rotations(db::Tx& tx, const std::string& intake_id) {
  auto rows = tx.Query(
      "SELECT participant_id, period_id, unit_id, manual FROM rotations WHERE intake_id = :intake "
      "ORDER BY participant_id, period_id",
      {P("intake", intake_id)});
  if (!rows) return rows.error();
  std::vector<Rotation> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Int(3) != 0});
  return out;
}

Result<std::int64_t> CountRotations(db::Tx& tx, const std::string& intake_id,
                                    const std::vector<std::string>& period_ids,
                                    const std::vector<std::string>& unit_ids) {
  std::int64_t total = 0;
  auto count = [&](const char* sql, const std::string& id) -> Result<void> {
    auto row = tx.QueryOne(sql, {P("intake", intake_id), P("id", id)});
    if (!row) return row.error();
    if (*row) total += (**row).Int(0);
    return Ok();
  };
  for (const auto& id : period_ids) {
    if (auto c = count("SELECT COUNT(*) FROM rotations WHERE intake_id = :intake AND period_id = :id", id); !c) {
      return c.error();
    }
  }
  for (const auto& id : unit_ids) {
    if (auto c = count("SELECT COUNT(*) FROM rotations WHERE intake_id = :intake AND unit_id = :id", id); !c) {
      return c.error();
    }
  }
  return total;
}

Result<void> ReplaceRotations(db::Tx& tx, const std::string& intake_id, bool keep_manual,
                              const std::vector<Rotation>& rows) {
  auto deleted = tx.Exec(keep_manual ? "DELETE FROM rotations WHERE intake_id = :intake AND manual = 0"
                                     : "DELETE FROM rotations WHERE intake_id = :intake",
                         {P("intake", intake_id)});
  if (!deleted) return deleted.error();
  for (const Rotation& r : rows) {
    auto n = tx.Exec(
        "INSERT INTO rotations (participant_id, period_id, intake_id, unit_id, manual) "
        "VALUES (:participant, :period, :intake, :unit, :manual)",
        {P("participant", r.participant_id), P("period", r.period_id), P("intake", intake_id),
         P("unit", r.unit_id), P("manual", r.manual)});
    if (!n) return n.error();
  }
  return Ok();
}

Result<void> SetRotation(db::Tx& tx, const std::string& intake_id, const std::string& participant_id,
                         const std::string& period_id, const std::optional<std::string>& unit_id, bool manual) {
  auto deleted = tx.Exec("DELETE FROM rotations WHERE participant_id = :participant AND period_id = :period",
                         {P("participant", participant_id), P("period", period_id)});
  if (!deleted) return deleted.error();
  if (!unit_id) return Ok();
  return Done(tx.Exec(
      "INSERT INTO rotations (participant_id, period_id, intake_id, unit_id, manual) "
      "VALUES (:participant, :period, :intake, :unit, :manual)",
      {P("participant", participant_id), P("period", period_id), P("intake", intake_id), P("unit", *unit_id),
       P("manual", manual)}));
}

Result<void> DeleteRotationsFrom(db::Tx& tx, const std::string& participant_id, const std::string& today) {
  return Done(tx.Exec(
      "DELETE FROM rotations WHERE participant_id = :participant AND period_id IN "
      "(SELECT id FROM rotation_periods WHERE starts_on > :today)",
      {P("participant", participant_id), P("today", today)}));
}

Result<std::vector<InternGroup>> InternsOf(db::Tx& tx, const std::string& supervisor_id) {
  auto rows = tx.Query(
      "SELECT h.intake_id, i.name, h.unit_id, u.name, pe.id, pe.name, pe.starts_on, pe.ends_on, "
      "p.id, a.name, a.email "
      "FROM host_units h JOIN rotation_plans rp ON rp.intake_id = h.intake_id AND rp.state = 'published' "
      "JOIN rotations r ON r.intake_id = h.intake_id AND r.unit_id = h.unit_id "
      "JOIN rotation_periods pe ON pe.id = r.period_id "
      "JOIN participants p ON p.id = r.participant_id AND p.state <> 'withdrawn' "
      "JOIN accounts a ON a.id = p.account_id JOIN units u ON u.id = h.unit_id JOIN intakes i ON i.id = h.intake_id "
      "WHERE h.supervisor_id = :supervisor ORDER BY pe.starts_on, i.name, u.name, h.unit_id, pe.id, a.name, p.id",
      {P("supervisor", supervisor_id)});
  if (!rows) return rows.error();
  std::vector<InternGroup> out;
  for (const auto& r : *rows) {
    if (out.empty() || out.back().unit_id != r.Text(2) || out.back().period.id != r.Text(4)) {
      InternGroup g;
      g.intake_id = r.Text(0);
      g.intake_name = r.Text(1);
      g.unit_id = r.Text(2);
      g.unit_name = r.Text(3);
      g.period = {r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
      out.push_back(std::move(g));
    }
    Participant p;
    p.id = r.Text(8);
    p.name = r.Text(9);
    p.email = r.Text(10);
    out.back().interns.push_back(std::move(p));
  }
  return out;
}

}  // namespace cohort::participants::store
