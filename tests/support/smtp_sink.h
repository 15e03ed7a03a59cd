#pragma once
// A real SMTP server on loopback (Debian's python3-aiosmtpd, writing a
// Maildir), and a reader for what arrived.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "support/http_client.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace cohort::testing {

struct ReceivedMail {
  std::string to;
  std::string subject;  // decoded
  std::string body;     // decoded
  // The attached file of a multipart message, decoded; empty without one.
  std::string attachment_type, attachment;
  std::string content_type;  // of a single-part message (or part)
};

class SmtpSink {
 public:
  explicit SmtpSink(int port = FreePort());  // waits until it accepts connections
  ~SmtpSink();
  int port() const { return port_; }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  // The first message to `to` not returned before; std::nullopt after `timeout`.
  std::optional<ReceivedMail> WaitFor(const std::string& to, std::chrono::milliseconds timeout);
  int Count(const std::string& to) const;

 private:
  int port_;
  TempDir dir_;
  std::unique_ptr<Child> child_;
  std::vector<std::string> seen_;
};

// The first "token=..." value in a text.
std::string TokenIn(const std::string& text);

}  // namespace cohort::testing
