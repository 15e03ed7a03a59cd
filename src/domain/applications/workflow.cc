#include "domain/applications/workflow.h"

namespace cohort::applications {

std::string_view ToString(Action a) {
  switch (a) {
    case Action::kEdit: return "edit";
    case Action::kSubmit: return "submit";
    case Action::kWithdraw: return "withdraw";
  }
  return "";
}

const std::vector<Transition>& Transitions() {
  static const std::vector<Transition> kTable = {
      {"draft", Action::kEdit, "draft"},
      {"draft", Action::kSubmit, "submitted"},
      {"draft", Action::kWithdraw, "withdrawn"},
      {"submitted", Action::kWithdraw, "withdrawn"},
  };
  return kTable;
}

Result<std::string> Next(const std::string& from, Action action) {
  for (const auto& t : Transitions()) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  switch (action) {
    case Action::kEdit: return Error::FailedPrecondition("only a draft can be changed");
    case Action::kSubmit: return Error::FailedPrecondition("only a draft can be submitted");
    case Action::kWithdraw: return Error::FailedPrecondition("this application is already withdrawn");
  }
  return Error::FailedPrecondition("not allowed in this state");
}

std::vector<std::string> ActionsFrom(const std::string& state) {
  std::vector<std::string> out;
  for (const auto& t : Transitions()) {
    if (state == t.from) out.emplace_back(ToString(t.action));
  }
  return out;
}

}  // namespace cohort::applications
