#pragma once
// Whole files in and out: one reader, and one writer that never leaves half a file.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eco {

// The whole of a file's bytes, or nullopt when it cannot be opened; `reason` (if given) then
// gets strerror's words ("No such file or directory"), for the caller's own message.
std::optional<std::string> read_whole_file(const std::filesystem::path& path, std::string* reason = nullptr);

// Replaces `file` with `bytes` so that a crash at any moment leaves the old file or the new one:
// written to `<name>.tmp<pid>` in the same folder, fsynced, renamed over, the folder fsynced.
// Returns "" or one line naming the file and why it is unchanged; the temporary file is gone
// either way (and one a killed writer left is cleared by the next write).
[[nodiscard]] std::string replace_file(const std::filesystem::path& file, std::string_view bytes);

}  // namespace eco
