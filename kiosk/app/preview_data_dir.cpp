#include "app/preview_data_dir.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>


#include "update/release_store.h"

namespace eco {
namespace fs = std::filesystem;

bool is_preview(const Config& config, const RunOptions& options) {
  if (options.data_dir) return false;  // the user chose where it writes
  return options.content || (options.headless && is_system_config(config.source));
}

PreviewDataDir::PreviewDataDir(Config& config) {
  std::string templ = (fs::temp_directory_path() / "ecolobby-preview-XXXXXX").string();
  if (!::mkdtemp(templ.data())) throw std::runtime_error(templ + ": cannot make a preview folder: " + std::strerror(errno));
  dir_ = templ;
  // What the screen shows now, read without recovering or changing anything.
  if (auto release = update::ReleaseStore(config.data_dir).current_dir()) config.content_dir = *release;
  config.data_dir = dir_;
  auto doc = std::make_shared<toml::table>(config.document ? *config.document : toml::table{});
  doc->erase("updates");
  doc->erase("status");
  config.document = doc;
}

PreviewDataDir::~PreviewDataDir() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace eco
