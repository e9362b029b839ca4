#pragma once
// Which characters the font atlas must hold. Baking all of CJK costs hundreds of MB at display
// sizes, so the atlas holds only what the content, locale files and config actually show,
// plus ASCII and the punctuation and units that numbers need.
#include <cstdint>
#include <filesystem>
#include <set>
#include <string_view>
#include <vector>

namespace eco {

class GlyphSet {
 public:
  GlyphSet();  // starts with ASCII, CJK punctuation, ℃ m² m³ ‰ · ▲ ▼ and friends
  void add_text(std::string_view utf8);
  void add(char32_t c) { codepoints_.insert(c); }
  // Adds every text file (.toml .lua .txt .md .json .csv) below dir; skips larger files than max_bytes.
  void add_directory(const std::filesystem::path& dir, uintmax_t max_bytes = 4 * 1024 * 1024);
  bool contains(char32_t c) const { return codepoints_.contains(c); }
  size_t size() const { return codepoints_.size(); }
  const std::set<char32_t>& codepoints() const { return codepoints_; }
  // ImGui glyph ranges: pairs of inclusive [first,last] runs terminated by 0.
  std::vector<uint32_t> ranges() const;
  // Codepoints in `utf8` that are not in the set.
  std::vector<char32_t> missing_from(std::string_view utf8) const;

 private:
  std::set<char32_t> codepoints_;
};

// Files whose text the screen may show (.toml .lua .txt .md .json .csv): the glyph set reads
// them, and `ecolobby check` checks the fonts cover them.
bool is_text_file(const std::filesystem::path& path);

// Decodes UTF-8; invalid bytes become U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view utf8);
std::string encode_utf8(char32_t c);

}  // namespace eco
