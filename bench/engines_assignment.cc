// Reviewer assignment and interview scheduling at their target sizes, each
// against its limit of one second (docs/PERFORMANCE.md):
//   BM_AssignReviewers     300,000 applications × 3 reviewers of 2,500
//   BM_ScheduleInterviews  100,000 candidates into 12,000 interview slots
// Inputs come from a fixed-seed generator, built once outside the timing.
//   bench_engines --benchmark_filter='Assign|Schedule' --benchmark_repetitions=5
//                 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "engines/assignment.h"
#include "engines/scheduling.h"

namespace {

using cohort::engines::AssignmentInput;
using cohort::engines::InterviewSlot;
using cohort::engines::ScheduleInput;
using cohort::engines::TagLists;
using cohort::engines::Window;

constexpr uint32_t kApplications = 300'000;
constexpr uint32_t kReviewers = 2'500;
constexpr uint32_t kReviewersPerApplication = 3;
constexpr uint32_t kCandidates = 100'000;
constexpr int kDays = 30;
constexpr uint32_t kPanels = 40;
constexpr int kSlotsPerPanelPerDay = 10;  // 30 × 40 × 10 = 12,000 slots
constexpr int64_t kFirstDay = 1'772'323'200;  // 2026-03-01 00:00 UTC
constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// `count` random pairs below the limits, sorted, duplicates dropped.
std::vector<std::pair<uint32_t, uint32_t>> RandomPairs(std::mt19937_64& rng, std::size_t count,
                                                       uint32_t first_limit,
                                                       uint32_t second_limit) {
  std::uniform_int_distribution<uint32_t> first(0, first_limit - 1);
  std::uniform_int_distribution<uint32_t> second(0, second_limit - 1);
  std::vector<std::pair<uint32_t, uint32_t>> pairs(count);
  for (auto& pair : pairs) pair = {first(rng), second(rng)};
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// A Paris-2024-sized call: caps 360–440 (≈ 1.1× the 900,000 reviews needed);
// 40% of reviewers carry a university tag among 150 universities, and 2% of
// applications come from one of those (the rest from 2,000 others); 4,000
// declared conflicts; 3,000 assignments made by hand beforehand.
AssignmentInput MakeAssignmentInput() {
  std::mt19937_64 rng(20240726);
  AssignmentInput input;
  input.applications = kApplications;
  input.reviewers = kReviewers;
  input.per_application = kReviewersPerApplication;
  std::uniform_int_distribution<uint32_t> cap(360, 440);
  input.load_cap.resize(kReviewers);
  for (uint32_t& c : input.load_cap) c = cap(rng);

  constexpr uint32_t kReviewerUniversities = 150;
  std::uniform_int_distribution<uint32_t> reviewer_university(0, kReviewerUniversities - 1);
  std::uniform_int_distribution<uint32_t> other_university(kReviewerUniversities,
                                                           kReviewerUniversities + 1'999);
  std::bernoulli_distribution reviewer_has_tag(0.4);
  std::bernoulli_distribution application_shares(0.02);

  TagLists& reviewer_tags = input.reviewer_tags;
  reviewer_tags.offsets.push_back(0);
  for (uint32_t r = 0; r < kReviewers; ++r) {
    if (reviewer_has_tag(rng)) reviewer_tags.tags.push_back(reviewer_university(rng));
    reviewer_tags.offsets.push_back(static_cast<uint32_t>(reviewer_tags.tags.size()));
  }
  TagLists& application_tags = input.application_tags;
  application_tags.offsets.push_back(0);
  for (uint32_t a = 0; a < kApplications; ++a) {
    application_tags.tags.push_back(application_shares(rng) ? reviewer_university(rng)
                                                            : other_university(rng));
    application_tags.offsets.push_back(static_cast<uint32_t>(application_tags.tags.size()));
  }
  input.declared_conflicts = RandomPairs(rng, 4'000, kApplications, kReviewers);
  input.existing = RandomPairs(rng, 3'000, kApplications, kReviewers);
  return input;
}

// 30 days, 40 panels, 10 slots a panel a day from 09:00: 30 panels of 30
// minutes, 10 of 45; 8–11 places a slot (group assessments), 10% of slots
// with 1–3 places already self-booked: ≈ 111,600 places, 1.1× the
// candidates. 20% of candidates state no availability; the others state 1–3
// windows, each a half-day (09:00–13:00 or 13:00–19:00) or 2–4 whole days.
// 2,000 candidate–panel conflicts.
ScheduleInput MakeScheduleInput() {
  std::mt19937_64 rng(20240727);
  ScheduleInput input;
  std::uniform_int_distribution<uint32_t> places(8, 11);
  std::bernoulli_distribution pre_booked(0.1);
  std::uniform_int_distribution<uint32_t> booked(1, 3);
  for (int day = 0; day < kDays; ++day) {
    for (uint32_t panel = 0; panel < kPanels; ++panel) {
      const int64_t length = panel < 30 ? 30 * kMinute : 45 * kMinute;
      for (int i = 0; i < kSlotsPerPanelPerDay; ++i) {
        InterviewSlot slot;
        slot.start = kFirstDay + day * kDay + 9 * kHour + i * length;
        slot.end = slot.start + length;
        slot.places = places(rng);
        slot.booked = pre_booked(rng) ? booked(rng) : 0;
        slot.panel = panel;
        input.slots.push_back(slot);
      }
    }
  }
  // Slots arrive in the service's order, not by time.
  std::shuffle(input.slots.begin(), input.slots.end(), rng);

  input.candidates = kCandidates;
  std::bernoulli_distribution states_none(0.2);
  std::bernoulli_distribution half_day(0.6);
  std::bernoulli_distribution morning(0.5);
  std::uniform_int_distribution<int> window_count(1, 3);
  std::uniform_int_distribution<int> day(0, kDays - 1);
  std::uniform_int_distribution<int> span_days(2, 4);
  input.window_offsets.push_back(0);
  for (uint32_t c = 0; c < kCandidates; ++c) {
    if (!states_none(rng)) {
      for (int n = window_count(rng); n > 0; --n) {
        const int64_t midnight = kFirstDay + day(rng) * kDay;
        if (half_day(rng)) {
          const bool is_morning = morning(rng);
          const int64_t from = midnight + (is_morning ? 9 : 13) * kHour;
          const int64_t to = midnight + (is_morning ? 13 : 19) * kHour;
          input.windows.push_back(Window{from, to});
        } else {
          input.windows.push_back(Window{midnight, midnight + span_days(rng) * kDay});
        }
      }
    }
    input.window_offsets.push_back(static_cast<uint32_t>(input.windows.size()));
  }
  input.conflicts = RandomPairs(rng, 2'000, kCandidates, kPanels);
  return input;
}

void BM_AssignReviewers(benchmark::State& state) {
  const AssignmentInput input = MakeAssignmentInput();
  std::size_t added = 0;
  std::size_t short_applications = 0;
  for (auto _ : state) {
    auto result = cohort::engines::Assign(input);
    added = result.added.size();
    short_applications = result.shortfalls.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["added"] = static_cast<double>(added);
  state.counters["short"] = static_cast<double>(short_applications);
}
BENCHMARK(BM_AssignReviewers)->Unit(benchmark::kMillisecond);

void BM_ScheduleInterviews(benchmark::State& state) {
  const ScheduleInput input = MakeScheduleInput();
  std::size_t booked = 0;
  std::size_t unscheduled = 0;
  for (auto _ : state) {
    auto result = cohort::engines::Schedule(input);
    booked = result.bookings.size();
    unscheduled = result.unscheduled.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["booked"] = static_cast<double>(booked);
  state.counters["unscheduled"] = static_cast<double>(unscheduled);
}
BENCHMARK(BM_ScheduleInterviews)->Unit(benchmark::kMillisecond);

}  // namespace
