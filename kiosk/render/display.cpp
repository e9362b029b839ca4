#include "render/display.h"

#include "render/font_memory.h"
#include "render/gl_probe.h"

#include <chrono>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

#include <dlfcn.h>
#include <poll.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_syswm.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace eco {
namespace {
constexpr Uint8 kLetterbox = 0;  // bars around the canvas stay black

// The X server this process draws on, for the one line Xlib's I/O error handler leaves.
std::string g_x11_server;

// Xlib calls this when the connection to the X server breaks (the server died or was killed):
// the connection cannot be used again and Xlib exits if the handler returns, so this says why in
// one line and ends the process itself. (Xlib's own exit() would run the static destructors while
// the worker threads still run; nothing the program could still draw would reach a screen.)
[[noreturn]] int x11_connection_lost(::Display*) {
  spdlog::critical("display lost: the X server {} closed the connection; exiting so the session restarts",
                   g_x11_server);
  spdlog::default_logger()->flush();
  std::fflush(nullptr);
  std::_Exit(kDisplayLostExitCode);
}
}  // namespace

// libwayland-client and libX11 are loaded already, as libSDL2's own dependencies: their functions
// are looked up there (RTLD_NOLOAD), so the program gains no build or package dependency.
struct Display::Connection {
  std::string what;  // "the Wayland compositor (wayland-0)"
  int fd = -1;
  void* wl_display = nullptr;
  int (*wl_display_get_error)(void*) = nullptr;

  template <class F>
  static F lookup(const char* library, const char* name) {
    void* lib = dlopen(library, RTLD_NOW | RTLD_NOLOAD);
    if (!lib) return nullptr;
    auto f = reinterpret_cast<F>(dlsym(lib, name));
    dlclose(lib);  // SDL still holds it: the address stays valid
    return f;
  }

  static std::unique_ptr<Connection> of(SDL_Window* window) {
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info)) return nullptr;
    auto c = std::make_unique<Connection>();
    if (info.subsystem == SDL_SYSWM_WAYLAND) {
      auto get_fd = lookup<int (*)(void*)>("libwayland-client.so.0", "wl_display_get_fd");
      c->wl_display_get_error = lookup<int (*)(void*)>("libwayland-client.so.0", "wl_display_get_error");
      c->wl_display = info.info.wl.display;
      if (!get_fd || !c->wl_display_get_error || !c->wl_display) return nullptr;
      c->fd = get_fd(c->wl_display);
      const char* name = std::getenv("WAYLAND_DISPLAY");
      c->what = fmt::format("the Wayland compositor ({})", name && *name ? name : "wayland-0");
    } else if (info.subsystem == SDL_SYSWM_X11) {
      ::Display* d = info.info.x11.display;
      auto number = lookup<int (*)(::Display*)>("libX11.so.6", "XConnectionNumber");
      auto name = lookup<char* (*)(::Display*)>("libX11.so.6", "XDisplayString");
      if (!d || !number) return nullptr;
      c->fd = number(d);
      g_x11_server = name && name(d) ? name(d) : "";
      c->what = fmt::format("the X server {}", g_x11_server);
      // Process-wide, called first on an I/O error (before Xlib prints its own lines and exits).
      if (auto set = lookup<int (*(*)(int (*)(::Display*)))(::Display*)>("libX11.so.6", "XSetIOErrorHandler"))
        set(x11_connection_lost);
    } else {
      return nullptr;
    }
    return c->fd >= 0 ? std::move(c) : nullptr;
  }
};

std::optional<std::string> Display::connection_lost() const {
  if (!connection_) return std::nullopt;
  if (connection_->wl_display_get_error) {
    if (int error = connection_->wl_display_get_error(connection_->wl_display))
      return fmt::format("{} closed the connection ({})", connection_->what, std::strerror(error));
  }
  pollfd p{connection_->fd, 0, 0};  // POLLHUP and POLLERR are reported without asking
  if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
    return fmt::format("{} closed the connection", connection_->what);
  return std::nullopt;
}

Display::Display(const DisplayOptions& o) {
  canvas_w_ = o.portrait ? 1080 : 1920;
  canvas_h_ = o.portrait ? 1920 : 1080;
  // We handle SIGTERM/SIGINT ourselves; a window close is not a reason to stop a kiosk.
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  if (o.headless) setenv("SDL_VIDEODRIVER", "dummy", 1);
  software_ = o.headless || o.renderer == RendererKind::Software;
  if (software_) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");  // llvmpipe would cost ~200 MB
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
    throw std::runtime_error(std::string("cannot start the display: ") + SDL_GetError());
  IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);

  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (!o.headless) flags |= o.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE;
  window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width, o.height, flags);
  if (!window_) throw std::runtime_error(std::string("cannot create the window: ") + SDL_GetError());
  if (!o.headless) connection_ = Connection::of(window_);
  if (o.fullscreen && !o.headless) SDL_ShowCursor(SDL_DISABLE);
  SDL_DisableScreenSaver();

  // A CPU rasteriser behind OpenGL (Xvfb, a machine without a GPU): SDL's own software renderer
  // draws the same for less CPU and memory. The probe keeps Mesa out of this process.
  auto on_cpu = [&](const std::string& gl) {
    if (o.renderer != RendererKind::Auto || !is_software_gl(gl)) return false;
    spdlog::info("display: OpenGL is {} (no GPU): drawing with SDL's software renderer instead", gl);
    return true;
  };
  if (!software_ && o.gl_probe && on_cpu(o.gl_probe())) software_ = true;
  const Uint32 accelerated = SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE | (o.vsync ? SDL_RENDERER_PRESENTVSYNC : 0);
  if (!software_) {
    renderer_ = SDL_CreateRenderer(window_, -1, accelerated);
    if (!renderer_) spdlog::warn("no accelerated renderer ({}); drawing in software", SDL_GetError());
    if (renderer_ && on_cpu(gl_renderer_of(renderer_))) {  // no probe, or it could not tell
      SDL_DestroyRenderer(renderer_);
      renderer_ = nullptr;
    }
  }
  if (!renderer_) {
    software_ = true;
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
  }
  // Wayland (cage) has no framebuffer of its own for SDL's software renderer: auto's choice of
  // software on llvmpipe falls back to OpenGL there rather than leave the screen without one.
  if (!renderer_ && o.renderer == RendererKind::Auto && !o.headless) {
    spdlog::info("display: no software renderer on this display ({}); drawing with OpenGL", SDL_GetError());
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
    software_ = false;
    renderer_ = SDL_CreateRenderer(window_, -1, accelerated);
  }
  if (!renderer_) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());

  install_imgui_allocator();  // before the context: fonts are lent to ImGui, never copied
  IMGUI_CHECKVERSION();
  imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = {float(canvas_w_), float(canvas_h_)};
  ImGui_ImplSDLRenderer_Init(renderer_);
  backend_ready_ = true;

  fonts_ = std::make_unique<FontAtlas>(io.Fonts, find_font_files(o.font_override), o.font_scale);
  images_ = std::make_unique<ImageCache>(renderer_);
  painter_ = std::make_unique<ImGuiPainter>(*fonts_, images_.get(), canvas_size());
  spdlog::info("display: {} renderer, canvas {}x{}, output {}x{}", renderer_name(), canvas_w_, canvas_h_,
               output_geometry().output_w, output_geometry().output_h);
}

Display::~Display() {
  painter_.reset();
  images_.reset();
  fonts_.reset();  // uses io.Fonts: must go before the context
  if (backend_ready_) ImGui_ImplSDLRenderer_Shutdown();
  if (imgui_) ImGui::DestroyContext(imgui_);
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  if (canvas_) SDL_DestroyTexture(canvas_);
  if (snapshot_) SDL_DestroyTexture(snapshot_);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  IMG_Quit();
  SDL_Quit();
}

std::string Display::renderer_name() const {
  SDL_RendererInfo info{};
  if (renderer_ && SDL_GetRendererInfo(renderer_, &info) == 0) return info.name;
  return "none";
}

CanvasGeometry Display::output_geometry() const {
  int w = canvas_w_, h = canvas_h_;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  return {canvas_w_, canvas_h_, w, h};
}

CanvasGeometry Display::input_geometry() const {
  int w = canvas_w_, h = canvas_h_;
  SDL_GetWindowSize(window_, &w, &h);
  return {canvas_w_, canvas_h_, w, h};
}

void Display::rebuild_fonts() {
  auto t0 = std::chrono::steady_clock::now();
  fonts_->build();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  auto t1 = std::chrono::steady_clock::now();
  if (!upload_font_texture()) spdlog::error("cannot create the {}x{} font texture: {}", atlas->TexWidth, atlas->TexHeight, SDL_GetError());
  using ms = std::chrono::duration<double, std::milli>;
  spdlog::info("font atlas: {} characters, {}x{} texture, {} in {:.0f} ms, uploaded in {:.0f} ms", fonts_->glyphs().size(),
               atlas->TexWidth, atlas->TexHeight, fonts_->last_build_from_cache() ? "loaded from the cache" : "built",
               ms(t1 - t0).count(), ms(std::chrono::steady_clock::now() - t1).count());
  atlas->ClearTexData();  // the texture holds the pixels now
}

// ImGui's SDL_Renderer backend uploads the atlas by converting it into a 16 MB RGBA copy and
// copying that into a static texture: ~40 ms for the 4096x1024 atlas, on every start. Writing
// the alpha straight into a streaming texture takes a quarter of that. The backend then only
// renders (it draws with each command's texture id), and its NewFrame, whose one job is to make
// its own font texture, is not called.
bool Display::upload_font_texture() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->SetTexID(nullptr);
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  atlas->GetTexDataAsAlpha8(&alpha, &w, &h);
  font_texture_ = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
  void* pixels = nullptr;
  int pitch = 0;
  if (!font_texture_ || SDL_LockTexture(font_texture_, nullptr, &pixels, &pitch) != 0) return false;
  for (int y = 0; y < h; ++y) {
    const unsigned char* src = alpha + static_cast<size_t>(y) * w;
    auto* dst = reinterpret_cast<uint32_t*>(static_cast<unsigned char*>(pixels) + static_cast<size_t>(y) * pitch);
    for (int x = 0; x < w; ++x) dst[x] = (uint32_t{src[x]} << 24) | 0x00FFFFFFu;  // white, glyph coverage as alpha
  }
  SDL_UnlockTexture(font_texture_);
  SDL_SetTextureBlendMode(font_texture_, SDL_BLENDMODE_BLEND);
  atlas->SetTexID(font_texture_);
  return true;
}

SDL_Texture* Display::make_target(unsigned int pixel_format) {
  SDL_Texture* t = SDL_CreateTexture(renderer_, pixel_format, SDL_TEXTUREACCESS_TARGET, canvas_w_, canvas_h_);
  if (!t) spdlog::error("cannot create a {}x{} render target: {}", canvas_w_, canvas_h_, SDL_GetError());
  return t;
}

bool Display::ensure_canvas_texture() {
  if (!canvas_) canvas_ = make_target(SDL_PIXELFORMAT_ARGB8888);
  return canvas_ != nullptr;
}

void Display::render_draw_data_into(SDL_Texture* target) {
  SDL_SetRenderTarget(renderer_, target);
  SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
  SDL_RenderClear(renderer_);
  check_image_draws(ImGui::GetDrawData());
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

// Every draw command's texture is the font atlas or an image the cache still holds; a draw of
// an image freed since it was queued is left out (SDL would read freed memory) and counted.
void Display::check_image_draws(ImDrawData* data) {
  if (!data) return;
  for (int i = 0; i < data->CmdListsCount; ++i) {
    for (ImDrawCmd& cmd : data->CmdLists[i]->CmdBuffer) {
      if (cmd.UserCallback || !cmd.TextureId || cmd.TextureId == font_texture_) continue;
      if (images_->holds(cmd.TextureId)) {
        ++frame_.images;
      } else {
        ++frame_.images_lost;
        cmd.TextureId = nullptr;
        cmd.ElemCount = 0;
      }
    }
  }
}

void Display::overlay_snapshot(float alpha, const Rect& dst) {
  if (!snapshot_ || alpha <= 0) return;
  SDL_SetTextureBlendMode(snapshot_, SDL_BLENDMODE_BLEND);
  SDL_SetTextureAlphaMod(snapshot_, static_cast<Uint8>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f));
  SDL_Rect r{int(dst.x), int(dst.y), int(dst.w), int(dst.h)};
  SDL_RenderCopy(renderer_, snapshot_, nullptr, &r);
}

Painter& Display::begin_frame(float dt) {
  if (fonts_->needs_rebuild()) rebuild_fonts();
  images_->drop_released_pixels();  // the previous frame, which may have drawn them, is rendered
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = dt > 0 ? dt : 1.0f / 60;
  io.DisplaySize = {float(canvas_w_), float(canvas_h_)};
  ImGui::NewFrame();  // not ImGui_ImplSDLRenderer_NewFrame(): the font texture is ours
  images_->new_frame();
  painter_->begin(ImGui::GetBackgroundDrawList());
  return *painter_;
}

bool Display::end_frame_into_snapshot() {
  painter_->end();
  ImGui::Render();
  // No alpha channel: SDL's software blitter then blends with one surface alpha, several times
  // faster than its per-pixel-alpha path.
  if (!snapshot_) snapshot_ = make_target(SDL_PIXELFORMAT_RGB888);
  if (!snapshot_) return false;
  render_draw_data_into(snapshot_);
  SDL_SetRenderTarget(renderer_, nullptr);
  return true;
}

bool Display::end_frame(const std::optional<std::string>& screenshot_png, float snapshot_alpha, std::string* png_bytes) {
  painter_->end();
  ImGui::Render();
  CanvasGeometry geo = output_geometry();
  Rect dst = geo.destination();
  bool direct = geo.output_w == canvas_w_ && geo.output_h == canvas_h_;
  // Drawing straight to the window when it is exactly canvas-sized saves a full-frame copy.
  if (!direct && ensure_canvas_texture()) {
    render_draw_data_into(canvas_);
    overlay_snapshot(snapshot_alpha, {0, 0, float(canvas_w_), float(canvas_h_)});
    SDL_SetRenderTarget(renderer_, nullptr);
    SDL_SetRenderDrawColor(renderer_, kLetterbox, kLetterbox, kLetterbox, 255);
    SDL_RenderClear(renderer_);
    SDL_Rect r{int(dst.x), int(dst.y), int(dst.w), int(dst.h)};
    SDL_RenderCopy(renderer_, canvas_, nullptr, &r);
  } else {
    render_draw_data_into(nullptr);
    overlay_snapshot(snapshot_alpha, dst);
  }
  bool ok = true;
  if (screenshot_png) ok = write_png(*screenshot_png, geo.output_w, geo.output_h);
  if (png_bytes && !encode_png(*png_bytes, geo.output_w, geo.output_h)) png_bytes->clear();
  if (measure_frames_) measure(geo.output_w, geo.output_h);
  SDL_RenderPresent(renderer_);
  frame_.glyphs_missing = fonts_->take_drawn_missing();
  last_frame_ = std::exchange(frame_, FrameReport{});
  return ok;
}

void Display::measure(int w, int h) {
  auto surface = read_pixels("for the frame trace", w, h);
  if (!surface) return;
  double sum = 0;
  int64_t dark = 0, n = 0;
  for (int y = 0; y < h; y += 2) {
    const Uint8* row = static_cast<const Uint8*>(surface->pixels) + y * surface->pitch;
    for (int x = 0; x < w; x += 2, ++n) {
      const Uint8* p = row + x * 3;
      double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
      sum += l;
      if (l < 16) ++dark;
    }
  }
  frame_.luma = n ? sum / double(n) : 0;
  frame_.dark_share = n ? double(dark) / double(n) : 0;
}

std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> Display::read_pixels(const char* what, int w, int h) {
  std::unique_ptr<SDL_Surface, void (*)(SDL_Surface*)> surface(
      SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24), SDL_FreeSurface);
  if (!surface || SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGB24, surface->pixels, surface->pitch) != 0) {
    spdlog::error("screenshot {}: cannot read pixels ({})", what, SDL_GetError());
    surface.reset();
  }
  return surface;
}

// SDL has no growable memory stream: this one appends what IMG_SavePNG_RW writes to a string.
bool Display::encode_png(std::string& out, int w, int h) {
  auto surface = read_pixels("for the status endpoint", w, h);
  if (!surface) return false;
  out.clear();
  SDL_RWops* rw = SDL_AllocRW();
  if (!rw) return false;
  rw->hidden.unknown.data1 = &out;
  rw->write = [](SDL_RWops* ctx, const void* p, size_t size, size_t n) -> size_t {
    static_cast<std::string*>(ctx->hidden.unknown.data1)->append(static_cast<const char*>(p), size * n);
    return n;
  };
  rw->seek = [](SDL_RWops* ctx, Sint64, int) -> Sint64 {
    return static_cast<Sint64>(static_cast<std::string*>(ctx->hidden.unknown.data1)->size());  // append-only
  };
  rw->size = [](SDL_RWops* ctx) -> Sint64 { return static_cast<Sint64>(static_cast<std::string*>(ctx->hidden.unknown.data1)->size()); };
  rw->read = [](SDL_RWops*, void*, size_t, size_t) -> size_t { return 0; };
  rw->close = [](SDL_RWops* ctx) -> int {
    SDL_FreeRW(ctx);
    return 0;
  };
  if (IMG_SavePNG_RW(surface.get(), rw, 1) != 0) {
    spdlog::error("screenshot for the status endpoint: cannot encode ({})", IMG_GetError());
    return false;
  }
  return out.size() > 8;
}

bool Display::write_png(const std::string& path, int w, int h) {
  auto surface = read_pixels(path.c_str(), w, h);
  if (!surface) return false;
  if (IMG_SavePNG(surface.get(), path.c_str()) != 0) {
    spdlog::error("screenshot {}: cannot write ({})", path, IMG_GetError());
    return false;
  }
  return true;
}

}  // namespace eco
