#pragma once
// The states of a review (an assignment of a reviewer to an application at
// a stage) and the one table of what moves it.
//
//   (assign) ──▶ assigned ──save──▶ draft ──submit──▶ submitted
//                   │  └────────submit────────────────▲    │
//                   │                                 │ reopen (staff)
//                   ├──declare_conflict──▶ conflict   ▼    │
//                   └──remove (staff)────▶ removed ◀──────┘
//
// From draft: save, submit, declare_conflict, remove. A submitted review can
// be removed (it stops counting) or reopened to a draft by staff.
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::review {

enum class Action { kSave, kSubmit, kDeclareConflict, kRemove, kReopen };
std::string_view ToString(Action a);

struct Transition {
  const char* from;
  Action action;
  const char* to;
  bool staff;  // who may: true = administrators and coordinators; false = the assigned reviewer
};

const std::vector<Transition>& Transitions();

// The state `action` leads to from `from`; kFailedPrecondition when the
// table has no such move.
Result<std::string> Next(const std::string& from, Action action);
// The actions open to a reviewer (staff == false) or to staff from `state`.
std::vector<std::string> ActionsFrom(const std::string& state, bool staff);
// Reviews in these states count toward a reviewer's load and an application's k.
bool IsActive(const std::string& state);

}  // namespace cohort::review
