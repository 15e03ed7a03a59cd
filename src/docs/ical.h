#pragma once
// iCalendar (RFC 5545): one event, e.g. an interview, as a file calendars
// import from an e-mail attachment or a download; or a feed of many that
// calendar apps subscribe to (a timetable).
#include <string>
#include <vector>

namespace cohort::docs {

struct CalendarEvent {
  std::string uid;       // unique and stable: the same booking updates the same event
  std::string stamp;     // when the file was made, RFC 3339 UTC
  std::string start;     // RFC 3339 UTC
  std::string end;
  std::string summary;
  std::string description;
  std::string location;
  int sequence = 0;      // raise on every change (rescheduling)
  bool cancelled = false;
  bool all_day = false;  // start and end are dates YYYY-MM-DD, the end day excluded
};

// A VCALENDAR with one VEVENT: CRLF line ends, text escaped (\ ; , and
// newlines) and lines folded at 75 octets without splitting a UTF-8
// character.
std::string ToICalendar(const CalendarEvent& event);

// A VCALENDAR named `name` with a VEVENT per event (cancelled ones marked
// so), for subscription.
std::string ToICalendarFeed(const std::string& name, const std::vector<CalendarEvent>& events);

}  // namespace cohort::docs
