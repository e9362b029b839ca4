#pragma once
// The scene concern's part of `ecolobby check`: the schedule parses, and every slide image
// exists, decodes and is of a sensible size.
namespace eco {
void register_scene_checks();
}
