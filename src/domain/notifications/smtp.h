#pragma once
// Sending one message by SMTP (libcurl).
#include <string>

#include "core/error.h"

namespace cohort::notifications {

struct SmtpSettings {
  std::string url;   // smtp://host:port or smtps://host:port
  std::string from;  // "Cohort <no-reply@example.az>"
  std::string username, password;  // optional
  long timeout_ms = 15000;
};

struct Mail {
  std::string to;
  std::string subject;
  std::string body;        // plain UTF-8 text
  std::string message_id;  // unique; used in the Message-ID header
  std::string date;        // RFC 5322 date
  // Optional: one attached file (the message becomes multipart/mixed).
  std::string attachment_name, attachment_type, attachment;
};

// The full RFC 5322 message: UTF-8 subject encoded per RFC 2047, body in
// base64 so any text survives any relay.
std::string RenderMime(const SmtpSettings& settings, const Mail& mail);

// kUnavailable with the server's answer when delivery fails.
Result<void> SendSmtp(const SmtpSettings& settings, const Mail& mail);

}  // namespace cohort::notifications
