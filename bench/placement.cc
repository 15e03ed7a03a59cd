// Mega-event placement: 45,000 volunteers with ranked choices of 2,000
// role-venue positions, positions holding 1.0× and 1.2× the volunteers.
// Our min-cost flow (src/engines/min_cost_flow.h) and LEMON 1.3's
// NetworkSimplex, the yardstick, solve the same network side by side; the
// run checks that both reach the same optimal cost and reports the median
// time of each (network building included) and its peak memory.
//
// The network: source → volunteer (1, cost 0) → position (1, cost = rank of
// the choice, 0 for the first) → sink (the position's places, cost 0). We want
// as many volunteers placed as possible, then the least total rank. LEMON
// takes supplies rather than "maximum flow", so it gets the usual bypass
// arc source → sink of cost M larger than any path, with the source supplying
// every volunteer: its optimum is ours + M × (volunteers not placed).
//
//   build/bench/bench_placement [runs]      (docs/PERFORMANCE.md)
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "core/memory.h"
#include "engines/min_cost_flow.h"

namespace {

constexpr uint32_t kVolunteers = 45'000;
constexpr uint32_t kPositions = 2'000;
constexpr uint32_t kChoices = 10;
constexpr int64_t kBypassCost = 100'000'000;  // > any augmenting path's cost

struct Instance {
  // choices[v * kChoices + rank] = position
  std::vector<uint32_t> choices;
  std::vector<int32_t> places;  // per position
};

// Volunteers favour some positions (venue and role popularity falls off as a
// power law); places are spread with some positions far larger than others.
Instance Generate(double capacity_ratio, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> popularity(kPositions);
  for (uint32_t q = 0; q < kPositions; ++q) popularity[q] = 1.0 / std::pow(1.0 + q, 0.7);
  std::shuffle(popularity.begin(), popularity.end(), rng);
  std::discrete_distribution<uint32_t> pick(popularity.begin(), popularity.end());
  Instance instance;
  instance.choices.reserve(std::size_t{kVolunteers} * kChoices);
  for (uint32_t v = 0; v < kVolunteers; ++v) {
    std::vector<uint32_t> mine;
    while (mine.size() < kChoices) {
      const uint32_t q = pick(rng);
      if (std::find(mine.begin(), mine.end(), q) == mine.end()) mine.push_back(q);
    }
    instance.choices.insert(instance.choices.end(), mine.begin(), mine.end());
  }
  std::uniform_real_distribution<double> size(1.0, 4.0);
  std::vector<double> weight(kPositions);
  for (double& w : weight) w = size(rng);
  const double total = std::accumulate(weight.begin(), weight.end(), 0.0);
  const auto wanted = static_cast<int64_t>(std::llround(capacity_ratio * kVolunteers));
  instance.places.resize(kPositions);
  int64_t given = 0;
  for (uint32_t q = 0; q < kPositions; ++q) {
    instance.places[q] = static_cast<int32_t>(std::floor(weight[q] / total * wanted));
    given += instance.places[q];
  }
  for (uint32_t q = 0; given < wanted; q = (q + 1) % kPositions, ++given) ++instance.places[q];
  return instance;
}

struct Outcome {
  double seconds = 0;
  int64_t placed = 0;
  int64_t cost = 0;  // total rank of the placed (bypass excluded)
};

Outcome SolveOurs(const Instance& instance) {
  const auto start = std::chrono::steady_clock::now();
  using cohort::engines::FlowNetwork;
  FlowNetwork network(2 + kVolunteers + kPositions);
  network.Reserve(std::size_t{kVolunteers} * (kChoices + 1) + kPositions);
  const uint32_t source = 0;
  const uint32_t sink = 1;
  for (uint32_t v = 0; v < kVolunteers; ++v) {
    network.AddArc(source, 2 + v, 1, 0);
    for (uint32_t rank = 0; rank < kChoices; ++rank)
      network.AddArc(2 + v, 2 + kVolunteers + instance.choices[v * kChoices + rank], 1,
                     static_cast<int32_t>(rank));
  }
  for (uint32_t q = 0; q < kPositions; ++q)
    network.AddArc(2 + kVolunteers + q, sink, instance.places[q], 0);
  const auto result = cohort::engines::MinCostMaxFlow(network, source, sink);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return {elapsed.count(), result.flow, result.cost};
}

Outcome SolveLemon(const Instance& instance) {
  const auto start = std::chrono::steady_clock::now();
  lemon::SmartDigraph graph;
  graph.reserveNode(2 + kVolunteers + kPositions);
  graph.reserveArc(std::size_t{kVolunteers} * (kChoices + 1) + kPositions + 1);
  const auto source = graph.addNode();
  const auto sink = graph.addNode();
  std::vector<lemon::SmartDigraph::Node> volunteer(kVolunteers);
  std::vector<lemon::SmartDigraph::Node> position(kPositions);
  for (auto& node : volunteer) node = graph.addNode();
  for (auto& node : position) node = graph.addNode();
  lemon::SmartDigraph::ArcMap<int> capacity(graph);
  lemon::SmartDigraph::ArcMap<long long> cost(graph);
  auto arc = [&](lemon::SmartDigraph::Node from, lemon::SmartDigraph::Node to, int cap,
                 long long c) {
    const auto a = graph.addArc(from, to);
    capacity[a] = cap;
    cost[a] = c;
  };
  for (uint32_t v = 0; v < kVolunteers; ++v) {
    arc(source, volunteer[v], 1, 0);
    for (uint32_t rank = 0; rank < kChoices; ++rank)
      arc(volunteer[v], position[instance.choices[v * kChoices + rank]], 1, rank);
  }
  for (uint32_t q = 0; q < kPositions; ++q) arc(position[q], sink, instance.places[q], 0);
  arc(source, sink, static_cast<int>(kVolunteers), kBypassCost);
  lemon::NetworkSimplex<lemon::SmartDigraph, int, long long> simplex(graph);
  simplex.upperMap(capacity).costMap(cost).stSupply(source, sink, static_cast<int>(kVolunteers));
  if (simplex.run() != decltype(simplex)::OPTIMAL) {
    std::fprintf(stderr, "LEMON found no optimum\n");
    std::exit(1);
  }
  const long long total = simplex.totalCost<long long>();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  // Volunteers not placed went by the bypass at kBypassCost each.
  const int64_t unplaced = total / kBypassCost;
  return {elapsed.count(), kVolunteers - unplaced, total - unplaced * kBypassCost};
}

long ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

struct Measured {
  Outcome median;
  long peak_kib = 0;  // peak resident memory above what the instance took
};

// Runs `solve` `runs` times in a child process, so that its peak memory can
// be read apart from the other solver's.
template <typename Solve>
Measured Measure(const Instance& instance, int runs, Solve solve) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) std::exit(1);
  const long baseline = ResidentKiB();
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_ends[0]);
    std::vector<Outcome> outcomes;
    for (int i = 0; i < runs; ++i) outcomes.push_back(solve(instance));
    std::sort(outcomes.begin(), outcomes.end(),
              [](const Outcome& a, const Outcome& b) { return a.seconds < b.seconds; });
    const Outcome median = outcomes[outcomes.size() / 2];
    if (write(pipe_ends[1], &median, sizeof median) != sizeof median) _exit(1);
    _exit(0);
  }
  close(pipe_ends[1]);
  Measured measured;
  if (read(pipe_ends[0], &measured.median, sizeof measured.median) != sizeof measured.median)
    std::exit(1);
  close(pipe_ends[0]);
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  measured.peak_kib = usage.ru_maxrss - baseline;
  return measured;
}

}  // namespace

int main(int argc, char** argv) {
  // As the server does (ADR 0002), for both solvers alike: freed memory is
  // kept, so runs after the first do not fault in fresh pages.
  cohort::KeepFreedMemory();
  const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
  std::printf("placement of %u volunteers (%u ranked choices each) into %u positions, "
              "median of %d runs\n",
              kVolunteers, kChoices, kPositions, runs);
  bool same = true;
  for (const double ratio : {1.0, 1.2}) {
    const Instance instance = Generate(ratio, 2026);
    const Measured ours = Measure(instance, runs, SolveOurs);
    const Measured lemon = Measure(instance, runs, SolveLemon);
    const bool equal =
        ours.median.placed == lemon.median.placed && ours.median.cost == lemon.median.cost;
    same = same && equal;
    std::printf("  capacity %.1f×: placed %lld, total rank %lld (LEMON %lld, %lld): %s\n", ratio,
                static_cast<long long>(ours.median.placed),
                static_cast<long long>(ours.median.cost),
                static_cast<long long>(lemon.median.placed),
                static_cast<long long>(lemon.median.cost), equal ? "same optimum" : "DIFFERENT");
    std::printf("    ours  %8.1f ms  peak +%ld MiB\n", ours.median.seconds * 1e3,
                ours.peak_kib / 1024);
    std::printf("    LEMON %8.1f ms  peak +%ld MiB\n", lemon.median.seconds * 1e3,
                lemon.peak_kib / 1024);
    std::printf("    LEMON / ours = %.1f× (target ≥ 2×)\n",
                lemon.median.seconds / ours.median.seconds);
  }
  return same ? 0 : 1;
}
