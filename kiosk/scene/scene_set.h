#pragma once
// The scenes of one content version: one per schedule slot (plugins keep their state while the
// content stays the same) plus the built-in welcome scene the screen falls back to.
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "scene/schedule.h"
#include "scene/welcome_scene.h"

namespace eco {

// Makes the scene for a slot whose type the scene module does not know itself (plugin, data);
// returns nullptr when it cannot, and the slot is skipped. A ConfigError it throws names its own
// file:line (the slot's key at fault, e.g. Slot::plugin_where): SceneSet adds no location to it.
using SceneFactory = std::function<std::unique_ptr<Scene>(const Slot&, const std::filesystem::path& content_dir)>;

class SceneSet {
 public:
  SceneSet(const Schedule& schedule, const std::filesystem::path& content_dir, const SceneFactory& factory);

  Scene& at(int slot);  // Rotation::kFallback → the welcome scene
  bool available(size_t slot) const;
  WelcomeScene& fallback() { return fallback_; }
  std::string text_for_glyphs() const;
  // Slots whose scene could not be made or failed to load, one line each ("schedule.toml:12: …").
  const std::vector<std::string>& problems() const { return problems_; }
  // One per slot, nullptr where the slot could not be made (the status endpoint's plugin list).
  const std::vector<std::unique_ptr<Scene>>& scenes() const { return scenes_; }

 private:
  std::vector<std::unique_ptr<Scene>> scenes_;  // nullptr where the slot could not be made
  WelcomeScene fallback_;
  std::vector<std::string> problems_;
};

}  // namespace eco
