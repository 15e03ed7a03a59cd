#include "docs/table.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <xlsxwriter.h>

namespace cohort::docs {

std::string NeutraliseCell(const std::string& cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                        cell[0] == '\r')) {
    return "'" + cell;
  }
  return cell;
}

namespace {

std::string CsvField(const std::string& raw) {
  const std::string cell = NeutraliseCell(raw);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void CsvLine(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += CsvField(cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string ToCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  CsvLine(out, table.header);
  for (const auto& row : table.rows) CsvLine(out, row);
  return out;
}

Result<std::string> ToXlsx(const Table& table) {
  char path[] = "/tmp/cohort-export-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return Error::Internal("cannot create a temporary file for XLSX");
  close(fd);
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go to disk as written: big exports stay small in memory
  options.tmpdir = const_cast<char*>("/tmp");
  lxw_workbook* book = workbook_new_opt(path, &options);
  if (!book) {
    std::remove(path);
    return Error::Internal("cannot start an XLSX workbook");
  }
  std::string sheet_name = table.title.substr(0, 31);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.empty() ? nullptr : sheet_name.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), NeutraliseCell(table.header[c]).c_str(), bold);
  }
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      std::string cell = NeutraliseCell(table.rows[r][c]);
      // Excel holds at most 32,767 characters in a cell: say where it was cut.
      if (cell.size() > 32000) {
        std::size_t cut = 32000;
        while (cut > 0 && (static_cast<unsigned char>(cell[cut]) & 0xC0) == 0x80) --cut;
        cell = cell.substr(0, cut) + " …(truncated)";
      }
      if (!cell.empty()) {
        worksheet_write_string(sheet, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), cell.c_str(), nullptr);
      }
    }
  }
  const lxw_error closed = workbook_close(book);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::remove(path);
  if (closed != LXW_NO_ERROR) return Error::Internal(std::string("XLSX not written: ") + lxw_strerror(closed));
  return bytes.str();
}

}  // namespace cohort::docs
