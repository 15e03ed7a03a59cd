#include "domain/notifications/smtp.h"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <mutex>

namespace cohort::notifications {
namespace {

std::string Base64(const std::string& in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string AddressOf(const std::string& from) {
  const auto lt = from.find('<');
  const auto gt = from.find('>');
  if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt, gt - lt + 1);
  return "<" + from + ">";
}

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t ReadCallback(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = up->data->size() - up->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

}  // namespace

namespace {

std::string Wrapped64(const std::string& text) {
  const std::string b64 = Base64(text);
  std::string out;
  for (std::size_t i = 0; i < b64.size(); i += 76) out += b64.substr(i, 76) + "\r\n";
  return out;
}

}  // namespace

std::string RenderMime(const SmtpSettings& settings, const Mail& mail) {
  std::string head = "Date: " + mail.date + "\r\n" + "From: " + settings.from + "\r\n" + "To: <" + mail.to + ">\r\n" +
                     "Message-ID: <" + mail.message_id + ">\r\n" + "Subject: =?UTF-8?B?" + Base64(mail.subject) +
                     "?=\r\n" + "MIME-Version: 1.0\r\n";
  const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                                Wrapped64(mail.body);
  if (mail.attachment_name.empty()) return head + text_part;
  // The boundary is built from the message id's letters and digits (RFC
  // 2046 allows few characters) and starts with "=_", which base64 text
  // never contains.
  std::string boundary = "=_cohort_";
  for (char c : mail.message_id) {
    if (std::isalnum(static_cast<unsigned char>(c))) boundary += c;
  }
  // A plain ASCII file name goes as it is; any other as RFC 2231 says.
  std::string disposition = "attachment; filename=\"" + mail.attachment_name + "\"";
  const bool plain = std::all_of(mail.attachment_name.begin(), mail.attachment_name.end(), [](char c) {
    return c > 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (!plain) {
    std::string encoded;
    for (unsigned char c : mail.attachment_name) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_') encoded += static_cast<char>(c);
      else encoded += "%" + std::string(1, "0123456789ABCDEF"[c >> 4]) + std::string(1, "0123456789ABCDEF"[c & 15]);
    }
    disposition = "attachment; filename*=UTF-8''" + encoded;
  }
  return head + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n" + "--" + boundary + "\r\n" +
         text_part + "--" + boundary + "\r\n" + "Content-Type: " + mail.attachment_type + "\r\nContent-Disposition: " +
         disposition + "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Wrapped64(mail.attachment) + "--" + boundary +
         "--\r\n";
}

Result<void> SendSmtp(const SmtpSettings& settings, const Mail& mail) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (mail.to.find_first_of("\r\n<>") != std::string::npos) return Error::InvalidArgument("bad recipient address");
  CURL* curl = curl_easy_init();
  if (!curl) return Error::Internal("curl_easy_init failed");
  const std::string message = RenderMime(settings, mail);
  Upload upload{&message};
  const std::string from = AddressOf(settings.from);
  const std::string to = "<" + mail.to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadCallback);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, settings.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (!settings.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error::Unavailable(std::string("SMTP delivery failed: ") + (error[0] ? error : curl_easy_strerror(rc)));
  }
  return Ok();
}

}  // namespace cohort::notifications
