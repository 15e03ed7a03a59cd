#pragma once
// Request counters and latency histograms per route, rendered in the
// Prometheus text format at /metrics.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace cohort::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  // Records one answered request. `route` is the matched pattern (or
  // "static", "unmatched").
  void Observe(const std::string& method, const std::string& route, int status, double seconds);

  // The Prometheus text; `extra` appends gauges owned by others (pools).
  std::string Render(const std::function<void(std::string&)>& extra) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // method, route, status
  std::map<std::pair<std::string, std::string>, Histogram> latency_;            // method, route
};

}  // namespace cohort::http
