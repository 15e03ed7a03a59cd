#pragma once
// Interviews at an interview stage: panels of interviewers, the slots they
// sit, candidates' bookings (self-booked or scheduled) and their stated
// availability. Scorecards are the stage's reviews (review module), one per
// panel member and candidate.
#include <optional>
#include <string>
#include <vector>

namespace cohort::interviews {

struct Panel {
  std::string id;
  std::string stage_id;
  std::string organisation_id;
  std::string name;
  std::string location;  // a room, or an online meeting link
  std::vector<std::string> members;  // account ids
  std::vector<std::string> member_names;
  std::string created_at, updated_at;
};

struct Slot {
  std::string id;
  std::string stage_id;
  std::string panel_id;
  std::string organisation_id;
  std::string starts_at, ends_at;  // UTC
  int places = 1;
  int booked = 0;
  std::string created_at;
  // For lists.
  std::string panel_name, location;
};

struct Booking {
  std::string id;
  std::string stage_id;
  std::string slot_id;
  std::string application_id;
  std::string applicant_id;
  std::string organisation_id;
  std::string state = "booked";  // booked, cancelled, attended, no_show (workflow.h)
  std::string origin = "self";   // self, scheduled
  std::string created_at, updated_at;
  // For lists.
  std::string reference, applicant_name, starts_at, ends_at, panel_name, location;
};

// A time a candidate can come, UTC.
struct Window {
  std::string start, end;
};

// A candidate of an interview stage as staff see them: whether they have
// booked, and when they said they can come.
struct Candidate {
  std::string application_id, reference, name;
  std::optional<Booking> booking;
  std::vector<Window> availability;
};

// What a candidate sees of one interview stage they are invited to.
struct Invitation {
  std::string stage_id, application_id, reference, time_zone;
  std::string call_title_json, stage_name_json;
  std::optional<Booking> booking;
  std::string change_until;  // bookings can be made or changed until then (per slot: start − cut-off)
  std::vector<Slot> open_slots;  // with places left, starting after now + cut-off
  std::vector<Window> availability;
};

}  // namespace cohort::interviews
