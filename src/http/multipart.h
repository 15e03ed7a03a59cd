#pragma once
// multipart/form-data bodies (RFC 7578), as browsers send file uploads.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace cohort::http {

struct Part {
  std::string name;          // form field name
  std::string filename;      // empty for plain fields
  std::string content_type;  // as the client claims; never trusted for files
  std::string_view body;     // points into the parsed body
};

// kUnsupportedMediaType when `content_type` is not multipart/form-data with
// a boundary; kMalformedRequest when the body does not follow it. At most
// 16 parts.
Result<std::vector<Part>> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace cohort::http
