#include "update/presentation_converter.h"

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "base/child_process.h"
#include "scene/schedule.h"
#include "update/bundle_error.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

// run_child does no PATH lookup.
std::optional<fs::path> find_soffice() {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    fs::path candidate = fs::path(dir) / "soffice";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "ecolobby-soffice-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw BundleError("cannot make a temporary directory for LibreOffice");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void convert(const fs::path& soffice, const Slot& slot, const fs::path& from, const fs::path& to) {
  TempDir tmp;
  // LibreOffice knows WPS's .dps by its content, the binary PowerPoint format, not by its name.
  std::string ext = from.extension().string();
  fs::path input = tmp.path / ("in" + (ext == ".dps" || ext == ".DPS" ? std::string(".ppt") : ext));
  fs::copy_file(from, input);
  // A profile of its own: a second soffice sharing the user's would hand the job to a running one.
  ChildResult r = run_child({soffice.string(), "-env:UserInstallation=file://" + (tmp.path / "profile").string(), "--headless",
                             "--norestore", "--convert-to", "pdf", "--outdir", tmp.path.string(), input.string()});
  fs::path pdf = tmp.path / "in.pdf";
  std::error_code ec;
  if (r.exit_code != 0 || !fs::is_regular_file(pdf, ec) || fs::file_size(pdf, ec) == 0)
    throw BundleError(fmt::format("{}: LibreOffice could not convert '{}' to PDF ({})", slot.file_where, slot.converted_from,
                                  r.last_error_line().empty() ? fmt::format("exit {}", r.exit_code) : r.last_error_line()));
  fs::path part = to;
  part += ".part";
  fs::copy_file(pdf, part, fs::copy_options::overwrite_existing);
  fs::rename(part, to);
}

}  // namespace

std::vector<std::string> convert_presentations(const fs::path& dir) {
  std::vector<std::string> done;
  std::error_code ec;
  if (!fs::exists(dir / "schedule.toml", ec)) return done;
  Schedule schedule;
  try {
    schedule = load_schedule(dir / "schedule.toml");
  } catch (const std::exception&) {
    return done;  // the checks that follow report it
  }
  std::optional<fs::path> soffice;
  for (const Slot& slot : schedule.slots) {
    if (slot.converted_from.empty()) continue;
    fs::path from = dir / slot.converted_from, to = dir / slot.file;
    if (!fs::is_regular_file(from, ec))
      throw BundleError(fmt::format("{}: '{}' not found", slot.file_where, slot.converted_from));
    if (fs::exists(to, ec) && fs::last_write_time(to, ec) >= fs::last_write_time(from, ec)) continue;
    if (!soffice) soffice = find_soffice();
    if (!soffice)
      throw BundleError(fmt::format("{}: '{}' must become a PDF, and LibreOffice (soffice) is not installed: install "
                                    "libreoffice-impress, or export it as PDF from WPS or PowerPoint as '{}'",
                                    slot.file_where, slot.converted_from, slot.file));
    convert(*soffice, slot, from, to);
    done.push_back(fmt::format("converted {} to {} (LibreOffice)", slot.converted_from, slot.file));
  }
  return done;
}

}  // namespace eco::update
