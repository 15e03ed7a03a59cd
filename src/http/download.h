#pragma once
// Tables as downloads (CSV or XLSX), the one way every report and list
// answers ?format=csv|xlsx.
#include <string>
#include <string_view>

#include "docs/table.h"
#include "http/request.h"
#include "http/response.h"

namespace cohort::http {

// The format asked for with ?format=: "json" (the default), "csv" or
// "xlsx"; kInvalidArgument at "format" (not_an_option) otherwise.
Result<std::string> FormatParam(const Request& req);
// `table` as an attachment named `file_stem`.csv / .xlsx (an ASCII
// filename and the exact one as filename*), never cached.
Result<Response> TableDownload(const docs::Table& table, std::string_view format, const std::string& file_stem);

}  // namespace cohort::http
