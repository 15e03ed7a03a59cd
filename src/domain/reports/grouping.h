#pragma once
// How answers are grouped in breakdowns: free text by a normalised
// spelling, dates of birth by age band.
#include <string>
#include <string_view>

namespace cohort::reports {

// Lower-case (ASCII), single-spaced and trimmed.
std::string Normalised(std::string_view text);
// The age band on `on` (YYYY-MM-DD) of someone born on `birth` (YYYY-MM-DD):
// under-18, 18-21, 22-25, 26-29, 30-35, 36-plus; "" when either is not a date.
std::string AgeBand(const std::string& birth, const std::string& on);

}  // namespace cohort::reports
