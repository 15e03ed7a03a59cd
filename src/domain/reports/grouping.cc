#include "domain/reports/grouping.h"

#include <cctype>
#include <exception>

namespace cohort::reports {

// Lower-case, single-spaced and trimmed: "ADA  university" and "ADA University" are one group.
std::string Normalised(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The age band on `on` (YYYY-MM-DD) of someone born on `birth`; "" when unknown.
std::string AgeBand(const std::string& birth, const std::string& on) {
  if (birth.size() != 10 || on.size() != 10) return "";
  int age = 0;
  try {
    age = std::stoi(on.substr(0, 4)) - std::stoi(birth.substr(0, 4));
  } catch (const std::exception&) {
    return "";
  }
  if (on.substr(5) < birth.substr(5)) --age;  // MM-DD: the birthday has not come yet
  if (age < 0 || age > 120) return "";
  if (age < 18) return "under-18";
  if (age <= 21) return "18-21";
  if (age <= 25) return "22-25";
  if (age <= 29) return "26-29";
  if (age <= 35) return "30-35";
  return "36-plus";
}

}  // namespace cohort::reports
