#include "engines/assignment.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>

// How it stays fast. A naive pick scans every reviewer for every application
// (300,000 × 2,500). Instead reviewers below their cap sit in buckets by
// current load (a std::map from load to a bitset of reviewers); a pick looks
// only at the lowest bucket, and at the next ones only when every reviewer of
// the lowest is excluded for this application. Reviewers excluded for the
// application (already on it, declared or tag conflict) are marked in a
// per-reviewer byte before its picks and unmarked after, so each check is one
// load. A reviewer who reaches their cap leaves the buckets for good.
//
// The tie-break. Among reviewers of equal (lowest) load, the j-th pick for
// application a takes the first admissible reviewer at or after
// s = Mix(a << 32 | j) mod reviewers in cyclic index order, i.e. the one with
// the smallest (r − s) mod reviewers; Mix is the splitmix64 finaliser. This is
// a fixed hash of (application, pick, reviewer): deterministic, and because
// every pick starts at its own pseudo-random point, an application's
// reviewers are not index neighbours and co-reviewer groups keep changing
// (calibration across reviewers stays well connected). A hash scored per
// (application, reviewer) pair would need a scan of the whole bucket per pick.
namespace cohort::engines {
namespace {

constexpr uint32_t kNoReviewer = UINT32_MAX;
constexpr std::size_t kNoWord = SIZE_MAX;

uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

uint32_t StartingReviewer(uint32_t application, uint32_t pick, uint32_t reviewers) {
  return static_cast<uint32_t>(Mix((uint64_t{application} << 32) | pick) % reviewers);
}

std::span<const uint32_t> TagsOf(const TagLists& lists, uint32_t item) {
  if (static_cast<std::size_t>(item) + 1 >= lists.offsets.size()) return {};
  return std::span<const uint32_t>(lists.tags).subspan(
      lists.offsets[item], lists.offsets[item + 1] - lists.offsets[item]);
}

bool SortedListsIntersect(std::span<const uint32_t> x, std::span<const uint32_t> y) {
  auto i = x.begin();
  auto j = y.begin();
  while (i != x.end() && j != y.end()) {
    if (*i == *j) return true;
    if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

// A set of reviewer indices as a bitset with a one-bit-per-word summary, so
// finding the next member skips 4,096 absent reviewers per summary word.
class ReviewerSet {
 public:
  explicit ReviewerSet(uint32_t universe)
      : words_((universe + 63) / 64), summary_((words_.size() + 63) / 64) {}

  void Insert(uint32_t r) {
    words_[r / 64] |= uint64_t{1} << (r % 64);
    summary_[r / 4096] |= uint64_t{1} << (r / 64 % 64);
    ++size_;
  }

  void Erase(uint32_t r) {
    uint64_t& word = words_[r / 64];
    word &= ~(uint64_t{1} << (r % 64));
    if (word == 0) summary_[r / 4096] &= ~(uint64_t{1} << (r / 64 % 64));
    --size_;
  }

  bool Empty() const { return size_ == 0; }

  // The smallest member ≥ from, or kNoReviewer.
  uint32_t NextAtOrAfter(uint32_t from) const {
    std::size_t w = from / 64;
    if (w >= words_.size()) return kNoReviewer;
    const uint64_t bits = words_[w] & (~uint64_t{0} << (from % 64));
    if (bits != 0) return static_cast<uint32_t>(w * 64 + std::countr_zero(bits));
    w = NextNonEmptyWord(w + 1);
    if (w == kNoWord) return kNoReviewer;
    return static_cast<uint32_t>(w * 64 + std::countr_zero(words_[w]));
  }

 private:
  std::size_t NextNonEmptyWord(std::size_t from) const {
    std::size_t s = from / 64;
    if (s >= summary_.size()) return kNoWord;
    uint64_t bits = summary_[s] & (~uint64_t{0} << (from % 64));
    while (bits == 0) {
      if (++s == summary_.size()) return kNoWord;
      bits = summary_[s];
    }
    return s * 64 + static_cast<std::size_t>(std::countr_zero(bits));
  }

  std::vector<uint64_t> words_;
  std::vector<uint64_t> summary_;
  uint32_t size_ = 0;
};

// Why a reviewer cannot take the application being served; the order is the
// order shortfall reasons are counted in (a reviewer is counted once).
enum class Exclusion : uint8_t { kAdmissible, kOnApplication, kDeclaredConflict, kTagConflict };

// Reviewers grouped by the tags they carry: tag t's reviewers are
// reviewers[offsets[i] .. offsets[i+1]) where distinct_tags[i] == t.
struct ReviewersByTag {
  std::vector<uint32_t> distinct_tags;
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> reviewers;

  std::span<const uint32_t> Find(uint32_t tag) const {
    auto it = std::lower_bound(distinct_tags.begin(), distinct_tags.end(), tag);
    if (it == distinct_tags.end() || *it != tag) return {};
    const auto i = static_cast<std::size_t>(it - distinct_tags.begin());
    return std::span<const uint32_t>(reviewers).subspan(offsets[i], offsets[i + 1] - offsets[i]);
  }
};

ReviewersByTag IndexReviewerTags(const AssignmentInput& input) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;  // (tag, reviewer)
  pairs.reserve(input.reviewer_tags.tags.size());
  for (uint32_t r = 0; r < input.reviewers; ++r) {
    for (uint32_t tag : TagsOf(input.reviewer_tags, r)) pairs.emplace_back(tag, r);
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  ReviewersByTag index;
  index.reviewers.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0 || pairs[i].first != pairs[i - 1].first) {
      index.distinct_tags.push_back(pairs[i].first);
      index.offsets.push_back(static_cast<uint32_t>(i));
    }
    index.reviewers.push_back(pairs[i].second);
  }
  index.offsets.push_back(static_cast<uint32_t>(pairs.size()));
  return index;
}

}  // namespace

bool Conflicts(const AssignmentInput& input, uint32_t application, uint32_t reviewer) {
  if (std::binary_search(input.declared_conflicts.begin(), input.declared_conflicts.end(),
                         std::pair{application, reviewer})) {
    return true;
  }
  return SortedListsIntersect(TagsOf(input.application_tags, application),
                              TagsOf(input.reviewer_tags, reviewer));
}

AssignmentResult Assign(const AssignmentInput& input) {
  const uint32_t reviewer_count = input.reviewers;
  const uint32_t k = input.per_application;
  assert(k >= 1);
  assert(input.load_cap.size() == reviewer_count);
  assert(std::is_sorted(input.declared_conflicts.begin(), input.declared_conflicts.end()));

  AssignmentResult result;
  assert(input.initial_load.empty() || input.initial_load.size() == reviewer_count);
  // Load carried from outside the input counts toward caps and balance.
  if (input.initial_load.empty()) result.load.assign(reviewer_count, 0);
  else result.load = input.initial_load;
  std::vector<uint32_t>& load = result.load;

  // Existing pairs grouped by application; a pair listed twice counts once.
  std::vector<std::pair<uint32_t, uint32_t>> existing = input.existing;
  std::sort(existing.begin(), existing.end());
  existing.erase(std::unique(existing.begin(), existing.end()), existing.end());
  std::vector<uint32_t> existing_offsets(static_cast<std::size_t>(input.applications) + 1, 0);
  for (const auto& [a, r] : existing) {
    ++existing_offsets[a + 1];
    ++load[r];
  }
  for (uint32_t a = 0; a < input.applications; ++a) existing_offsets[a + 1] += existing_offsets[a];

  const ReviewersByTag reviewers_by_tag = IndexReviewerTags(input);

  std::map<uint32_t, ReviewerSet> by_load;
  uint32_t at_cap_total = 0;
  for (uint32_t r = 0; r < reviewer_count; ++r) {
    if (load[r] >= input.load_cap[r]) {
      ++at_cap_total;
    } else {
      by_load.try_emplace(load[r], reviewer_count).first->second.Insert(r);
    }
  }

  std::vector<Exclusion> exclusion(reviewer_count, Exclusion::kAdmissible);
  std::vector<uint32_t> touched;  // reviewers whose exclusion is set for this application
  auto exclude = [&](uint32_t r, Exclusion why) {
    if (exclusion[r] != Exclusion::kAdmissible) return;  // the earlier (stronger) reason stands
    exclusion[r] = why;
    touched.push_back(r);
  };
  auto first_admissible = [&](const ReviewerSet& set, uint32_t start) {
    for (uint32_t r = set.NextAtOrAfter(start); r != kNoReviewer; r = set.NextAtOrAfter(r + 1)) {
      if (exclusion[r] == Exclusion::kAdmissible) return r;
    }
    for (uint32_t r = set.NextAtOrAfter(0); r != kNoReviewer && r < start;
         r = set.NextAtOrAfter(r + 1)) {
      if (exclusion[r] == Exclusion::kAdmissible) return r;
    }
    return kNoReviewer;
  };

  result.added.reserve(static_cast<std::size_t>(input.applications) * k);
  std::size_t next_declared = 0;

  for (uint32_t a = 0; a < input.applications; ++a) {
    touched.clear();
    for (uint32_t i = existing_offsets[a]; i < existing_offsets[a + 1]; ++i) {
      exclude(existing[i].second, Exclusion::kOnApplication);
    }
    const auto on_before = static_cast<uint32_t>(touched.size());
    // Applications are served in index order and the declared list is sorted,
    // so one cursor walks it once for the whole run.
    for (; next_declared < input.declared_conflicts.size() &&
           input.declared_conflicts[next_declared].first == a;
         ++next_declared) {
      exclude(input.declared_conflicts[next_declared].second, Exclusion::kDeclaredConflict);
    }
    for (uint32_t tag : TagsOf(input.application_tags, a)) {
      for (uint32_t r : reviewers_by_tag.Find(tag)) exclude(r, Exclusion::kTagConflict);
    }

    const uint32_t wanted = k > on_before ? k - on_before : 0;
    uint32_t picked = 0;
    for (; picked < wanted && !by_load.empty(); ++picked) {
      const uint32_t start = StartingReviewer(a, picked, reviewer_count);
      auto level = by_load.begin();
      uint32_t chosen = kNoReviewer;
      for (; level != by_load.end(); ++level) {
        chosen = first_admissible(level->second, start);
        if (chosen != kNoReviewer) break;
      }
      if (chosen == kNoReviewer) break;

      result.added.push_back({a, chosen, load[chosen]});
      level->second.Erase(chosen);
      if (++load[chosen] >= input.load_cap[chosen]) {
        ++at_cap_total;
      } else {
        auto next = std::next(level);
        if (next == by_load.end() || next->first != load[chosen]) {
          next = by_load.emplace_hint(next, load[chosen], ReviewerSet(reviewer_count));
        }
        next->second.Insert(chosen);
      }
      if (level->second.Empty()) by_load.erase(level);
      exclude(chosen, Exclusion::kOnApplication);
    }

    if (picked < wanted) {
      // Nobody admissible was left, so every reviewer not on the application
      // is conflicted or at cap; count each under its first reason.
      Shortfall shortfall{.application = a, .missing = wanted - picked};
      uint32_t touched_at_cap = 0;
      for (uint32_t r : touched) {
        if (exclusion[r] == Exclusion::kDeclaredConflict) ++shortfall.declared_conflicts;
        if (exclusion[r] == Exclusion::kTagConflict) ++shortfall.tag_conflicts;
        if (load[r] >= input.load_cap[r]) ++touched_at_cap;
      }
      shortfall.at_cap = at_cap_total - touched_at_cap;
      result.shortfalls.push_back(shortfall);
    }

    for (uint32_t r : touched) exclusion[r] = Exclusion::kAdmissible;
  }
  return result;
}

}  // namespace cohort::engines
