#pragma once
// Small-cell suppression for public figures: no published number may
// single out fewer than kSmallestCell people.
#include <cstdint>
#include <optional>
#include <vector>

namespace cohort::reports {

inline constexpr std::int64_t kSmallestCell = 5;

// One count as published: nullopt when under kSmallestCell.
std::optional<std::int64_t> Published(std::int64_t count);
// A column of counts whose total is known elsewhere: each cell under
// kSmallestCell is withheld, and when exactly one is, the smallest other
// cell is withheld too, so the total minus the rest does not reveal it.
std::vector<std::optional<std::int64_t>> PublishedColumn(const std::vector<std::int64_t>& counts);

}  // namespace cohort::reports
