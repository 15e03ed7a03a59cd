#include "http/metrics.h"

#include <fmt/format.h>

namespace cohort::http {

void Metrics::Observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  auto& h = latency_[{method, route}];
  ++h.count;
  h.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
}

std::string Metrics::Render(const std::function<void(std::string&)>& extra) const {
  std::string out;
  {
    std::lock_guard lock(mu_);
    out += "# HELP cohort_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE cohort_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      out += fmt::format("cohort_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                         std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
    }
    out += "# HELP cohort_http_request_duration_seconds Time from request read to response handed to the socket.\n";
    out += "# TYPE cohort_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
      const auto labels = fmt::format("method=\"{}\",route=\"{}\"", key.first, key.second);
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        out += fmt::format("cohort_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels, kBuckets[i],
                           h.buckets[i]);
      }
      out += fmt::format("cohort_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
      out += fmt::format("cohort_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
      out += fmt::format("cohort_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
  }
  if (extra) extra(out);
  return out;
}

}  // namespace cohort::http
