#pragma once
// Tables for download: CSV (RFC 4180, UTF-8 with a byte-order mark so
// spreadsheet programs read Azerbaijani and Cyrillic letters right) and XLSX.
// No cell ever starts a formula: a cell beginning with = + - @, a tab or a
// carriage return is prefixed with an apostrophe.
#include <string>
#include <vector>

#include "core/error.h"

namespace cohort::docs {

struct Table {
  std::string title;  // the sheet's name in XLSX
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string NeutraliseCell(const std::string& cell);
std::string ToCsv(const Table& table);
// kInternal when the temporary file cannot be written.
Result<std::string> ToXlsx(const Table& table);

}  // namespace cohort::docs
