#pragma once
// The scene concern's part of `ecolobby check`: the schedule parses, every slide image exists,
// decodes and is of a sensible size, the content's text is in an installed font, and every
// campaign in campaigns.toml has dates to come. (Question banks: question_bank_checks.h.)
namespace eco {
void register_scene_checks();
}
