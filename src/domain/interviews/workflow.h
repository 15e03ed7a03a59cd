#pragma once
// The states of an interview booking and the one table of what moves it.
//
//   (book, schedule) ──▶ booked ──attend (staff)───▶ attended
//                          │ ├──no_show (staff)──▶ no_show
//                          │ └──cancel (applicant before the cut-off, or rebooking)──▶ cancelled
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::interviews {

enum class BookingAction { kCancel, kAttend, kNoShow };
std::string_view ToString(BookingAction a);

struct BookingTransition {
  const char* from;
  BookingAction action;
  const char* to;
  bool staff;
};

const std::vector<BookingTransition>& BookingTransitions();
Result<std::string> NextBookingState(const std::string& from, BookingAction action);

}  // namespace cohort::interviews
