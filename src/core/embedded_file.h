#pragma once
// A file compiled into the binary (migrations, message catalogues).
#include <string>
#include <vector>

namespace cohort {

struct EmbeddedFile {
  std::string name;     // base name, e.g. "0001_platform.sql"
  std::string content;  // exact bytes of the file
};

}  // namespace cohort
