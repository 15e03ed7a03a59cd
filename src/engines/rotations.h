#pragma once
// Rotations: every participant of an intake spends each period in one host
// unit (a department), never the same unit twice, within each unit's places
// in that period, in units whose languages they speak, with at least the
// required number of rotations in units of each required type, and with the
// least total preference cost. Pure: no I/O; deterministic.
//
// How: a minimum-cost maximum flow (min_cost_flow.h) chooses each
// participant's set of units, which fixes the cost, since preferences are
// over units and not periods:
//   source → participant's required slot of type t (as many as required)
//   source → participant's free slots (the rest of its periods, at a
//            penalty larger than any sum of preference costs, so that among
//            the fullest plans those meeting the requirements win)
//   free slots → participant's slot of type t → unit u of type t
//            (1 place, cost = preference rank: a unit can be had only once)
//   unit u → sink (its places summed over the periods)
// Then the periods are dealt out one at a time by a second flow, in which a
// unit that must take people now (its remaining load exceeds its places in
// later periods) and a participant with as many units as periods left are
// served first. When every unit has the same places in every period this
// always succeeds (a bipartite graph of degree ≤ k has a matching covering
// every vertex of degree k, König); otherwise a unit left over is reported
// as a shortfall.
#include <cstdint>
#include <vector>

namespace cohort::engines {

struct RotationUnit {
  uint32_t type = 0;                // a unit type numbered by the caller
  std::vector<uint32_t> places = {};     // per period; size == periods
  std::vector<uint32_t> languages = {};  // required, sorted ascending
};

struct RotationParticipant {
  std::vector<uint32_t> preferences = {};  // unit indices, most wanted first
  std::vector<uint32_t> languages = {};    // spoken, sorted ascending
};

struct TypeRequirement {
  uint32_t type = 0;
  uint32_t rotations = 1;  // at least this many rotations in units of the type
};

struct Rotation {
  uint32_t participant = 0;
  uint32_t period = 0;
  uint32_t unit = 0;
  friend bool operator==(const Rotation&, const Rotation&) = default;
};

struct RotationsInput {
  uint32_t periods = 0;
  std::vector<RotationUnit> units = {};
  std::vector<RotationParticipant> participants = {};
  std::vector<TypeRequirement> required = {};  // for every participant; one per type
  // Rotations placed by hand: kept as they are, and counted against places
  // and requirements. They must themselves keep the rules (CheckRotations).
  std::vector<Rotation> fixed = {};
};

// A participant left short: `rotations` periods without a unit; when `type`
// is set (required_type), that many of them are missing in units of a
// required type.
struct RotationShortfall {
  static constexpr uint32_t kAnyType = UINT32_MAX;
  uint32_t participant = 0;
  uint32_t rotations = 0;
  uint32_t type = kAnyType;
  friend bool operator==(const RotationShortfall&, const RotationShortfall&) = default;
};

struct RotationsResult {
  std::vector<Rotation> rotations = {};  // fixed ones included; by participant, then period
  int64_t cost = 0;                 // Σ preference cost of the rotations
  std::vector<RotationShortfall> shortfalls = {};  // by participant; the total first, then by requirement
};

// The cost of giving unit u to participant p: the rank of u in p's
// preferences (0 for the first choice), or, for a unit p did not list, the
// length of the longest list in the input, so that no listed unit costs more.
int64_t PreferenceCost(const RotationsInput& input, uint32_t participant, uint32_t unit);

// Precondition: every index in range, units[u].places.size() == periods,
// Σ required rotations ≤ periods. Target: 300 participants, 3 periods and
// 40 units in well under 50 ms.
RotationsResult PlanRotations(const RotationsInput& input);

// A broken rule in a plan (a hand-made move, or a plan kept from before the
// units changed).
struct RotationViolation {
  enum class Rule : uint8_t {
    kTwoUnitsInOnePeriod,  // participant, period
    kSameUnitTwice,        // participant, unit
    kOverCapacity,         // unit, period
    kLanguage,             // participant, unit
    kRequiredType,         // participant, type (with fewer rotations than required)
  };
  Rule rule = Rule::kTwoUnitsInOnePeriod;
  uint32_t participant = 0;
  uint32_t period = 0;
  uint32_t unit = 0;
  uint32_t type = 0;
  friend bool operator==(const RotationViolation&, const RotationViolation&) = default;
};

// Checks a whole plan against the rules above. `complete` also asks for the
// required types (a plan still being made may lack rotations). The result is
// ordered by rule, then as the rule's fields are listed.
std::vector<RotationViolation> CheckRotations(const RotationsInput& input,
                                              const std::vector<Rotation>& plan, bool complete);

}  // namespace cohort::engines
