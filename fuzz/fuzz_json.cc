// JSON request bodies as every route reads them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cohort::http::Request r;
  r.headers = {{"content-type", "application/json"}};
  r.body.assign(reinterpret_cast<const char*>(data), size);
  auto body = cohort::http::StrictJsonObjectBody(r, {"name", "email", "password", "consent", "role"});
  if (body.ok()) {
    cohort::http::JsonFields f(*body);
    (void)f.Text("name");
    (void)f.OptionalText("email");
    (void)f.Flag("consent");
    (void)f.Check();
  }
  return 0;
}
