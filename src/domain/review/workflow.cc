#include "domain/review/workflow.h"

namespace cohort::review {

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kSave: return "save";
    case Action::kSubmit: return "submit";
    case Action::kDeclareConflict: return "declare_conflict";
    case Action::kRemove: return "remove";
    case Action::kReopen: return "reopen";
  }
  return "";
}

const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> kTable = {
      {"assigned", Action::kSave, "draft", false},
      {"assigned", Action::kSubmit, "submitted", false},
      {"assigned", Action::kDeclareConflict, "conflict", false},
      {"assigned", Action::kRemove, "removed", true},
      {"draft", Action::kSave, "draft", false},
      {"draft", Action::kSubmit, "submitted", false},
      {"draft", Action::kDeclareConflict, "conflict", false},
      {"draft", Action::kRemove, "removed", true},
      {"submitted", Action::kReopen, "draft", true},
      {"submitted", Action::kRemove, "removed", true},
  };
  return kTable;
}

Result<std::string> Next(const std::string& from, Action action) {
  for (const auto& t : Transitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  switch (action) {
    case Action::kSave: return Error::FailedPrecondition("only an open review can be changed");
    case Action::kSubmit: return Error::FailedPrecondition("only an open review can be submitted");
    case Action::kDeclareConflict: return Error::FailedPrecondition("a conflict can be declared only on an open review");
    case Action::kRemove: return Error::FailedPrecondition("this review has ended already");
    case Action::kReopen: return Error::FailedPrecondition("only a submitted review can be reopened");
  }
  return Error::FailedPrecondition("not allowed in this state");
}

std::vector<std::string> ActionsFrom(const std::string& state, bool staff) {
  std::vector<std::string> out;
  for (const auto& t : Transitions()) {
    if (state == t.from && t.staff == staff) out.emplace_back(ToString(t.action));
  }
  return out;
}

bool IsActive(const std::string& state) { return state == "assigned" || state == "draft" || state == "submitted"; }

}  // namespace cohort::review
