#pragma once
// A preview never touches a screen's state (issue #20, 3): a run with --content DIR (other
// content than the screen's), or a headless run of the installed screen's configuration
// (screenshots, checks by hand). Unless --data-dir names a directory, it runs on a private one,
// removed at exit, so starts.json (the last good content), the releases and state.json, the font
// cache and the participation database stay as the screen left them. It shows the installed
// release (read, never recovered) unless --content says otherwise, and neither polls for
// updates nor answers on the status port (the screen itself holds that port).
#include <filesystem>

#include "app/run_options.h"
#include "base/config.h"

namespace eco {

bool is_preview(const Config& config, const RunOptions& options);

class PreviewDataDir {
 public:
  // Moves `config` onto a new private data directory.
  explicit PreviewDataDir(Config& config);
  ~PreviewDataDir();
  PreviewDataDir(const PreviewDataDir&) = delete;
  PreviewDataDir& operator=(const PreviewDataDir&) = delete;
  const std::filesystem::path& path() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace eco
