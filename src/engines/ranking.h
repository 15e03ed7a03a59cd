#pragma once
// Ranking engine: orders candidates by score with deterministic tie-breaks
// and fills a capacity under quotas (minimum and maximum shares of seats per
// category of up to kMaxQuotaDimensions dimensions, e.g. region, gender,
// university). Every candidate gets a reason for its place. Pure: no I/O.
//
// The rule, applied in rank order: a candidate takes a seat when (1) a seat
// is left, (2) no category it belongs to is at its maximum, and (3) after
// taking it, the seats left still cover, in every dimension, the minimums
// not yet met (the seats are "reserved"). Otherwise it is waitlisted with the
// reason. Minimums that cannot be met because too few candidates belong to a
// category are lowered to the number that exist (reported, never silent); a
// second pass fills seats that stayed empty in rank order under maximums only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cohort::engines {

inline constexpr std::size_t kMaxTieBreaks = 3;
inline constexpr std::size_t kMaxQuotaDimensions = 4;
inline constexpr uint16_t kNoCategory = 0xFFFF;

struct RankingCandidate {
  uint32_t id = 0;  // the caller's index; the last tie-break (ascending)
  double score = 0;
  // Compared in order after the score (see RankingOptions); e.g. the
  // interview score, then the submission time.
  std::array<double, kMaxTieBreaks> tie_breaks{};
  // The candidate's category in each quota dimension, kNoCategory if none.
  std::array<uint16_t, kMaxQuotaDimensions> categories{kNoCategory, kNoCategory, kNoCategory,
                                                       kNoCategory};
};

// A quota on one category of one dimension, as shares of the capacity:
// minimum seats = ceil(minimum_share × capacity), maximum = floor(maximum_share × capacity).
struct Quota {
  uint8_t dimension = 0;   // < kMaxQuotaDimensions
  uint16_t category = 0;   // != kNoCategory
  double minimum_share = 0;
  double maximum_share = 1;
};

struct RankingOptions {
  uint32_t capacity = 0;
  // Candidates scoring below are ranked but never selected.
  std::optional<double> threshold;
  std::size_t tie_break_count = 0;  // how many of tie_breaks are used, ≤ kMaxTieBreaks
  // Per tie-break: true when a higher value ranks first.
  std::array<bool, kMaxTieBreaks> tie_break_descending{true, true, true};
  std::vector<Quota> quotas;
};

// Why a set of quotas cannot be used. `quota` indexes RankingOptions::quotas
// (for kDimensionMinimumsExceedCapacity: the first quota of that dimension).
struct QuotaProblem {
  enum class Kind : uint8_t {
    kBadDimension,                    // dimension ≥ kMaxQuotaDimensions or category kNoCategory
    kBadShare,                        // a share outside 0..1, or minimum > maximum
    kDuplicate,                       // two quotas on one (dimension, category)
    kDimensionMinimumsExceedCapacity  // Σ minimum seats of one dimension > capacity
  };
  Kind kind;
  std::size_t quota = 0;
  uint32_t seats = 0;     // for kDimensionMinimumsExceedCapacity: the sum of minimums
  uint32_t capacity = 0;
};

// Checks the options without ranking; empty when they can be used.
std::vector<QuotaProblem> CheckQuotas(const RankingOptions& options);

enum class RankOutcome : uint8_t { kSelected, kWaitlisted, kBelowThreshold };

enum class RankReason : uint8_t {
  kInRankOrder,     // selected: a seat was free and no quota stood against it
  kQuotaMinimum,    // selected ahead of higher-ranked waitlisted candidates to meet a minimum
  kSecondPass,      // selected in the second pass (a minimum could not be met)
  kCapacityFull,    // waitlisted: every seat was taken when its turn came
  kQuotaMaximum,    // waitlisted: a category it belongs to was at its maximum
  kSeatsReserved,   // waitlisted: the seats left were reserved for minimums it does not meet
  kBelowThreshold,  // never selected: score below the threshold
};

struct RankedCandidate {
  uint32_t id = 0;
  uint32_t rank = 0;  // 1-based place in score order after tie-breaks
  RankOutcome outcome = RankOutcome::kWaitlisted;
  RankReason reason = RankReason::kCapacityFull;
  // For kQuotaMinimum, kQuotaMaximum and kSeatsReserved: the quota that
  // applied (index into RankingOptions::quotas); -1 otherwise.
  int32_t quota = -1;
  uint32_t waitlist_position = 0;  // 1-based for kWaitlisted, 0 otherwise
};

struct QuotaReport {
  uint32_t minimum_seats = 0;  // from the share
  uint32_t maximum_seats = 0;
  uint32_t candidates = 0;     // candidates in the category at or above the threshold
  uint32_t selected = 0;
  bool minimum_met = false;
  // The minimum was lowered because fewer candidates belong to the category.
  bool minimum_lowered = false;
};

struct RankingResult {
  std::vector<RankedCandidate> ranked;  // in rank order
  std::vector<QuotaReport> quotas;      // parallel to RankingOptions::quotas
  // Score of the lowest-ranked candidate selected in rank order, if any.
  std::optional<double> cutoff_score;
  uint32_t selected = 0;
};

// Precondition: CheckQuotas(options) is empty. O(n log n).
RankingResult Rank(std::span<const RankingCandidate> candidates, const RankingOptions& options);

// Promotion from the waitlist after a seat frees (a decline, an expired
// offer). `holding` are the candidates who hold a seat now (accepted or with
// an open offer); `waitlist` is in waitlist order. Returns the position in
// `waitlist` of the first candidate the rule above admits (with capacity −
// holding.size() seats left), or nullopt when none can take the seat.
std::optional<std::size_t> NextFromWaitlist(std::span<const RankingCandidate> holding,
                                            std::span<const RankingCandidate> waitlist,
                                            const RankingOptions& options);

}  // namespace cohort::engines
