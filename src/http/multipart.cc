#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace cohort::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The value of parameter `name` in a header value such as
// `form-data; name="file"; filename="cv.pdf"`; empty when absent.
std::string Param(std::string_view value, std::string_view name) {
  constexpr auto npos = std::string_view::npos;
  std::size_t i = value.find(';');
  while (i != npos && i < value.size()) {
    ++i;
    const std::size_t eq = value.find('=', i);
    if (eq == npos) return {};
    const std::string key = Lower(Trim(value.substr(i, eq - i)));
    std::size_t j = eq + 1;
    while (j < value.size() && (value[j] == ' ' || value[j] == '\t')) ++j;
    std::string v;
    if (j < value.size() && value[j] == '"') {
      const std::size_t close = value.find('"', j + 1);
      if (close == npos) return {};
      v = std::string(value.substr(j + 1, close - j - 1));
      i = value.find(';', close);
    } else {
      const std::size_t semi = value.find(';', j);
      v = std::string(Trim(value.substr(j, semi == npos ? npos : semi - j)));
      i = semi;
    }
    if (key == name) return v;
  }
  return {};
}

}  // namespace

Result<std::vector<Part>> ParseMultipart(std::string_view content_type, std::string_view body) {
  if (Lower(Trim(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") {
    return Error::UnsupportedMediaType("send multipart/form-data");
  }
  const std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) return Error::UnsupportedMediaType("multipart/form-data needs a boundary");
  const std::string delimiter = "--" + boundary;
  std::size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return Error::MalformedRequest("the multipart body has no boundary line");
  std::vector<Part> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return Error::MalformedRequest("a multipart boundary line does not end in CRLF");
    pos += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return Error::MalformedRequest("a multipart part has no end of headers");
    Part part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    bool disposition = false;
    while (!headers.empty()) {
      const std::size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Error::MalformedRequest("a multipart header line has no colon");
      const std::string field = Lower(Trim(line.substr(0, colon)));
      const std::string_view value = Trim(line.substr(colon + 1));
      if (field == "content-disposition") {
        if (Lower(value.substr(0, value.find(';'))) != "form-data") {
          return Error::MalformedRequest("a multipart part is not form-data");
        }
        disposition = true;
        part.name = Param(value, "name");
        part.filename = Param(value, "filename");
      } else if (field == "content-type") {
        part.content_type = Lower(value);
      }
    }
    if (!disposition || part.name.empty()) return Error::MalformedRequest("a multipart part has no field name");
    const std::size_t content = headers_end + 4;
    const std::size_t end = body.find("\r\n" + delimiter, content);
    if (end == std::string_view::npos) return Error::MalformedRequest("a multipart part is not closed by the boundary");
    part.body = body.substr(content, end - content);
    parts.push_back(std::move(part));
    if (parts.size() > 16) return Error::MalformedRequest("too many multipart parts");
    pos = end + 2;
  }
}

}  // namespace cohort::http
