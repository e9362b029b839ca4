#pragma once
// How `ecolobby` (no subcommand) runs the screen: options for development, tests and benchmarks.
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace eco {

struct RunOptions {
  bool headless = false;
  int frames = 0;                      // headless: how many frames to render (0 = until stopped)
  std::optional<std::string> screenshot;  // PNG of the last frame
  std::string size;                    // "WxH" output size for headless
  std::string windowed;                // "WxH" window for development
  std::optional<std::string> now;      // ISO 8601 start time
  double time_scale = 1.0;
  int frame_step_ms = 33;              // headless: virtual time per frame
  std::optional<std::string> input_script;
  std::optional<std::string> content;  // content directory override
  std::optional<std::string> data_dir; // data directory override (a preview otherwise gets a private one)
  std::optional<std::string> language;
  std::optional<std::string> orientation;
  std::string renderer = "auto";       // auto | software | accelerated
  std::optional<std::string> trace;    // NDJSON of scene changes and taps, for tests
  bool trace_pixels = false;           // with trace: a `drawn` line per frame with its luminance
  bool exit_after_script = false;      // stop once the input script is done (plus one second)
  bool dev = false;                    // reload on file changes; plugin errors on screen
};

void add_run_options(CLI::App& app, RunOptions& options);

// "1280x720" → {1280, 720}; nullopt on anything else.
std::optional<std::pair<int, int>> parse_size(const std::string& text);

}  // namespace eco
