#pragma once
// An .xlsx file written with libxlsxwriter so that the name the administrator asked for holds a
// whole workbook or nothing: the workbook is built under `<name>.tmp<pid>` in the same folder,
// fsynced and renamed over the final name only by commit(); a failure (folder not writable, disk
// full) is one line naming the final file, and the temporary file is removed.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace eco::store {

// What a failed workbook says: "june.xlsx: cannot write (No space left on device)".
struct WorkbookError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Workbook {
 public:
  // Throws WorkbookError when the temporary file cannot be created in the folder of `file`.
  explicit Workbook(std::filesystem::path file);
  ~Workbook();  // without commit(): the temporary file is removed, `file` is untouched
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // A sheet with bold `headers` in row 0 (frozen, with a filter). Rows past Excel's limit go on
  // to a continuation sheet "<name> (2)" with the same headers.
  void add_sheet(const std::string& name, const std::vector<std::string>& headers);
  // Cells of the current row of the current sheet, left to right; next_row() ends the row.
  void text(std::string_view value);
  void number(double value);
  void boolean(bool value);
  // A real Excel date-time (local wall time in milliseconds since 1970) or date (day number),
  // shown as 2026-06-24 12:30:00 / 2026-06-24.
  void date_time(int64_t local_ms);
  void date(int64_t day_number);
  void month(int64_t first_day_number);  // a date shown as 2026-06
  // A JSON scalar as the matching cell type (number, boolean, text); others as their JSON text.
  void json_value(const nlohmann::json& value);
  void blank();
  // =SUM over the rows above in this column, showing `total` until recalculated.
  void sum_above(double total);
  void next_row();

  // Writes the file and renames it into place; throws WorkbookError.
  void commit();

  static constexpr uint32_t kMaxRows = 1048576;  // Excel's, header row included

 private:
  void check(int error, const char* what);
  void start_sheet();
  std::filesystem::path file_, tmp_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format *bold_ = nullptr, *date_time_ = nullptr, *date_ = nullptr, *month_ = nullptr;
  std::string sheet_name_;
  std::vector<std::string> headers_;
  int continuation_ = 1;
  uint32_t row_ = 0;
  uint16_t col_ = 0, widest_ = 0;
  uint32_t data_start_ = 1;
};

}  // namespace eco::store
