#include "app/gpu_command.h"

#include <cstdio>

#include <spdlog/spdlog.h>

#include "base/child_process.h"
#include "base/command.h"
#include "render/gl_probe.h"

namespace eco {

void register_gpu_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("gl-renderer",
                                 "Print the display's OpenGL renderer and whether it is a GPU (renderer 'auto' draws in "
                                 "software on a CPU rasteriser such as llvmpipe)");
  cmd->callback([] {
    std::string gl = probe_gl_renderer();
    if (gl.empty()) throw CommandError("gl-renderer: this display offers no OpenGL renderer");
    std::printf("%s\n%s\n", gl.c_str(), is_software_gl(gl) ? "cpu" : "gpu");
  });
}

std::string gl_renderer_from_child() {
  try {
    // This very binary, as the installer's child runs it (update/child_installer.h). A display
    // that hangs the probe must not hang the start: after 10 s it is "unknown".
    ChildResult r = run_child({"/proc/self/exe", "gl-renderer"}, {.timeout = std::chrono::seconds(10)});
    if (r.exit_code != 0) return {};
    return r.out.substr(0, r.out.find('\n'));
  } catch (const std::exception& e) {
    spdlog::warn("display: cannot ask for the OpenGL renderer: {}", e.what());
    return {};
  }
}

}  // namespace eco
