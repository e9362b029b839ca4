#include "render/atlas_cache.h"

#include "base/file_io.h"
#include "render/mapped_file.h"

#include <cstdint>
#include <cstring>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <vector>

#include <imgui.h>

namespace eco {
namespace {

// Bump when the layout below changes; the ImGui version in the identity covers ImGui's structs.
constexpr std::string_view kMagic = "ECOATLS2";
constexpr uint32_t kMaxFonts = 64, kMaxGlyphs = 200000, kMaxSide = 16384;

class Writer {
 public:
  template <typename T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_bytes(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
  void put_string(std::string_view s) {
    put(static_cast<uint32_t>(s.size()));
    out.append(s);
  }
  std::string out;
};

// Reads from the mapped file; every read is bounds-checked, so a truncated or damaged file
// ends in `ok == false` rather than a wild read.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  T get() {
    T v{};
    get_bytes(&v, sizeof v);
    return v;
  }
  void get_bytes(void* p, size_t n) {
    if (!ok || n > in_.size() - pos_) {
      ok = false;
      return;
    }
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
  }
  std::string_view get_view(size_t n) {
    if (!ok || n > in_.size() - pos_) {
      ok = false;
      return {};
    }
    std::string_view v = in_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  std::string_view get_string() { return get_view(get<uint32_t>()); }
  bool at_end() const { return pos_ == in_.size(); }
  bool ok = true;

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

struct FontRecord {
  float size, ascent, descent, scale;
  ImWchar fallback, ellipsis, dot;
  int metrics_surface;
  std::vector<ImFontGlyph> glyphs;
};

bool glyph_is_sane(const ImFontGlyph& g) {
  auto unit = [](float v) { return v >= 0.0f && v <= 1.0f; };
  return unit(g.U0) && unit(g.V0) && unit(g.U1) && unit(g.V1);
}

}  // namespace

std::string encode_atlas(const ImFontAtlas& atlas, const std::set<char32_t>& baked_for, const std::string& identity) {
  Writer w;
  w.put_bytes(kMagic.data(), kMagic.size());
  w.put_string(identity);
  w.put(static_cast<uint32_t>(baked_for.size()));
  for (char32_t c : baked_for) w.put(static_cast<uint32_t>(c));
  w.put(static_cast<uint32_t>(atlas.TexWidth));
  w.put(static_cast<uint32_t>(atlas.TexHeight));
  w.put(atlas.TexUvWhitePixel);
  w.put(atlas.TexUvLines);
  w.put(static_cast<uint32_t>(atlas.Fonts.Size));
  for (const ImFont* f : atlas.Fonts) {
    w.put(f->FontSize);
    w.put(f->Ascent);
    w.put(f->Descent);
    w.put(f->Scale);
    w.put(f->FallbackChar);
    w.put(f->EllipsisChar);
    w.put(f->DotChar);
    w.put(f->MetricsTotalSurface);
    w.put(static_cast<uint32_t>(f->Glyphs.Size));
    w.put_bytes(f->Glyphs.Data, sizeof(ImFontGlyph) * static_cast<size_t>(f->Glyphs.Size));
  }
  w.put_bytes(atlas.TexPixelsAlpha8, static_cast<size_t>(atlas.TexWidth) * static_cast<size_t>(atlas.TexHeight));
  return std::move(w.out);
}

std::string save_atlas_file(const std::filesystem::path& file, const std::string& bytes) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::string error = replace_file(file, bytes);
  return error.empty() ? error : error + ", font cache not saved";
}

std::optional<std::set<char32_t>> load_atlas_file(ImFontAtlas& atlas, const std::filesystem::path& file,
                                                  const std::string& identity, const std::set<char32_t>& wanted,
                                                  std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<std::set<char32_t>> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return fail("no font cache yet");
  MappedFile mapped;
  try {
    mapped = MappedFile(file.string());
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  Reader r({reinterpret_cast<const char*>(mapped.data()), mapped.size()});
  if (r.get_view(kMagic.size()) != kMagic) return fail("not a font cache of this version");
  if (r.get_string() != identity) return fail("baked from other fonts, sizes or ImGui");

  std::set<char32_t> baked_for;
  uint32_t count = r.get<uint32_t>();
  if (count > kMaxGlyphs) return fail("damaged (character count)");
  for (uint32_t i = 0; i < count && r.ok; ++i) baked_for.insert(static_cast<char32_t>(r.get<uint32_t>()));
  for (char32_t c : wanted)
    if (!baked_for.contains(c)) return fail("lacks characters the content uses now");
  // Extra characters cost atlas memory; a cache far bigger than the content needs is rebaked.
  if (baked_for.size() > wanted.size() + std::max<size_t>(300, wanted.size() / 2))
    return fail("holds many more characters than the content uses now");

  uint32_t width = r.get<uint32_t>(), height = r.get<uint32_t>();
  ImVec2 white = r.get<ImVec2>();
  ImVec4 lines[std::extent_v<decltype(ImFontAtlas::TexUvLines)>];
  r.get_bytes(lines, sizeof lines);
  uint32_t font_count = r.get<uint32_t>();
  if (!r.ok || width == 0 || height == 0 || width > kMaxSide || height > kMaxSide || font_count == 0 ||
      font_count > kMaxFonts)
    return fail("damaged (texture or font count)");
  std::vector<FontRecord> fonts(font_count);
  for (FontRecord& f : fonts) {
    f.size = r.get<float>();
    f.ascent = r.get<float>();
    f.descent = r.get<float>();
    f.scale = r.get<float>();
    f.fallback = r.get<ImWchar>();
    f.ellipsis = r.get<ImWchar>();
    f.dot = r.get<ImWchar>();
    f.metrics_surface = r.get<int>();
    uint32_t glyphs = r.get<uint32_t>();
    if (!r.ok || glyphs == 0 || glyphs > kMaxGlyphs) return fail("damaged (glyph count)");
    f.glyphs.resize(glyphs);
    r.get_bytes(f.glyphs.data(), sizeof(ImFontGlyph) * glyphs);
    for (const ImFontGlyph& g : f.glyphs)
      if (!glyph_is_sane(g)) return fail("damaged (glyph outside the texture)");
  }
  std::string_view pixels = r.get_view(static_cast<size_t>(width) * height);
  if (!r.ok || !r.at_end()) return fail("damaged (truncated or trailing bytes)");

  atlas.Clear();
  atlas.TexWidth = static_cast<int>(width);
  atlas.TexHeight = static_cast<int>(height);
  atlas.TexUvScale = {1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height)};
  atlas.TexUvWhitePixel = white;
  std::memcpy(atlas.TexUvLines, lines, sizeof lines);
  atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels.size()));
  std::memcpy(atlas.TexPixelsAlpha8, pixels.data(), pixels.size());
  for (const FontRecord& rec : fonts) {
    ImFont* font = IM_NEW(ImFont)();
    font->ContainerAtlas = &atlas;
    font->FontSize = rec.size;
    font->Ascent = rec.ascent;
    font->Descent = rec.descent;
    font->Scale = rec.scale;
    font->FallbackChar = rec.fallback;
    font->EllipsisChar = rec.ellipsis;
    font->DotChar = rec.dot;
    font->MetricsTotalSurface = rec.metrics_surface;
    font->Glyphs.resize(static_cast<int>(rec.glyphs.size()));
    std::memcpy(font->Glyphs.Data, rec.glyphs.data(), sizeof(ImFontGlyph) * rec.glyphs.size());
    font->BuildLookupTable();  // index tables and the fallback glyph, as Build() ends with
    atlas.Fonts.push_back(font);
  }
  atlas.TexReady = true;
  return baked_for;
}

}  // namespace eco
