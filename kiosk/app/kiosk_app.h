#pragma once
// The screen itself: the frame loop that rotates scenes, takes input, and draws only when the
// picture changes.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "app/safe_mode.h"
#include "base/config.h"
#include "status/status_board.h"
#include "app/run_options.h"
#include "scene/scene_set.h"
#include "store/play.h"

namespace eco {

struct KioskHooks {
  // Makes the factory for plugin and data scenes once the kiosk's clock exists.
  std::function<SceneFactory(const Clock&)> scene_factory;
  // Overlays drawn above every scene (overlay plugins listed in [plugins] overlays).
  std::function<std::vector<std::unique_ptr<Scene>>(const Clock&)> overlays;
  // Asked at slot boundaries (never mid-slide): a new content directory that is ready to show.
  std::function<std::optional<std::filesystem::path>()> next_content;
  // Told once per switch, `grace` after it, whether the new content showed without errors;
  // content updates roll back on false.
  std::function<void(const std::filesystem::path& dir, bool ok, const std::string& error)> content_health;
  std::chrono::seconds health_grace{20};
  // Content to start with instead of the configured directory (the current release); --content wins.
  std::optional<std::filesystem::path> start_content;
  // The start content is a release that has not passed its health check yet (installed while
  // the kiosk was down, or the kiosk died during the check): watch it like a switch.
  bool check_start_health = false;
  // One line for the admin overlay about content updates; empty = none.
  std::function<std::string()> update_overlay_line;
  // The screen went back to idle after someone used it (anonymous sessions rotate here).
  std::function<void()> on_idle;
  // One line for the admin overlay about participation records: saved, queued and dropped
  // ("已保存 12 · 队列 0 · 丢弃 0"), then refusals and write failures if any (app/store_startup.h).
  std::function<std::string()> participation_overlay_line;
  // One line for the admin overlay about the live data (sources, age, failures); empty = none.
  std::function<std::string()> data_overlay_line;
  // Called once when the screen has run well for `healthy_after` (or stops cleanly) with the
  // content it shows: the crash-loop guard crosses out this start.
  std::function<void(const std::filesystem::path& content_dir)> healthy;
  std::chrono::seconds healthy_after{120};
  // The remote status endpoint's window into the loop (health once a second, screenshots on
  // request); null when the endpoint is off.
  std::shared_ptr<StatusBoard> status_board;
  // Seconds from the newest figures to `now_s`; nullopt without figures (app/status_startup.h).
  std::function<std::optional<int64_t>(int64_t now_s)> data_age_s;
  // Decided once at start-up (app/start_content.h): what safe mode turns off.
  SafeMode safe_mode;
  // For the status endpoint: this screen's institution ([data] building; org_name is the name),
  // and the services' machine-readable fields, {"data_sources": [...], "participation": {...}}
  // (app/status_startup.h makes them, app/status_publisher.h serves them), asked once a second
  // while the endpoint is on.
  std::string institution_id;
  std::function<nlohmann::json(int64_t now_s)> status_fields;
  // Proof of play: each showing of a slot once it left the screen, on the render thread (so it
  // must only queue: app/store_startup.h hands it to the participation writer).
  std::function<void(store::Play)> on_play;
};

// The configuration as the command line changes it (--content, --lang, --orientation, --dev), so
// the hooks (plugins, data) see what the screen shows.
Config apply_run_options(Config config, const RunOptions& options);

// Returns the process exit code. Throws CommandError for unusable options (exit 2).
int run_kiosk(const Config& config, const RunOptions& options, const KioskHooks& hooks = {});

}  // namespace eco
