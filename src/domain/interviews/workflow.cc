#include "domain/interviews/workflow.h"

namespace cohort::interviews {

std::string_view ToString(BookingAction a) {
  switch (a) {
    case BookingAction::kCancel: return "cancel";
    case BookingAction::kAttend: return "attend";
    case BookingAction::kNoShow: return "no_show";
  }
  return "";
}

const std::vector<BookingTransition>& BookingTransitions() {
  static const std::vector<BookingTransition> kTable = {
      {"booked", BookingAction::kCancel, "cancelled", false},
      {"booked", BookingAction::kAttend, "attended", true},
      {"booked", BookingAction::kNoShow, "no_show", true},
      {"no_show", BookingAction::kAttend, "attended", true},
      {"attended", BookingAction::kNoShow, "no_show", true},
  };
  return kTable;
}

Result<std::string> NextBookingState(const std::string& from, BookingAction action) {
  for (const auto& t : BookingTransitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  return Error::FailedPrecondition("this interview booking cannot change that way");
}

}  // namespace cohort::interviews
