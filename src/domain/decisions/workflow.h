#pragma once
// The states of an offer and the one table of what moves it.
//
//   (publish, promotion) ──▶ open ──accept──▶ accepted
//                             │ ├──decline──▶ declined
//                             │ └──expire───▶ expired   (the deadline passed)
//
// A decline or an expiry frees the seat for the next on the waitlist.
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::decisions {

enum class OfferAction { kAccept, kDecline, kExpire };
std::string_view ToString(OfferAction a);

struct OfferTransition {
  const char* from;
  OfferAction action;
  const char* to;
};

const std::vector<OfferTransition>& OfferTransitions();
// kFailedPrecondition when the table has no such move.
Result<std::string> NextOfferState(const std::string& from, OfferAction action);
std::vector<std::string> OfferActionsFrom(const std::string& state);

}  // namespace cohort::decisions
