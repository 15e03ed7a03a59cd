// The :name -> $n rewriting must keep every byte outside placeholders and
// never read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "db/named_params.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string sql(reinterpret_cast<const char*>(data), size);
  auto p = cohort::db::ToPositional(sql);
  if (p.names.empty() && p.sql != sql) std::abort();  // nothing to rewrite: text unchanged
  return 0;
}
