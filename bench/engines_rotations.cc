// Rotations of a ministry intake (issue 6): 300 participants, 3 periods of
// two months, 40 host units of 6 types with about 10% spare places, some
// units asking for a language, 6 ranked choices each and one required
// rotation in a consular unit. Target: under 50 ms (docs/PERFORMANCE.md).
//   bench_engines --benchmark_filter=Rotations
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "engines/rotations.h"

namespace {

using cohort::engines::RotationParticipant;
using cohort::engines::RotationsInput;
using cohort::engines::RotationUnit;

RotationsInput MinistryIntake() {
  constexpr uint32_t kParticipants = 300;
  constexpr uint32_t kPeriods = 3;
  constexpr uint32_t kUnits = 40;
  constexpr uint32_t kTypes = 6;
  constexpr uint32_t kEnglish = 1;
  constexpr uint32_t kFrench = 2;
  std::mt19937_64 rng(2019);
  RotationsInput input;
  input.periods = kPeriods;
  for (uint32_t u = 0; u < kUnits; ++u) {
    RotationUnit unit;
    unit.type = u < 14 ? 0 : 1 + u % (kTypes - 1);  // type 0: consular
    // 330 places a period over 40 units: 8 or 9 each.
    unit.places.assign(kPeriods, u < 10 ? 9 : 8);
    if (u % 7 == 3) unit.languages = {kFrench};
    if (u % 5 == 1) unit.languages = {kEnglish};
    input.units.push_back(unit);
  }
  std::discrete_distribution<uint32_t> popular({5, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1,
                                                 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                 1, 1, 1, 1, 1, 1, 1, 1});
  for (uint32_t p = 0; p < kParticipants; ++p) {
    RotationParticipant participant;
    participant.languages = p % 3 == 0 ? std::vector<uint32_t>{kEnglish, kFrench}
                                       : std::vector<uint32_t>{kEnglish};
    while (participant.preferences.size() < 6) {
      const uint32_t u = popular(rng);
      if (std::find(participant.preferences.begin(), participant.preferences.end(), u) ==
          participant.preferences.end())
        participant.preferences.push_back(u);
    }
    input.participants.push_back(participant);
  }
  input.required = {{.type = 0, .rotations = 1}};
  return input;
}

void BM_PlanRotations(benchmark::State& state) {
  const RotationsInput input = MinistryIntake();
  for (auto _ : state) {
    const auto result = cohort::engines::PlanRotations(input);
    benchmark::DoNotOptimize(result.cost);
    state.counters["rotations"] = static_cast<double>(result.rotations.size());
    state.counters["short"] = static_cast<double>(result.shortfalls.size());
    state.counters["cost"] = static_cast<double>(result.cost);
  }
  state.SetLabel("300 participants x 3 periods x 40 units; target < 50 ms");
}
BENCHMARK(BM_PlanRotations)->Unit(benchmark::kMillisecond);

}  // namespace
