#pragma once
// Runs a program to completion and captures what it prints, for work the kiosk hands to a
// short-lived process of its own (installing a content bundle): whatever that work parses,
// allocates or crashes on stays out of the long-running screen process. The child inherits the
// calling thread's nice value, so a background thread's child stays in the background.
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace eco {

struct ChildResult {
  bool stopped = false;  // `stop` was raised and the child was terminated
  int exit_code = -1;    // when it exited
  int signal = 0;        // when a signal ended it (not our stop)
  std::string out;       // stdout, up to max_output bytes
  std::string err;       // the end of stderr, up to max_output bytes
  std::string last_error_line() const;  // the last non-empty stderr line
};

struct ChildOptions {
  size_t max_output = 64 * 1024;
  const std::atomic<bool>* stop = nullptr;  // checked every 100 ms; SIGTERM, then SIGKILL after 2 s
  std::chrono::milliseconds timeout{0};      // > 0: stopped as by `stop` once it has run this long
};

// argv[0] is the program path (no PATH lookup). stdin is /dev/null; no other descriptor is
// inherited. The child leads its own process group; anything of that group still running when
// the child ends is killed. Throws std::runtime_error when the program cannot be started.
ChildResult run_child(const std::vector<std::string>& argv, const ChildOptions& options = {});

}  // namespace eco
