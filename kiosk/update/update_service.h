#pragma once
// Automatic content updates for a running screen. A worker thread polls latest.json (ETag or
// file time, so an unchanged file costs one small request), downloads a newer bundle with resume
// and a size cap, applies it through ReleaseStore (verify, extract, check, atomic swap; on a
// screen in a child process, see child_installer.h), and rolls back when the kiosk reports the
// new content unhealthy. The render thread only asks
// `take_ready()` at slot boundaries (a readlink) and reports health; it never waits on I/O.
// Checks are spread and backed off after failures (poll_schedule.h).
#include <atomic>
#include <condition_variable>
#include <memory>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "base/locale.h"
#include "data/fetcher.h"
#include "update/child_installer.h"
#include "update/latest_info.h"
#include "update/release_store.h"
#include "update/update_config.h"

namespace eco::update {

class UpdateService {
 public:
  // Both start the worker. `showing`: the content directory the kiosk starts with; `bundled`:
  // what to show when no release is current (the content shipped with the program).
  // A screen's: bundles are installed, and their content checked, by `child`, a child process
  // of this same program (child_installer.h).
  static std::unique_ptr<UpdateService> installing_in_child(UpdateConfig config, std::filesystem::path data_dir,
                                                            std::filesystem::path showing, std::filesystem::path bundled,
                                                            ChildInstaller child);
  // Tests and tools: bundles are installed in this process, their content checked with `check`.
  static std::unique_ptr<UpdateService> installing_here(UpdateConfig config, std::filesystem::path data_dir,
                                                        ContentCheck check, std::filesystem::path showing,
                                                        std::filesystem::path bundled);
  ~UpdateService();
  UpdateService(const UpdateService&) = delete;
  UpdateService& operator=(const UpdateService&) = delete;

  // A release other than the one showing is current (installed by the poller, by
  // `ecolobby bundle apply`, or by a rollback): show it now.
  std::optional<std::filesystem::path> take_ready();
  // The kiosk's verdict on content it switched to; rollback happens on the worker.
  void report_health(const std::filesystem::path& dir, bool ok, const std::string& error);
  // For the admin overlay, in `locale` (assets/locale, overlay.update_*), the latest of: "内容 7" /
  // "内置内容" at start, "下载 8", "内容 8 · 已安装", "已回滚 8: …", "更新失败: …", "更新错误: …".
  std::string overlay_line(const Locale& locale) const;

 private:
  using Installer = std::variant<ContentCheck, ChildInstaller>;
  UpdateService(UpdateConfig config, std::filesystem::path data_dir, Installer installer, std::filesystem::path showing,
                std::filesystem::path bundled);
  void run();
  bool poll_once();  // false: the check failed (network, server, disk), so the next one backs off
  std::optional<ApplyResult> install(const std::filesystem::path& bundle);
  UpdateConfig config_;
  ReleaseStore store_;
  Installer installer_;
  std::filesystem::path showing_;  // render thread only
  std::filesystem::path bundled_;
  std::string refused_sha256_;     // worker only: a bundle that failed to apply
  std::string waiting_for_;        // worker only: the version a staged rollout holds back (logged once)
  data::Validators validators_;  // worker only: what latest.json said last time it was handled
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  struct Verdict {
    std::string version;
    bool ok;
    std::string error;
  };
  std::vector<Verdict> verdicts_;
  struct Status {  // a locale key and its arguments, written out when asked
    std::string key;
    std::vector<std::pair<std::string, std::string>> args;
  };
  void set_status(Status status);
  Status status_;
  std::atomic<bool> stop_{false};
  std::thread worker_;
};

}  // namespace eco::update
