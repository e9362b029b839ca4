#pragma once
// The F2 admin overlay for administrators standing at the screen: versions, frame times, memory,
// data age and the latest problems from the log. (Not the remote status endpoint, status/, nor
// `ecolobby status`, update/release_status_command.h.)
#include <string>
#include <vector>

#include "base/locale.h"
#include "render/painter.h"

namespace eco {

// What the overlay shows. The kiosk gathers it each frame the overlay is open, and once a second
// for the status endpoint's health JSON, which repeats most of these fields.
struct AdminOverlayInfo {
  std::string version;
  std::string content_version;
  std::string renderer;
  std::string scene;
  double fps = 0;
  double frame_p50_ms = 0, frame_p99_ms = 0;
  double rss_mb = 0;
  std::string data_age;       // empty when no data source is configured
  std::string participation;  // e.g. "已保存 12 · 队列 0 · 丢弃 0"; empty = not shown
  std::string updates;        // content updates: installed, last check, rollback; empty = off
  std::vector<std::string> problems;
};

void draw_admin_overlay(Painter& p, const Locale& locale, const AdminOverlayInfo& info);

}  // namespace eco
