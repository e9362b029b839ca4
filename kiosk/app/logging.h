#pragma once
// spdlog to stderr and a rotating file under the data directory, plus the journal of recent
// warnings and errors that the admin overlay and the status endpoint show (app/problem_journal.h).
#include <filesystem>
#include <string>
#include <vector>

namespace eco {

// Safe to call more than once; the file sink is added when `log_dir` is writable.
void setup_logging(const std::filesystem::path& log_dir, bool verbose);
// Most recent warnings and errors, oldest first, formatted "HH:MM:SS level message" in the
// screen's time (UTC + `utc_offset_minutes`).
std::vector<std::string> recent_problems(size_t max = 8, int utc_offset_minutes = 480);

}  // namespace eco
