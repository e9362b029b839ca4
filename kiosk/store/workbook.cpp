#include "store/workbook.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace eco::store {
namespace fs = std::filesystem;

namespace {

constexpr double kExcelEpochDays = 25569;  // 1970-01-01 as an Excel serial day (1900 system)

}  // namespace

Workbook::Workbook(fs::path file) : file_(std::move(file)) {
  fs::path dir = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
  tmp_ = dir / fmt::format("{}.tmp{}", file_.filename().string(), ::getpid());
  // libxlsxwriter opens its output only when closing: find out now that the folder takes a
  // file, before the queries run.
  int fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw WorkbookError(fmt::format("{}: cannot write ({})", file_.string(), std::strerror(errno)));
  ::close(fd);
  lxw_workbook_options options{};
  wb_ = workbook_new_opt(tmp_.c_str(), &options);
  if (!wb_) {
    ::unlink(tmp_.c_str());
    throw WorkbookError(fmt::format("{}: cannot write (out of memory)", file_.string()));
  }
  bold_ = workbook_add_format(wb_);
  format_set_bold(bold_);
  date_time_ = workbook_add_format(wb_);
  format_set_num_format(date_time_, "yyyy-mm-dd hh:mm:ss");
  date_ = workbook_add_format(wb_);
  format_set_num_format(date_, "yyyy-mm-dd");
  month_ = workbook_add_format(wb_);
  format_set_num_format(month_, "yyyy-mm");
}

Workbook::~Workbook() {
  if (!wb_) return;
  lxw_workbook_free(wb_);  // not committed: nothing is written
  ::unlink(tmp_.c_str());
}

void Workbook::check(int error, const char* what) {
  if (error != LXW_NO_ERROR)
    throw WorkbookError(fmt::format("{}: cannot write {} ({})", file_.string(), what, lxw_strerror(static_cast<lxw_error>(error))));
}

void Workbook::add_sheet(const std::string& name, const std::vector<std::string>& headers) {
  sheet_name_ = name;
  headers_ = headers;
  continuation_ = 1;
  start_sheet();
}

void Workbook::start_sheet() {
  std::string name = continuation_ == 1 ? sheet_name_ : fmt::format("{} ({})", sheet_name_, continuation_);
  sheet_ = workbook_add_worksheet(wb_, name.c_str());
  if (!sheet_) throw WorkbookError(fmt::format("{}: cannot add sheet '{}'", file_.string(), name));
  for (uint16_t c = 0; c < headers_.size(); ++c) check(worksheet_write_string(sheet_, 0, c, headers_[c].c_str(), bold_), "a header");
  worksheet_freeze_panes(sheet_, 1, 0);
  if (!headers_.empty()) worksheet_autofilter(sheet_, 0, 0, 0, static_cast<lxw_col_t>(headers_.size() - 1));
  // Wide enough for a date-time and most names; an administrator widens the rest.
  worksheet_set_column(sheet_, 0, static_cast<lxw_col_t>(std::max<size_t>(headers_.size(), 1) - 1), 18, nullptr);
  row_ = 1;
  col_ = 0;
  data_start_ = 1;
}

void Workbook::text(std::string_view value) {
  std::string s(value);  // libxlsxwriter wants NUL-terminated text
  check(worksheet_write_string(sheet_, row_, col_++, s.c_str(), nullptr), "a cell");
}

void Workbook::number(double value) { check(worksheet_write_number(sheet_, row_, col_++, value, nullptr), "a cell"); }

void Workbook::boolean(bool value) { check(worksheet_write_boolean(sheet_, row_, col_++, value, nullptr), "a cell"); }

void Workbook::date_time(int64_t local_ms) {
  check(worksheet_write_number(sheet_, row_, col_++, kExcelEpochDays + static_cast<double>(local_ms) / 86400000.0, date_time_),
        "a cell");
}

void Workbook::date(int64_t day_number) {
  check(worksheet_write_number(sheet_, row_, col_++, kExcelEpochDays + static_cast<double>(day_number), date_), "a cell");
}

void Workbook::month(int64_t first_day_number) {
  check(worksheet_write_number(sheet_, row_, col_++, kExcelEpochDays + static_cast<double>(first_day_number), month_), "a cell");
}

void Workbook::json_value(const nlohmann::json& v) {
  if (v.is_null()) blank();
  else if (v.is_boolean()) boolean(v.get<bool>());
  else if (v.is_number()) number(v.get<double>());
  else if (v.is_string()) text(v.get_ref<const std::string&>());
  else text(v.dump());
}

void Workbook::blank() { ++col_; }

void Workbook::sum_above(double total) {
  if (row_ == data_start_) return number(total);
  char first[LXW_MAX_CELL_NAME_LENGTH], last[LXW_MAX_CELL_NAME_LENGTH];
  lxw_rowcol_to_cell(first, data_start_, col_);
  lxw_rowcol_to_cell(last, row_ - 1, col_);
  std::string formula = fmt::format("=SUM({}:{})", first, last);
  check(worksheet_write_formula_num(sheet_, row_, col_++, formula.c_str(), nullptr, total), "a cell");
}

void Workbook::next_row() {
  col_ = 0;
  if (++row_ < kMaxRows) return;
  ++continuation_;
  start_sheet();
}

void Workbook::commit() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  // libxlsxwriter prints its own "[ERROR] …" lines to stderr on failure; the one line that names
  // the file is ours, so its lines go to /dev/null while it writes (a command, not the screen).
  int saved_stderr = ::dup(STDERR_FILENO);
  int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved_stderr >= 0 && devnull >= 0) ::dup2(devnull, STDERR_FILENO);
  errno = 0;
  lxw_error error = workbook_close(wb);
  int err = errno;
  if (saved_stderr >= 0) {
    ::dup2(saved_stderr, STDERR_FILENO);
    ::close(saved_stderr);
  }
  if (devnull >= 0) ::close(devnull);
  auto fail = [&](const std::string& why) {
    ::unlink(tmp_.c_str());
    throw WorkbookError(fmt::format("{}: cannot write ({})", file_.string(), why));
  };
  if (error != LXW_NO_ERROR) fail(err ? std::strerror(err) : lxw_strerror(error));
  int fd = ::open(tmp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    err = errno;
    if (fd >= 0) ::close(fd);
    fail(std::strerror(err));
  }
  ::close(fd);
  if (::rename(tmp_.c_str(), file_.c_str()) != 0) fail(std::strerror(errno));
  fs::path dir = file_.parent_path().empty() ? fs::path(".") : file_.parent_path();
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {  // some file systems refuse to fsync a folder: the rename stands
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace eco::store
