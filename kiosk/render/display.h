#pragma once
// The window and everything that turns a Painter's drawing into pixels: SDL window (fullscreen
// desktop, windowed, or headless on the dummy driver), SDL_Renderer (accelerated when there is a
// GPU, software otherwise), an ImGui context drawing into a canvas-sized target that is
// letterboxed onto the output, and PNG screenshots of what is presented.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "render/canvas.h"
#include "render/font_atlas.h"
#include "render/image_cache.h"
#include "render/imgui_painter.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
struct SDL_Surface;
struct ImGuiContext;
struct ImDrawData;

namespace eco {

// Exit code of a program whose display connection was lost (the session must restart).
inline constexpr int kDisplayLostExitCode = 1;

// Auto: the GPU's OpenGL renderer where there is a GPU, SDL's software renderer otherwise.
enum class RendererKind { Auto, Software, Accelerated };

struct DisplayOptions {
  bool headless = false;
  bool fullscreen = true;
  int width = 1920, height = 1080;  // window size when not fullscreen, output size when headless
  bool portrait = false;
  bool vsync = true;
  RendererKind renderer = RendererKind::Auto;
  // Auto: the display's GL_RENDERER, asked without loading OpenGL here ("" if unknown: then the
  // OpenGL renderer is created and its string read in this process).
  std::function<std::string()> gl_probe;
  float font_scale = 1.0f;
  std::string font_override;  // config font_file
  std::string title = "EcoLobby";
};

// What the last presented frame could not draw as asked: for the trace, so tests see what a
// screen that redraws only on change would have kept showing.
struct FrameReport {
  int images = 0;       // images drawn
  int images_lost = 0;  // image draws whose texture was freed before the frame was rendered (left out)
  std::string glyphs_missing;  // characters drawn as "?" because the font atlas lacked them
  // With measure_frames(true): the presented picture's mean luminance (0..255) and the share of
  // its pixels that are near black (luminance < 16), so a test sees a black or blank frame.
  double luma = -1, dark_share = -1;
};

class Display {
 public:
  explicit Display(const DisplayOptions& options);  // throws std::runtime_error with SDL's reason
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  // Starts a frame: rebuilds the font atlas if text brought new characters, begins ImGui.
  Painter& begin_frame(float dt_seconds);
  // Renders and presents; writes the presented picture to `screenshot_png` if given.
  // Returns false if the screenshot could not be written.
  // `snapshot_alpha` > 0 lays the snapshot (see below) over the frame with that opacity.
  // `png_bytes`, if given, receives the presented picture as PNG (the remote status endpoint).
  bool end_frame(const std::optional<std::string>& screenshot_png = std::nullopt, float snapshot_alpha = 0,
                 std::string* png_bytes = nullptr);
  // Ends a frame by rendering it into the snapshot texture instead of presenting it. A crossfade
  // then costs one scene plus one blended copy per frame instead of two scenes (30 → ~15 ms in
  // software). Returns false if the renderer has no target textures (callers draw both scenes).
  bool end_frame_into_snapshot();

  FontAtlas& fonts() { return *fonts_; }
  ImageCache& images() { return *images_; }
  // Geometry for mapping pointer input: canvas vs window coordinates.
  CanvasGeometry input_geometry() const;
  CanvasGeometry output_geometry() const;
  Vec2 canvas_size() const { return {float(canvas_w_), float(canvas_h_)}; }
  bool software() const { return software_; }
  std::string renderer_name() const;
  const FrameReport& last_frame() const { return last_frame_; }
  // Reads back every presented frame for FrameReport::luma (tests: costs a full-frame read).
  void measure_frames(bool on) { measure_frames_ = on; }
  // True if something (new glyphs) means the last frame should be drawn again.
  bool needs_redraw() const { return fonts_->needs_rebuild(); }
  SDL_Window* window() const { return window_; }
  // Why the connection to the window system is gone (the Wayland compositor or the X server died
  // or dropped us), or nullopt while it is up. One poll(2) without waiting: cheap enough for every
  // loop iteration. SDL 2.26 does not report a lost connection: on Wayland its event wait and its
  // buffer swap keep retrying the dead socket until their timeouts, so the caller must stop.
  // (On X11, Xlib cannot carry on after an I/O error at all: the handler installed here logs one
  // line and ends the process with kDisplayLostExitCode.)
  std::optional<std::string> connection_lost() const;

 private:
  void rebuild_fonts();
  bool upload_font_texture();
  bool ensure_canvas_texture();
  SDL_Texture* make_target(unsigned int pixel_format);
  void render_draw_data_into(SDL_Texture* target);
  void check_image_draws(ImDrawData* data);
  void overlay_snapshot(float alpha, const Rect& dst);
  bool write_png(const std::string& path, int w, int h);
  void measure(int w, int h);
  bool encode_png(std::string& out, int w, int h);
  std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> read_pixels(const char* what, int w, int h);

  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  SDL_Texture* canvas_ = nullptr;
  SDL_Texture* snapshot_ = nullptr;
  SDL_Texture* font_texture_ = nullptr;  // ours, not the ImGui backend's: see upload_font_texture()
  ImGuiContext* imgui_ = nullptr;
  int canvas_w_ = 1920, canvas_h_ = 1080;
  bool software_ = false;
  bool backend_ready_ = false;
  bool measure_frames_ = false;
  std::unique_ptr<FontAtlas> fonts_;
  std::unique_ptr<ImageCache> images_;
  std::unique_ptr<ImGuiPainter> painter_;
  FrameReport frame_, last_frame_;
  struct Connection;  // the window system's socket, watched by connection_lost()
  std::unique_ptr<Connection> connection_;
};

}  // namespace eco
