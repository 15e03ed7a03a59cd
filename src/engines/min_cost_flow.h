#pragma once
// Minimum-cost maximum flow, for rotations and for placing volunteers into
// positions. Pure: no I/O; deterministic.
//
// The method is the primal-dual one: each phase finds shortest distances from
// the source under reduced costs (Dijkstra with Dial's buckets, since the
// costs here are small preference ranks; it stops once the sink is settled),
// raises the node potentials by them, and then pushes a blocking flow (Dinic)
// through the arcs whose reduced cost is zero until the source and sink are
// cut apart there. Every phase lengthens the cheapest source-sink path, so
// the number of phases is at most the number of distinct path costs, which is
// small when costs are ranks. The result is a maximum flow of least cost.
#include <cstdint>
#include <vector>

namespace cohort::engines {

struct FlowArc {
  uint32_t from = 0;
  uint32_t to = 0;
  int32_t capacity = 0;  // ≥ 0
  int32_t cost = 0;      // ≥ 0: ranks and penalties, never negative
};

// A directed network. Nodes are 0..nodes-1; arcs keep the order they were
// added in, so a caller can read the flow of an arc by the index AddArc gave.
class FlowNetwork {
 public:
  explicit FlowNetwork(uint32_t nodes = 0) : nodes_(nodes) {}
  uint32_t AddNode() { return nodes_++; }
  uint32_t AddArc(uint32_t from, uint32_t to, int32_t capacity, int32_t cost);
  void Reserve(std::size_t arcs) { arcs_.reserve(arcs); }

  uint32_t nodes() const { return nodes_; }
  const std::vector<FlowArc>& arcs() const { return arcs_; }

 private:
  uint32_t nodes_ = 0;
  std::vector<FlowArc> arcs_;
};

struct FlowResult {
  int64_t flow = 0;               // the maximum flow from source to sink
  int64_t cost = 0;               // the least cost of such a flow
  std::vector<int32_t> arc_flow;  // per arc, in AddArc order
  uint32_t phases = 0;            // shortest-path rounds taken (for benchmarks)
};

// Precondition: source != sink, both below nodes(); every arc's ends below
// nodes(), capacity ≥ 0 and cost ≥ 0. The sum of costs along any simple path
// must fit in 62 bits.
FlowResult MinCostMaxFlow(const FlowNetwork& network, uint32_t source, uint32_t sink);

}  // namespace cohort::engines
