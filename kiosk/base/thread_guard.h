#pragma once
// The rule for every worker thread (data, updates, participation writer, status, font cache):
// no exception may leave it. Each step of a worker's loop runs through guarded(); a throw is
// logged as one line naming the thread and swallowed, so the worker keeps its last good state
// and carries on with the next step instead of ending the process through std::terminate.
#include <exception>
#include <string_view>

namespace eco {

void log_thread_failure(std::string_view thread, std::string_view what) noexcept;

// Runs step(); false when it threw.
template <typename Step>
bool guarded(std::string_view thread, Step&& step) noexcept {
  try {
    step();
    return true;
  } catch (const std::exception& e) {
    log_thread_failure(thread, e.what());
  } catch (...) {
    log_thread_failure(thread, "an exception that is not a std::exception");
  }
  return false;
}

}  // namespace eco
