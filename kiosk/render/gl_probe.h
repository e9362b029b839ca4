#pragma once
// Which OpenGL the display offers, asked without keeping it: creating an OpenGL renderer loads
// Mesa (and with llvmpipe, LLVM) into the process for good, ~65 MB that stay mapped after the
// renderer is destroyed. The kiosk asks a short-lived child (`ecolobby gl-renderer`) instead.
#include <string>
#include <string_view>

struct SDL_Renderer;

namespace eco {

// The GL_RENDERER string of an accelerated SDL renderer on the current display ("" when there
// is none). Starts and quits SDL's video subsystem: for a process that draws nothing itself.
std::string probe_gl_renderer();

// The GL_RENDERER string of an SDL renderer if it is an OpenGL one with a current context, else "".
std::string gl_renderer_of(SDL_Renderer* renderer);

// Whether a GL_RENDERER string names a rasteriser on the CPU (Mesa's llvmpipe and the like).
bool is_software_gl(std::string_view gl_renderer);

}  // namespace eco
