#pragma once
// The F2 status panel for administrators standing at the screen: versions, frame times, memory,
// data age and the latest problems from the log.
#include <string>
#include <vector>

#include "base/locale.h"
#include "render/painter.h"

namespace eco {

struct StatusInfo {
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

void draw_admin_overlay(Painter& p, const Locale& locale, const StatusInfo& info);

}  // namespace eco
