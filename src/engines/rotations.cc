#include "engines/rotations.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "engines/min_cost_flow.h"

namespace cohort::engines {

namespace {

bool Speaks(const RotationParticipant& participant, const RotationUnit& unit) {
  return std::includes(participant.languages.begin(), participant.languages.end(),
                       unit.languages.begin(), unit.languages.end());
}

std::size_t LongestPreferences(const RotationsInput& input) {
  std::size_t longest = 0;
  for (const auto& p : input.participants) longest = std::max(longest, p.preferences.size());
  return longest;
}

// What the fixed rotations leave: places per unit and period, and per
// participant the periods and units already taken.
struct Leftover {
  uint32_t periods;
  uint32_t units;
  std::vector<uint32_t> places;       // [u * periods + t]
  std::vector<uint8_t> period_taken;  // [p * periods + t]
  std::vector<uint8_t> unit_taken;    // [p * units + u]

  explicit Leftover(const RotationsInput& input)
      : periods(input.periods), units(static_cast<uint32_t>(input.units.size())),
        places(std::size_t{units} * periods),
        period_taken(input.participants.size() * periods, 0),
        unit_taken(input.participants.size() * units, 0) {
    for (uint32_t u = 0; u < units; ++u)
      for (uint32_t t = 0; t < periods; ++t) places[u * periods + t] = input.units[u].places[t];
    for (const Rotation& r : input.fixed) Take(r);
  }

  void Take(const Rotation& r) {
    uint32_t& left = places[r.unit * periods + r.period];
    if (left > 0) --left;
    period_taken[std::size_t{r.participant} * periods + r.period] = 1;
    unit_taken[std::size_t{r.participant} * units + r.unit] = 1;
  }

  uint32_t FreePeriods(uint32_t p) const {
    uint32_t free = 0;
    for (uint32_t t = 0; t < periods; ++t) free += period_taken[std::size_t{p} * periods + t] ? 0 : 1;
    return free;
  }
};

// Step 1: each participant's set of units, by minimum-cost maximum flow.
std::vector<std::vector<uint32_t>> ChooseUnits(const RotationsInput& input,
                                               const Leftover& left) {
  const auto participants = static_cast<uint32_t>(input.participants.size());
  const uint32_t units = left.units;
  const int64_t unlisted = static_cast<int64_t>(LongestPreferences(input));

  std::vector<uint32_t> types;  // distinct unit types, ascending
  for (const auto& u : input.units) types.push_back(u.type);
  std::sort(types.begin(), types.end());
  types.erase(std::unique(types.begin(), types.end()), types.end());
  auto type_index = [&](uint32_t type) {
    return static_cast<uint32_t>(std::lower_bound(types.begin(), types.end(), type) - types.begin());
  };
  auto has_type = [&](uint32_t type) {
    return std::binary_search(types.begin(), types.end(), type);
  };

  int64_t slots = 0;
  for (uint32_t p = 0; p < participants; ++p) slots += left.FreePeriods(p);
  // A free slot costs more than any plan's preference costs together.
  const auto penalty = static_cast<int32_t>(
      std::min<int64_t>(1 + unlisted * std::max<int64_t>(slots, 1),
                        std::numeric_limits<int32_t>::max() / 4));

  FlowNetwork network(2 + units);
  const uint32_t source = 0;
  const uint32_t sink = 1;
  auto unit_node = [](uint32_t u) { return 2 + u; };
  for (uint32_t u = 0; u < units; ++u) {
    int64_t total = 0;
    for (uint32_t t = 0; t < input.periods; ++t) total += left.places[u * input.periods + t];
    network.AddArc(unit_node(u), sink, static_cast<int32_t>(total), 0);
  }

  std::vector<int64_t> rank(units);
  struct UnitArc {
    uint32_t arc;
    uint32_t participant;
    uint32_t unit;
  };
  std::vector<UnitArc> unit_arcs;
  for (uint32_t p = 0; p < participants; ++p) {
    const RotationParticipant& participant = input.participants[p];
    std::fill(rank.begin(), rank.end(), unlisted);
    for (std::size_t i = 0; i < participant.preferences.size(); ++i)
      rank[participant.preferences[i]] = std::min<int64_t>(rank[participant.preferences[i]],
                                                           static_cast<int64_t>(i));
    // Required rotations still to place, per type, within the free periods.
    const uint32_t free = left.FreePeriods(p);
    uint32_t reserved = 0;
    std::vector<uint32_t> still(types.size(), 0);
    for (const TypeRequirement& req : input.required) {
      if (!has_type(req.type)) continue;  // no unit of the type: reported as a shortfall
      uint32_t have = 0;
      for (const Rotation& r : input.fixed)
        if (r.participant == p && input.units[r.unit].type == req.type) ++have;
      const uint32_t need = req.rotations > have ? std::min(req.rotations - have, free - reserved) : 0;
      still[type_index(req.type)] += need;
      reserved += need;
    }
    const uint32_t person = network.AddNode();
    const uint32_t unrequired = network.AddNode();
    network.AddArc(source, person, static_cast<int32_t>(free), 0);
    network.AddArc(person, unrequired, static_cast<int32_t>(free), penalty);
    for (uint32_t k = 0; k < types.size(); ++k) {
      const uint32_t slot = network.AddNode();
      if (still[k] > 0) network.AddArc(person, slot, static_cast<int32_t>(still[k]), 0);
      network.AddArc(unrequired, slot, static_cast<int32_t>(free), 0);
      for (uint32_t u = 0; u < units; ++u) {
        if (input.units[u].type != types[k] || left.unit_taken[std::size_t{p} * units + u] ||
            !Speaks(participant, input.units[u]))
          continue;
        unit_arcs.push_back({network.AddArc(slot, unit_node(u), 1, static_cast<int32_t>(rank[u])),
                             p, u});
      }
    }
  }

  const FlowResult flow = MinCostMaxFlow(network, source, sink);
  std::vector<std::vector<uint32_t>> chosen(participants);
  for (const UnitArc& a : unit_arcs)
    if (flow.arc_flow[a.arc] > 0) chosen[a.participant].push_back(a.unit);
  return chosen;
}

// Step 2: deals the chosen units out over the periods, one period at a time.
std::vector<Rotation> DealPeriods(const RotationsInput& input, Leftover& left,
                                  std::vector<std::vector<uint32_t>>& chosen) {
  const auto participants = static_cast<uint32_t>(input.participants.size());
  const uint32_t units = left.units;
  const uint32_t periods = input.periods;
  std::vector<Rotation> placed;
  for (uint32_t t = 0; t < periods; ++t) {
    std::vector<uint32_t> load(units, 0);
    for (const auto& mine : chosen)
      for (uint32_t u : mine) ++load[u];
    FlowNetwork network(2 + units);
    const uint32_t source = 0;
    const uint32_t sink = 1;
    for (uint32_t u = 0; u < units; ++u) {
      uint32_t later = 0;
      for (uint32_t t2 = t + 1; t2 < periods; ++t2) later += left.places[u * periods + t2];
      const uint32_t most = std::min(left.places[u * periods + t], load[u]);
      const uint32_t least = std::min(most, load[u] > later ? load[u] - later : 0);
      network.AddArc(2 + u, sink, static_cast<int32_t>(least), 0);
      network.AddArc(2 + u, sink, static_cast<int32_t>(most - least), 1);
    }
    struct Choice {
      uint32_t arc;
      uint32_t participant;
      uint32_t unit;
    };
    std::vector<Choice> choices;
    for (uint32_t p = 0; p < participants; ++p) {
      if (chosen[p].empty() || left.period_taken[std::size_t{p} * periods + t]) continue;
      uint32_t periods_left = 0;
      for (uint32_t t2 = t; t2 < periods; ++t2)
        periods_left += left.period_taken[std::size_t{p} * periods + t2] ? 0 : 1;
      const uint32_t node = network.AddNode();
      network.AddArc(source, node, 1, chosen[p].size() >= periods_left ? 0 : 1);
      for (uint32_t u : chosen[p]) choices.push_back({network.AddArc(node, 2 + u, 1, 0), p, u});
    }
    const FlowResult flow = MinCostMaxFlow(network, source, sink);
    for (const Choice& c : choices) {
      if (flow.arc_flow[c.arc] == 0) continue;
      const Rotation r{.participant = c.participant, .period = t, .unit = c.unit};
      left.Take(r);
      placed.push_back(r);
      auto& mine = chosen[c.participant];
      mine.erase(std::find(mine.begin(), mine.end(), c.unit));
    }
  }
  return placed;
}

}  // namespace

int64_t PreferenceCost(const RotationsInput& input, uint32_t participant, uint32_t unit) {
  const auto& prefs = input.participants[participant].preferences;
  const auto it = std::find(prefs.begin(), prefs.end(), unit);
  if (it != prefs.end()) return it - prefs.begin();
  return static_cast<int64_t>(LongestPreferences(input));
}

RotationsResult PlanRotations(const RotationsInput& input) {
  Leftover left(input);
  std::vector<std::vector<uint32_t>> chosen = ChooseUnits(input, left);
  RotationsResult result;
  result.rotations = input.fixed;
  const std::vector<Rotation> placed = DealPeriods(input, left, chosen);
  result.rotations.insert(result.rotations.end(), placed.begin(), placed.end());
  std::sort(result.rotations.begin(), result.rotations.end(),
            [](const Rotation& a, const Rotation& b) {
              return std::tie(a.participant, a.period) < std::tie(b.participant, b.period);
            });
  for (const Rotation& r : result.rotations)
    result.cost += PreferenceCost(input, r.participant, r.unit);

  // Shortfalls, counted from the plan itself.
  const auto participants = static_cast<uint32_t>(input.participants.size());
  std::vector<uint32_t> count(participants, 0);
  for (const Rotation& r : result.rotations) ++count[r.participant];
  for (uint32_t p = 0; p < participants; ++p) {
    if (count[p] < input.periods)
      result.shortfalls.push_back({.participant = p, .rotations = input.periods - count[p]});
    for (const TypeRequirement& req : input.required) {
      uint32_t have = 0;
      for (const Rotation& r : result.rotations)
        if (r.participant == p && input.units[r.unit].type == req.type) ++have;
      if (have < req.rotations)
        result.shortfalls.push_back(
            {.participant = p, .rotations = req.rotations - have, .type = req.type});
    }
  }
  return result;
}

std::vector<RotationViolation> CheckRotations(const RotationsInput& input,
                                              const std::vector<Rotation>& plan, bool complete) {
  using Rule = RotationViolation::Rule;
  const auto participants = static_cast<uint32_t>(input.participants.size());
  const auto units = static_cast<uint32_t>(input.units.size());
  const uint32_t periods = input.periods;
  std::vector<uint32_t> per_period(std::size_t{participants} * periods, 0);
  std::vector<uint32_t> per_unit(std::size_t{participants} * units, 0);
  std::vector<uint32_t> occupied(std::size_t{units} * periods, 0);
  for (const Rotation& r : plan) {
    ++per_period[std::size_t{r.participant} * periods + r.period];
    ++per_unit[std::size_t{r.participant} * units + r.unit];
    ++occupied[std::size_t{r.unit} * periods + r.period];
  }
  std::vector<RotationViolation> violations;
  for (uint32_t p = 0; p < participants; ++p)
    for (uint32_t t = 0; t < periods; ++t)
      if (per_period[std::size_t{p} * periods + t] > 1)
        violations.push_back({.rule = Rule::kTwoUnitsInOnePeriod, .participant = p, .period = t});
  for (uint32_t p = 0; p < participants; ++p)
    for (uint32_t u = 0; u < units; ++u) {
      if (per_unit[std::size_t{p} * units + u] > 1)
        violations.push_back({.rule = Rule::kSameUnitTwice, .participant = p, .unit = u});
    }
  for (uint32_t u = 0; u < units; ++u)
    for (uint32_t t = 0; t < periods; ++t)
      if (occupied[std::size_t{u} * periods + t] > input.units[u].places[t])
        violations.push_back({.rule = Rule::kOverCapacity, .period = t, .unit = u});
  for (uint32_t p = 0; p < participants; ++p)
    for (uint32_t u = 0; u < units; ++u)
      if (per_unit[std::size_t{p} * units + u] > 0 && !Speaks(input.participants[p], input.units[u]))
        violations.push_back({.rule = Rule::kLanguage, .participant = p, .unit = u});
  if (complete) {
    for (uint32_t p = 0; p < participants; ++p)
      for (const TypeRequirement& req : input.required) {
        uint32_t have = 0;
        for (uint32_t u = 0; u < units; ++u)
          if (input.units[u].type == req.type) have += per_unit[std::size_t{p} * units + u];
        if (have < req.rotations)
          violations.push_back({.rule = Rule::kRequiredType, .participant = p, .type = req.type});
      }
  }
  return violations;
}

}  // namespace cohort::engines
