#include "support/smtp_sink.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <thread>

namespace cohort::testing {
namespace {

std::string Base64Decode(const std::string& in) {
  std::string out(in.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), in.data(), in.size(), " \r\n", &len,
                        nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return {};
  }
  out.resize(len);
  return out;
}

std::string HeaderValue(const std::string& head, const std::string& name) {
  std::smatch m;
  std::regex re("(^|\n)" + name + ": ([^\r\n]*)", std::regex::icase);
  return std::regex_search(head, m, re) ? m[2].str() : std::string();
}

ReceivedMail Parse(const std::string& raw) {
  const auto split = raw.find("\n\n");
  const std::string head = raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : raw.substr(split + 2);
  ReceivedMail mail;
  mail.to = HeaderValue(head, "To");
  mail.to.erase(std::remove(mail.to.begin(), mail.to.end(), '<'), mail.to.end());
  mail.to.erase(std::remove(mail.to.begin(), mail.to.end(), '>'), mail.to.end());
  std::string subject = HeaderValue(head, "Subject");
  std::smatch m;
  if (std::regex_match(subject, m, std::regex(R"(=\?UTF-8\?B\?(.*)\?=)"))) subject = Base64Decode(m[1].str());
  mail.subject = subject;
  std::smatch boundary;
  const std::string type = HeaderValue(head, "Content-Type");
  if (std::regex_search(type, boundary, std::regex(R"re(multipart/mixed; boundary="([^"]+)")re"))) {
    // Parts between "--boundary" lines: the text, then one attachment.
    std::vector<ReceivedMail> parts;
    const std::string marker = "--" + boundary[1].str();
    std::size_t at = body.find(marker);
    while (at != std::string::npos) {
      const std::size_t start = body.find('\n', at) + 1;
      const std::size_t next = body.find(marker, start);
      if (next == std::string::npos || body.compare(at, marker.size() + 2, marker + "--") == 0) break;
      parts.push_back(Parse(body.substr(start, next - start)));
      at = next;
    }
    if (!parts.empty()) mail.body = parts[0].body;
    if (parts.size() > 1) {
      mail.attachment_type = parts[1].content_type;
      mail.attachment = parts[1].body;
    }
    return mail;
  }
  mail.content_type = type;
  if (HeaderValue(head, "Content-Transfer-Encoding") == "base64") body = Base64Decode(body);
  mail.body = body;
  return mail;
}

}  // namespace

SmtpSink::SmtpSink(int port) : port_(port) {
  for (const char* sub : {"cur", "new", "tmp"}) std::filesystem::create_directories(dir_.path() + "/mail/" + sub);
  child_ = std::make_unique<Child>(
      std::vector<std::string>{"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_),
                               "-c", "aiosmtpd.handlers.Mailbox", dir_.path() + "/mail"},
      dir_.File("smtp.log"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (;;) {
    try {
      HttpClient(port_).Raw("QUIT\r\n");
      return;
    } catch (const std::exception&) {
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("SMTP sink did not start: " + ReadFile(dir_.File("smtp.log")));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

SmtpSink::~SmtpSink() = default;

std::optional<ReceivedMail> SmtpSink::WaitFor(const std::string& to, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir_.path() + "/mail/new")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (std::find(seen_.begin(), seen_.end(), f.string()) != seen_.end()) continue;
      auto mail = Parse(ReadFile(f.string()));
      if (mail.to == to) {
        seen_.push_back(f.string());
        return mail;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int SmtpSink::Count(const std::string& to) const {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_.path() + "/mail/new")) {
    if (Parse(ReadFile(e.path().string())).to == to) ++n;
  }
  return n;
}

std::string TokenIn(const std::string& text) {
  std::smatch m;
  return std::regex_search(text, m, std::regex("token=([A-Za-z0-9_-]+)")) ? m[1].str() : std::string();
}

}  // namespace cohort::testing
