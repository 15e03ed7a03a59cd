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
  const std::string name = file_stem + "." + std::string(format);
  if (format == "csv") return Response::Download(docs::ToCsv(table), "text/csv; charset=utf-8", name);
  auto bytes = docs::ToXlsx(table);
  if (!bytes) return bytes.error();
  return Response::Download(std::move(*bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
}

}  // namespace cohort::http
