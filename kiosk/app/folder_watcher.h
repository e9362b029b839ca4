#pragma once
// Development mode: watches folders (and their subfolders) with inotify on a small thread and
// reports when something changed, after a quiet period so that an editor's save is one change.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

namespace eco {

class FolderWatcher {
 public:
  explicit FolderWatcher(const std::vector<std::filesystem::path>& folders,
                         std::chrono::milliseconds quiet = std::chrono::milliseconds(300));
  ~FolderWatcher();
  FolderWatcher(const FolderWatcher&) = delete;
  FolderWatcher& operator=(const FolderWatcher&) = delete;
  // True once after each burst of changes has been quiet for `quiet`.
  bool take_change();

 private:
  void run();
  int fd_ = -1;
  std::chrono::milliseconds quiet_;
  std::atomic<bool> stop_{false}, changed_{false};
  std::atomic<int64_t> last_event_ms_{0};
  std::thread thread_;
};

}  // namespace eco
