#pragma once
// The baked font atlas saved in the data directory, so that a start skips the bake (~75 ms for
// the ~1000 characters of the bundled content: a fifth of the time to a complete first screen).
// The file holds the alpha texture, the glyph tables of every baked font and the characters it
// was baked for. It is used only when it was baked from the same font files (path, size, mtime),
// sizes and ImGui version, and holds every character wanted now; a few hundred extra characters
// (building names from the last run's feed) are welcome, many more mean a fresh bake.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

struct ImFontAtlas;

namespace eco {

// Serialises a freshly built atlas (it must still hold TexPixelsAlpha8) for save_atlas_file.
std::string encode_atlas(const ImFontAtlas& atlas, const std::set<char32_t>& baked_for, const std::string& identity);

// Writes `bytes` to `file` atomically (temporary file, then rename). Returns an error message
// naming the file, or an empty string.
std::string save_atlas_file(const std::filesystem::path& file, const std::string& bytes);

// Replaces the atlas's fonts and pixels with the cached ones and returns the characters they
// were baked for, or nullopt when the file is missing, stale, damaged or lacks a wanted
// character (`why` then says which, for the log).
std::optional<std::set<char32_t>> load_atlas_file(ImFontAtlas& atlas, const std::filesystem::path& file,
                                                  const std::string& identity, const std::set<char32_t>& wanted,
                                                  std::string* why);

}  // namespace eco
