// The scenes of a schedule, and the one line each slot that cannot be shown leaves in problems().
#include "scene/scene_set.h"

#include <gtest/gtest.h>

#include "base/toml_reader.h"

using namespace eco;

namespace {
const char* kSchedule = R"([[slot]]
scene = "slide"
title = "欢迎"

[[slot]]
duration_s = 10
plugin = "green_travle"

[[slot]]
scene = "data"
)";
}  // namespace

TEST(SceneSet, AFactorysErrorIsNotPrefixedAgainAndOtherSlotsSayWhereTheyAre) {
  Schedule s = parse_schedule(kSchedule, "schedule.toml");
  SceneFactory factory = [](const Slot& slot, const std::filesystem::path&) -> std::unique_ptr<Scene> {
    if (slot.scene == "plugin") throw ConfigError(slot.plugin_where + ": no plugin '" + slot.plugin + "' is installed");
    return nullptr;
  };
  SceneSet scenes(s, ".", factory);
  EXPECT_EQ(scenes.problems(), (std::vector<std::string>{"schedule.toml:7: no plugin 'green_travle' is installed",
                                                         "schedule.toml:9: scene 'data' is not available"}));
  EXPECT_TRUE(scenes.available(0));
  EXPECT_FALSE(scenes.available(1));
}
