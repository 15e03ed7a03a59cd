#pragma once
// iCalendar (RFC 5545) for one event, e.g. an interview: a file calendars
// import from an e-mail attachment or a download.
#include <string>

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
};

// A VCALENDAR with one VEVENT: CRLF line ends, text escaped (\ ; , and
// newlines) and lines folded at 75 octets without splitting a UTF-8
// character.
std::string ToICalendar(const CalendarEvent& event);

}  // namespace cohort::docs
