#include "scene/scene_set.h"

#include <spdlog/spdlog.h>

#include "scene/pdf_scene.h"
#include "scene/poster_scene.h"
#include "scene/rotation.h"
#include "scene/slide_scene.h"
#include "scene/video_scene.h"

namespace eco {

SceneSet::SceneSet(const Schedule& schedule, const std::filesystem::path& content_dir, const SceneFactory& factory) {
  for (const Slot& slot : schedule.slots) {
    std::unique_ptr<Scene> scene;
    bool refused = false;
    if (slot.scene == "welcome") {
      scene = std::make_unique<WelcomeScene>();
    } else if (slot.scene == "slide") {
      scene = std::make_unique<SlideScene>(slot, content_dir);
    } else if (slot.scene == "poster") {
      scene = std::make_unique<PosterScene>(slot, content_dir);
    } else if (slot.scene == "pdf") {
      scene = std::make_unique<PdfScene>(slot, content_dir);
    } else if (slot.scene == "video") {
      scene = std::make_unique<VideoScene>(slot, content_dir);
    } else if (factory) {
      try {
        scene = factory(slot, content_dir);
      } catch (const std::exception& e) {
        // The factory's errors name their own file and line (the key at fault): not prefixed again.
        spdlog::error("{}", e.what());
        problems_.push_back(e.what());
        refused = true;
      }
    }
    // A scene's own failure names the plugin's file:line, not the schedule's: the slot says which use.
    if (scene && !scene->failure().empty()) problems_.push_back(slot.where + ": " + scene->name() + ": " + scene->failure());
    if (!scene && !refused) problems_.push_back(slot.where + ": scene '" + slot.scene + "' is not available");
    if (!scene) spdlog::warn("{}: scene '{}{}{}' is not available; the slot is skipped", slot.where, slot.scene,
                             slot.plugin.empty() ? "" : ":", slot.plugin);
    scenes_.push_back(std::move(scene));
  }
}

Scene& SceneSet::at(int slot) {
  if (slot == Rotation::kFallback || slot < 0 || static_cast<size_t>(slot) >= scenes_.size() || !scenes_[slot])
    return fallback_;
  return *scenes_[static_cast<size_t>(slot)];
}

bool SceneSet::available(size_t slot) const {
  return slot < scenes_.size() && scenes_[slot] && scenes_[slot]->available();
}

std::string SceneSet::text_for_glyphs() const {
  std::string out;
  for (const auto& s : scenes_)
    if (s) out += s->text_for_glyphs();
  return out;
}

}  // namespace eco
