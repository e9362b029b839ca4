#pragma once
// Paths that name something inside a folder and cannot leave it: bundle entries, data files a
// plugin reads from the content folder.
#include <optional>
#include <string>
#include <string_view>

namespace eco {

// A safe relative path, or nullopt: no absolute paths, '..', '.', empty or hidden components,
// backslashes or control characters. Strips one leading "./".
std::optional<std::string> normalize_entry_path(std::string_view path);

}  // namespace eco
