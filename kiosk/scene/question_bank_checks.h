#pragma once
// The `ecolobby check` validator of the question banks the quiz reads from the content directory
// (content/quiz/*.toml), so a broken bank never reaches a screen.
#include <filesystem>
#include <string>
#include <vector>

namespace eco {

// Problems of one question bank, each "file:line: question[3] 'ac-01': …"; empty = fine.
std::vector<std::string> check_question_bank(const std::filesystem::path& file);

void register_question_bank_checks();

}  // namespace eco
