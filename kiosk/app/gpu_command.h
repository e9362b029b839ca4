#pragma once
// `ecolobby gl-renderer`: the OpenGL renderer this display offers, for administrators (is there
// a GPU?) and for the kiosk itself, which asks it in a child so that Mesa never loads into a
// screen that will draw in software (render/gl_probe.h).
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace eco {

void register_gpu_command(CLI::App& app);

// Runs `ecolobby gl-renderer` as a child of this program: its GL_RENDERER line, "" on failure.
std::string gl_renderer_from_child();

}  // namespace eco
