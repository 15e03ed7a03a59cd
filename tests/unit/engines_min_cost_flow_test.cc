// Minimum-cost maximum flow: checked against the textbook method (one
// cheapest path at a time, found by Bellman-Ford) on many random networks,
// and on small cases whose answer is known by hand.
#include "engines/min_cost_flow.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace cohort::engines {
namespace {

struct Reference {
  int64_t flow = 0;
  int64_t cost = 0;
};

// Successive shortest paths with Bellman-Ford over the residual graph.
Reference SlowMinCostMaxFlow(const FlowNetwork& network, uint32_t source, uint32_t sink) {
  struct Edge {
    uint32_t to;
    int64_t capacity;
    int64_t cost;
  };
  std::vector<Edge> edges;
  std::vector<std::vector<uint32_t>> out(network.nodes());
  for (const FlowArc& a : network.arcs()) {
    out[a.from].push_back(static_cast<uint32_t>(edges.size()));
    edges.push_back({a.to, a.capacity, a.cost});
    out[a.to].push_back(static_cast<uint32_t>(edges.size()));
    edges.push_back({a.from, 0, -a.cost});
  }
  Reference result;
  constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;
  while (true) {
    std::vector<int64_t> dist(network.nodes(), kInf);
    std::vector<int64_t> via(network.nodes(), -1);
    dist[source] = 0;
    for (uint32_t round = 0; round < network.nodes(); ++round) {
      bool changed = false;
      for (uint32_t v = 0; v < network.nodes(); ++v) {
        if (dist[v] == kInf) continue;
        for (uint32_t e : out[v]) {
          if (edges[e].capacity > 0 && dist[v] + edges[e].cost < dist[edges[e].to]) {
            dist[edges[e].to] = dist[v] + edges[e].cost;
            via[edges[e].to] = e;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[sink] == kInf) return result;
    int64_t bottleneck = kInf;
    for (uint32_t v = sink; v != source; v = edges[static_cast<uint32_t>(via[v]) ^ 1].to)
      bottleneck = std::min(bottleneck, edges[via[v]].capacity);
    for (uint32_t v = sink; v != source; v = edges[via[v] ^ 1].to) {
      edges[via[v]].capacity -= bottleneck;
      edges[via[v] ^ 1].capacity += bottleneck;
    }
    result.flow += bottleneck;
    result.cost += bottleneck * dist[sink];
  }
}

// The flow on every arc respects its capacity and every node other than the
// source and the sink passes on what it receives; returns the value leaving
// the source.
int64_t CheckFlow(const FlowNetwork& network, const FlowResult& result, uint32_t source,
                  uint32_t sink) {
  std::vector<int64_t> balance(network.nodes(), 0);
  int64_t cost = 0;
  EXPECT_EQ(result.arc_flow.size(), network.arcs().size());
  for (std::size_t i = 0; i < network.arcs().size(); ++i) {
    const FlowArc& a = network.arcs()[i];
    EXPECT_GE(result.arc_flow[i], 0);
    EXPECT_LE(result.arc_flow[i], a.capacity);
    balance[a.from] -= result.arc_flow[i];
    balance[a.to] += result.arc_flow[i];
    cost += static_cast<int64_t>(result.arc_flow[i]) * a.cost;
  }
  for (uint32_t v = 0; v < network.nodes(); ++v)
    if (v != source && v != sink) {
      EXPECT_EQ(balance[v], 0) << "node " << v;
    }
  EXPECT_EQ(balance[sink], -balance[source]);
  EXPECT_EQ(cost, result.cost);
  return -balance[source];
}

TEST(MinCostFlowTest, AssignsWorkersToJobsAtTheLeastTotalCost) {
  // Three people, three units; cost = preference rank. Greedy by person would
  // give 0 + 1 + 4 = 5 (p0→u0, p1→u1, p2→u2); the optimum is 2.
  const int32_t cost[3][3] = {{0, 1, 2}, {0, 1, 2}, {1, 0, 4}};
  FlowNetwork network(8);  // 0 source, 1..3 people, 4..6 units, 7 sink
  for (uint32_t p = 0; p < 3; ++p) network.AddArc(0, 1 + p, 1, 0);
  for (uint32_t p = 0; p < 3; ++p)
    for (uint32_t u = 0; u < 3; ++u) network.AddArc(1 + p, 4 + u, 1, cost[p][u]);
  for (uint32_t u = 0; u < 3; ++u) network.AddArc(4 + u, 7, 1, 0);
  const FlowResult result = MinCostMaxFlow(network, 0, 7);
  EXPECT_EQ(result.flow, 3);
  EXPECT_EQ(result.cost, 2);  // p2→u1 (0), and p0, p1 share u0 (0) and u2 (2)
  EXPECT_EQ(result.arc_flow[3 + 3 * 2 + 1], 1);  // p2→u1
  EXPECT_EQ(CheckFlow(network, result, 0, 7), 3);
}

TEST(MinCostFlowTest, AnUnreachableSinkGivesNoFlow) {
  FlowNetwork network(3);
  network.AddArc(0, 1, 5, 1);
  const FlowResult result = MinCostMaxFlow(network, 0, 2);
  EXPECT_EQ(result.flow, 0);
  EXPECT_EQ(result.cost, 0);
  EXPECT_EQ(result.arc_flow, std::vector<int32_t>{0});
}

TEST(MinCostFlowTest, TakesAnExpensiveArcOnlyWhenNothingCheaperIsLeft) {
  // Two paths: cost 1 with capacity 2, and a penalty of 1,000,000 with
  // capacity 3 (its distances go past Dial's buckets to the heap).
  FlowNetwork network(4);
  const uint32_t cheap = network.AddArc(0, 1, 2, 1);
  network.AddArc(1, 3, 2, 0);
  const uint32_t dear = network.AddArc(0, 2, 3, 1'000'000);
  network.AddArc(2, 3, 3, 0);
  const FlowResult result = MinCostMaxFlow(network, 0, 3);
  EXPECT_EQ(result.flow, 5);
  EXPECT_EQ(result.cost, 2 + 3'000'000);
  EXPECT_EQ(result.arc_flow[cheap], 2);
  EXPECT_EQ(result.arc_flow[dear], 3);
}

TEST(MinCostFlowTest, ReroutesEarlierFlowWhenThatIsCheaper) {
  // The classic case where the first cheapest path must be partly undone.
  FlowNetwork network(4);
  network.AddArc(0, 1, 1, 0);
  network.AddArc(0, 2, 1, 2);
  network.AddArc(1, 2, 1, 0);
  network.AddArc(1, 3, 1, 2);
  network.AddArc(2, 3, 1, 0);
  const FlowResult result = MinCostMaxFlow(network, 0, 3);
  EXPECT_EQ(result.flow, 2);
  EXPECT_EQ(result.cost, 4);
  CheckFlow(network, result, 0, 3);
}

TEST(MinCostFlowTest, MatchesTheTextbookMethodOnRandomNetworks) {
  std::mt19937_64 rng(20261202);
  for (int trial = 0; trial < 600; ++trial) {
    const uint32_t nodes = 2 + static_cast<uint32_t>(rng() % 14);
    const uint32_t arcs = static_cast<uint32_t>(rng() % (nodes * 4));
    FlowNetwork network(nodes);
    for (uint32_t i = 0; i < arcs; ++i) {
      const auto from = static_cast<uint32_t>(rng() % nodes);
      const auto to = static_cast<uint32_t>(rng() % nodes);
      if (from == to) continue;
      const auto capacity = static_cast<int32_t>(rng() % 6);
      // Mostly small ranks; now and then a large penalty.
      const auto cost = static_cast<int32_t>(rng() % 20 == 0 ? 50'000 + rng() % 3 : rng() % 10);
      network.AddArc(from, to, capacity, cost);
    }
    const uint32_t source = 0;
    const uint32_t sink = nodes - 1;
    const Reference expected = SlowMinCostMaxFlow(network, source, sink);
    const FlowResult result = MinCostMaxFlow(network, source, sink);
    ASSERT_EQ(result.flow, expected.flow) << "trial " << trial;
    ASSERT_EQ(result.cost, expected.cost) << "trial " << trial;
    ASSERT_EQ(CheckFlow(network, result, source, sink), expected.flow) << "trial " << trial;
  }
}

TEST(MinCostFlowTest, MatchesTheTextbookMethodOnRandomPlacements) {
  // The shape of rotations and volunteer placement: people with ranked
  // choices of a few positions that have capacities.
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 100; ++trial) {
    const uint32_t people = 5 + static_cast<uint32_t>(rng() % 40);
    const uint32_t positions = 2 + static_cast<uint32_t>(rng() % 10);
    FlowNetwork network(2 + people + positions);
    const uint32_t source = 0;
    const uint32_t sink = 1;
    for (uint32_t p = 0; p < people; ++p) {
      network.AddArc(source, 2 + p, 1, 0);
      const uint32_t choices = 1 + static_cast<uint32_t>(rng() % 4);
      for (uint32_t rank = 0; rank < choices; ++rank)
        network.AddArc(2 + p, 2 + people + static_cast<uint32_t>(rng() % positions), 1,
                       static_cast<int32_t>(rank));
    }
    for (uint32_t q = 0; q < positions; ++q)
      network.AddArc(2 + people + q, sink, static_cast<int32_t>(rng() % 6), 0);
    const Reference expected = SlowMinCostMaxFlow(network, source, sink);
    const FlowResult result = MinCostMaxFlow(network, source, sink);
    ASSERT_EQ(result.flow, expected.flow) << "trial " << trial;
    ASSERT_EQ(result.cost, expected.cost) << "trial " << trial;
    CheckFlow(network, result, source, sink);
  }
}

}  // namespace
}  // namespace cohort::engines
