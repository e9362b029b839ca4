#pragma once
// The built-in energy page (schedule scene "data"): today's electricity, water and gas against the
// same day last year, this month's energy and this year's CO2, progress against the plan's
// targets and the savings ranking, with the data's age and a stale badge. It reads the snapshot
// the data worker publishes and never waits for it; until the Lua dashboard replaces it, this
// is what the lobby sees of the live data.
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "scene/scene.h"

namespace eco {

using SnapshotSource = std::function<std::shared_ptr<const nlohmann::json>()>;

class EnergyScene : public Scene {
 public:
  // `building`: the institution this screen belongs to; empty shows the total of the feed.
  EnergyScene(SnapshotSource source, std::string building) : source_(std::move(source)), building_(std::move(building)) {}
  std::string name() const override { return "data"; }
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  std::string text_for_glyphs() const override;
  // Without figures (no source configured, nothing fetched yet) the slot is skipped, not shown empty.
  bool available() const override { return source_ && source_() != nullptr; }

 private:
  void draw_figures(const SceneContext& ctx, Painter& p, const nlohmann::json& snap, const nlohmann::json& b);
  SnapshotSource source_;
  std::string building_;
  const nlohmann::json* drawn_ = nullptr;  // the snapshot last drawn, to redraw when a new one arrives
};

}  // namespace eco
