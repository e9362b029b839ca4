#include "app/folder_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

namespace eco {
namespace {
int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

FolderWatcher::FolderWatcher(const std::vector<std::filesystem::path>& folders, std::chrono::milliseconds quiet)
    : quiet_(quiet) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    spdlog::warn("dev mode: inotify unavailable; changes will not reload");
    return;
  }
  constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM;
  for (const auto& root : folders) {
    std::error_code ec;
    if (!std::filesystem::is_directory(root, ec)) continue;
    inotify_add_watch(fd_, root.c_str(), kMask);
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec); !ec && it != decltype(it){}; it.increment(ec))
      if (it->is_directory(ec)) inotify_add_watch(fd_, it->path().c_str(), kMask);
  }
  thread_ = std::thread([this] { run(); });
}

FolderWatcher::~FolderWatcher() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) close(fd_);
}

void FolderWatcher::run() {
  alignas(inotify_event) char buf[4096];
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      while (read(fd_, buf, sizeof buf) > 0) {
      }
      last_event_ms_ = now_ms();
    }
    int64_t last = last_event_ms_;
    if (last && now_ms() - last >= quiet_.count()) {
      last_event_ms_ = 0;
      changed_ = true;
    }
  }
}

bool FolderWatcher::take_change() { return changed_.exchange(false); }

}  // namespace eco
