#pragma once
// Which characters the installed fonts can draw, from their character maps (stb_truetype, no
// rasterising), so `ecolobby check` and bundle updates refuse text that would show as boxes.
#include <memory>
#include <string_view>
#include <vector>

#include "render/font_atlas.h"

namespace eco {

class FontCoverage {
 public:
  explicit FontCoverage(const FontFiles& files);
  ~FontCoverage();
  // True for characters some font has, and for whitespace and controls that draw nothing.
  bool covers(char32_t c) const;
  // The characters of `utf8` no font has, each once, in order of appearance.
  std::vector<char32_t> uncovered(std::string_view utf8) const;

 private:
  struct Face;
  std::vector<std::unique_ptr<Face>> faces_;
};

}  // namespace eco
