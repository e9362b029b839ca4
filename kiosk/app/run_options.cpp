#include "app/run_options.h"

#include <charconv>

namespace eco {

std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  auto x = text.find('x');
  if (x == std::string::npos) return std::nullopt;
  int w = 0, h = 0;
  auto a = std::from_chars(text.data(), text.data() + x, w);
  auto b = std::from_chars(text.data() + x + 1, text.data() + text.size(), h);
  if (a.ec != std::errc{} || b.ec != std::errc{} || a.ptr != text.data() + x || b.ptr != text.data() + text.size())
    return std::nullopt;
  if (w < 64 || h < 64 || w > 16384 || h > 16384) return std::nullopt;
  return std::pair{w, h};
}

void add_run_options(CLI::App& app, RunOptions& o) {
  auto* g = app.add_option_group("Running the screen");
  auto size_check = [](const std::string& s) { return parse_size(s) ? std::string() : "expected WxH, e.g. 1280x720"; };
  g->add_flag("--headless", o.headless, "Render without a display (software), e.g. for screenshots");
  g->add_option("--frames", o.frames, "Headless: number of frames to render")->check(CLI::NonNegativeNumber);
  g->add_option("--screenshot", o.screenshot, "Write the last frame to this PNG");
  g->add_option("--size", o.size, "Headless output size WxH (default: canvas size)")->check(size_check);
  g->add_option("--windowed", o.windowed, "Run in a window of WxH instead of fullscreen")->check(size_check);
  g->add_option("--now", o.now, "Start the clock at this time, e.g. 2026-06-24T10:00:00+08:00");
  g->add_option("--time-scale", o.time_scale, "Run the clock this many times faster")->check(CLI::Range(0.001, 100000.0));
  g->add_option("--frame-step-ms", o.frame_step_ms, "Headless: virtual milliseconds per frame")->check(CLI::Range(1, 3600000));
  g->add_option("--input-script", o.input_script, "Replay input from FILE on the virtual clock");
  g->add_flag("--exit-after-script", o.exit_after_script, "Stop one second after the last scripted event");
  g->add_option("--content", o.content, "Content directory (default: the configured or bundled one)");
  g->add_option("--data-dir", o.data_dir,
                "Data directory (default: the configured one; a --content or headless preview of an installed "
                "screen gets a private one, so the screen's state stays untouched)");
  g->add_option("--lang", o.language, "Language: zh-CN (default) or en")->check(CLI::IsMember({"zh-CN", "en"}));
  g->add_option("--orientation", o.orientation, "landscape or portrait")->check(CLI::IsMember({"landscape", "portrait"}));
  g->add_option("--renderer", o.renderer, "auto (the GPU when there is one, else software), software or accelerated (OpenGL even on a CPU rasteriser)")
      ->check(CLI::IsMember({"auto", "software", "accelerated"}));
  g->add_flag("--dev", o.dev, "Development: reload content and plugins when files change, show plugin errors on screen");
  g->add_option("--trace", o.trace, "Write scene changes and taps as JSON lines to FILE");
  g->add_flag("--trace-pixels", o.trace_pixels, "With --trace: a `drawn` line per frame with its mean luminance and dark share");
}

}  // namespace eco
