#include "scene/scene_checks.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <SDL_image.h>
#include <fmt/format.h>

#include "base/content_checks.h"
#include "base/file_io.h"
#include "base/iso8601.h"
#include "base/utf8.h"
#include "render/font_coverage.h"
#include "render/glyph_set.h"
#include "render/image_cache.h"
#include "scene/campaigns.h"
#include "scene/media_checks.h"
#include "scene/schedule.h"
#include "video/video_probe.h"

namespace eco {

void register_scene_checks() {
  register_media_checks();
  add_content_check("schedule", [](const Config&, const std::filesystem::path& dir, CheckReport& report) {
    Schedule schedule = load_schedule(dir / "schedule.toml");  // a ConfigError becomes one error line
    if (schedule.slots.empty()) report.warnings.push_back(schedule.source + ": no slots; the screen shows only the welcome page");
    for (const Slot& slot : schedule.slots) {
      if (slot.video) {  // opened by the screen's own player code, up to its first frame
        VideoInfo info = probe_video((dir / slot.video->file).string());
        if (!info.error.empty()) {
          report.errors.push_back(fmt::format("{}: video '{}' cannot be played: {}", slot.video->file_where, slot.video->file, info.error));
        } else if (auto w = decode_load_warning(info, std::thread::hardware_concurrency())) {
          report.warnings.push_back(fmt::format("{}: video '{}': {}", slot.video->file_where, slot.video->file, *w));
        }
      }
      if (slot.image.empty()) continue;
      auto path = dir / slot.image;
      std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> img(IMG_Load(path.c_str()), SDL_FreeSurface);
      if (!img) {
        report.errors.push_back(fmt::format("{}: image '{}' cannot be shown ({})", slot.where, slot.image, IMG_GetError()));
      } else if (img->w > ImageCache::kMaxSide || img->h > ImageCache::kMaxSide) {
        report.errors.push_back(fmt::format("{}: image '{}' is {}x{}, over {} px", slot.where, slot.image, img->w,
                                            img->h, ImageCache::kMaxSide));
      }
    }
  });
  // Every character of the content's text files must be in an installed font, or it shows as a box.
  add_content_check("fonts", [](const Config& config, const std::filesystem::path& dir, CheckReport& report) {
    auto files = find_font_files(config.font_file);
    if (!files) {
      report.warnings.push_back("no Chinese font installed (fonts-noto-cjk): text coverage not checked");
      return;
    }
    FontCoverage coverage(*files);
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != decltype(it){}; it.increment(ec)) {
      if (!it->is_regular_file(ec) || !is_text_file(it->path())) continue;
      std::string text = read_whole_file(it->path()).value_or("");
      if (!is_valid_utf8(text)) continue;  // its reader reports the encoding; these are not its characters
      std::vector<char32_t> missing = coverage.uncovered(text);
      if (missing.empty()) continue;
      std::string list;
      for (size_t i = 0; i < missing.size() && i < 5; ++i)
        list += fmt::format("{}'{}' (U+{:04X})", i ? ", " : "", encode_utf8(missing[i]), static_cast<uint32_t>(missing[i]));
      report.errors.push_back(fmt::format("{}: {} character(s) no installed font can show, e.g. {}", it->path().string(),
                                          missing.size(), list));
    }
  });
  // A campaign whose dates all lie in the past will never show again: someone forgot this year's.
  add_content_check("campaigns", [](const Config& config, const std::filesystem::path& dir, CheckReport& report) {
    CampaignCalendar calendar = load_campaigns(dir / "campaigns.toml");
    auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    LocalTime today = to_local(now, config.utc_offset_minutes);
    for (const auto& [id, c] : calendar.campaigns) {
      if (!c.day_of.empty()) continue;  // follows its base campaign's dates
      bool upcoming = std::any_of(c.windows.begin(), c.windows.end(), [&](const DayRange& w) { return w.until >= today.day_number(); });
      if (!upcoming)
        report.warnings.push_back(fmt::format("{}: campaign '{}' has no dates in {} or later: add this year's window when it is announced",
                                              c.where, id, today.year));
    }
  });
}

}  // namespace eco
