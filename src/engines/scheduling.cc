#include "engines/scheduling.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>

// How it stays fast (100,000 candidates × 12,000 slots would be 1.2 billion
// fit checks done naively).
//
// Slots are put in "position" order: by start, then slot index, so the
// earliest fitting slot is the lowest position. Placement binary-searches a
// window's first position and walks forward through a "next position with a
// place left" array with path compression (a union-find that only ever links
// a full slot to its successor), so full slots cost nothing after the first
// visit. The walk stops at the last start that could still end inside the
// window (window end − shortest slot length).
//
// The order needs each candidate's number of fitting slots, exactly (no
// approximation, even with slots of different lengths). The slots inside a
// window [ws, we) are those with start ≥ ws and end ≤ we, a 2-D dominance
// count answered for all windows at once by one sweep over slot ends with a
// Fenwick tree over positions: O((slots + windows) · log slots). Overlapping
// windows must not count a slot twice: with a candidate's windows sorted by
// start, a slot inside window i is also inside an earlier window exactly when
// its end ≤ M, the largest end among the earlier windows (their starts are no
// later), so window i adds count(ws_i, we_i) − count(ws_i, min(we_i, M)).
// Slots of a conflicting panel are then subtracted by walking that panel's
// own slots within the windows (conflicts are few).
//
// Slots with end ≤ start break the header's precondition; they fit nobody.
namespace cohort::engines {
namespace {

constexpr uint32_t kNoSlot = UINT32_MAX;

// Counts of marked positions, prefix sums in O(log n).
class Fenwick {
 public:
  explicit Fenwick(std::size_t size) : tree_(size + 1, 0) {}

  void Add(std::size_t position) {
    for (std::size_t i = position + 1; i < tree_.size(); i += i & (~i + 1)) ++tree_[i];
  }

  // Marked positions < end.
  uint32_t CountBefore(std::size_t end) const {
    uint32_t sum = 0;
    for (std::size_t i = end; i > 0; i -= i & (~i + 1)) sum += tree_[i];
    return sum;
  }

 private:
  std::vector<uint32_t> tree_;
};

// One term of a candidate's fit count: sign × (slots at positions ≥
// first_position, i.e. starting at or after the window start, that end by
// end_limit).
struct DominanceQuery {
  int64_t end_limit = 0;
  uint32_t first_position = 0;
  uint32_t candidate = 0;
  int32_t sign = 1;
};

}  // namespace

ScheduleResult Schedule(const ScheduleInput& input) {
  const uint32_t candidate_count = input.candidates;
  assert(input.window_offsets.empty() || input.window_offsets.size() == candidate_count + 1);
  assert(std::is_sorted(input.conflicts.begin(), input.conflicts.end()));

  // Valid slots in position order.
  std::vector<uint32_t> slot_at;  // position → slot index
  slot_at.reserve(input.slots.size());
  for (uint32_t s = 0; s < input.slots.size(); ++s) {
    if (input.slots[s].end > input.slots[s].start) slot_at.push_back(s);
  }
  std::sort(slot_at.begin(), slot_at.end(), [&](uint32_t x, uint32_t y) {
    const int64_t x_start = input.slots[x].start;
    const int64_t y_start = input.slots[y].start;
    return x_start != y_start ? x_start < y_start : x < y;
  });
  const auto positions = static_cast<uint32_t>(slot_at.size());
  std::vector<int64_t> start_at(positions);
  std::vector<int64_t> end_at(positions);
  std::vector<uint32_t> panel_at(positions);
  std::vector<uint32_t> places_left(positions);
  int64_t shortest = std::numeric_limits<int64_t>::max();
  for (uint32_t p = 0; p < positions; ++p) {
    const InterviewSlot& slot = input.slots[slot_at[p]];
    start_at[p] = slot.start;
    end_at[p] = slot.end;
    panel_at[p] = slot.panel;
    places_left[p] = slot.places > slot.booked ? slot.places - slot.booked : 0;
    shortest = std::min(shortest, slot.end - slot.start);
  }

  // Each panel's positions, ascending: (panel, position) pairs sorted.
  std::vector<std::pair<uint32_t, uint32_t>> panel_positions(positions);
  for (uint32_t p = 0; p < positions; ++p) panel_positions[p] = {panel_at[p], p};
  std::sort(panel_positions.begin(), panel_positions.end());
  auto positions_of_panel = [&](uint32_t panel) {
    auto first = std::lower_bound(panel_positions.begin(), panel_positions.end(),
                                  std::pair{panel, uint32_t{0}});
    auto last = std::upper_bound(first, panel_positions.end(), std::pair{panel, UINT32_MAX});
    return std::span<const std::pair<uint32_t, uint32_t>>(first, last);
  };

  // Conflicts by candidate: conflicts[conflict_offsets[c] .. conflict_offsets[c+1]).
  std::vector<uint32_t> conflict_offsets(static_cast<std::size_t>(candidate_count) + 1, 0);
  for (const auto& [c, panel] : input.conflicts) ++conflict_offsets[c + 1];
  for (uint32_t c = 0; c < candidate_count; ++c) conflict_offsets[c + 1] += conflict_offsets[c];
  auto conflicts_with = [&](uint32_t c, uint32_t panel) {
    const auto first = input.conflicts.begin() + conflict_offsets[c];
    const auto last = input.conflicts.begin() + conflict_offsets[c + 1];
    return first != last && std::binary_search(first, last, std::pair{c, panel});
  };

  // Each candidate's windows sorted by start (the union count relies on it).
  std::vector<Window> windows = input.windows;
  auto windows_of = [&](uint32_t c) {
    if (input.window_offsets.empty()) return std::span<const Window>();
    return std::span<const Window>(windows).subspan(
        input.window_offsets[c], input.window_offsets[c + 1] - input.window_offsets[c]);
  };
  if (!input.window_offsets.empty()) {
    for (uint32_t c = 0; c < candidate_count; ++c) {
      auto first = windows.begin() + input.window_offsets[c];
      auto last = windows.begin() + input.window_offsets[c + 1];
      std::sort(first, last, [](const Window& x, const Window& y) {
        return x.start != y.start ? x.start < y.start : x.end < y.end;
      });
    }
  }
  auto first_position_from = [&](int64_t start) {
    return static_cast<uint32_t>(std::lower_bound(start_at.begin(), start_at.end(), start) -
                                 start_at.begin());
  };

  // Fit counts, ignoring fullness.
  std::vector<int64_t> fit_count(candidate_count, 0);
  std::vector<DominanceQuery> queries;
  queries.reserve(2 * windows.size());
  for (uint32_t c = 0; c < candidate_count; ++c) {
    const auto own = windows_of(c);
    if (own.empty()) {
      fit_count[c] = positions;
      continue;
    }
    int64_t earlier_end = std::numeric_limits<int64_t>::min();
    for (const Window& w : own) {
      if (w.end > earlier_end) {
        const uint32_t first = first_position_from(w.start);
        queries.push_back({w.end, first, c, +1});
        if (earlier_end > w.start) {  // else no slot inside w ends by earlier_end
          queries.push_back({earlier_end, first, c, -1});
        }
      }
      earlier_end = std::max(earlier_end, w.end);
    }
  }
  std::sort(queries.begin(), queries.end(), [](const DominanceQuery& x, const DominanceQuery& y) {
    return x.end_limit < y.end_limit;
  });
  std::vector<uint32_t> by_end(positions);
  std::iota(by_end.begin(), by_end.end(), 0);
  std::sort(by_end.begin(), by_end.end(),
            [&](uint32_t x, uint32_t y) { return end_at[x] < end_at[y]; });
  Fenwick ended(positions);
  uint32_t ended_count = 0;
  for (const DominanceQuery& q : queries) {
    while (ended_count < positions && end_at[by_end[ended_count]] <= q.end_limit) {
      ended.Add(by_end[ended_count++]);
    }
    fit_count[q.candidate] += q.sign * (int64_t{ended_count} - ended.CountBefore(q.first_position));
  }
  for (uint32_t c = 0; c < candidate_count; ++c) {
    const auto own = windows_of(c);
    for (uint32_t i = conflict_offsets[c]; i < conflict_offsets[c + 1]; ++i) {
      const uint32_t panel = input.conflicts[i].second;
      // A pair listed twice subtracts once.
      if (i > conflict_offsets[c] && input.conflicts[i - 1].second == panel) continue;
      const auto panel_slots = positions_of_panel(panel);
      if (own.empty()) {
        fit_count[c] -= static_cast<int64_t>(panel_slots.size());
        continue;
      }
      int64_t earlier_end = std::numeric_limits<int64_t>::min();
      for (const Window& w : own) {
        auto it = std::lower_bound(panel_slots.begin(), panel_slots.end(), w.start,
                                   [&](const std::pair<uint32_t, uint32_t>& pp, int64_t start) {
                                     return start_at[pp.second] < start;
                                   });
        for (; it != panel_slots.end() && start_at[it->second] < w.end; ++it) {
          const int64_t end = end_at[it->second];
          if (end <= w.end && end > earlier_end) --fit_count[c];
        }
        earlier_end = std::max(earlier_end, w.end);
      }
    }
  }

  // Most constrained first, ties by index: a stable counting sort on the count.
  std::vector<uint32_t> order_offsets(static_cast<std::size_t>(positions) + 2, 0);
  for (uint32_t c = 0; c < candidate_count; ++c) {
    ++order_offsets[static_cast<std::size_t>(fit_count[c]) + 1];
  }
  for (uint32_t n = 0; n <= positions; ++n) order_offsets[n + 1] += order_offsets[n];
  std::vector<uint32_t> order(candidate_count);
  for (uint32_t c = 0; c < candidate_count; ++c) {
    order[order_offsets[static_cast<std::size_t>(fit_count[c])]++] = c;
  }

  // next_free[p]: a position ≥ p that is, or leads towards, the first one
  // with a place left; positions (one past the end) means none.
  std::vector<uint32_t> next_free(static_cast<std::size_t>(positions) + 1);
  for (uint32_t p = 0; p <= positions; ++p) {
    next_free[p] = p < positions && places_left[p] == 0 ? p + 1 : p;
  }
  auto find_free = [&](uint32_t p) {
    while (next_free[p] != p) {
      next_free[p] = next_free[next_free[p]];  // path halving
      p = next_free[p];
    }
    return p;
  };

  std::vector<uint32_t> booked_slot(candidate_count, kNoSlot);
  for (uint32_t c : order) {
    if (fit_count[c] == 0) continue;
    const bool has_conflicts = conflict_offsets[c] != conflict_offsets[c + 1];
    const auto own = windows_of(c);
    uint32_t best = positions;
    if (own.empty()) {
      uint32_t p = find_free(0);
      while (p < positions && has_conflicts && conflicts_with(c, panel_at[p])) p = find_free(p + 1);
      best = p;
    }
    for (const Window& w : own) {
      // A slot starting after this cannot end inside the window.
      const int64_t last_start = w.end >= std::numeric_limits<int64_t>::min() + shortest
                                     ? w.end - shortest
                                     : std::numeric_limits<int64_t>::min();
      for (uint32_t p = find_free(first_position_from(w.start));
           p < best && start_at[p] <= last_start; p = find_free(p + 1)) {
        if (end_at[p] <= w.end && !(has_conflicts && conflicts_with(c, panel_at[p]))) {
          best = p;
          break;
        }
      }
    }
    if (best == positions) continue;
    booked_slot[c] = slot_at[best];
    if (--places_left[best] == 0) next_free[best] = best + 1;
  }

  ScheduleResult result;
  result.bookings.reserve(candidate_count);
  for (uint32_t c = 0; c < candidate_count; ++c) {
    if (booked_slot[c] != kNoSlot) {
      result.bookings.push_back({c, booked_slot[c]});
    } else {
      result.unscheduled.push_back({c, fit_count[c] == 0 ? Unscheduled::Reason::kNoSlotInWindows
                                                        : Unscheduled::Reason::kSlotsFull});
    }
  }
  return result;
}

}  // namespace cohort::engines
