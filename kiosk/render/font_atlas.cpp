#include "render/font_atlas.h"

#include "base/thread_guard.h"
#include "render/atlas_cache.h"
#include "render/font_memory.h"

#include <algorithm>

#include <imgui.h>
#include <spdlog/spdlog.h>

namespace eco {
namespace {

// Baked sizes: body text and small print in regular; titles and big numerals in bold. The
// numeral face holds only ASCII and units, because 128 px CJK glyphs would dominate memory.
struct BakeSpec {
  float size;
  bool bold;
  bool numerals_only;
};
constexpr BakeSpec kBakes[] = {{28, false, false}, {48, false, false}, {64, true, false}, {128, true, true}};
const char* kNumeralExtras = "℃‰²³▲▼·−";

std::optional<FontFile> existing(const std::string& path, int face) {
  std::error_code ec;
  if (!path.empty() && std::filesystem::is_regular_file(path, ec)) return FontFile{path, face};
  return std::nullopt;
}

std::vector<ImWchar> to_imgui_ranges(const GlyphSet& set) {
  std::vector<ImWchar> out;
  for (uint32_t v : set.ranges()) {
    if (v > 0xFFFF) continue;  // ImWchar is 16-bit in Debian's build; those are reported missing
    out.push_back(static_cast<ImWchar>(v));
  }
  if (out.size() % 2 == 0) out.push_back(0);
  if (out.back() != 0) out.push_back(0);
  return out;
}

}  // namespace

std::optional<FontFiles> find_font_files(const std::string& override_regular) {
  const std::string noto = "/usr/share/fonts/opentype/noto/";
  const std::string wqy = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
  auto wqy_file = existing(wqy, 0);
  if (!override_regular.empty()) {
    if (auto f = existing(override_regular, 0)) return FontFiles{*f, *f, wqy_file};
    spdlog::error("font_file {}: not found or unreadable; using the system Chinese font", override_regular);
  }
  // Face 2 of the Noto CJK collections is Simplified Chinese (SC).
  auto regular = existing(noto + "NotoSansCJK-Regular.ttc", 2);
  auto bold = existing(noto + "NotoSansCJK-Bold.ttc", 2);
  if (regular) return FontFiles{*regular, bold ? *bold : *regular, wqy_file};
  if (wqy_file) {
    spdlog::warn("fonts-noto-cjk is not installed; using WenQuanYi Zen Hei");
    return FontFiles{*wqy_file, *wqy_file, std::nullopt};
  }
  spdlog::error("no Chinese font found (install fonts-noto-cjk): Chinese text cannot be shown");
  return std::nullopt;
}

FontAtlas::FontAtlas(ImFontAtlas* atlas, std::optional<FontFiles> files, float size_scale)
    : atlas_(atlas), files_(std::move(files)), size_scale_(size_scale) {
  if (files_) {
    try {
      regular_ = MappedFile(files_->regular.path);
      bold_ = files_->bold.path == files_->regular.path ? MappedFile() : MappedFile(files_->bold.path);
      if (files_->fallback) fallback_ = MappedFile(files_->fallback->path);
      for (const MappedFile* f : {&regular_, &bold_, &fallback_})
        if (!f->empty()) lend_to_imgui(f->data(), f->size());
    } catch (const std::exception& e) {
      spdlog::error("font: {}; falling back to the built-in ASCII font", e.what());
      files_.reset();
    }
  }
}

FontAtlas::~FontAtlas() {
  atlas_->Clear();
  for (const MappedFile* f : {&regular_, &bold_, &fallback_})
    if (!f->empty()) end_loan(f->data());
}

namespace {
thread_local GlyphQuota* current_quota = nullptr;
}

GlyphQuotaScope::GlyphQuotaScope(GlyphQuota* quota) : previous_(current_quota) { current_quota = quota; }
GlyphQuotaScope::~GlyphQuotaScope() { current_quota = previous_; }
GlyphQuota* GlyphQuotaScope::current() { return current_quota; }

bool FontAtlas::note_text(std::string_view utf8) {
  GlyphQuota* quota = current_quota;
  for (char32_t c : decode_utf8(utf8)) {
    if (c < 0x20 || c == 0xFEFF || baked_for_.contains(c) || reported_.contains(c)) continue;  // baked, BOM, no font has it
    drawn_missing_.insert(c);
    if (glyphs_.contains(c)) continue;  // wanted already (twice in this text, or a rebuild is due)
    if (quota) {
      if (quota->added >= quota->limit) {
        if (!quota->warned)
          spdlog::warn("{}: more than {} characters the content does not have; further new characters are drawn as "
                       "a replacement glyph",
                       quota->owner.empty() ? "a plugin" : quota->owner, quota->limit);
        quota->warned = true;
        continue;
      }
      ++quota->added;
      ++plugin_pending_;
    }
    glyphs_.add(c);
  }
  return needs_rebuild();
}

bool FontAtlas::needs_rebuild(SteadyClock::time_point now) const {
  // glyphs_ only grows and holds baked_for_: anything beyond it, less the plugins', is the kiosk's.
  if (glyphs_.size() > baked_for_.size() + plugin_pending_) return true;
  return plugin_pending_ > 0 && (!last_plugin_rebuild_ || now - *last_plugin_rebuild_ >= kPluginRebuildInterval);
}

std::string FontAtlas::take_drawn_missing() {
  std::string out;
  for (char32_t c : drawn_missing_) out += encode_utf8(c);
  drawn_missing_.clear();
  return out;
}

bool FontAtlas::build() {
  baked_for_ = glyphs_.codepoints();
  if (plugin_pending_ > 0) last_plugin_rebuild_ = SteadyClock::now();
  plugin_pending_ = 0;
  atlas_->Clear();
  baked_.clear();
  atlas_->TexDesiredWidth = 4096;
  from_cache_ = false;
  if (!files_) {
    ImFontConfig cfg;
    cfg.SizePixels = 26 * size_scale_;
    baked_.push_back({atlas_->AddFontDefault(&cfg), cfg.SizePixels, false, false});
    atlas_->Build();
    return false;
  }

  std::string id = cache_file_.empty() ? std::string() : identity();
  if (!id.empty() && load_from_cache(id)) return true;

  // Ranges must outlive Build(); ImGui keeps the pointers.
  static thread_local std::vector<ImWchar> text_ranges, numeral_ranges;
  text_ranges = to_imgui_ranges(glyphs_);
  GlyphSet numerals;
  numerals.add_text(kNumeralExtras);
  numeral_ranges = to_imgui_ranges(numerals);

  auto add = [&](const MappedFile& file, int face, float size, const ImWchar* ranges, bool merge) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = true;  // lent, not copied: see font_memory.h
    cfg.FontNo = face;
    cfg.MergeMode = merge;
    cfg.OversampleH = 1;  // display sizes: oversampling only triples memory
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    return atlas_->AddFontFromMemoryTTF(const_cast<unsigned char*>(file.data()), static_cast<int>(file.size()), size,
                                        &cfg, ranges);
  };
  for (const BakeSpec& spec : kBakes) {
    const MappedFile& main = spec.bold && !bold_.empty() ? bold_ : regular_;
    int face = spec.bold ? files_->bold.face_index : files_->regular.face_index;
    const ImWchar* ranges = spec.numerals_only ? numeral_ranges.data() : text_ranges.data();
    float size = spec.size * size_scale_;
    ImFont* font = add(main, face, size, ranges, false);
    if (files_->fallback && !fallback_.empty()) add(fallback_, files_->fallback->face_index, size, ranges, true);
    baked_.push_back({font, size, spec.bold, spec.numerals_only});
  }
  bool built = atlas_->Build();
  atlas_->ClearInputData();  // glyphs are in the fonts now; drop the configs and our loans' references
  if (!built) {
    spdlog::error("font atlas build failed; falling back to the built-in ASCII font");
    files_.reset();
    return build();
  }
  if (!id.empty()) save_to_cache(id);
  note_baked_fonts();
  return true;
}

// Everything that decides the baked pixels and glyph tables, except the characters.
std::string FontAtlas::identity() const {
  auto describe = [](const FontFile& f) {
    std::error_code ec;
    auto size = std::filesystem::file_size(f.path, ec);
    auto mtime = std::filesystem::last_write_time(f.path, ec).time_since_epoch().count();
    return fmt::format("{}#{}:{}:{}", f.path, f.face_index, size, mtime);
  };
  std::string id = fmt::format("imgui {} glyph {} width {} scale {} extras {}", IMGUI_VERSION, sizeof(ImFontGlyph),
                               atlas_->TexDesiredWidth, size_scale_, kNumeralExtras);
  for (const BakeSpec& spec : kBakes) id += fmt::format(" {}{}{}", spec.size, spec.bold ? "b" : "r", spec.numerals_only ? "n" : "");
  id += " | " + describe(files_->regular) + " | " + describe(files_->bold);
  if (files_->fallback) id += " | " + describe(*files_->fallback);
  return id;
}

bool FontAtlas::load_from_cache(const std::string& identity) {
  std::string why;
  auto baked_for = load_atlas_file(*atlas_, cache_file_, identity, glyphs_.codepoints(), &why);
  if (!baked_for || atlas_->Fonts.Size != static_cast<int>(std::size(kBakes))) {
    if (baked_for) atlas_->Clear();
    spdlog::debug("font cache {} not used: {}", cache_file_.string(), why);
    return false;
  }
  from_cache_ = true;
  for (char32_t c : *baked_for) glyphs_.add(c);  // the extras are baked in: no rebuild when they show up
  baked_for_ = glyphs_.codepoints();
  for (size_t i = 0; i < std::size(kBakes); ++i) {
    const BakeSpec& spec = kBakes[i];
    baked_.push_back({atlas_->Fonts[static_cast<int>(i)], spec.size * size_scale_, spec.bold, spec.numerals_only});
  }
  note_baked_fonts();
  return true;
}

// Encoding copies the texture (a few ms); the file is written on another thread so a slow or
// full disk never holds up a frame. A failed write only costs the next start its head start.
void FontAtlas::save_to_cache(const std::string& identity) {
  std::string bytes = encode_atlas(*atlas_, glyphs_.codepoints(), identity);
  if (cache_writer_.joinable()) cache_writer_.join();
  cache_writer_ = std::jthread([file = cache_file_, bytes = std::move(bytes)] {
    guarded("font cache writer", [&] {
      std::string error = save_atlas_file(file, bytes);
      if (!error.empty()) spdlog::warn("{}", error);
    });
  });
}

void FontAtlas::note_baked_fonts() {
  for (char32_t c : glyphs_.codepoints()) {
    if (c == 0xFFFD) continue;
    if (c > 0xFFFF || !baked_[1].font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing_.insert(c);
  }
  report_missing();
}

void FontAtlas::report_missing() {
  std::string fresh;
  for (char32_t c : missing_) {
    if (reported_.insert(c).second) fresh += encode_utf8(c);
  }
  if (!fresh.empty()) spdlog::warn("missing glyph: no installed font has these characters: {}", fresh);
}

ImFont* FontAtlas::pick(float size, bool bold, std::string_view utf8) const {
  if (baked_.size() == 1) return baked_[0].font;
  bool numeral_ok = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!numeral_ok) {
    GlyphSet numerals;
    numerals.add_text(kNumeralExtras);
    numeral_ok = numerals.missing_from(utf8).empty();
  }
  // Prefer the requested weight; a bake up to 30 % smaller is enlarged rather than switching weight.
  auto choose = [&](bool same_weight_only) -> const Baked* {
    const Baked* best = nullptr;
    const Baked* largest = nullptr;
    for (const Baked& b : baked_) {
      if (b.numerals_only && !numeral_ok) continue;
      if (same_weight_only && b.bold != bold) continue;
      if (!largest || b.size > largest->size) largest = &b;
      if (b.size >= size * 0.98f && (!best || b.size < best->size)) best = &b;
    }
    if (best) return best;
    if (largest && (!same_weight_only || largest->size * 1.3f >= size)) return largest;
    return nullptr;
  };
  if (const Baked* b = choose(true)) return b->font;
  if (const Baked* b = choose(false)) return b->font;
  return baked_[0].font;
}

}  // namespace eco
