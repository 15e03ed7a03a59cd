#pragma once
// The one place that turns errors into HTTP: status codes and RFC 9457
// problem documents (application/problem+json) in the request's language.
#include <string>
#include <string_view>

#include "core/error.h"
#include "http/request.h"
#include "http/response.h"

namespace cohort::http {

int HttpStatus(ErrorCode code);

// A problem document for an error a handler returned. For kInternal and
// kUnavailable the detail is generic: the error's own message goes to the
// log only.
Response ProblemResponse(const Request& request, const Error& error);

// A problem the server itself raises before any handler runs ("not_found",
// "method_not_allowed", "payload_too_large", "header_too_large",
// "overloaded"); `kind` names the catalogue key errors.<kind>.
Response TransportProblem(const Request& request, int status, std::string_view kind, std::string detail = {});

}  // namespace cohort::http
