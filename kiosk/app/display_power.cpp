#include "app/display_power.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include <algorithm>

#include <spdlog/spdlog.h>

extern char** environ;

namespace eco {

DisplayPowerCommands::~DisplayPowerCommands() {
  // On the way out, give a command just started (the screen going off at shutdown) a moment.
  for (int i = 0; i < 20 && !running_.empty(); ++i) {
    reap();
    if (!running_.empty()) usleep(50'000);
  }
}

void DisplayPowerCommands::switched(bool off) {
  reap();
  const std::string& command = off ? off_ : on_;
  if (command.empty()) return;
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  int rc = posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ);
  if (rc != 0) {
    spdlog::error("display {}: cannot run '{}': {}", off ? "off_command" : "on_command", command, std::strerror(rc));
    return;
  }
  spdlog::info("display {}: running '{}'", off ? "off" : "on", command);
  running_.push_back({pid, command});
}

void DisplayPowerCommands::reap() {
  std::erase_if(running_, [](const Child& c) {
    int status = 0;
    pid_t r = waitpid(c.pid, &status, WNOHANG);
    if (r == 0) return false;  // still running
    if (r == c.pid && WIFEXITED(status) && WEXITSTATUS(status) != 0)
      spdlog::error("display power command '{}' failed with exit code {}", c.command, WEXITSTATUS(status));
    else if (r == c.pid && WIFSIGNALED(status))
      spdlog::error("display power command '{}' killed by signal {}", c.command, WTERMSIG(status));
    return true;
  });
}

}  // namespace eco
