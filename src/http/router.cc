#include "http/router.h"

#include <algorithm>

namespace cohort::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool MatchSegments(const Route& r, const std::vector<std::string>& parts, std::map<std::string, std::string>& params) {
  if (r.segments.size() != parts.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& seg = r.segments[i];
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      if (parts[i].empty()) return false;
      found[seg.substr(1, seg.size() - 2)] = parts[i];
    } else if (seg != parts[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::Add(Method method, std::string pattern, Handler handler) {
  Route r{method, pattern, std::move(handler), Split(pattern)};
  routes_.push_back(std::move(r));
}

void Router::AddWithBodyLimit(Method method, std::string pattern, std::int64_t max_body_bytes, Handler handler) {
  Add(method, std::move(pattern), std::move(handler));
  routes_.back().max_body_bytes = max_body_bytes;
}

std::int64_t Router::LargestBodyLimit() const {
  std::int64_t largest = 0;
  for (const auto& r : routes_) largest = std::max(largest, r.max_body_bytes);
  return largest;
}

Router::Match Router::Find(Method method, const std::string& path) const {
  Match m;
  if (path.empty() || path[0] != '/') return m;
  const auto parts = Split(path);
  // Literal segments win over parameters: try routes with fewer parameters first.
  const Route* best = nullptr;
  int best_params = 1 << 30;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!MatchSegments(r, parts, params)) continue;
    const bool method_ok = r.method == method || (method == Method::kHead && r.method == Method::kGet);
    if (!method_ok) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) m.allowed.push_back(r.method);
      if (r.method == Method::kGet && std::find(m.allowed.begin(), m.allowed.end(), Method::kHead) == m.allowed.end()) {
        m.allowed.push_back(Method::kHead);
      }
      continue;
    }
    const int n = static_cast<int>(params.size());
    if (n < best_params) {
      best = &r;
      best_params = n;
      m.params = std::move(params);
    }
  }
  if (best) {
    m.route = best;
    m.allowed.clear();
  }
  return m;
}

}  // namespace cohort::http
