#pragma once
// The states of an application and the one table of what moves it.
//
//   (start) ──create──▶ draft ──submit──▶ submitted
//                         │                  │
//                         └────withdraw──────┴──▶ withdrawn
//
// `edit` keeps a draft a draft (autosave). Only the applicant acts here;
// staff decisions on submitted applications come with the selection stages.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::applications {

enum class Action { kEdit, kSubmit, kWithdraw };
std::string_view ToString(Action a);

struct Transition {
  const char* from;
  Action action;
  const char* to;
};

// The whole table; also tells the UI which buttons to show.
const std::vector<Transition>& Transitions();

// The state `action` leads to from `from`; kFailedPrecondition when the
// table has no such move (e.g. editing a submitted application).
Result<std::string> Next(const std::string& from, Action action);
// The actions the table allows from `state`, for the UI.
std::vector<std::string> ActionsFrom(const std::string& state);

// The short-list form of a submitted application has its own small table:
//
//   none ──open (short-listed, and the call has stage-2 questions)──▶ open ──submit──▶ submitted
//
// `edit` keeps it open (autosave). Past its due date nothing moves; the
// service checks the date, as it checks the call's window for the draft.
enum class SecondStageAction { kOpen, kEdit, kSubmit };
Result<std::string> NextSecondStage(const std::string& from, SecondStageAction action);
// "edit_second_stage" and "submit_second_stage" while the form is open, for the UI.
std::vector<std::string> SecondStageActionsFrom(const std::string& second_stage);

}  // namespace cohort::applications
