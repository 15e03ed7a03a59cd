#include "docs/ical.h"

namespace cohort::docs {
namespace {

// "2027-01-10T09:00:00.000Z" -> "20270110T090000Z"
std::string Basic(const std::string& utc) {
  std::string out;
  for (std::size_t i = 0; i < utc.size() && i < 19; ++i) {
    if (utc[i] != '-' && utc[i] != ':') out += utc[i];
  }
  return out + "Z";
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8
// sequence.
std::string Fold(const std::string& line) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t len = 1;
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (count + len > 75) {
      out += "\r\n ";
      count = 1;
    }
    out.append(line, i, len);
    count += len;
    i += len - 1;
  }
  return out + "\r\n";
}

// "2027-01-10" -> "20270110"
std::string BasicDate(const std::string& day) {
  std::string out;
  for (char c : day.substr(0, 10)) {
    if (c != '-') out += c;
  }
  return out;
}

std::string Event(const CalendarEvent& e) {
  std::string out;
  out += Fold("BEGIN:VEVENT");
  out += Fold("UID:" + Escape(e.uid));
  out += Fold("DTSTAMP:" + Basic(e.stamp));
  if (e.all_day) {
    out += Fold("DTSTART;VALUE=DATE:" + BasicDate(e.start));
    out += Fold("DTEND;VALUE=DATE:" + BasicDate(e.end));
  } else {
    out += Fold("DTSTART:" + Basic(e.start));
    out += Fold("DTEND:" + Basic(e.end));
  }
  out += Fold("SEQUENCE:" + std::to_string(e.sequence));
  out += Fold("SUMMARY:" + Escape(e.summary));
  if (!e.description.empty()) out += Fold("DESCRIPTION:" + Escape(e.description));
  if (!e.location.empty()) out += Fold("LOCATION:" + Escape(e.location));
  out += Fold(e.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  out += Fold("END:VEVENT");
  return out;
}

}  // namespace

std::string ToICalendar(const CalendarEvent& e) {
  std::string out;
  out += Fold("BEGIN:VCALENDAR");
  out += Fold("VERSION:2.0");
  out += Fold("PRODID:-//Cohort//Selection//EN");
  out += Fold("CALSCALE:GREGORIAN");
  out += Fold(e.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH");
  out += Event(e);
  out += Fold("END:VCALENDAR");
  return out;
}

std::string ToICalendarFeed(const std::string& name, const std::vector<CalendarEvent>& events) {
  std::string out;
  out += Fold("BEGIN:VCALENDAR");
  out += Fold("VERSION:2.0");
  out += Fold("PRODID:-//Cohort//Programme//EN");
  out += Fold("CALSCALE:GREGORIAN");
  out += Fold("X-WR-CALNAME:" + Escape(name));
  for (const auto& e : events) out += Event(e);
  out += Fold("END:VCALENDAR");
  return out;
}

}  // namespace cohort::docs
