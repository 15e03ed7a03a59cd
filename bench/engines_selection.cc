// Screening and ranking over a Paris-2024-sized call, against std::sort of
// the same 300,000 ranking records as the yardstick (QUALITY.md: compare as
// a ratio measured side by side in one run). The target: BM_SelectionPipeline
// ≤ 4 × BM_SortRankingRecords.
//
//   bench_engines --benchmark_filter='Sort|Score|Rank|Pipeline'
//                 --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
//
// The benchmark keeps freed memory as `cohort` does (core/memory.h, ADR
// 0002): with glibc's defaults the pipeline's ≈ 50 MB of results are given
// back to the kernel after every iteration and faulted in again (≈ 5 µs a
// 4 KiB page on these VMs), which triples the pipeline's time.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "core/memory.h"
#include "engines/ranking.h"
#include "engines/scoring.h"
#include "engines_generator.h"

namespace cohort::bench {
namespace {

// As the server does at start (src/app/main.cc).
const bool kept_freed_memory = [] {
  KeepFreedMemory();
  return true;
}();

constexpr uint32_t kCapacity = 45'000;

// Built once per process: generating the call costs more than what is measured.
const GeneratedCall& Call() {
  static const GeneratedCall call = GenerateCall();
  return call;
}

const std::vector<engines::ReviewTotal>& Reviews() {
  static const std::vector<engines::ReviewTotal> reviews = GenerateReviews(Call());
  return reviews;
}

engines::ScoringOptions SelectionScoring(engines::Aggregation aggregation) {
  engines::ScoringOptions options;
  options.calibrate = true;
  options.aggregation = aggregation;
  return options;
}

// The records the pipeline ranks, so the yardstick sorts the same scores.
const std::vector<engines::RankingCandidate>& ScoredCandidates() {
  static const std::vector<engines::RankingCandidate> candidates =
      CandidatesFromScores(Call(), engines::Score(Reviews(), SelectionScoring(engines::Aggregation::kMedian)));
  return candidates;
}

void BM_SortRankingRecords(benchmark::State& state) {
  const std::vector<engines::RankingCandidate>& source = ScoredCandidates();
  std::vector<engines::RankingCandidate> records;
  for (auto _ : state) {
    // The copy is not timed: the yardstick is the sort alone, the strictest reading.
    state.PauseTiming();
    records = source;
    state.ResumeTiming();
    std::sort(records.begin(), records.end(),
              [](const engines::RankingCandidate& a, const engines::RankingCandidate& b) { return a.score > b.score; });
    benchmark::DoNotOptimize(records.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(source.size()));
}
BENCHMARK(BM_SortRankingRecords)->Unit(benchmark::kMillisecond);

// Arg: 0 mean, 1 median.
void BM_ScoreCalibrateAggregate(benchmark::State& state) {
  const std::vector<engines::ReviewTotal>& reviews = Reviews();
  const engines::ScoringOptions options =
      SelectionScoring(state.range(0) == 0 ? engines::Aggregation::kMean : engines::Aggregation::kMedian);
  for (auto _ : state) {
    engines::ScoringResult result = engines::Score(reviews, options);
    benchmark::DoNotOptimize(result.applications.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(reviews.size()));
}
BENCHMARK(BM_ScoreCalibrateAggregate)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_RankWithThreeQuotas(benchmark::State& state) {
  const std::vector<engines::RankingCandidate>& candidates = ScoredCandidates();
  const engines::RankingOptions options = ThreeQuotaOptions(Call().shape, kCapacity);
  if (!engines::CheckQuotas(options).empty()) {
    state.SkipWithError("quota options rejected");
    return;
  }
  uint32_t selected = 0;
  for (auto _ : state) {
    engines::RankingResult result = engines::Rank(candidates, options);
    selected = result.selected;
    benchmark::DoNotOptimize(result.ranked.data());
  }
  state.counters["selected"] = selected;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(candidates.size()));
}
BENCHMARK(BM_RankWithThreeQuotas)->Unit(benchmark::kMillisecond);

// What a coordinator's "rank the call" does after the reviews are in:
// calibrate and aggregate, build the candidates, rank under the quotas.
void BM_SelectionPipeline(benchmark::State& state) {
  const GeneratedCall& call = Call();
  const std::vector<engines::ReviewTotal>& reviews = Reviews();
  const engines::ScoringOptions scoring = SelectionScoring(engines::Aggregation::kMedian);
  const engines::RankingOptions ranking = ThreeQuotaOptions(call.shape, kCapacity);
  for (auto _ : state) {
    const engines::ScoringResult scores = engines::Score(reviews, scoring);
    const std::vector<engines::RankingCandidate> candidates = CandidatesFromScores(call, scores);
    engines::RankingResult result = engines::Rank(candidates, ranking);
    benchmark::DoNotOptimize(result.ranked.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(call.shape.applications));
}
BENCHMARK(BM_SelectionPipeline)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cohort::bench
