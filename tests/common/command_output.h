#pragma once
// Runs a shell command line and collects what it printed (stdout; add " 2>&1" for both) and its
// exit code: for tests of the real program's commands.
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace eco::testing {

struct CommandOutput {
  int code = -1;  // -1: killed by a signal, or popen failed
  std::string output;
};

inline CommandOutput run_command(const std::string& command_line) {
  CommandOutput r;
  FILE* pipe = popen(command_line.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) r.output.append(buf, n);
  int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace eco::testing
