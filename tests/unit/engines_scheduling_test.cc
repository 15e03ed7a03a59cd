// Interview scheduling engine: most constrained candidates first, earliest
// fitting slot with a place left, inside the candidate's windows, never with
// a conflicting panel.
#include "engines/scheduling.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <tuple>

namespace cohort::engines {
namespace {

constexpr int64_t kDay = 1'767'571'200;  // 2026-01-05 00:00 UTC
constexpr int64_t kHour = 3600;
constexpr int64_t kMinute = 60;

int64_t At(int hour, int minute = 0) { return kDay + hour * kHour + minute * kMinute; }

InterviewSlot Slot(int64_t start, int64_t minutes, uint32_t places = 1, uint32_t booked = 0,
                   uint32_t panel = 0) {
  return InterviewSlot{.start = start, .end = start + minutes * kMinute, .places = places,
                       .booked = booked, .panel = panel};
}

// Windows per candidate; an empty list means "any time".
void SetWindows(ScheduleInput& input, const std::vector<std::vector<Window>>& per_candidate) {
  input.candidates = static_cast<uint32_t>(per_candidate.size());
  input.window_offsets = {0};
  input.windows.clear();
  for (const auto& windows : per_candidate) {
    input.windows.insert(input.windows.end(), windows.begin(), windows.end());
    input.window_offsets.push_back(static_cast<uint32_t>(input.windows.size()));
  }
}

using BookingRow = std::pair<uint32_t, uint32_t>;
std::vector<BookingRow> Bookings(const ScheduleResult& result) {
  std::vector<BookingRow> rows;
  for (const Booking& b : result.bookings) rows.emplace_back(b.candidate, b.slot);
  return rows;
}

using Reason = Unscheduled::Reason;
using UnscheduledRow = std::pair<uint32_t, Reason>;
std::vector<UnscheduledRow> UnscheduledRows(const ScheduleResult& result) {
  std::vector<UnscheduledRow> rows;
  for (const auto& u : result.unscheduled) rows.emplace_back(u.candidate, u.reason);
  return rows;
}

// The header's rule written the slow, obvious way.
ScheduleResult ReferenceSchedule(const ScheduleInput& input) {
  const auto slot_count = static_cast<uint32_t>(input.slots.size());
  auto fits = [&](uint32_t c, uint32_t s) {
    const InterviewSlot& slot = input.slots[s];
    if (slot.end <= slot.start) return false;
    if (std::binary_search(input.conflicts.begin(), input.conflicts.end(),
                           std::pair{c, slot.panel})) {
      return false;
    }
    if (input.window_offsets.empty() || input.window_offsets[c] == input.window_offsets[c + 1]) {
      return true;
    }
    for (uint32_t i = input.window_offsets[c]; i < input.window_offsets[c + 1]; ++i) {
      if (input.windows[i].start <= slot.start && slot.end <= input.windows[i].end) return true;
    }
    return false;
  };
  std::vector<uint32_t> fit_count(input.candidates, 0);
  for (uint32_t c = 0; c < input.candidates; ++c) {
    for (uint32_t s = 0; s < slot_count; ++s) fit_count[c] += fits(c, s) ? 1 : 0;
  }
  std::vector<uint32_t> order(input.candidates);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t x, uint32_t y) { return fit_count[x] < fit_count[y]; });
  std::vector<uint32_t> left(slot_count);
  for (uint32_t s = 0; s < slot_count; ++s) {
    left[s] = input.slots[s].places > input.slots[s].booked
                  ? input.slots[s].places - input.slots[s].booked
                  : 0;
  }
  std::vector<uint32_t> chosen(input.candidates, slot_count);
  for (uint32_t c : order) {
    for (uint32_t s = 0; s < slot_count; ++s) {
      if (left[s] == 0 || !fits(c, s)) continue;
      if (chosen[c] == slot_count || input.slots[s].start < input.slots[chosen[c]].start) {
        chosen[c] = s;
      }
    }
    if (chosen[c] != slot_count) --left[chosen[c]];
  }
  ScheduleResult result;
  for (uint32_t c = 0; c < input.candidates; ++c) {
    if (chosen[c] != slot_count) {
      result.bookings.push_back({c, chosen[c]});
    } else {
      result.unscheduled.push_back(
          {c, fit_count[c] == 0 ? Reason::kNoSlotInWindows : Reason::kSlotsFull});
    }
  }
  return result;
}

// Small random instances with mixed slot lengths, overlapping windows,
// pre-booked places and conflicts, so every shortcut of the engine is tried.
ScheduleInput RandomInput(uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&](int64_t low, int64_t high) {
    return std::uniform_int_distribution<int64_t>(low, high)(rng);
  };
  ScheduleInput input;
  const auto slot_count = uniform(1, 60);
  for (int64_t i = 0; i < slot_count; ++i) {
    input.slots.push_back(Slot(At(8) + uniform(0, 24) * 15 * kMinute, 15 * uniform(1, 4),
                               static_cast<uint32_t>(uniform(0, 3)),
                               static_cast<uint32_t>(uniform(0, 1)),
                               static_cast<uint32_t>(uniform(0, 5))));
  }
  std::vector<std::vector<Window>> windows(static_cast<std::size_t>(uniform(1, 80)));
  for (auto& own : windows) {
    for (int64_t n = uniform(0, 3); n > 0; --n) {
      const int64_t start = At(8) + uniform(0, 28) * 15 * kMinute;
      own.push_back({start, start + uniform(0, 12) * 15 * kMinute});
    }
  }
  SetWindows(input, windows);
  for (uint32_t c = 0; c < input.candidates; ++c) {
    if (uniform(0, 4) == 0) input.conflicts.emplace_back(c, static_cast<uint32_t>(uniform(0, 5)));
    if (uniform(0, 9) == 0) input.conflicts.emplace_back(c, static_cast<uint32_t>(uniform(0, 5)));
  }
  std::sort(input.conflicts.begin(), input.conflicts.end());
  return input;
}

TEST(Scheduling, CandidateIsPlacedOnlyInsideWindows) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 60, 5), Slot(At(10), 60, 5), Slot(At(11), 60, 5)};
  SetWindows(input, {{{At(10), At(11)}},           // exactly the 10:00 slot
                     {{At(9, 30), At(11, 30)}},    // 9:00 starts too early, 11:00 ends too late
                     {{At(10), At(10, 59)}},       // the 10:00 slot ends after 10:59
                     {{At(11, 30), At(12, 30)}}}); // half of the 11:00 slot only
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 1}, {1, 1}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{2, Reason::kNoSlotInWindows},
                                                              {3, Reason::kNoSlotInWindows}}));
}

TEST(Scheduling, EarliestFittingSlotIsTakenByStartThenIndex) {
  ScheduleInput input;
  // Listed out of time order; slots 1 and 3 start together.
  input.slots = {Slot(At(14), 30), Slot(At(9), 30), Slot(At(11), 30), Slot(At(9), 30)};
  SetWindows(input, {{}, {}, {}, {}, {}});
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 1}, {1, 3}, {2, 2}, {3, 0}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{4, Reason::kSlotsFull}}));
}

TEST(Scheduling, FullSlotsAreSkipped) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 30, 2), Slot(At(9, 30), 30, 1), Slot(At(10), 30, 1)};
  SetWindows(input, {{{At(9), At(10)}}, {{At(9), At(10)}}, {{At(9), At(11)}},
                     {{At(9), At(11)}}, {{At(9), At(10)}}});
  const ScheduleResult result = Schedule(input);

  // Candidates 0, 1 and 4 fit two slots and go first: 9:00 takes two, 9:30
  // one. Then 2 and 3 (three slots fit) find only 10:00 left.
  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 0}, {1, 0}, {2, 2}, {4, 1}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{3, Reason::kSlotsFull}}));
}

TEST(Scheduling, AlreadyBookedPlacesCount) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 30, 2, 1), Slot(At(9, 30), 30, 3, 3), Slot(At(10), 30, 1, 5),
                 Slot(At(10, 30), 30, 1, 0)};
  SetWindows(input, {{}, {}, {}});
  const ScheduleResult result = Schedule(input);

  // One place left at 9:00; 9:30 and 10:00 are full (over-booked even).
  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 0}, {1, 3}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{2, Reason::kSlotsFull}}));
}

TEST(Scheduling, MostConstrainedCandidateGetsTheOnlySlot) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 60), Slot(At(10), 60)};
  // In index order candidate 0 would take 9:00, the only slot candidate 1 can attend.
  SetWindows(input, {{}, {{At(8), At(10)}}});
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 1}, {1, 0}}));
  EXPECT_TRUE(result.unscheduled.empty());
}

TEST(Scheduling, OverlappingWindowsCountASlotOnce) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 60), Slot(At(10), 60), Slot(At(11), 60)};
  // Candidate 0 fits two slots (9:00 and 10:00, each inside both of its
  // windows), candidate 1 three: 0 goes first. Counting 9:00 and 10:00 twice
  // would send 1 first and give it 9:00.
  SetWindows(input, {{{At(9), At(11)}, {At(8), At(11)}}, {{At(9), At(12)}}});
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 0}, {1, 1}}));
}

TEST(Scheduling, ConflictingPanelIsAvoided) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 30, 5, 0, 1), Slot(At(10), 30, 5, 0, 2), Slot(At(11), 30, 5, 0, 1)};
  SetWindows(input, {{}, {{At(9), At(10)}}, {}});
  input.conflicts = {{0, 1}, {1, 1}, {2, 1}, {2, 2}};
  const ScheduleResult result = Schedule(input);

  // Candidate 1's only window holds a panel-1 slot: nothing fits it.
  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 1}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{1, Reason::kNoSlotInWindows},
                                                              {2, Reason::kNoSlotInWindows}}));
}

TEST(Scheduling, UnscheduledReasonsAreDistinct) {
  ScheduleInput input;
  input.slots = {Slot(At(9), 30)};
  SetWindows(input, {{{At(9), At(9, 30)}}, {{At(9), At(10)}}, {{At(15), At(17)}}});
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 0}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{1, Reason::kSlotsFull},
                                                              {2, Reason::kNoSlotInWindows}}));
}

TEST(Scheduling, CandidatesWithoutWindowsFitAnySlot) {
  ScheduleInput input;
  input.slots = {Slot(At(16), 30), Slot(At(8), 30), Slot(At(12), 90)};
  input.candidates = 4;  // window_offsets left empty: nobody stated windows
  const ScheduleResult result = Schedule(input);

  EXPECT_EQ(Bookings(result), (std::vector<BookingRow>{{0, 1}, {1, 2}, {2, 0}}));
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{3, Reason::kSlotsFull}}));
}

TEST(Scheduling, NoSlotsLeavesEveryoneWithoutAFit) {
  ScheduleInput input;
  input.slots = {InterviewSlot{.start = At(9), .end = At(9)}};  // empty: fits nobody
  SetWindows(input, {{}, {{At(8), At(10)}}});
  const ScheduleResult result = Schedule(input);

  EXPECT_TRUE(result.bookings.empty());
  EXPECT_EQ(UnscheduledRows(result), (std::vector<UnscheduledRow>{{0, Reason::kNoSlotInWindows},
                                                              {1, Reason::kNoSlotInWindows}}));
}

TEST(Scheduling, MatchesTheDocumentedRuleOnRandomInputs) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const ScheduleInput input = RandomInput(seed);
    const ScheduleResult expected = ReferenceSchedule(input);
    const ScheduleResult actual = Schedule(input);
    ASSERT_EQ(Bookings(actual), Bookings(expected)) << "seed " << seed;
    ASSERT_EQ(UnscheduledRows(actual), UnscheduledRows(expected)) << "seed " << seed;
  }
}

TEST(Scheduling, SameInputSameOutput) {
  const ScheduleInput input = RandomInput(42);
  const ScheduleResult first = Schedule(input);
  const ScheduleResult second = Schedule(input);
  EXPECT_EQ(Bookings(first), Bookings(second));
  EXPECT_EQ(UnscheduledRows(first), UnscheduledRows(second));
}

}  // namespace
}  // namespace cohort::engines
