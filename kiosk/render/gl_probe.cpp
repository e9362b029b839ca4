#include "render/gl_probe.h"

#include <cstring>

#include <SDL.h>

namespace eco {

namespace {
constexpr unsigned kGlRenderer = 0x1F01;  // GL_RENDERER, without pulling in the GL headers
}

std::string gl_renderer_of(SDL_Renderer* renderer) {
  SDL_RendererInfo info{};
  if (!renderer || SDL_GetRendererInfo(renderer, &info) != 0 || std::strncmp(info.name, "opengl", 6) != 0 ||
      !SDL_GL_GetCurrentContext())
    return {};
  using GetString = const unsigned char* (*)(unsigned);
  auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
  const unsigned char* name = get ? get(kGlRenderer) : nullptr;
  return name ? reinterpret_cast<const char*>(name) : "";
}

std::string probe_gl_renderer() {
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) return {};
  std::string name;
  if (SDL_Window* w = SDL_CreateWindow("EcoLobby GL probe", 0, 0, 64, 64, SDL_WINDOW_HIDDEN)) {
    if (SDL_Renderer* r = SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED)) {
      name = gl_renderer_of(r);
      SDL_DestroyRenderer(r);
    }
    SDL_DestroyWindow(w);
  }
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
  return name;
}

// Mesa's rasterisers on the CPU (every X server without a GPU, Xvfb included) draw the same
// pictures as SDL's software renderer at more CPU per frame and ~100 MB more memory.
bool is_software_gl(std::string_view gl_renderer) {
  for (std::string_view cpu : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
    if (gl_renderer.find(cpu) != std::string_view::npos) return true;
  return false;
}

}  // namespace eco
