#pragma once
// `ecolobby check` validators for the data files the bundled campaigns read from the content
// directory (content/quiz/*.toml question banks), so a broken bank never reaches a screen.
#include <filesystem>
#include <string>
#include <vector>

namespace eco {

// Problems of one question bank, each "file:line: question[3] 'ac-01': …"; empty = fine.
std::vector<std::string> check_question_bank(const std::filesystem::path& file);

void register_campaign_checks();

}  // namespace eco
