#include "domain/participants/plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "engines/rotations.h"

namespace cohort::participants {
namespace {

using engines::RotationViolation;

uint32_t IndexOf(std::map<std::string, uint32_t>& table, const std::string& key) {
  return table.emplace(key, static_cast<uint32_t>(table.size())).first->second;
}

// The set-up and the active participants numbered for the engine.
struct Mapping {
  engines::RotationsInput input;
  std::vector<const Participant*> people;
  std::map<std::string, uint32_t> person, period, unit;
  std::vector<std::string> type_names;
};

Mapping Map(const Setup& s, const std::vector<Participant>& participants) {
  Mapping m;
  std::map<std::string, uint32_t> languages, types;
  auto language_list = [&](const std::vector<std::string>& codes) {
    std::vector<uint32_t> out;
    for (const auto& code : codes) out.push_back(IndexOf(languages, code));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  };
  m.input.periods = static_cast<uint32_t>(s.periods.size());
  for (std::size_t t = 0; t < s.periods.size(); ++t) m.period[s.periods[t].id] = static_cast<uint32_t>(t);
  for (std::size_t u = 0; u < s.units.size(); ++u) {
    const HostUnit& h = s.units[u];
    engines::RotationUnit unit;
    unit.type = IndexOf(types, h.type);
    for (std::size_t t = 0; t < s.periods.size(); ++t)
      unit.places.push_back(t < h.places.size() ? static_cast<uint32_t>(std::max<std::int64_t>(h.places[t], 0)) : 0);
    unit.languages = language_list(h.languages);
    m.unit[h.unit_id] = static_cast<uint32_t>(u);
    m.input.units.push_back(std::move(unit));
  }
  for (const Participant& p : participants) {
    if (p.state != "active") continue;
    engines::RotationParticipant person;
    for (const auto& id : p.unit_ids) {
      const auto it = m.unit.find(id);
      if (it != m.unit.end()) person.preferences.push_back(it->second);
    }
    person.languages = language_list(p.languages);
    m.person[p.id] = static_cast<uint32_t>(m.people.size());
    m.people.push_back(&p);
    m.input.participants.push_back(std::move(person));
  }
  for (const Requirement& r : s.required) {
    m.input.required.push_back({IndexOf(types, r.type), static_cast<uint32_t>(std::max<std::int64_t>(r.rotations, 0))});
  }
  m.type_names.resize(types.size());
  for (const auto& [name, index] : types) m.type_names[index] = name;
  return m;
}

// The rotations the engine can see (active participants, known periods and
// units), with the index of each in `rotations`.
std::vector<std::pair<engines::Rotation, std::size_t>> ToEngine(const Mapping& m,
                                                               const std::vector<Rotation>& rotations) {
  std::vector<std::pair<engines::Rotation, std::size_t>> out;
  for (std::size_t i = 0; i < rotations.size(); ++i) {
    const Rotation& r = rotations[i];
    const auto p = m.person.find(r.participant_id);
    const auto t = m.period.find(r.period_id);
    const auto u = m.unit.find(r.unit_id);
    if (p == m.person.end() || t == m.period.end() || u == m.unit.end()) continue;
    out.push_back({{p->second, t->second, u->second}, i});
  }
  return out;
}

std::vector<engines::Rotation> Plain(const std::vector<std::pair<engines::Rotation, std::size_t>>& rotations) {
  std::vector<engines::Rotation> out;
  for (const auto& [r, index] : rotations) out.push_back(r);
  return out;
}

const char* RuleCode(RotationViolation::Rule rule) {
  switch (rule) {
    case RotationViolation::Rule::kTwoUnitsInOnePeriod: return "two_units_in_one_period";
    case RotationViolation::Rule::kSameUnitTwice: return "same_unit_twice";
    case RotationViolation::Rule::kOverCapacity: return "over_capacity";
    case RotationViolation::Rule::kLanguage: return "language_missing";
    case RotationViolation::Rule::kRequiredType: return "required_type";
  }
  return "";
}

}  // namespace

Plan DescribePlan(const Setup& setup, const std::vector<Participant>& participants,
                  const std::vector<Rotation>& rotations) {
  Plan plan;
  plan.setup = setup;
  const Mapping m = Map(setup, participants);
  const auto seen = ToEngine(m, rotations);
  const std::size_t periods = setup.periods.size();
  plan.taken.assign(setup.units.size(), std::vector<std::int64_t>(periods, 0));
  std::vector<PlanRow> rows(m.people.size());
  for (std::size_t i = 0; i < m.people.size(); ++i) {
    rows[i].participant_id = m.people[i]->id;
    rows[i].name = m.people[i]->name;
    rows[i].languages = m.people[i]->languages;
    for (const Period& period : setup.periods) rows[i].cells.push_back({period.id, std::nullopt, false, std::nullopt});
  }
  for (const auto& [r, index] : seen) {
    ++plan.taken[r.unit][r.period];
    plan.cost += engines::PreferenceCost(m.input, r.participant, r.unit);
    PlanCell& cell = rows[r.participant].cells[r.period];
    cell.unit_id = rotations[index].unit_id;
    cell.manual = rotations[index].manual;
    const auto& prefs = m.input.participants[r.participant].preferences;
    const auto listed = std::find(prefs.begin(), prefs.end(), r.unit);
    if (listed != prefs.end()) cell.choice = listed - prefs.begin() + 1;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::int64_t filled = 0;
    for (const PlanCell& c : rows[i].cells) filled += c.unit_id ? 1 : 0;
    if (filled < static_cast<std::int64_t>(periods)) {
      plan.shortfalls.push_back({rows[i].participant_id, rows[i].name, static_cast<std::int64_t>(periods) - filled, {}});
    }
    for (const auto& req : m.input.required) {
      std::int64_t have = 0;
      for (const auto& [r, index] : seen)
        if (r.participant == i && m.input.units[r.unit].type == req.type) ++have;
      if (have < req.rotations) {
        plan.shortfalls.push_back(
            {rows[i].participant_id, rows[i].name, req.rotations - have, m.type_names[req.type]});
      }
    }
  }
  for (const RotationViolation& v : engines::CheckRotations(m.input, Plain(seen), false)) {
    Violation out;
    out.rule = RuleCode(v.rule);
    switch (v.rule) {
      case RotationViolation::Rule::kTwoUnitsInOnePeriod:
        out.participant_id = m.people[v.participant]->id;
        out.period_id = setup.periods[v.period].id;
        break;
      case RotationViolation::Rule::kSameUnitTwice:
      case RotationViolation::Rule::kLanguage:
        out.participant_id = m.people[v.participant]->id;
        out.unit_id = setup.units[v.unit].unit_id;
        break;
      case RotationViolation::Rule::kOverCapacity:
        out.period_id = setup.periods[v.period].id;
        out.unit_id = setup.units[v.unit].unit_id;
        break;
      case RotationViolation::Rule::kRequiredType:
        out.participant_id = m.people[v.participant]->id;
        out.type = m.type_names[v.type];
        break;
    }
    plan.violations.push_back(std::move(out));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const PlanRow& a, const PlanRow& b) { return a.name < b.name; });
  plan.rows = std::move(rows);
  return plan;
}

std::vector<Rotation> OptimalRotations(const Setup& setup, const std::vector<Participant>& participants,
                                       const std::vector<Rotation>& fixed) {
  Mapping m = Map(setup, participants);
  m.input.fixed = Plain(ToEngine(m, fixed));
  std::set<std::pair<uint32_t, uint32_t>> kept;
  for (const auto& r : m.input.fixed) kept.insert({r.participant, r.period});
  const engines::RotationsResult result = engines::PlanRotations(m.input);
  std::vector<Rotation> out;
  for (const auto& r : result.rotations) {
    if (kept.contains({r.participant, r.period})) continue;
    out.push_back({m.people[r.participant]->id, setup.periods[r.period].id, setup.units[r.unit].unit_id, false});
  }
  return out;
}

std::vector<std::string> NewlyBrokenRules(const Setup& setup, const std::vector<Participant>& participants,
                                          const std::vector<Rotation>& before, const std::vector<Rotation>& after) {
  const Mapping m = Map(setup, participants);
  const auto old_violations = engines::CheckRotations(m.input, Plain(ToEngine(m, before)), true);
  std::vector<std::string> codes;
  for (const RotationViolation& v : engines::CheckRotations(m.input, Plain(ToEngine(m, after)), true)) {
    if (std::find(old_violations.begin(), old_violations.end(), v) != old_violations.end()) continue;
    const std::string code = RuleCode(v.rule);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

}  // namespace cohort::participants
