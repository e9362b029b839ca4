#pragma once
// The fonts the kiosk draws with: Noto Sans CJK SC (WenQuanYi Zen Hei as fallback) baked at a
// few sizes into one ImGui atlas holding only the glyphs in the GlyphSet. Text that brings new
// characters (a new building name in the feed, a plugin string) extends the set and the atlas
// is rebuilt before the next frame; characters no font has are logged once as "missing glyph".
//
// Text drawn on behalf of a plugin is outside input: while a GlyphQuotaScope is alive, the new
// characters are charged to that plugin's GlyphQuota (a few hundred per plugin instance, that is
// per content version); past it they are drawn as the fallback glyph and one warning is logged.
// Rebuilds such characters ask for are batched: at most one per kPluginRebuildInterval.
#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "render/glyph_set.h"
#include "render/mapped_file.h"

struct ImFont;
struct ImFontAtlas;

namespace eco {

struct FontFile {
  std::string path;
  int face_index = 0;
};

struct FontFiles {
  FontFile regular;
  FontFile bold;
  std::optional<FontFile> fallback;  // merged in for characters the main face lacks
};

// Looks for Noto Sans CJK SC, then WenQuanYi; `override_regular` (config) is tried first.
// Returns nullopt when no CJK font is installed at all.
std::optional<FontFiles> find_font_files(const std::string& override_regular = {});

// How many new characters text drawn for one plugin may add to the atlas.
struct GlyphQuota {
  static constexpr size_t kDefaultLimit = 300;
  std::string owner;  // for the warning: "plugin quiz"
  size_t limit = kDefaultLimit;
  size_t added = 0;
  bool warned = false;
};

// While alive, characters FontAtlas::note_text() adds on this thread are charged to `quota`.
class GlyphQuotaScope {
 public:
  explicit GlyphQuotaScope(GlyphQuota* quota);
  ~GlyphQuotaScope();
  GlyphQuotaScope(const GlyphQuotaScope&) = delete;
  GlyphQuotaScope& operator=(const GlyphQuotaScope&) = delete;
  static GlyphQuota* current();

 private:
  GlyphQuota* previous_;
};

class FontAtlas {
 public:
  using SteadyClock = std::chrono::steady_clock;
  // Characters from plugins trigger at most one rebuild in this time (a rebuild of a big atlas
  // takes hundreds of ms on the render thread); the kiosk's own text rebuilds at once.
  static constexpr std::chrono::seconds kPluginRebuildInterval{5};

  // size_scale enlarges every size (large-print mode).
  FontAtlas(ImFontAtlas* atlas, std::optional<FontFiles> files, float size_scale = 1.0f);
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // Keep the baked atlas in `file` and start from it next time (see atlas_cache.h). Off by
  // default, and in safe mode, where nothing saved by an earlier run is trusted.
  void use_cache(std::filesystem::path file) { cache_file_ = std::move(file); }
  // Bakes the atlas for the current glyph set, or loads it from the cache. Returns false if
  // only ImGui's built-in ASCII font could be used.
  bool build();
  // Adds the characters of `utf8` to the glyph set (charged to the current GlyphQuota, if any);
  // true if the atlas must be rebuilt.
  bool note_text(std::string_view utf8);
  // True when a rebuild is due: the glyph set holds characters the atlas was not built for. At
  // once for the kiosk's own characters (however they reached glyphs(): content files primed at
  // a switch, text drawn for the kiosk), and for characters from plugins once
  // kPluginRebuildInterval has passed since the last rebuild they caused.
  bool needs_rebuild(SteadyClock::time_point now = SteadyClock::now()) const;
  bool last_build_from_cache() const { return from_cache_; }
  GlyphSet& glyphs() { return glyphs_; }

  // The baked font best suited to draw `utf8` at `size` pixels.
  ImFont* pick(float size, bool bold, std::string_view utf8) const;
  // Large print: the painter multiplies every text size by this, so plugins' and scenes' sizes
  // stay as written and layouts (which measure first) wrap to fit.
  float size_scale() const { return size_scale_; }
  // Codepoints that were asked for but no font has (each reported once).
  const std::set<char32_t>& missing() const { return missing_; }
  // The characters text noted since the last call asked for that the atlas as baked lacks: they
  // were drawn as "?" (characters no installed font has are not counted; they are logged once).
  // The frame loop reads it after each frame (the trace's `frame` events).
  std::string take_drawn_missing();

 private:
  struct Baked {
    ImFont* font = nullptr;
    float size = 0;
    bool bold = false;
    bool numerals_only = false;
  };
  bool load_from_cache(const std::string& identity);
  void save_to_cache(const std::string& identity);
  std::string identity() const;
  void note_baked_fonts();
  void report_missing();
  ImFontAtlas* atlas_;
  std::optional<FontFiles> files_;
  float size_scale_;
  MappedFile regular_, bold_, fallback_;
  GlyphSet glyphs_;
  std::vector<Baked> baked_;
  std::set<char32_t> missing_;
  std::set<char32_t> reported_;
  std::set<char32_t> baked_for_;     // the characters the atlas was last built for
  std::set<char32_t> drawn_missing_;  // asked for since take_drawn_missing(), not in baked_for_
  size_t plugin_pending_ = 0;  // characters text drawn for plugins added since the last build
  std::optional<SteadyClock::time_point> last_plugin_rebuild_;
  bool from_cache_ = false;
  std::filesystem::path cache_file_;
  std::jthread cache_writer_;  // writes the cache off the render thread; joined before the next write
};

}  // namespace eco
