#include "engines/min_cost_flow.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace cohort::engines {

uint32_t FlowNetwork::AddArc(uint32_t from, uint32_t to, int32_t capacity, int32_t cost) {
  arcs_.push_back(FlowArc{.from = from, .to = to, .capacity = capacity, .cost = cost});
  return static_cast<uint32_t>(arcs_.size() - 1);
}

namespace {

constexpr int64_t kUnreached = std::numeric_limits<int64_t>::max();
// Distances below this go to Dial's buckets; larger ones (a penalty arc) to a
// heap. Both are taken in order of distance, so Dijkstra stays exact.
constexpr int64_t kBuckets = 1 << 14;

// The residual graph in compressed rows: the arcs leaving v are
// arcs[first[v] .. first[v+1]), its input arcs before the reverses of arcs
// entering it, so that a search tries to send flow on before it tries to
// undo flow sent earlier. Arc e and arcs[e].pair are each other's reverse.
struct ResidualArc {
  uint32_t head;
  uint32_t pair;
  int32_t capacity;
  int32_t cost;
};

struct Residual {
  std::vector<uint32_t> first;
  std::vector<ResidualArc> arcs;
  std::vector<uint32_t> forward;  // per input arc, its position in arcs

  explicit Residual(const FlowNetwork& network) {
    const uint32_t n = network.nodes();
    const auto& input = network.arcs();
    std::vector<uint32_t> out(n, 0);
    std::vector<uint32_t> in(n, 0);
    for (const FlowArc& a : input) {
      ++out[a.from];
      ++in[a.to];
    }
    first.assign(n + 1, 0);
    for (uint32_t v = 0; v < n; ++v) first[v + 1] = first[v] + out[v] + in[v];
    std::vector<uint32_t> next_forward(first.begin(), first.end() - 1);
    std::vector<uint32_t> next_reverse(n);
    for (uint32_t v = 0; v < n; ++v) next_reverse[v] = first[v] + out[v];
    arcs.resize(2 * input.size());
    forward.resize(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) {
      const FlowArc& a = input[i];
      const uint32_t f = next_forward[a.from]++;
      const uint32_t r = next_reverse[a.to]++;
      arcs[f] = ResidualArc{.head = a.to, .pair = r, .capacity = a.capacity, .cost = a.cost};
      arcs[r] = ResidualArc{.head = a.from, .pair = f, .capacity = 0, .cost = -a.cost};
      forward[i] = f;
    }
  }
};

class PrimalDual {
 public:
  PrimalDual(Residual& g, uint32_t source, uint32_t sink)
      : g_(g), source_(source), sink_(sink), n_(static_cast<uint32_t>(g.first.size() - 1)),
        potential_(n_, 0), distance_(n_, kUnreached), settled_(n_, 0), state_(n_, 0),
        current_(n_, 0), zero_first_(n_ + 1, 0), buckets_(kBuckets) {}

  // Runs phases until the sink cannot be reached; returns (flow, phases).
  std::pair<int64_t, uint32_t> Run() {
    int64_t flow = 0;
    uint32_t phases = 0;
    while (ShortestDistances()) {
      ++phases;
      RaisePotentials();
      CollectZeroArcs();
      for (int64_t pushed; (pushed = AugmentAdmissible()) > 0;) flow += pushed;
    }
    return {flow, phases};
  }

 private:
  int64_t Reduced(const ResidualArc& a, uint32_t from) const {
    return a.cost + potential_[from] - potential_[a.head];
  }

  void Push(uint32_t v, int64_t d) {
    if (d < kBuckets) {
      buckets_[static_cast<std::size_t>(d)].push_back(v);
      highest_bucket_ = std::max(highest_bucket_, d);
      ++in_buckets_;
    } else {
      overflow_.emplace(d, v);
    }
  }

  // Settles v at distance d (unless settled already, or d is a stale label)
  // and relaxes its arcs.
  void Settle(uint32_t v, int64_t d) {
    if (settled_[v] || distance_[v] != d) return;
    settled_[v] = 1;
    for (uint32_t e = g_.first[v]; e < g_.first[v + 1]; ++e) {
      const ResidualArc& a = g_.arcs[e];
      if (a.capacity <= 0 || settled_[a.head]) continue;
      const int64_t candidate = d + Reduced(a, v);
      if (candidate < distance_[a.head]) {
        distance_[a.head] = candidate;
        Push(a.head, candidate);
      }
    }
  }

  // Dijkstra under reduced costs (all ≥ 0), stopped when the sink settles.
  bool ShortestDistances() {
    std::fill(distance_.begin(), distance_.end(), kUnreached);
    std::fill(settled_.begin(), settled_.end(), 0);
    distance_[source_] = 0;
    highest_bucket_ = 0;
    in_buckets_ = 0;
    Push(source_, 0);
    for (int64_t d = 0; d < kBuckets && in_buckets_ > 0 && !settled_[sink_]; ++d) {
      auto& bucket = buckets_[static_cast<std::size_t>(d)];
      while (!bucket.empty() && !settled_[sink_]) {
        const uint32_t v = bucket.back();
        bucket.pop_back();
        --in_buckets_;
        Settle(v, d);
      }
    }
    while (!overflow_.empty() && !settled_[sink_]) {
      const auto [d, v] = overflow_.top();
      overflow_.pop();
      Settle(v, d);
    }
    for (int64_t d = 0; d <= highest_bucket_; ++d) buckets_[static_cast<std::size_t>(d)].clear();
    overflow_ = {};
    return settled_[sink_] != 0;
  }

  // π(v) += min(d(v), d(sink)): every residual arc keeps a reduced cost ≥ 0,
  // and the arcs of every shortest source-sink path get reduced cost 0.
  void RaisePotentials() {
    const int64_t to_sink = distance_[sink_];
    for (uint32_t v = 0; v < n_; ++v) potential_[v] += std::min(distance_[v], to_sink);
  }

  // The arcs of reduced cost 0, in compressed rows like the residual graph.
  // Potentials stay fixed for the rest of the phase and the reverse of a
  // zero arc is a zero arc, so this set holds every arc a path of the phase
  // can use; only capacities change.
  void CollectZeroArcs() {
    zero_.clear();
    for (uint32_t v = 0; v < n_; ++v) {
      zero_first_[v] = static_cast<uint32_t>(zero_.size());
      for (uint32_t e = g_.first[v]; e < g_.first[v + 1]; ++e)
        if (Reduced(g_.arcs[e], v) == 0) zero_.push_back(e);
    }
    zero_first_[n_] = static_cast<uint32_t>(zero_.size());
  }

  // One round of augmenting along zero arcs with capacity by depth-first
  // search, without recursion (paths can be long in a residual graph). A
  // node that leads nowhere is dead for the rest of the round; nodes on the
  // current path are not entered again, so zero-cost cycles cannot trap the
  // search. Returns the flow pushed; 0 means that the sink cannot be reached
  // through zero arcs (the round was then a plain search).
  int64_t AugmentAdmissible() {
    enum : uint8_t { kFresh, kOnPath, kDead };
    std::fill(state_.begin(), state_.end(), kFresh);
    std::copy(zero_first_.begin(), zero_first_.end() - 1, current_.begin());
    int64_t pushed = 0;
    path_.clear();
    uint32_t v = source_;
    state_[v] = kOnPath;
    while (true) {
      if (v == sink_) {
        int32_t bottleneck = std::numeric_limits<int32_t>::max();
        for (uint32_t e : path_) bottleneck = std::min(bottleneck, g_.arcs[e].capacity);
        std::size_t cut = path_.size();
        for (std::size_t i = 0; i < path_.size(); ++i) {
          ResidualArc& a = g_.arcs[path_[i]];
          a.capacity -= bottleneck;
          g_.arcs[a.pair].capacity += bottleneck;
          if (a.capacity == 0 && cut == path_.size()) cut = i;
        }
        pushed += bottleneck;
        // Back to the tail of the first saturated arc; the nodes beyond it
        // leave the path and may be entered again.
        for (std::size_t i = cut; i < path_.size(); ++i) state_[g_.arcs[path_[i]].head] = kFresh;
        path_.resize(cut);
        v = cut == 0 ? source_ : g_.arcs[path_.back()].head;
        continue;
      }
      uint32_t& i = current_[v];
      const uint32_t end = zero_first_[v + 1];
      while (i < end) {
        const ResidualArc& a = g_.arcs[zero_[i]];
        if (a.capacity > 0 && state_[a.head] == kFresh) break;
        ++i;
      }
      if (i < end) {
        path_.push_back(zero_[i]);
        v = g_.arcs[zero_[i]].head;
        state_[v] = kOnPath;
        continue;
      }
      state_[v] = kDead;
      if (v == source_) break;
      path_.pop_back();
      v = path_.empty() ? source_ : g_.arcs[path_.back()].head;
    }
    return pushed;
  }

  Residual& g_;
  const uint32_t source_;
  const uint32_t sink_;
  const uint32_t n_;
  std::vector<int64_t> potential_;
  std::vector<int64_t> distance_;
  std::vector<uint8_t> settled_;
  std::vector<uint8_t> state_;
  std::vector<uint32_t> current_;
  std::vector<uint32_t> zero_first_;
  std::vector<uint32_t> zero_;
  std::vector<uint32_t> path_;
  std::vector<std::vector<uint32_t>> buckets_;
  std::priority_queue<std::pair<int64_t, uint32_t>, std::vector<std::pair<int64_t, uint32_t>>,
                      std::greater<>>
      overflow_;
  int64_t highest_bucket_ = 0;
  std::size_t in_buckets_ = 0;
};

}  // namespace

FlowResult MinCostMaxFlow(const FlowNetwork& network, uint32_t source, uint32_t sink) {
  Residual residual(network);
  PrimalDual solver(residual, source, sink);
  FlowResult result;
  std::tie(result.flow, result.phases) = solver.Run();
  const auto& arcs = network.arcs();
  result.arc_flow.resize(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    result.arc_flow[i] = arcs[i].capacity - residual.arcs[residual.forward[i]].capacity;
    result.cost += static_cast<int64_t>(result.arc_flow[i]) * arcs[i].cost;
  }
  return result;
}

}  // namespace cohort::engines
