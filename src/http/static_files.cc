#include "http/static_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace cohort::http {
namespace {

std::string ContentType(const std::string& path) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".webp", "image/webp"},
      {".woff2", "font/woff2"},              {".txt", "text/plain; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}};
  const auto ext = std::filesystem::path(path).extension().string();
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// A path inside the web root: relative, no "..", no NUL. ("//etc/passwd"
// would otherwise make root / rel an absolute path outside the root.)
bool SafeRelative(const std::string& rel) {
  if (rel.empty() || rel.front() == '/' || rel.find('\0') != std::string::npos) return false;
  const std::filesystem::path p(rel);
  if (p.is_absolute() || p.has_root_name() || p.has_root_directory()) return false;
  for (const auto& part : p) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

std::optional<Response> StaticFiles::File(const std::string& relative, bool fallback) const {
  const auto full = std::filesystem::path(root_) / relative;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(full, ec)) return std::nullopt;
  // Belt and braces: the resolved file must lie under the resolved root
  // (a symbolic link in the build output must not lead out of it either).
  const auto root = std::filesystem::weakly_canonical(root_, ec);
  const auto file = std::filesystem::weakly_canonical(full, ec);
  if (ec) return std::nullopt;
  const auto inside = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (inside.first != root.end()) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream body;
  body << in.rdbuf();
  Response r = Response::Text(200, body.str(), ContentType(full.string()));
  if (relative == "index.html" || fallback) {
    r.Header("Cache-Control", "no-cache");
  } else if (relative.starts_with("assets/")) {
    r.Header("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.Header("Cache-Control", "public, max-age=3600");
  }
  return r;
}

std::optional<Response> StaticFiles::Serve(const Request& request) const {
  const std::string& path = request.path;
  if (path.starts_with("/api/") || path == "/api") return std::nullopt;
  std::string rel = path.substr(1);
  if (rel.empty()) rel = "index.html";
  if (!SafeRelative(rel)) return std::nullopt;
  if (auto r = File(rel, false)) return r;
  // A missing hashed asset is a 404, never the page: a stale page would
  // otherwise get HTML for its script.
  if (rel.starts_with("assets/") || std::filesystem::path(rel).has_extension()) return std::nullopt;
  return File("index.html", true);
}

}  // namespace cohort::http
