#pragma once
// Delegates' badges for an event: one A6 portrait page each, with the
// event, the person's name, organisation and role, and a QR code.
#include <string>
#include <vector>

namespace cohort::docs {

// Every text already in the reader's language.
struct Badge {
  std::string event;         // "Volunteer Week 2027"
  std::string when_where;    // "10–16 May 2027 · Baku"
  std::string name;          // the delegate
  std::string organisation;  // their organisation
  std::string role;          // "Head of delegation" / "Delegate"
  std::string qr_text;       // what the QR code carries
};

// The PDF bytes, one page a badge (an empty list gives one blank page).
std::string RenderBadgesPdf(const std::vector<Badge>& badges, const std::string& title);

}  // namespace cohort::docs
