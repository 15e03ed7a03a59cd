#pragma once
// What an uploaded file is, by its content (libmagic), never by the name
// or type the client claims.
#include <string>
#include <string_view>

namespace cohort::docs {

// "pdf", "docx", "jpeg" or "png"; empty for anything else.
std::string SniffUpload(std::string_view bytes);
// The media type to serve a kind with.
std::string MediaType(std::string_view kind);

}  // namespace cohort::docs
