// multipart/form-data uploads: the first line is the Content-Type header,
// the rest the body.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body = eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  auto parts = cohort::http::ParseMultipart(content_type, body);
  if (parts.ok()) {
    for (const auto& p : *parts) {
      // Every part lies inside the body it was parsed from.
      if (p.body.data() < body.data() || p.body.data() + p.body.size() > body.data() + body.size()) __builtin_trap();
    }
  }
  return 0;
}
