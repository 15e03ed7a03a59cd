#include "http/download.h"

namespace cohort::http {

Result<std::string> FormatParam(const Request& req) {
  const std::string format = req.QueryParam("format").value_or("json");
  if (format != "json" && format != "csv" && format != "xlsx") {
    return Error::InvalidArgument("bad format", {{"format", "not_an_option", "json, csv or xlsx"}});
  }
  return format;
}

Result<Response> TableDownload(const docs::Table& table, std::string_view format, const std::string& file_stem) {
  Response r;
  if (format == "csv") {
    r = Response::Text(200, docs::ToCsv(table), "text/csv; charset=utf-8");
  } else {
    auto bytes = docs::ToXlsx(table);
    if (!bytes) return bytes.error();
    r = Response::Text(200, std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  }
  r.Header("Content-Disposition", "attachment; filename=\"" + file_stem + "." + std::string(format) + "\"");
  r.Header("Cache-Control", "no-store");
  return r;
}

}  // namespace cohort::http
