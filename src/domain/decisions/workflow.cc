#include "domain/decisions/workflow.h"

namespace cohort::decisions {

std::string_view ToString(OfferAction a) {
  switch (a) {
    case OfferAction::kAccept: return "accept";
    case OfferAction::kDecline: return "decline";
    case OfferAction::kExpire: return "expire";
  }
  return "";
}

const std::vector<OfferTransition>& OfferTransitions() {
  static const std::vector<OfferTransition> kTable = {
      {"open", OfferAction::kAccept, "accepted"},
      {"open", OfferAction::kDecline, "declined"},
      {"open", OfferAction::kExpire, "expired"},
  };
  return kTable;
}

Result<std::string> NextOfferState(const std::string& from, OfferAction action) {
  for (const auto& t : OfferTransitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  if (from == "expired") return Error::FailedPrecondition("this offer has expired");
  return Error::FailedPrecondition("this offer has been answered already");
}

std::vector<std::string> OfferActionsFrom(const std::string& state) {
  std::vector<std::string> out;
  for (const auto& t : OfferTransitions()) {
    if (state == t.from && t.action != OfferAction::kExpire) out.emplace_back(ToString(t.action));
  }
  return out;
}

}  // namespace cohort::decisions
