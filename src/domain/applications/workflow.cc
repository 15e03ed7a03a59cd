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

namespace {

struct SecondStageTransition {
  const char* from;
  SecondStageAction action;
  const char* to;
};

constexpr SecondStageTransition kSecondStage[] = {
    {"none", SecondStageAction::kOpen, "open"},
    {"open", SecondStageAction::kEdit, "open"},
    {"open", SecondStageAction::kSubmit, "submitted"},
};

}  // namespace

Result<std::string> NextSecondStage(const std::string& from, SecondStageAction action) {
  for (const auto& t : kSecondStage) {
    if (from == t.from && action == t.action) return std::string(t.to);
  }
  if (from == "none") return Error::FailedPrecondition("the short-list form is not open for this application");
  if (from == "submitted") return Error::FailedPrecondition("the short-list form has been submitted already");
  return Error::FailedPrecondition("the short-list form is already open");
}

std::vector<std::string> SecondStageActionsFrom(const std::string& second_stage) {
  std::vector<std::string> out;
  for (const auto& t : kSecondStage) {
    if (second_stage != t.from) continue;
    if (t.action == SecondStageAction::kEdit) out.emplace_back("edit_second_stage");
    if (t.action == SecondStageAction::kSubmit) out.emplace_back("submit_second_stage");
  }
  return out;
}

}  // namespace cohort::applications
