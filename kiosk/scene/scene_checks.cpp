#include "scene/scene_checks.h"

#include <SDL_image.h>
#include <fmt/format.h>

#include "app/check_command.h"
#include "render/image_cache.h"
#include "scene/schedule.h"

namespace eco {

void register_scene_checks() {
  add_content_check("schedule", [](const Config&, const std::filesystem::path& dir, CheckReport& report) {
    Schedule schedule = load_schedule(dir / "schedule.toml");  // a ConfigError becomes one error line
    if (schedule.slots.empty()) report.warnings.push_back(schedule.source + ": no slots; the screen shows only the welcome page");
    for (const Slot& slot : schedule.slots) {
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
}

}  // namespace eco
