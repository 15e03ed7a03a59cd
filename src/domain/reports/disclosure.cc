#include "domain/reports/disclosure.h"

namespace cohort::reports {

std::optional<std::int64_t> Published(std::int64_t count) {
  if (count < kSmallestCell) return std::nullopt;
  return count;
}

std::vector<std::optional<std::int64_t>> PublishedColumn(const std::vector<std::int64_t>& counts) {
  std::vector<std::optional<std::int64_t>> out;
  int withheld = 0;
  for (auto c : counts) {
    out.push_back(Published(c));
    withheld += out.back() ? 0 : 1;
  }
  if (withheld == 1) {
    std::optional<std::size_t> smallest;
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i] && (!smallest || *out[i] < *out[*smallest])) smallest = i;
    }
    if (smallest) out[*smallest] = std::nullopt;
  }
  return out;
}

}  // namespace cohort::reports
