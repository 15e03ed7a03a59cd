#include "docs/file_type.h"

#include <magic.h>

#include <memory>

namespace cohort::docs {
namespace {

struct MagicCookie {
  magic_t cookie = nullptr;
  MagicCookie() {
    cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR);
    if (cookie && magic_load(cookie, nullptr) != 0) {
      magic_close(cookie);
      cookie = nullptr;
    }
  }
  ~MagicCookie() {
    if (cookie) magic_close(cookie);
  }
};

}  // namespace

std::string SniffUpload(std::string_view bytes) {
  // A cookie is not safe to share between threads: one per thread, loaded once.
  thread_local MagicCookie magic;
  if (!magic.cookie || bytes.empty()) return {};
  const char* type = magic_buffer(magic.cookie, bytes.data(), bytes.size());
  if (!type) return {};
  const std::string_view t(type);
  if (t == "application/pdf") return "pdf";
  if (t == "application/vnd.openxmlformats-officedocument.wordprocessingml.document") return "docx";
  if (t == "image/jpeg") return "jpeg";
  if (t == "image/png") return "png";
  return {};
}

std::string MediaType(std::string_view kind) {
  if (kind == "pdf") return "application/pdf";
  if (kind == "docx") return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  if (kind == "jpeg") return "image/jpeg";
  if (kind == "png") return "image/png";
  return "application/octet-stream";
}

}  // namespace cohort::docs
