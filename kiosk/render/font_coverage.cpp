#include "render/font_coverage.h"

#include <algorithm>

// Dear ImGui compiles its copy of stb_truetype with STBTT_STATIC, so this one does not clash.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <imstb_truetype.h>

#include "render/glyph_set.h"
#include "render/mapped_file.h"

namespace eco {

struct FontCoverage::Face {
  MappedFile file;
  stbtt_fontinfo info{};
  bool ok = false;
};

FontCoverage::FontCoverage(const FontFiles& files) {
  std::vector<FontFile> all{files.regular};
  if (files.fallback) all.push_back(*files.fallback);
  for (const FontFile& f : all) {
    auto face = std::make_unique<Face>();
    try {
      face->file = MappedFile(f.path);
    } catch (const std::exception&) {
      continue;
    }
    auto* data = reinterpret_cast<const unsigned char*>(face->file.data());
    int offset = stbtt_GetFontOffsetForIndex(data, f.face_index);
    face->ok = offset >= 0 && stbtt_InitFont(&face->info, data, offset) != 0;
    if (face->ok) faces_.push_back(std::move(face));
  }
}

FontCoverage::~FontCoverage() = default;

bool FontCoverage::covers(char32_t c) const {
  if (c < 0x20 || c == 0x7f || c == 0xFEFF || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F)) return true;  // nothing to draw
  return std::any_of(faces_.begin(), faces_.end(),
                     [c](const auto& f) { return stbtt_FindGlyphIndex(&f->info, static_cast<int>(c)) != 0; });
}

std::vector<char32_t> FontCoverage::uncovered(std::string_view utf8) const {
  std::vector<char32_t> out;
  for (char32_t c : decode_utf8(utf8))
    if (!covers(c) && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  return out;
}

}  // namespace eco
