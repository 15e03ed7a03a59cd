// Configuration files.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cohort::Config c;
  if (c.LoadText(std::string(reinterpret_cast<const char*>(data), size), "fuzz").ok()) (void)c.Validate();
  return 0;
}
