#include "base/thread_guard.h"

#include <spdlog/spdlog.h>

#include "base/utf8.h"

namespace eco {

void log_thread_failure(std::string_view thread, std::string_view what) noexcept {
  try {
    spdlog::error("{}: {}; keeping the last good state and carrying on", thread, utf8_excerpt(what, 300));
  } catch (...) {  // logging itself failed (out of memory): nothing more can be said
  }
}

}  // namespace eco
